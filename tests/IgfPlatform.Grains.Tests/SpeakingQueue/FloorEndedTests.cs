using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Tests.Sessions;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>
/// An ended session's ledger is as it stood at the end: whoever opens the session's page afterwards (and so
/// follows it) changes neither the ledger nor its targets, on the same activation of the queue or a new one.
/// </summary>
[Collection(FloorCollection.Name)]
public sealed class FloorEndedTests(ShiftedClockClusterFixture fixture)
{
    /// <summary>Who follows the session when it ends: civil society, from Asia-Pacific, men.</summary>
    private static readonly PresenceCounts AtTheEnd = Followers.Counts(2, group: "civilSociety", region: "asiaPacific", gender: "male");

    /// <summary>Who opens the session's page afterwards (the others have left): the private sector, from Eastern Europe, non-binary.</summary>
    private static readonly PresenceCounts Later = Followers.Counts(3, group: "privateSector", region: "easternEurope", gender: "nonBinary");

    /// <summary>Reports the followers as the session's server does, and waits until the session has pushed them (what the queue reads).</summary>
    private static async Task Follow(FloorScenario s, PresenceCounts counts)
    {
        await s.Session.Grain.ReportPresence(FloorScenario.ServerId, counts);
        await s.Relay.WaitForEvent(e => Followers.IsPushOf(e, counts));
    }

    /// <summary>The ledger everyone sees and the one the proceedings are built from, as JSON (clock reading included).</summary>
    private static async Task<string> Ledgers(FloorScenario s) =>
        Forum.Json(new { view = (await s.Queue.GetView()).Ledger, figures = (await s.Queue.GetFigures()).Ledger });

    /// <summary>Ends the session; returns the ledger as it stands then, which is dated at the end.</summary>
    private static async Task<FloorLedger> End(FloorScenario s)
    {
        var details = await s.Session.Grain.End(s.ModeratorId);
        var ledger = (await s.Queue.GetFigures()).Ledger;
        Assert.Equal(details.EndedAt, ledger.At);
        return ledger;
    }

    /// <summary>
    /// Someone else follows the session, past the queue's presence cache; then the queue is reactivated (a floor
    /// never used stored nothing, and learns the end from the session). The ledgers stay as they were throughout.
    /// </summary>
    private async Task AssertUnmovedByLatecomers(FloorScenario s)
    {
        var atEnd = await Ledgers(s);
        await s.Advance(TimeSpan.FromSeconds(5));
        await Follow(s, Later);
        Assert.Equal(atEnd, await Ledgers(s));

        await fixture.Cluster.DeactivateAsync(s.Queue);
        Assert.Equal(atEnd, await Ledgers(s));
        Assert.False((await s.Queue.GetView()).Open);
    }

    private static string[] Keys(IReadOnlyDictionary<string, FloorShare> shares) => [.. shares.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task The_ledger_of_an_ended_session_stays_as_at_the_end_whoever_follows_it_later()
    {
        using var s = await FloorScenario.Create(fixture);
        var speaker = await s.Person(StakeholderGroup.Government, Region.Africa, Gender.Female);
        var entry = await s.Request(speaker);
        await s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(40));
        await Follow(s, AtTheEnd);
        var beforeEnd = await s.Session.Grain.GetSnapshot();

        var ledger = await End(s);
        Assert.Equal(["civilSociety", "government"], Keys(ledger.ByGroup));
        Assert.Equal((0.5, 0.5), (ledger.ByGroup["civilSociety"].Target, ledger.ByGroup["government"].Target));
        Assert.Equal(["africa", "asiaPacific"], Keys(ledger.ByRegion));
        Assert.Equal(["female", "male"], Keys(ledger.ByGender));

        await AssertUnmovedByLatecomers(s);

        // Whatever the queue announced since the end carries the same ledger.
        await s.Relay.WaitForEvent(e => e.Seq > beforeEnd.Seq && e.Type == SessionEventTypes.FloorLedgerChanged);
        Assert.All(
            s.FloorEventsAfter(beforeEnd.Epoch, beforeEnd.Seq).Where(e => e.Type == SessionEventTypes.FloorLedgerChanged),
            e => Assert.Equal(Forum.Json(ledger), Forum.Json(Floor.DataOf<FloorLedgerChanged>(e).Ledger)));
    }

    [Fact]
    public async Task A_floor_never_used_shows_no_targets_once_its_session_ended_whoever_follows_it()
    {
        using var s = await FloorScenario.Create(fixture);
        await Follow(s, AtTheEnd);
        // While the session runs, the groups following it have their share.
        Assert.Equal(["civilSociety"], Keys((await s.Queue.GetView()).Ledger.ByGroup));

        var ledger = await End(s);
        Assert.Empty(ledger.ByGroup);
        Assert.Empty(ledger.ByRegion);
        Assert.Empty(ledger.ByGender);

        await AssertUnmovedByLatecomers(s);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Organizers_cannot_change_the_targets_or_budgets_once_the_session_ended(bool floorUsed)
    {
        using var s = await FloorScenario.Create(fixture);
        await s.Queue.SetSettings(s.OrganizerId, new FloorSettings(120, 45, new Dictionary<string, int> { ["government"] = 70, ["civilSociety"] = 30 }));
        if (floorUsed)
        {
            var entry = await s.Request(await s.Person(StakeholderGroup.Government));
            await s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null);
            await s.Advance(TimeSpan.FromSeconds(40));
        }

        await End(s);
        async Task<string> Record() => Forum.Json(new { (await s.Queue.GetView()).Settings, ledgers = await Ledgers(s) });
        var atEnd = await Record();

        var ex = await Assert.ThrowsAsync<ForumException>(() => s.Queue.SetSettings(s.OrganizerId, new FloorSettings(300, 60, null, new Dictionary<string, int> { ["government"] = 1 })));

        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Equal(atEnd, await Record());
        await fixture.Cluster.DeactivateAsync(s.Queue);
        Assert.Equal(atEnd, await Record());
    }
}
