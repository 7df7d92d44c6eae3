using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Tests.Live;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary>The session's timeline as it runs: actual times recorded by the current item and by the end.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionTimelineTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly IClusterClient _client = fixture.Client;

    private static TimelineItem Item(AgendaTimeline timeline, string id) => Assert.Single(timeline.Items, i => i.ItemId == id);

    private static AgendaTimeline TimelineOf(SessionEvent evt)
    {
        Assert.Equal(SessionEventTypes.TimelineChanged, evt.Type);
        return ((TimelineChanged)evt.Data).Timeline;
    }

    /// <summary>The timeline as JSON, computed-at aside.</summary>
    private static string Timeless(AgendaTimeline timeline) => Forum.Json(timeline with { ComputedAt = default });

    [Fact]
    public async Task Before_the_session_is_live_the_timeline_is_the_plan()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        var details = (await s.Grain.GetDetails())!;

        var timeline = await s.Grain.GetTimeline();

        Assert.Equal(details.StartsAt, timeline.PlannedStart);
        Assert.Equal(details.StartsAt.AddMinutes(s.Agenda.Sum(i => i.Minutes)), timeline.PlannedEnd);
        Assert.Equal(timeline.PlannedEnd, timeline.ExpectedEnd);
        Assert.Null(timeline.ActualStart);
        Assert.Equal(0, timeline.RunningLateMinutes);
        Assert.Equal(s.Agenda.Select(i => i.Id), timeline.Items.Select(i => i.ItemId));
        Assert.All(timeline.Items, i =>
        {
            Assert.Equal(AgendaItemStatus.Upcoming, i.Status);
            Assert.Equal(i.PlannedStart, i.ExpectedStart);
        });
        await Assert.ThrowsAsync<ForumException>(() => _grains.GetGrain<ISessionGrain>(Forum.NewId("s")).GetTimeline());
    }

    [Fact]
    public async Task SetCurrentItem_records_when_each_item_starts_and_ends()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        var details = (await s.Grain.GetDetails())!;

        var beforeFirst = DateTimeOffset.UtcNow;
        var first = await s.EventsOf(handle.Relay, () => s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id));
        var afterFirst = DateTimeOffset.UtcNow;
        var second = await s.EventsOf(handle.Relay, () => s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[1].Id));
        var afterSecond = DateTimeOffset.UtcNow;

        Assert.Equal([SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged], first.Select(e => e.Type));
        Assert.Equal([SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged], second.Select(e => e.Type));
        Assert.Equal(s.Agenda[1].Id, ((CurrentItemChanged)second[0].Data).ItemId);

        var opening = Item(TimelineOf(first[1]), s.Agenda[0].Id);
        Assert.Equal(AgendaItemStatus.Current, opening.Status);
        Assert.InRange(opening.ActualStart!.Value, beforeFirst, afterFirst);
        Assert.Null(opening.ActualEnd);
        Assert.Equal(opening.ActualStart, opening.ExpectedStart);
        Assert.Equal(opening.ActualStart.Value.AddMinutes(s.Agenda[0].Minutes), opening.ExpectedEnd);

        var timeline = TimelineOf(second[1]);
        var done = Item(timeline, s.Agenda[0].Id);
        var current = Item(timeline, s.Agenda[1].Id);
        Assert.Equal(AgendaItemStatus.Done, done.Status);
        Assert.Equal(opening.ActualStart, done.ActualStart);
        Assert.InRange(done.ActualEnd!.Value, afterFirst, afterSecond);
        Assert.Equal(done.ActualEnd, done.ExpectedEnd);
        Assert.Equal(AgendaItemStatus.Current, current.Status);
        Assert.Equal(done.ActualEnd, current.ActualStart);
        var last = Item(timeline, s.Agenda[2].Id);
        Assert.Equal(AgendaItemStatus.Upcoming, last.Status);
        Assert.Equal(current.ExpectedEnd, last.ExpectedStart);
        Assert.Equal(details.StartedAt, timeline.ActualStart);
        Assert.Equal(last.ExpectedEnd, timeline.ExpectedEnd);

        // What the event carried is what the session answers.
        Assert.Equal(Timeless(timeline), Timeless(await s.Grain.GetTimeline()));
    }

    [Fact]
    public async Task Setting_the_current_item_again_is_no_change()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id);
        var before = await s.Grain.GetTimeline();

        var events = await s.EventsOf(handle.Relay, () => s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id));

        Assert.Empty(events);
        Assert.Equal(Timeless(before), Timeless(await s.Grain.GetTimeline()));
    }

    [Fact]
    public async Task End_closes_the_current_item_and_the_items_never_taken_up_count_as_skipped()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[1].Id);

        var events = await s.EventsOf(handle.Relay, () => s.Grain.End(s.ModeratorId));

        Assert.Equal(
            [SessionEventTypes.SessionStatusChanged, SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged],
            events.Select(e => e.Type));
        Assert.Equal(new SessionStatusChanged(SessionStatus.Ended, SessionStatus.Live), events[0].Data);
        Assert.Null(((CurrentItemChanged)events[1].Data).ItemId);
        var details = (await s.Grain.GetDetails())!;
        var timeline = TimelineOf(events[2]);
        var closed = Item(timeline, s.Agenda[1].Id);
        Assert.Equal(AgendaItemStatus.Done, closed.Status);
        Assert.Equal(details.EndedAt, closed.ActualEnd);
        Assert.Equal(AgendaItemStatus.Done, Item(timeline, s.Agenda[0].Id).Status);
        var never = Item(timeline, s.Agenda[2].Id);
        Assert.Equal(AgendaItemStatus.Skipped, never.Status);
        Assert.Null(never.ActualStart);
        Assert.Equal(details.EndedAt, timeline.ExpectedEnd);
        Assert.Equal(details.StartedAt, timeline.ActualStart);
        Assert.Null((await s.Grain.GetSnapshot()).CurrentItemId);
        Assert.Equal(Timeless(timeline), Timeless(await s.Grain.GetTimeline()));
    }

    [Fact]
    public async Task End_with_no_current_item_emits_the_status_and_the_timeline()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);

        var events = await s.EventsOf(handle.Relay, () => s.Grain.End(s.ModeratorId));

        Assert.Equal([SessionEventTypes.SessionStatusChanged, SessionEventTypes.TimelineChanged], events.Select(e => e.Type));
        Assert.All(TimelineOf(events[1]).Items, i => Assert.Equal(AgendaItemStatus.Skipped, i.Status));
    }

    [Theory]
    [InlineData(SessionStatus.Scheduled)]
    [InlineData(SessionStatus.Live)]
    [InlineData(SessionStatus.Ended)]
    public async Task The_snapshots_timeline_is_the_sessions_timeline(SessionStatus status)
    {
        var s = await SessionScenario.Create(_grains, status == SessionStatus.Ended ? SessionStatus.Live : status);
        if (status >= SessionStatus.Live)
        {
            await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[1].Id);
        }

        if (status == SessionStatus.Ended)
        {
            await s.Grain.End(s.ModeratorId);
        }

        var snapshot = await s.Grain.GetSnapshot();
        var timeline = await s.Grain.GetTimeline();

        Assert.Equal(Timeless(timeline), Timeless(snapshot.Timeline));
        Assert.True(snapshot.Timeline.ComputedAt <= timeline.ComputedAt);
        Assert.Equal(Timeless(timeline), Timeless((await s.Grain.Resync(snapshot.Epoch + 1, 0)).Snapshot!.Timeline));
    }

    [Fact]
    public async Task Every_change_of_the_session_is_followed_by_its_timeline()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        var later = Forum.Draft(startsAt: (await s.Grain.GetDetails())!.StartsAt.AddHours(2));

        var updated = await s.EventsOf(handle.Relay, () => s.Grain.Update(s.OrganizerId, later));
        var started = await s.EventsOf(handle.Relay, () => s.Grain.Start(s.ModeratorId));

        Assert.Equal([SessionEventTypes.SessionDetailsChanged, SessionEventTypes.TimelineChanged], updated.Select(e => e.Type));
        Assert.Equal(later.StartsAt, TimelineOf(updated[1]).PlannedStart);
        Assert.Equal([SessionEventTypes.SessionStatusChanged, SessionEventTypes.TimelineChanged], started.Select(e => e.Type));
        Assert.Equal((await s.Grain.GetDetails())!.StartedAt, TimelineOf(started[1]).ActualStart);
    }
}
