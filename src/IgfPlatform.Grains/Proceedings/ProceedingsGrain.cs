using System.Text.Json;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Audit;
using IgfPlatform.Grains.Sessions;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace IgfPlatform.Grains.Proceedings;

[GenerateSerializer]
[Alias("igf.ProceedingsState")]
public sealed class ProceedingsState : ICopyableState<ProceedingsState>
{
    [Id(0)]
    public ProceedingsText? Text { get; set; }

    [Id(1)]
    public int Revision { get; set; }

    [Id(2)]
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>The chain: every version published, in order, with its hash (taken-down ones too).</summary>
    [Id(3)]
    public List<ProceedingsVersionInfo> Versions { get; set; } = [];

    public ProceedingsState Copy() => new() { Text = Text, Revision = Revision, EditedAt = EditedAt, Versions = [.. Versions] };
}

/// <summary>
/// A session's proceedings: the moderators' text, and the chain of published versions. A version is
/// acknowledged only once its bytes and its place in the chain are stored; it is never written again.
/// </summary>
public sealed class ProceedingsGrain(
    [PersistentState("proceedings", StorageNames.Blob)] IPersistentState<ProceedingsState> state,
    IArchiveStore archive,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ProceedingsGrain> logger)
    : Grain, IProceedingsGrain
{
    private string SessionId => this.GetPrimaryKeyString();

    private ProceedingsState State => state.State;

    public async Task<ProceedingsDraft> GetDraft(string participantId)
    {
        await RequireEditor(participantId);
        return await Draft();
    }

    public async Task<ProceedingsDraft> SaveText(string participantId, ProceedingsText text, int revision)
    {
        await RequireEditor(participantId);
        var clean = ProceedingsTextRules.Clean(text);
        if (revision != State.Revision)
        {
            throw ForumException.Conflict($"The text was changed by someone else (revision {State.Revision}, not {revision}); read it again and redo your change.");
        }

        var now = time.GetUtcNow();
        await state.Apply(s =>
        {
            s.Text = clean;
            s.Revision++;
            s.EditedAt = now;
        });
        return await Draft();
    }

    public async Task<ProceedingsVersionInfo> Publish(string participantId, string? note)
    {
        var details = await RequireEditor(participantId);
        if (details.Status is not (SessionStatus.Ended or SessionStatus.Published))
        {
            throw ForumException.Conflict($"Proceedings are published after the session ends; it is {SessionRules.Name(details.Status)}.");
        }

        var previous = State.Versions.LastOrDefault();
        var cleanNote = ProceedingsTextRules.Note(note, "note", required: previous is not null);
        var now = time.GetUtcNow();
        var record = new ProceedingsRecord(
            ProceedingsFormat.Current, SessionId, State.Versions.Count + 1, previous?.Hash, ProceedingsBuilder.Stamp(now), cleanNote,
            await Content());
        var bytes = CanonicalJson.Serialize(record);
        var info = new ProceedingsVersionInfo(record.Version, CanonicalJson.Sha256(bytes), record.PreviousHash, now, cleanNote, null);

        // Bytes first, then the chain: a version is in the chain (acknowledged) only when its bytes are stored.
        await archive.WriteVersion(SessionId, record.Version, bytes);
        await state.Apply(s => s.Versions.Add(info));

        await Catalog(record, info);
        await Announce(details, info);
        return info;
    }

    public async Task<ProceedingsVersionInfo> TakeDown(string organizerId, int version, string reason)
    {
        await RequireOrganizer(organizerId);
        var cleanReason = ProceedingsTextRules.Note(reason, "reason", required: true)!;
        var index = version - 1;
        if (index < 0 || index >= State.Versions.Count)
        {
            throw ForumException.NotFound($"There is no version {version} of the proceedings of '{SessionId}'.");
        }

        if (State.Versions[index].TakenDown is not null)
        {
            throw ForumException.Conflict($"Version {version} is already taken down.");
        }

        var down = State.Versions[index] with { TakenDown = new Takedown(time.GetUtcNow(), cleanReason) };
        await state.Apply(s => s.Versions[index] = down);
        await archive.DeleteVersion(SessionId, version);
        await RefreshCatalog();
        await Feed(LiveFeeds.Archive).Record([new FeedChange(ArchiveEventTypes.ProceedingsTakenDown, new ProceedingsTakenDown(SessionId, version, down.Hash, cleanReason))]);
        return down;
    }

    public Task<IReadOnlyList<ProceedingsVersionInfo>> GetVersions() => Task.FromResult<IReadOnlyList<ProceedingsVersionInfo>>([.. State.Versions]);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Versions.Count > 0)
        {
            // The catalog is written after the chain; an earlier activation may have stopped in between.
            try
            {
                await RefreshCatalog();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not refresh the archive entry of {SessionId}", SessionId);
            }
        }

        await base.OnActivateAsync(cancellationToken);
    }

    private async Task<ProceedingsDraft> Draft() =>
        new(SessionId, await Content(), State.Revision, State.EditedAt, [.. State.Versions]);

    private async Task<ProceedingsContent> Content()
    {
        var history = Session.GetHistory();
        var floor = GrainFactory.GetGrain<ISpeakingQueueGrain>(SessionId);
        var figures = floor.GetFigures();
        var speeches = floor.GetSpeechesOnRecord();
        var questions = GrainFactory.GetGrain<IQuestionBoardGrain>(SessionId).GetFigures();
        var actions = audit.CountActions(SessionId);
        return ProceedingsBuilder.Build(await history, await figures, await speeches, await questions, State.Text ?? ProceedingsTextRules.Empty, await actions);
    }

    /// <summary>The archive lists the latest version that is not taken down; none when all are.</summary>
    private async Task RefreshCatalog()
    {
        var latest = State.Versions.LastOrDefault(v => v.TakenDown is null);
        if (latest is null)
        {
            await archive.RemoveEntry(SessionId);
            return;
        }

        var bytes = await archive.ReadVersion(SessionId, latest.Version)
            ?? throw new InvalidOperationException($"Version {latest.Version} of '{SessionId}' has no stored bytes.");
        var record = JsonSerializer.Deserialize<ProceedingsRecord>(bytes, CanonicalJson.Options)!;
        await Catalog(record, latest);
    }

    private Task Catalog(ProceedingsRecord record, ProceedingsVersionInfo info)
    {
        var p = record.Proceedings;
        var entry = new ArchiveEntry(
            SessionId, info.Version, info.Hash, p.Session.Title, p.Session.Type, p.Session.Topics,
            [.. p.Floor.ByGroup.Where(g => g.Value.Speeches > 0).Select(g => g.Key)],
            DateTimeOffset.Parse(p.Session.StartsAt, System.Globalization.CultureInfo.InvariantCulture), info.PublishedAt,
            p.Summary, p.Takeaways, p.CallsToAction, p.Floor.Speeches, p.Floor.Seconds, p.Attendance.Total);
        return archive.UpsertEntry(entry);
    }

    private async Task Announce(SessionDetails details, ProceedingsVersionInfo info)
    {
        var published = new ProceedingsPublished(
            SessionId, info.Version, info.Hash, info.PublishedAt, details.Title, info.Note, $"/api/archive/{SessionId}/v/{info.Version}");
        try
        {
            await Session.MarkPublished();
            await Session.RecordEvents([new FeedChange(SessionEventTypes.ProceedingsPublished, published)]);
            await Feed(LiveFeeds.Archive).Record([new FeedChange(ArchiveEventTypes.ProceedingsPublished, published)]);
        }
        catch (Exception ex)
        {
            // Published is published: the version is stored and in the chain; only the news is late.
            logger.LogWarning(ex, "Could not announce version {Version} of the proceedings of {SessionId}", info.Version, SessionId);
        }
    }

    private ISessionGrain Session => GrainFactory.GetGrain<ISessionGrain>(SessionId);

    private IFeedGrain Feed(string id) => GrainFactory.GetGrain<IFeedGrain>(id);

    /// <summary>The session's moderators and the organizers write and publish the proceedings.</summary>
    private async Task<SessionDetails> RequireEditor(string participantId)
    {
        if (string.IsNullOrEmpty(participantId))
        {
            throw ForumException.Unauthenticated("Sign in as a moderator of the session or an organizer.");
        }

        var details = await Session.GetDetails() ?? throw ForumException.NotFound($"There is no session '{SessionId}'.");
        if (!await Session.IsModerator(participantId) && !await GrainFactory.GetGrain<IParticipantGrain>(participantId).IsOrganizer())
        {
            throw ForumException.Forbidden("Only the session's moderators and organizers may prepare and publish its proceedings.");
        }

        return details;
    }

    private async Task RequireOrganizer(string participantId)
    {
        if (string.IsNullOrEmpty(participantId))
        {
            throw ForumException.Unauthenticated("Sign in as an organizer.");
        }

        if (!await GrainFactory.GetGrain<IParticipantGrain>(participantId).IsOrganizer())
        {
            throw ForumException.Forbidden("Only organizers may take proceedings down.");
        }
    }
}
