using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary><c>ISessionGrain.Resync</c>: the missed events while the session still holds them, else a snapshot.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionResyncTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static async Task Changes(SessionScenario s, int count)
    {
        // Concurrent in chunks (the session still takes them one at a time); every agenda change is one
        // event, and two while its timeline is not held back by a burst.
        for (var done = 0; done < count; done += 100)
        {
            var chunk = Math.Min(100, count - done);
            await Task.WhenAll(Enumerable.Range(done, chunk).Select(i =>
                s.Grain.SetAgenda(s.ModeratorId, [new AgendaItem("only", $"Round {i}", 5, [])]))).Within();
        }
    }

    /// <summary>
    /// Agenda changes until at least <paramref name="events"/> events were recorded, then a skip, whose timeline
    /// is never held back: afterwards the session owes no timeline, so its seq stays where the test reads it.
    /// </summary>
    private static async Task<IgfPlatform.Contracts.Sessions.SessionSnapshot> ChangesUntil(SessionScenario s, long fromSeq, int events)
    {
        while ((await s.Grain.GetSnapshot()).Seq - fromSeq < events)
        {
            await Changes(s, 100);
        }

        await s.Grain.SkipItem(s.ModeratorId, "only");
        return await s.Grain.GetSnapshot();
    }

    [Fact]
    public async Task Inside_the_buffer_resync_returns_exactly_the_missed_events()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        var seen = await s.Grain.GetSnapshot();

        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id);
        var agenda = await s.Grain.SetAgenda(s.ModeratorId, [s.Agenda[1], Forum.Item()]);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[1].Id);
        var now = await s.Grain.GetSnapshot();

        var result = await s.Grain.Resync(seen.Epoch, seen.Seq);

        Assert.Equal(s.SessionId, result.SessionId);
        Assert.Equal(seen.Epoch, result.Epoch);
        Assert.Null(result.Snapshot);
        Assert.NotNull(result.Events);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => seen.Seq + i), result.Events.Select(e => e.Seq));
        Assert.Equal(now.Seq, result.Events[^1].Seq);
        Assert.Equal(
            [
                SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged,
                SessionEventTypes.AgendaChanged, SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged,
                SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged,
            ],
            result.Events.Select(e => e.Type));
        Assert.Equal(Forum.Json(agenda), Forum.Json(((AgendaChanged)result.Events[2].Data).Items));
        // The new agenda no longer has the current item: it is cleared, then set again.
        Assert.Null(((CurrentItemChanged)result.Events[3].Data).ItemId);
        Assert.Equal(s.Agenda[1].Id, ((CurrentItemChanged)result.Events[5].Data).ItemId);
        // Every change is followed by the timeline it leads to.
        var timeline = ((TimelineChanged)result.Events[^1].Data).Timeline;
        Assert.Equal(AgendaItemStatus.Current, Assert.Single(timeline.Items, i => i.ItemId == s.Agenda[1].Id).Status);

        var part = await s.Grain.Resync(seen.Epoch, seen.Seq + 2);
        Assert.Equal(Forum.Json(result.Events.Skip(2)), Forum.Json(part.Events));
    }

    [Fact]
    public async Task Up_to_date_resync_returns_no_events()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id);
        var now = await s.Grain.GetSnapshot();

        var result = await s.Grain.Resync(now.Epoch, now.Seq);

        Assert.Equal(now.Epoch, result.Epoch);
        Assert.Null(result.Snapshot);
        Assert.NotNull(result.Events);
        Assert.Empty(result.Events);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public async Task Another_epoch_or_a_seq_never_given_gets_a_snapshot(long epochOffset, long seqOffset)
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[2].Id);
        var now = await s.Grain.GetSnapshot();

        var result = await s.Grain.Resync(now.Epoch + epochOffset, now.Seq + seqOffset);

        Assert.Null(result.Events);
        Assert.NotNull(result.Snapshot);
        Assert.Equal(now.Epoch, result.Epoch);
        Assert.Equal(Forum.Json(Forum.Timeless(now)), Forum.Json(Forum.Timeless(result.Snapshot)));
        Assert.Equal(Forum.Json(s.Agenda), Forum.Json(result.Snapshot.Agenda));
        Assert.Equal(s.Agenda[2].Id, result.Snapshot.CurrentItemId);
    }

    [Fact]
    public async Task A_gap_beyond_the_buffer_gets_a_snapshot_and_the_edge_of_the_buffer_gets_events()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live, agendaItems: 0);
        var seen = await s.Grain.GetSnapshot();

        var now = await ChangesUntil(s, seen.Seq, LiveLimits.EventBufferSize + 40);

        var tooOld = await s.Grain.Resync(seen.Epoch, seen.Seq);
        var justOutside = await s.Grain.Resync(seen.Epoch, now.Seq - LiveLimits.EventBufferSize - 1);
        var edge = await s.Grain.Resync(seen.Epoch, now.Seq - LiveLimits.EventBufferSize);

        Assert.Null(tooOld.Events);
        Assert.NotNull(tooOld.Snapshot);
        Assert.Equal(Forum.Json(now.Agenda), Forum.Json(tooOld.Snapshot.Agenda));
        Assert.Equal(Forum.Json(await s.Grain.GetAgenda()), Forum.Json(tooOld.Snapshot.Agenda));
        Assert.Equal(now.Seq, tooOld.Snapshot.Seq);
        Assert.Null(justOutside.Events);
        Assert.NotNull(justOutside.Snapshot);
        Assert.Null(edge.Snapshot);
        Assert.NotNull(edge.Events);
        Assert.Equal(LiveLimits.EventBufferSize, edge.Events.Count);
        Assert.Equal(now.Seq, edge.Events[^1].Seq);
        Assert.Equal(Forum.Json(now.Agenda), Forum.Json(((AgendaChanged)edge.Events.Last(e => e.Type == SessionEventTypes.AgendaChanged).Data).Items));
    }

    [Fact]
    public async Task After_deactivation_the_old_epoch_gets_a_snapshot_of_what_was_stored()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id);
        var before = await s.Grain.GetSnapshot();

        await fixture.Cluster.DeactivateAsync(s.Grain);
        var result = await s.Grain.Resync(before.Epoch, before.Seq);

        Assert.Null(result.Events);
        Assert.NotNull(result.Snapshot);
        Assert.NotEqual(before.Epoch, result.Epoch);
        Assert.Equal(result.Epoch, result.Snapshot.Epoch);
        Assert.Equal(0, result.Snapshot.Seq);
        Assert.Equal(Forum.Json(before.Agenda), Forum.Json(result.Snapshot.Agenda));
        Assert.Equal(s.Agenda[0].Id, result.Snapshot.CurrentItemId);
    }
}
