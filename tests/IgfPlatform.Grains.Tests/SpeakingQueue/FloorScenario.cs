using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Tests.Live;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>
/// A session (with its organizer and moderator) and its speaking queue, watched by a test relay attached to
/// the session; people of the stakeholder group, region and gender a test needs.
/// </summary>
public sealed class FloorScenario : IDisposable
{
    public const string ServerId = "server-a";

    private readonly ShiftedClockClusterFixture _fixture;

    private FloorScenario(ShiftedClockClusterFixture fixture, SessionScenario session, RelayHandle handle)
    {
        _fixture = fixture;
        Session = session;
        Handle = handle;
        Queue = fixture.Cluster.Client.GetGrain<ISpeakingQueueGrain>(session.SessionId);
    }

    public SessionScenario Session { get; }

    public string SessionId => Session.SessionId;

    public string ModeratorId => Session.ModeratorId;

    public string OrganizerId => Session.OrganizerId;

    public ISpeakingQueueGrain Queue { get; }

    public RelayHandle Handle { get; }

    public TestRelay Relay => Handle.Relay;

    private IClusterClient Client => _fixture.Cluster.Client;

    public static async Task<FloorScenario> Create(ShiftedClockClusterFixture fixture, SessionStatus status = SessionStatus.Live)
    {
        var session = await SessionScenario.Create(fixture.Cluster.Client, status, agendaItems: 0);
        var handle = new RelayHandle(fixture.Cluster.Client);
        await session.Grain.AttachRelay(ServerId, handle.Reference);
        return new FloorScenario(fixture, session, handle);
    }

    /// <summary>Registers someone of the given group, region and gender.</summary>
    public async Task<ParticipantProfile> Person(StakeholderGroup group, Region region = Region.Africa, Gender? gender = Gender.Female)
    {
        var profile = Forum.Profile() with { StakeholderGroup = group, Region = region, Gender = gender };
        return await Client.GetGrain<IAccountGrain>(profile.Email).Register(profile, "hash:" + Guid.NewGuid());
    }

    public async Task<IReadOnlyList<ParticipantProfile>> People(int count, StakeholderGroup group) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Person(group)));

    /// <summary>Asks for the floor in the room, with a request id of its own.</summary>
    public Task<MyFloorEntry> Request(ParticipantProfile who, FloorKind kind = FloorKind.Intervention, RemoteHub? hub = null) =>
        Queue.RequestFloor(who.ParticipantId, Forum.NewId("req"), kind, null, hub, inRoom: true);

    /// <summary>Moves the grains' clock on (floor time passes) and renews the relay, as its server would.</summary>
    public async Task Advance(TimeSpan by)
    {
        _fixture.Clock.Advance(by);
        await Session.Grain.AttachRelay(ServerId, Handle.Reference);
    }

    /// <summary>
    /// Runs a command, then waits until the relay has received one event of each of <paramref name="types"/>
    /// recorded after the command began; returns every floor event recorded since then, as received.
    /// </summary>
    public async Task<IReadOnlyList<SessionEvent>> FloorEventsOf(Func<Task> command, params string[] types)
    {
        var before = await Session.Grain.GetSnapshot();
        await command();
        foreach (var type in types)
        {
            await Relay.WaitForEvent(e => e.Seq > before.Seq && e.Type == type);
        }

        var after = await Session.Grain.GetSnapshot();
        Assert.Equal(before.Epoch, after.Epoch);
        return FloorEventsAfter(before.Epoch, before.Seq);
    }

    public IReadOnlyList<SessionEvent> FloorEventsAfter(long epoch, long seq) =>
        Relay.Batches.Where(b => b.Epoch == epoch).SelectMany(b => b.Events)
            .Where(e => e.Seq > seq && SessionEventTypes.IsFloorEvent(e.Type)).ToList();

    /// <summary>What the floor shows everyone and the moderators, as JSON, without the ledger (which runs with the clock while someone speaks).</summary>
    public async Task<string> Standing()
    {
        var view = await Queue.GetView();
        var figures = await Queue.GetFigures();
        var queue = await Queue.GetQueue(ModeratorId);
        return Forum.Json(new { view = view with { Ledger = null! }, speeches = figures.Speeches, settings = figures.Settings, queue });
    }

    public void Dispose() => Handle.Dispose();
}

/// <summary>Refusals, and reading what the queue says.</summary>
public static class Floor
{
    public static async Task<ForumException> Refused(Func<Task> command, ForumErrorKind kind)
    {
        var ex = await Assert.ThrowsAsync<ForumException>(command);
        Assert.True(kind == ex.Kind, $"Expected {kind}, got {ex.Kind}: {ex.Message}");
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }

    /// <summary>The ledger with its clock reading left out, to compare two readings.</summary>
    public static FloorLedger Timeless(FloorLedger ledger) => ledger with { At = default };

    /// <summary>A speech's floor time as the ledger counts it.</summary>
    public static long Milliseconds(Speech speech) =>
        (long)Math.Max(0, ((speech.EndedAt ?? throw new InvalidOperationException($"Speech {speech.SpeechId} runs.")) - speech.StartedAt).TotalMilliseconds);

    public static string GroupName(StakeholderGroup group) => group switch
    {
        StakeholderGroup.Government => "government",
        StakeholderGroup.PrivateSector => "privateSector",
        StakeholderGroup.CivilSociety => "civilSociety",
        StakeholderGroup.IntergovernmentalOrganization => "intergovernmentalOrganization",
        StakeholderGroup.InternationalOrganization => "internationalOrganization",
        StakeholderGroup.TechnicalAcademic => "technicalAcademic",
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    public static T DataOf<T>(SessionEvent e) => Assert.IsType<T>(e.Data);
}
