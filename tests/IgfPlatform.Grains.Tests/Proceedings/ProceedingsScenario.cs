using System.Text.Json;
using Bogus;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Proceedings;

/// <summary>A session (with its organizer and moderator) and its proceedings, published to the cluster's in-memory archive.</summary>
public sealed class ProceedingsScenario
{
    private readonly ClusterFixture _fixture;

    private ProceedingsScenario(ClusterFixture fixture, SessionScenario session)
    {
        _fixture = fixture;
        Session = session;
        Proceedings = fixture.Grains.GetGrain<IProceedingsGrain>(session.SessionId);
    }

    public SessionScenario Session { get; }

    public string SessionId => Session.SessionId;

    public string ModeratorId => Session.ModeratorId;

    public string OrganizerId => Session.OrganizerId;

    public IProceedingsGrain Proceedings { get; }

    public InMemoryArchiveStore Store => _fixture.ArchiveStore;

    public IGrainFactory Grains => _fixture.Grains;

    public static async Task<ProceedingsScenario> Create(ClusterFixture fixture, SessionStatus status = SessionStatus.Ended, int agendaItems = 3) =>
        new(fixture, await SessionScenario.Create(fixture.Grains, status, agendaItems));

    /// <summary>What moderators write: realistic, different every time.</summary>
    public static ProceedingsText Text()
    {
        var faker = new Faker();
        return new ProceedingsText(
            $"Participants discussed **{faker.Hacker.Noun()}** and {faker.Lorem.Sentence()}\n\n- {faker.Lorem.Sentence()}\n- {faker.Lorem.Sentence()}",
            [faker.Lorem.Sentence(), faker.Lorem.Sentence()],
            [faker.Lorem.Sentence()]);
    }

    /// <summary>Saves a text over the latest revision, as a moderator who has just read the draft.</summary>
    public async Task<ProceedingsDraft> Write(ProceedingsText text, string? by = null)
    {
        var draft = await Proceedings.GetDraft(by ?? ModeratorId);
        return await Proceedings.SaveText(by ?? ModeratorId, text, draft.Revision);
    }

    public async Task<byte[]> Stored(int version) =>
        await Store.ReadVersion(SessionId, version) ?? throw new InvalidOperationException($"Version {version} of {SessionId} has no stored bytes.");

    public static ProceedingsRecord Read(byte[] bytes) => JsonSerializer.Deserialize<ProceedingsRecord>(bytes, CanonicalJson.Options)!;

    /// <summary>Someone of the given group takes the floor in the room and speaks (the session is live).</summary>
    public async Task Speak(ParticipantProfile who)
    {
        var queue = Grains.GetGrain<ISpeakingQueueGrain>(SessionId);
        var entry = await queue.RequestFloor(who.ParticipantId, Forum.NewId("req"), FloorKind.Intervention, null, null, inRoom: true);
        await queue.GiveFloor(ModeratorId, entry.EntryId, null);
        await queue.EndSpeech(ModeratorId);
    }

    /// <summary>The archive feed's events since <paramref name="from"/> that concern this session.</summary>
    public async Task<IReadOnlyList<SessionEvent>> ArchiveEventsSince(FeedPosition from)
    {
        var resync = await Grains.GetGrain<IFeedGrain>(LiveFeeds.Archive).Resync(from.Epoch, from.LastSeq);
        Assert.NotNull(resync.Events);
        return [.. resync.Events.Where(e => e.Data switch
        {
            ProceedingsPublished p => p.SessionId == SessionId,
            ProceedingsTakenDown t => t.SessionId == SessionId,
            _ => false,
        })];
    }

    public Task<FeedPosition> ArchivePosition() => Grains.GetGrain<IFeedGrain>(LiveFeeds.Archive).GetPosition();

    /// <summary>
    /// Checks the chain as anyone can, from the stored bytes: each version's bytes hash to its link and name the
    /// link before. Returns the versions that fail (taken-down versions have no bytes and are checked by hash only).
    /// </summary>
    public async Task<IReadOnlyList<int>> Broken()
    {
        var broken = new List<int>();
        string? previous = null;
        foreach (var link in await Proceedings.GetVersions())
        {
            var ok = link.PreviousHash == previous;
            var bytes = await Store.ReadVersion(SessionId, link.Version);
            if (link.TakenDown is null)
            {
                ok &= bytes is not null && CanonicalJson.Sha256(bytes) == link.Hash;
            }

            if (!ok)
            {
                broken.Add(link.Version);
            }

            previous = link.Hash;
        }

        return broken;
    }
}

/// <summary>Refusals, with their kind.</summary>
public static class Refusal
{
    public static async Task<ForumException> Of(ForumErrorKind kind, Func<Task> command)
    {
        var ex = await Assert.ThrowsAsync<ForumException>(command);
        Assert.True(kind == ex.Kind, $"Expected {kind}, got {ex.Kind}: {ex.Message}");
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }
}
