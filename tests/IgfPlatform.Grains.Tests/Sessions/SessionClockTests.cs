using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Tests.Live;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary>What the session does as time passes: server leases run out, an overrunning item moves the end.</summary>
public sealed class SessionClockTests(ShiftedClockClusterFixture fixture) : IClassFixture<ShiftedClockClusterFixture>
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    [Fact]
    public async Task A_server_that_stops_reporting_no_longer_counts_once_its_lease_runs_out()
    {
        var s = await SessionScenario.Create(_client, SessionStatus.Live);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        var a = Followers.Counts(3, anonymous: 1);
        var b = Followers.Counts(5, group: "privateSector");
        await s.Grain.ReportPresence("server-a", a);
        await s.Grain.ReportPresence("server-b", b);
        await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, PresenceCounts.Sum([a, b])));

        // Halfway through the lease only A reports again (one more follower); B still counts.
        fixture.Clock.Advance(PresenceLimits.ServerLease / 2);
        var a2 = Followers.Counts(4, anonymous: 1);
        await s.Grain.ReportPresence("server-a", a2);
        await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, PresenceCounts.Sum([a2, b])));

        // Past B's lease (not A's, renewed halfway): B's share is dropped and pushed.
        fixture.Clock.Advance((PresenceLimits.ServerLease / 2) + TimeSpan.FromSeconds(5));
        var dropped = await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, a2));

        Followers.AssertFigures(a2, ((PresenceChanged)dropped.Data).Presence);
        Followers.AssertFigures(a2, (await s.Grain.GetSnapshot()).Presence);
        var pushes = Followers.Pushes(handle.Relay.Events);
        Assert.True(pushes[^1].SameAs(a2));
        Assert.DoesNotContain(pushes, p => p.Total == 0);
    }

    [Fact]
    public async Task An_overrunning_item_pushes_the_timeline_again_as_the_end_moves()
    {
        var s = await SessionScenario.Create(_client, SessionStatus.Live, agendaItems: 0);
        await s.Grain.SetAgenda(s.ModeratorId, [new AgendaItem("opening", "Opening remarks", 1, []), new AgendaItem("panel", "Panel", 20, [])]);
        await s.Grain.SetCurrentItem(s.ModeratorId, "opening");
        var before = await s.Grain.GetSnapshot();
        var started = Assert.Single(before.Timeline.Items, i => i.ItemId == "opening").ActualStart!.Value;

        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        // A relay attached now (one attached before would have outlived its lease on this clock). The
        // session's tick comes before or after it: the timeline is then in the history or reaches the relay.
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        var history = await s.Grain.Resync(before.Epoch, before.Seq);
        var pushed = history.Events!.FirstOrDefault(e => e.Type == SessionEventTypes.TimelineChanged)
            ?? await handle.Relay.WaitForEvent(e => e.Type == SessionEventTypes.TimelineChanged);

        var timeline = ((TimelineChanged)pushed.Data).Timeline;
        var opening = Assert.Single(timeline.Items, i => i.ItemId == "opening");
        Assert.Equal(AgendaItemStatus.Current, opening.Status);
        Assert.Equal(started, opening.ActualStart);
        Assert.True(opening.ExpectedEnd >= started.AddMinutes(3), $"The opening is expected to end at {opening.ExpectedEnd:O}.");
        Assert.Equal(opening.ExpectedEnd, Assert.Single(timeline.Items, i => i.ItemId == "panel").ExpectedStart);
        Assert.InRange(timeline.RunningLateMinutes, before.Timeline.RunningLateMinutes + 2, before.Timeline.RunningLateMinutes + 4);
        Assert.Equal(before.Epoch, history.Epoch);
    }
}
