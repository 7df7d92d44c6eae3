using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Agenda;

namespace IgfPlatform.Domain.Tests.Agenda;

/// <summary>
/// <see cref="AgendaSchedule.Compute"/>: planned against actual. The agenda is opening (10 min),
/// panel (20 min) and discussion (30 min), planned from 09:00 to 10:00 UTC.
/// </summary>
public sealed class AgendaScheduleTests
{
    private static readonly DateTimeOffset Nine = new(2025, 6, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<AgendaItem> ThreeItems =
    [
        new("opening", "Opening remarks", 10, ["Anriette Esterhuysen"]),
        new("panel", "Panel: securing critical Internet resources", 20, ["Vint Cerf", "Nnenna Nwakanma"]),
        new("discussion", "Open discussion", 30, []),
    ];

    private static readonly Dictionary<string, ItemProgress> NoProgress = new(StringComparer.Ordinal);

    private static DateTimeOffset At(int minutes, int seconds = 0) => Nine.AddMinutes(minutes).AddSeconds(seconds);

    private static SessionDetails Session(SessionStatus status, DateTimeOffset? startedAt = null, DateTimeOffset? endedAt = null) =>
        new("ws-42", "Workshop: securing critical Internet resources", new Dictionary<string, string>(), SessionType.Workshop, status,
            ["critical-internet-resources"], Nine, 90, "How the stakeholder groups approach critical Internet resources.",
            new Dictionary<string, string>(), ["p-moderator"], startedAt, endedAt);

    private static SessionDetails Live(DateTimeOffset startedAt) => Session(SessionStatus.Live, startedAt);

    private static Dictionary<string, ItemProgress> Progress(params (string Id, ItemProgress Progress)[] entries) =>
        entries.ToDictionary(e => e.Id, e => e.Progress, StringComparer.Ordinal);

    private static ItemProgress Started(DateTimeOffset at) => new(at, null, false);

    private static ItemProgress Done(DateTimeOffset from, DateTimeOffset to) => new(from, to, false);

    private static ItemProgress Skipped(DateTimeOffset? from = null, DateTimeOffset? to = null) => new(from, to, true);

    private static AgendaTimeline Compute(
        SessionDetails session, DateTimeOffset now, string? currentItemId = null,
        IReadOnlyDictionary<string, ItemProgress>? progress = null, IReadOnlyList<AgendaItem>? agenda = null) =>
        AgendaSchedule.Compute(session, agenda ?? ThreeItems, currentItemId, progress ?? NoProgress, now);

    private static TimelineItem Item(AgendaTimeline timeline, string id) => Assert.Single(timeline.Items, i => i.ItemId == id);

    /// <summary>Asserts an item's status and expected times (minutes after 09:00).</summary>
    private static void Expect(AgendaTimeline timeline, string id, AgendaItemStatus status, DateTimeOffset start, DateTimeOffset end)
    {
        var item = Item(timeline, id);
        Assert.Equal((id, status, start, end), (item.ItemId, item.Status, item.ExpectedStart, item.ExpectedEnd));
    }

    private static void ExpectPlanned(AgendaTimeline timeline)
    {
        Assert.Equal(Nine, timeline.PlannedStart);
        Assert.Equal(At(60), timeline.PlannedEnd);
        Assert.Equal([At(0), At(10), At(30)], timeline.Items.Select(i => i.PlannedStart));
        Assert.Equal(["opening", "panel", "discussion"], timeline.Items.Select(i => i.ItemId));
    }

    [Theory]
    [InlineData(SessionStatus.Draft)]
    [InlineData(SessionStatus.Scheduled)]
    public void Before_the_session_is_live_everything_is_as_planned(SessionStatus status)
    {
        // Whatever the clock says, and whatever progress might be passed in.
        var timeline = Compute(Session(status), At(45), "panel", Progress(("opening", Done(At(0), At(12)))));

        ExpectPlanned(timeline);
        Expect(timeline, "opening", AgendaItemStatus.Upcoming, At(0), At(10));
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, At(10), At(30));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(30), At(60));
        Assert.All(timeline.Items, i => Assert.Null(i.ActualStart));
        Assert.All(timeline.Items, i => Assert.Null(i.ActualEnd));
        Assert.Null(timeline.ActualStart);
        Assert.Equal(At(60), timeline.ExpectedEnd);
        Assert.Equal(0, timeline.RunningLateMinutes);
        Assert.Equal(At(45), timeline.ComputedAt);
    }

    [Fact]
    public void A_live_session_without_a_start_time_is_still_as_planned()
    {
        var timeline = Compute(Session(SessionStatus.Live), At(20));

        ExpectPlanned(timeline);
        Assert.Null(timeline.ActualStart);
        Assert.Equal(At(60), timeline.ExpectedEnd);
        Assert.Equal(0, timeline.RunningLateMinutes);
        Assert.All(timeline.Items, i => Assert.Equal(AgendaItemStatus.Upcoming, i.Status));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(15, 15)]
    [InlineData(-5, -5)]
    public void Live_with_nothing_current_the_items_follow_from_the_start(int startedAfterMinutes, int late)
    {
        var started = At(startedAfterMinutes);

        var timeline = Compute(Live(started), started);

        ExpectPlanned(timeline);
        Assert.Equal(started, timeline.ActualStart);
        Expect(timeline, "opening", AgendaItemStatus.Upcoming, started, started.AddMinutes(10));
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, started.AddMinutes(10), started.AddMinutes(30));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, started.AddMinutes(30), started.AddMinutes(60));
        Assert.Equal(started.AddMinutes(60), timeline.ExpectedEnd);
        Assert.Equal(late, timeline.RunningLateMinutes);
    }

    [Fact]
    public void Live_with_nothing_current_the_remaining_items_start_now()
    {
        // Started on time, but nobody has taken up the first item after seven minutes.
        var timeline = Compute(Live(At(0)), At(7));

        Expect(timeline, "opening", AgendaItemStatus.Upcoming, At(7), At(17));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(37), At(67));
        Assert.Equal(7, timeline.RunningLateMinutes);
    }

    [Fact]
    public void The_current_item_is_expected_to_run_its_allotment_and_the_rest_follow_it()
    {
        var timeline = Compute(Live(At(0)), At(5), "opening", Progress(("opening", Started(At(2)))));

        Expect(timeline, "opening", AgendaItemStatus.Current, At(2), At(12));
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, At(12), At(32));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(32), At(62));
        var current = Item(timeline, "opening");
        Assert.Equal(At(2), current.ActualStart);
        Assert.Null(current.ActualEnd);
        Assert.Null(Item(timeline, "panel").ActualStart);
        Assert.Equal(At(62), timeline.ExpectedEnd);
        Assert.Equal(2, timeline.RunningLateMinutes);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(14, 4)]
    [InlineData(25, 15)]
    [InlineData(70, 60)]
    public void An_overrunning_current_item_is_expected_to_last_until_now(int nowMinutes, int late)
    {
        var timeline = Compute(Live(At(0)), At(nowMinutes), "opening", Progress(("opening", Started(At(0)))));

        var end = At(Math.Max(10, nowMinutes));
        Expect(timeline, "opening", AgendaItemStatus.Current, At(0), end);
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, end, end.AddMinutes(20));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, end.AddMinutes(20), end.AddMinutes(50));
        Assert.Equal(end.AddMinutes(50), timeline.ExpectedEnd);
        Assert.Equal(late, timeline.RunningLateMinutes);
    }

    [Fact]
    public void Jumping_ahead_leaves_the_earlier_items_upcoming_after_the_current_one()
    {
        var timeline = Compute(Live(At(0)), At(3), "panel", Progress(("panel", Started(At(1)))));

        // Agenda order is kept in the list; in time the opening now follows the panel.
        Assert.Equal(["opening", "panel", "discussion"], timeline.Items.Select(i => i.ItemId));
        Expect(timeline, "panel", AgendaItemStatus.Current, At(1), At(21));
        Expect(timeline, "opening", AgendaItemStatus.Upcoming, At(21), At(31));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(31), At(61));
        Assert.Equal(At(10), Item(timeline, "panel").PlannedStart);
        Assert.Equal(1, timeline.RunningLateMinutes);
    }

    [Fact]
    public void A_skipped_item_takes_no_time()
    {
        var timeline = Compute(
            Live(At(0)), At(5), "opening", Progress(("opening", Started(At(0))), ("panel", Skipped())));

        Expect(timeline, "opening", AgendaItemStatus.Current, At(0), At(10));
        Expect(timeline, "panel", AgendaItemStatus.Skipped, At(10), At(10));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(10), At(40));
        Assert.Null(Item(timeline, "panel").ActualStart);
        Assert.Equal(At(40), timeline.ExpectedEnd);
        Assert.Equal(-20, timeline.RunningLateMinutes);
    }

    [Fact]
    public void A_current_item_skipped_keeps_its_actual_times_and_the_rest_start_now()
    {
        var timeline = Compute(
            Live(At(0)), At(5), null, Progress(("opening", Skipped(At(0), At(4)))));

        var skipped = Item(timeline, "opening");
        Assert.Equal(AgendaItemStatus.Skipped, skipped.Status);
        Assert.Equal(skipped.ExpectedStart, skipped.ExpectedEnd);
        Assert.Equal((At(0), At(4)), (skipped.ActualStart, skipped.ActualEnd));
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, At(5), At(25));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(25), At(55));
        Assert.Equal(-5, timeline.RunningLateMinutes);
    }

    [Fact]
    public void Done_items_keep_their_actual_times_and_the_current_one_follows()
    {
        var timeline = Compute(
            Live(At(0)), At(15), "panel", Progress(("opening", Done(At(0), At(12))), ("panel", Started(At(12)))));

        Expect(timeline, "opening", AgendaItemStatus.Done, At(0), At(12));
        var done = Item(timeline, "opening");
        Assert.Equal((At(0), At(12)), (done.ActualStart, done.ActualEnd));
        Expect(timeline, "panel", AgendaItemStatus.Current, At(12), At(32));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(32), At(62));
        Assert.Equal(2, timeline.RunningLateMinutes);
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(20, 25)]
    public void With_nothing_current_the_rest_follow_the_later_of_the_last_end_and_now(int nowMinutes, int nextStart)
    {
        // The opening overran to 09:25 and nothing was taken up after it. A clock that reads earlier
        // than the last end (another server's) does not pull the rest before it.
        var timeline = Compute(Live(At(0)), At(nowMinutes), null, Progress(("opening", Done(At(0), At(25)))));

        Expect(timeline, "opening", AgendaItemStatus.Done, At(0), At(25));
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, At(nextStart), At(nextStart + 20));
        Expect(timeline, "discussion", AgendaItemStatus.Upcoming, At(nextStart + 20), At(nextStart + 50));
        Assert.Equal(nextStart - 10, timeline.RunningLateMinutes);
    }

    [Fact]
    public void An_item_done_after_the_current_one_in_agenda_order_keeps_its_times()
    {
        // The discussion was held first, then the moderator went back to the opening.
        var timeline = Compute(
            Live(At(0)), At(33), "opening", Progress(("discussion", Done(At(0), At(30))), ("opening", Started(At(30)))));

        Expect(timeline, "discussion", AgendaItemStatus.Done, At(0), At(30));
        Expect(timeline, "opening", AgendaItemStatus.Current, At(30), At(40));
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, At(40), At(60));
        Assert.Equal(At(60), timeline.ExpectedEnd);
        Assert.Equal(0, timeline.RunningLateMinutes);
    }

    [Theory]
    [InlineData(SessionStatus.Ended)]
    [InlineData(SessionStatus.Published)]
    public void Once_ended_items_never_taken_up_count_as_skipped_and_the_end_is_the_actual_end(SessionStatus status)
    {
        var session = Session(status, At(0), At(40));

        // Computed long after, with the current item the session had when it ended left in by mistake.
        var timeline = Compute(session, At(300), "panel", Progress(("opening", Done(At(0), At(12))), ("panel", Done(At(12), At(40)))));

        Expect(timeline, "opening", AgendaItemStatus.Done, At(0), At(12));
        Expect(timeline, "panel", AgendaItemStatus.Done, At(12), At(40));
        Expect(timeline, "discussion", AgendaItemStatus.Skipped, At(40), At(40));
        Assert.Null(Item(timeline, "discussion").ActualStart);
        Assert.Null(Item(timeline, "discussion").ActualEnd);
        Assert.Equal(At(0), timeline.ActualStart);
        Assert.Equal(At(40), timeline.ExpectedEnd);
        Assert.Equal(-20, timeline.RunningLateMinutes);
        Assert.Equal(At(300), timeline.ComputedAt);
    }

    [Fact]
    public void An_ended_session_that_overran_is_late_by_its_actual_end()
    {
        var timeline = Compute(
            Session(SessionStatus.Ended, At(0), At(75)), At(80), null,
            Progress(("opening", Done(At(0), At(10))), ("panel", Skipped()), ("discussion", Done(At(10), At(75)))));

        var skipped = Item(timeline, "panel");
        Assert.Equal(AgendaItemStatus.Skipped, skipped.Status);
        Assert.Equal(skipped.ExpectedStart, skipped.ExpectedEnd);
        Expect(timeline, "discussion", AgendaItemStatus.Done, At(10), At(75));
        Assert.Equal(At(75), timeline.ExpectedEnd);
        Assert.Equal(15, timeline.RunningLateMinutes);
    }

    [Theory]
    [InlineData(SessionStatus.Scheduled, null)]
    [InlineData(SessionStatus.Live, 12)]
    public void An_empty_agenda_plans_nothing(SessionStatus status, int? startedAfterMinutes)
    {
        var session = Session(status, startedAfterMinutes is { } m ? At(m) : null);

        var timeline = Compute(session, At(20), agenda: []);

        Assert.Empty(timeline.Items);
        Assert.Equal(Nine, timeline.PlannedStart);
        Assert.Equal(Nine, timeline.PlannedEnd);
        Assert.Equal(Nine, timeline.ExpectedEnd);
        Assert.Equal(0, timeline.RunningLateMinutes);
        Assert.Equal(session.StartedAt, timeline.ActualStart);
    }

    [Theory]
    [InlineData(29, 0)]
    [InlineData(30, 1)]
    [InlineData(31, 1)]
    [InlineData(89, 1)]
    [InlineData(90, 2)]
    [InlineData(-29, 0)]
    [InlineData(-30, -1)]
    [InlineData(-90, -2)]
    public void Running_late_is_rounded_to_the_nearest_minute_half_away_from_zero(int startedAfterSeconds, int late)
    {
        var started = Nine.AddSeconds(startedAfterSeconds);

        var timeline = Compute(Live(started), started);

        Assert.Equal(started.AddMinutes(60), timeline.ExpectedEnd);
        Assert.Equal(late, timeline.RunningLateMinutes);
    }

    [Fact]
    public void Changing_an_upcoming_items_minutes_moves_every_later_item()
    {
        var progress = Progress(("opening", Started(At(0))));
        var before = Compute(Live(At(0)), At(4), "opening", progress);
        var longer = ThreeItems.Select(i => i.Id == "panel" ? i with { Minutes = 30 } : i).ToList();

        var after = Compute(Live(At(0)), At(4), "opening", progress, longer);

        Assert.Equal(Item(before, "panel").ExpectedStart, Item(after, "panel").ExpectedStart);
        Assert.Equal(Item(before, "panel").ExpectedEnd.AddMinutes(10), Item(after, "panel").ExpectedEnd);
        Assert.Equal(Item(before, "discussion").ExpectedStart.AddMinutes(10), Item(after, "discussion").ExpectedStart);
        Assert.Equal(Item(before, "discussion").PlannedStart.AddMinutes(10), Item(after, "discussion").PlannedStart);
        Assert.Equal(before.PlannedEnd.AddMinutes(10), after.PlannedEnd);
        Assert.Equal(before.RunningLateMinutes, after.RunningLateMinutes);
    }

    [Fact]
    public void Progress_of_items_no_longer_in_the_agenda_is_ignored()
    {
        var timeline = Compute(
            Live(At(0)), At(0), null, Progress(("removed", Done(At(0), At(50))), ("opening", Skipped())));

        Assert.Equal(3, timeline.Items.Count);
        Expect(timeline, "panel", AgendaItemStatus.Upcoming, At(0), At(20));
        Assert.Equal(At(50), timeline.ExpectedEnd);
    }
}
