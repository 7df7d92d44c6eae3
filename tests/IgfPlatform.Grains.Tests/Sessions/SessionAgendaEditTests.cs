using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Tests.Live;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary>
/// Targeted agenda edits and skipping on <c>ISessionGrain</c>: each is checked against the agenda as
/// it stands, and is followed by exactly one <c>timelineChanged</c> showing its effect.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionAgendaEditTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly IClusterClient _client = fixture.Client;

    private static string[] Types(IEnumerable<SessionEvent> events) => events.Select(e => e.Type).ToArray();

    private static AgendaTimeline TimelineOf(IReadOnlyList<SessionEvent> events) =>
        ((TimelineChanged)Assert.Single(events, e => e.Type == SessionEventTypes.TimelineChanged).Data).Timeline;

    private static AgendaEdited EditOf(IReadOnlyList<SessionEvent> events) =>
        (AgendaEdited)Assert.Single(events, e => e.Type == SessionEventTypes.AgendaEdited).Data;

    private static TimelineItem Item(AgendaTimeline timeline, string id) => Assert.Single(timeline.Items, i => i.ItemId == id);

    private static async Task<ForumException> Refused(Func<Task> command, ForumErrorKind kind)
    {
        var ex = await Assert.ThrowsAsync<ForumException>(command);
        Assert.Equal(kind, ex.Kind);
        return ex;
    }

    /// <summary>A live session whose first item is current (so expected times do not move with the clock), with a relay.</summary>
    private async Task<Watched> LiveWithFirstItemCurrent()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live, agendaItems: 4);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id);
        var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        return new Watched(s, handle);
    }

    /// <summary>A session with a relay attached.</summary>
    private sealed class Watched(SessionScenario session, RelayHandle handle) : IDisposable
    {
        public SessionScenario Session { get; } = session;

        public TestRelay Relay => handle.Relay;

        public void Dispose() => handle.Dispose();
    }

    [Fact]
    public async Task AddAgendaItem_inserts_before_an_item_or_at_the_end_and_the_timeline_follows()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        var welcome = new AgendaItem("welcome", "Welcome and introductions", 5, ["Anriette Esterhuysen"]);
        var wrapUp = new AgendaItem("wrap-up", "Wrap-up", 10, []);

        var first = await s.EventsOf(handle.Relay, () => s.Grain.AddAgendaItem(s.ModeratorId, welcome, s.Agenda[1].Id));
        var second = await s.EventsOf(handle.Relay, () => s.Grain.AddAgendaItem(s.ModeratorId, wrapUp, null));

        string[] expected = [s.Agenda[0].Id, "welcome", s.Agenda[1].Id, s.Agenda[2].Id, "wrap-up"];
        var agenda = await s.Grain.GetAgenda();
        Assert.Equal(expected, agenda.Select(i => i.Id));
        Assert.Equal(Forum.Json(welcome), Forum.Json(agenda[1]));
        Assert.Equal([SessionEventTypes.AgendaEdited, SessionEventTypes.TimelineChanged], Types(first));
        Assert.Equal([SessionEventTypes.AgendaEdited, SessionEventTypes.TimelineChanged], Types(second));
        Assert.Equal(expected, EditOf(second).Order);

        // Each edit sends only the item it added; the others are as the followers hold them.
        Assert.Equal(Forum.Json(new[] { welcome }), Forum.Json(EditOf(first).Items));
        Assert.Equal(Forum.Json(new[] { wrapUp }), Forum.Json(EditOf(second).Items));

        // Before the session is live the timeline is as planned: the new item starts where the one after it did.
        var before = TimelineOf(first);
        var after = TimelineOf(second);
        var details = (await s.Grain.GetDetails())!;
        Assert.Equal(expected, after.Items.Select(i => i.ItemId));
        Assert.Equal(details.StartsAt.AddMinutes(s.Agenda[0].Minutes), Item(before, "welcome").PlannedStart);
        Assert.Equal(Item(before, "welcome").PlannedStart.AddMinutes(5), Item(before, s.Agenda[1].Id).PlannedStart);
        Assert.Equal(details.StartsAt.AddMinutes(s.Agenda.Sum(i => i.Minutes) + 5), Item(after, "wrap-up").PlannedStart);
        Assert.Equal(Item(after, "wrap-up").PlannedStart.AddMinutes(10), after.PlannedEnd);
    }

    [Fact]
    public async Task AddAgendaItem_without_an_id_gets_one_that_the_agenda_does_not_use()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Scheduled, agendaItems: 0);
        // Ids a moderator chose in the platform's own pattern (as the demo data does).
        await s.Grain.SetAgenda(s.ModeratorId, [Forum.Item("item-1"), Forum.Item("item-2"), Forum.Item("item-4")]);

        var added = await s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item(), null);
        var again = await s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item(" "), "item-1");

        Assert.Equal(4, added.Count);
        Assert.Equal(4, added.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(added[^1].Id, new[] { "item-1", "item-2", "item-4", string.Empty });
        Assert.Equal(5, again.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(again[0].Id, added.Select(i => i.Id));
        Assert.Equal(Forum.Json(again), Forum.Json(await s.Grain.GetAgenda()));
    }

    /// <summary>
    /// Bug: an id given to a new item can be one the agenda used before. The session numbers new items
    /// (<c>SessionState.LastItemNumber</c>: "so that their ids never repeat within the session"), but
    /// skips only the ids in the agenda as it stands; an item a moderator named in the platform's pattern
    /// (the demo agendas are <c>item-1</c>… <c>item-n</c>) and that was then removed has its id given
    /// again to the next new item. Clients that keyed anything by the removed item now attach it to a
    /// different one. (<c>SessionGrain.ChangeAgenda</c> / <c>AgendaRules.Normalize</c>.)
    /// </summary>
    [Fact]
    public async Task An_id_removed_from_the_agenda_is_never_given_to_a_new_item()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Scheduled, agendaItems: 0);
        await s.Grain.SetAgenda(s.ModeratorId, [Forum.Item("item-1"), Forum.Item("item-2"), Forum.Item("item-3")]);
        await s.Grain.RemoveAgendaItem(s.ModeratorId, "item-2");

        var agenda = await s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item(), null);

        Assert.Equal(3, agenda.Count);
        Assert.DoesNotContain(agenda[^1].Id, new[] { "item-1", "item-2", "item-3" });
    }

    [Fact]
    public async Task A_few_quick_edits_each_carry_their_timeline_and_the_next_gets_it_from_the_following_push()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live, agendaItems: 2);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);

        for (var i = 0; i < LiveLimits.TimelineBurst; i++)
        {
            var events = await s.EventsOf(handle.Relay, () => s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item() with { Title = $"Quick {i}" }, null));
            Assert.Equal([SessionEventTypes.AgendaEdited, SessionEventTypes.TimelineChanged], Types(events));
            Assert.Equal(EditOf(events).Order, TimelineOf(events).Items.Select(t => t.ItemId));
        }

        // One more: its timeline comes with it, or (within a second of the others) from the next push, never not at all.
        var more = await s.EventsOf(handle.Relay, () => s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item() with { Title = "One more" }, null));
        var added = Assert.Single(more, e => e.Type == SessionEventTypes.AgendaEdited);
        var timeline = await handle.Relay.WaitForEvent(e => e.Seq > added.Seq && e.Type == SessionEventTypes.TimelineChanged);
        Assert.Equal(EditOf([added]).Order, TimelineOf([timeline]).Items.Select(t => t.ItemId));
        Assert.Equal(EditOf([added]).Order, (await s.Grain.GetTimeline()).Items.Select(t => t.ItemId));
    }

    [Fact]
    public async Task RemoveAgendaItem_of_an_upcoming_item_changes_the_agenda_and_the_timeline()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;
        var before = await s.Grain.GetTimeline();

        var events = await s.EventsOf(watched.Relay, () => s.Grain.RemoveAgendaItem(s.ModeratorId, s.Agenda[1].Id));

        Assert.Equal([SessionEventTypes.AgendaEdited, SessionEventTypes.TimelineChanged], Types(events));
        string[] remaining = [s.Agenda[0].Id, s.Agenda[2].Id, s.Agenda[3].Id];
        Assert.Equal(remaining, EditOf(events).Order);
        Assert.Empty(EditOf(events).Items);
        var timeline = TimelineOf(events);
        Assert.Equal(remaining, timeline.Items.Select(i => i.ItemId));
        // The item after the removed one now starts where the removed one was expected to.
        Assert.Equal(Item(before, s.Agenda[1].Id).ExpectedStart, Item(timeline, s.Agenda[2].Id).ExpectedStart);
        Assert.Equal(s.Agenda[0].Id, (await s.Grain.GetSnapshot()).CurrentItemId);
    }

    [Fact]
    public async Task RemoveAgendaItem_of_the_current_item_clears_it()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;

        var events = await s.EventsOf(watched.Relay, () => s.Grain.RemoveAgendaItem(s.ModeratorId, s.Agenda[0].Id));

        Assert.Equal(
            [SessionEventTypes.AgendaEdited, SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged],
            Types(events));
        Assert.Null(((CurrentItemChanged)events[1].Data).ItemId);
        var timeline = TimelineOf(events);
        Assert.DoesNotContain(timeline.Items, i => i.ItemId == s.Agenda[0].Id);
        Assert.All(timeline.Items, i => Assert.Equal(AgendaItemStatus.Upcoming, i.Status));
        var snapshot = await s.Grain.GetSnapshot();
        Assert.Null(snapshot.CurrentItemId);
        Assert.Equal(3, snapshot.Agenda.Count);
    }

    [Fact]
    public async Task MoveAgendaItem_moves_it_and_the_timeline_follows_the_new_order()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;
        var current = await s.Grain.GetTimeline();

        var events = await s.EventsOf(watched.Relay, () => s.Grain.MoveAgendaItem(s.ModeratorId, s.Agenda[3].Id, 1));

        string[] order = [s.Agenda[0].Id, s.Agenda[3].Id, s.Agenda[1].Id, s.Agenda[2].Id];
        Assert.Equal([SessionEventTypes.AgendaEdited, SessionEventTypes.TimelineChanged], Types(events));
        Assert.Equal(order, (await s.Grain.GetAgenda()).Select(i => i.Id));
        Assert.Equal(order, EditOf(events).Order);
        Assert.Empty(EditOf(events).Items);
        var timeline = TimelineOf(events);
        Assert.Equal(order, timeline.Items.Select(i => i.ItemId));
        // The moved item now follows the current one.
        Assert.Equal(Item(current, s.Agenda[0].Id).ExpectedEnd, Item(timeline, s.Agenda[3].Id).ExpectedStart);
        Assert.Equal(
            Item(timeline, s.Agenda[3].Id).ExpectedStart.AddMinutes(s.Agenda[3].Minutes),
            Item(timeline, s.Agenda[1].Id).ExpectedStart);

        var toEnd = await s.Grain.MoveAgendaItem(s.ModeratorId, s.Agenda[0].Id, 3);
        Assert.Equal([s.Agenda[3].Id, s.Agenda[1].Id, s.Agenda[2].Id, s.Agenda[0].Id], toEnd.Select(i => i.Id));
        Assert.Equal(s.Agenda[0].Id, (await s.Grain.GetSnapshot()).CurrentItemId);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public async Task MoveAgendaItem_out_of_range_is_refused_and_changes_nothing(int toIndex)
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        var before = await s.Stored();

        var ex = await Refused(() => s.Grain.MoveAgendaItem(s.ModeratorId, s.Agenda[0].Id, toIndex), ForumErrorKind.Invalid);

        Assert.Contains("toIndex", ex.Errors.Keys);
        Assert.Equal(before, await s.Stored());
    }

    [Fact]
    public async Task SetItemMinutes_moves_every_later_upcoming_item()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;
        var before = await s.Grain.GetTimeline();
        var extended = s.Agenda[1];

        var events = await s.EventsOf(watched.Relay, () => s.Grain.SetItemMinutes(s.ModeratorId, extended.Id, extended.Minutes + 10));

        Assert.Equal([SessionEventTypes.AgendaEdited, SessionEventTypes.TimelineChanged], Types(events));
        Assert.Equal(Forum.Json(extended with { Minutes = extended.Minutes + 10 }), Forum.Json(Assert.Single(EditOf(events).Items)));
        var after = TimelineOf(events);
        Assert.Equal(Forum.Json(Item(before, s.Agenda[0].Id)), Forum.Json(Item(after, s.Agenda[0].Id)));
        Assert.Equal(Item(before, extended.Id).ExpectedStart, Item(after, extended.Id).ExpectedStart);
        Assert.Equal(Item(before, extended.Id).ExpectedEnd.AddMinutes(10), Item(after, extended.Id).ExpectedEnd);
        foreach (var later in s.Agenda.Skip(2))
        {
            Assert.Equal(Item(before, later.Id).ExpectedStart.AddMinutes(10), Item(after, later.Id).ExpectedStart);
            Assert.Equal(Item(before, later.Id).PlannedStart.AddMinutes(10), Item(after, later.Id).PlannedStart);
        }

        Assert.Equal(before.ExpectedEnd.AddMinutes(10), after.ExpectedEnd);
        Assert.Equal(before.PlannedEnd.AddMinutes(10), after.PlannedEnd);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(AgendaLimits.MaxMinutes + 1)]
    public async Task SetItemMinutes_outside_the_limits_is_refused_naming_the_field(int minutes)
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        var before = await s.Stored();

        var ex = await Refused(() => s.Grain.SetItemMinutes(s.ModeratorId, s.Agenda[1].Id, minutes), ForumErrorKind.Invalid);

        var message = Assert.Single(Assert.Single(ex.Errors, e => e.Key == "items[1].minutes").Value);
        Assert.Contains($"{AgendaLimits.MaxMinutes}", message, StringComparison.Ordinal);
        Assert.Equal(before, await s.Stored());
    }

    [Fact]
    public async Task SetItemMinutes_at_the_limits_is_accepted()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Scheduled);

        await s.Grain.SetItemMinutes(s.ModeratorId, s.Agenda[0].Id, 1);
        var agenda = await s.Grain.SetItemMinutes(s.ModeratorId, s.Agenda[2].Id, AgendaLimits.MaxMinutes);

        Assert.Equal([1, s.Agenda[1].Minutes, AgendaLimits.MaxMinutes], agenda.Select(i => i.Minutes));
    }

    [Fact]
    public async Task Edits_naming_an_unknown_item_are_refused_naming_it_and_change_nothing()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        var before = await s.Stored();
        const string Unknown = "no-such-item";

        var refusals = new[]
        {
            await Refused(() => s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item(), Unknown), ForumErrorKind.Invalid),
            await Refused(() => s.Grain.RemoveAgendaItem(s.ModeratorId, Unknown), ForumErrorKind.Invalid),
            await Refused(() => s.Grain.MoveAgendaItem(s.ModeratorId, Unknown, 0), ForumErrorKind.Invalid),
            await Refused(() => s.Grain.SetItemMinutes(s.ModeratorId, Unknown, 10), ForumErrorKind.Invalid),
            await Refused(() => s.Grain.SkipItem(s.ModeratorId, Unknown), ForumErrorKind.Invalid),
        };

        Assert.All(refusals, ex =>
        {
            Assert.Contains(Unknown, ex.Message, StringComparison.Ordinal);
            Assert.Contains("itemId", ex.Errors.Keys);
        });
        Assert.Equal(before, await s.Stored());
    }

    [Fact]
    public async Task An_added_item_that_breaks_the_rules_is_refused_and_changes_nothing()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        var before = await s.Stored();

        var duplicate = await Refused(() => s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item(s.Agenda[2].Id), null), ForumErrorKind.Invalid);
        var untitled = await Refused(() => s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item() with { Title = " " }, s.Agenda[0].Id), ForumErrorKind.Invalid);

        Assert.Contains(s.Agenda[2].Id, Assert.Single(duplicate.Errors["items[3].id"]), StringComparison.Ordinal);
        Assert.Equal(["items[0].title"], untitled.Errors.Keys);
        Assert.Equal(before, await s.Stored());
    }

    [Fact]
    public async Task Only_moderators_edit_and_only_until_the_session_ends()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        var stranger = await Forum.Register(_grains);
        var live = await s.Stored();

        await Refused(() => s.Grain.AddAgendaItem(stranger.ParticipantId, Forum.Item(), null), ForumErrorKind.Forbidden);
        await Refused(() => s.Grain.RemoveAgendaItem(s.OrganizerId, s.Agenda[0].Id), ForumErrorKind.Forbidden);
        await Refused(() => s.Grain.MoveAgendaItem(stranger.ParticipantId, s.Agenda[0].Id, 1), ForumErrorKind.Forbidden);
        await Refused(() => s.Grain.SetItemMinutes(string.Empty, s.Agenda[0].Id, 12), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Grain.SkipItem(stranger.ParticipantId, s.Agenda[0].Id), ForumErrorKind.Forbidden);
        Assert.Equal(live, await s.Stored());

        await s.Grain.End(s.ModeratorId);
        var ended = await s.Stored();
        await Refused(() => s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item(), null), ForumErrorKind.Conflict);
        await Refused(() => s.Grain.RemoveAgendaItem(s.ModeratorId, s.Agenda[0].Id), ForumErrorKind.Conflict);
        await Refused(() => s.Grain.MoveAgendaItem(s.ModeratorId, s.Agenda[0].Id, 1), ForumErrorKind.Conflict);
        await Refused(() => s.Grain.SetItemMinutes(s.ModeratorId, s.Agenda[0].Id, 12), ForumErrorKind.Conflict);
        await Refused(() => s.Grain.SkipItem(s.ModeratorId, s.Agenda[0].Id), ForumErrorKind.Conflict);
        Assert.Equal(ended, await s.Stored());
    }

    [Theory]
    [InlineData(SessionStatus.Draft)]
    [InlineData(SessionStatus.Scheduled)]
    public async Task SkipItem_is_for_live_sessions_only(SessionStatus status)
    {
        var s = await SessionScenario.Create(_grains, status);
        var before = await s.Stored();

        var ex = await Refused(() => s.Grain.SkipItem(s.ModeratorId, s.Agenda[1].Id), ForumErrorKind.Conflict);

        Assert.Contains("live", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await s.Stored());
    }

    [Fact]
    public async Task Skipping_an_upcoming_item_marks_it_skipped_and_it_takes_no_time()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;
        var before = await s.Grain.GetTimeline();
        var skipped = s.Agenda[1];

        var events = await s.EventsOf(watched.Relay, () => s.Grain.SkipItem(s.ModeratorId, skipped.Id));

        Assert.Equal([SessionEventTypes.TimelineChanged], Types(events));
        var after = TimelineOf(events);
        var item = Item(after, skipped.Id);
        Assert.Equal(AgendaItemStatus.Skipped, item.Status);
        Assert.Equal(item.ExpectedStart, item.ExpectedEnd);
        Assert.Null(item.ActualStart);
        Assert.Equal(Item(before, skipped.Id).ExpectedStart, Item(after, s.Agenda[2].Id).ExpectedStart);
        Assert.Equal(before.ExpectedEnd.AddMinutes(-skipped.Minutes), after.ExpectedEnd);
        Assert.Equal(before.RunningLateMinutes - skipped.Minutes, after.RunningLateMinutes);
        Assert.Equal(s.Agenda[0].Id, (await s.Grain.GetSnapshot()).CurrentItemId);
        Assert.Equal(Forum.Json(s.Agenda), Forum.Json(await s.Grain.GetAgenda()));
    }

    [Fact]
    public async Task Skipping_the_current_item_clears_it_and_skipping_twice_is_no_change()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;
        var current = Item(await s.Grain.GetTimeline(), s.Agenda[0].Id);

        var events = await s.EventsOf(watched.Relay, () => s.Grain.SkipItem(s.ModeratorId, s.Agenda[0].Id));
        var again = await s.EventsOf(watched.Relay, () => s.Grain.SkipItem(s.ModeratorId, s.Agenda[0].Id));

        Assert.Equal([SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged], Types(events));
        Assert.Null(((CurrentItemChanged)events[0].Data).ItemId);
        var item = Item(TimelineOf(events), s.Agenda[0].Id);
        Assert.Equal(AgendaItemStatus.Skipped, item.Status);
        Assert.Equal(current.ActualStart, item.ActualStart);
        Assert.NotNull(item.ActualEnd);
        Assert.InRange(item.ActualEnd.Value, current.ActualStart!.Value, DateTimeOffset.UtcNow);
        Assert.Null((await s.Grain.GetSnapshot()).CurrentItemId);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Taking_a_skipped_item_up_again_unskips_it()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;
        await s.Grain.SkipItem(s.ModeratorId, s.Agenda[2].Id);
        await s.Grain.SkipItem(s.ModeratorId, s.Agenda[0].Id);
        var skipped = Item(await s.Grain.GetTimeline(), s.Agenda[0].Id);

        var never = await s.EventsOf(watched.Relay, () => s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[2].Id));
        var resumed = await s.EventsOf(watched.Relay, () => s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id));

        Assert.Equal([SessionEventTypes.CurrentItemChanged, SessionEventTypes.TimelineChanged], Types(never));
        var taken = Item(TimelineOf(never), s.Agenda[2].Id);
        Assert.Equal(AgendaItemStatus.Current, taken.Status);
        Assert.NotNull(taken.ActualStart);
        // The item skipped while current resumes with its first start; the one left for it is done.
        var back = TimelineOf(resumed);
        Assert.Equal(AgendaItemStatus.Current, Item(back, s.Agenda[0].Id).Status);
        Assert.Equal(skipped.ActualStart, Item(back, s.Agenda[0].Id).ActualStart);
        Assert.Null(Item(back, s.Agenda[0].Id).ActualEnd);
        Assert.Equal(AgendaItemStatus.Done, Item(back, s.Agenda[2].Id).Status);
        Assert.Equal(AgendaItemStatus.Upcoming, Item(back, s.Agenda[1].Id).Status);

        // It can be skipped again.
        await s.Grain.SkipItem(s.ModeratorId, s.Agenda[0].Id);
        Assert.Equal(AgendaItemStatus.Skipped, Item(await s.Grain.GetTimeline(), s.Agenda[0].Id).Status);
    }

    /// <summary>
    /// Bug: skipping an item that is already done overwrites when it actually ended with the moment of
    /// the skip (<c>SessionGrain.SkipItem</c>: <c>EndedAt = p.StartedAt is null ? null : now</c>, which is
    /// meant for the current item), so the record of the session shows the item running until the
    /// moderator's later click. An item's actual end should stay as it was.
    /// </summary>
    [Fact]
    public async Task Skipping_an_item_already_done_keeps_when_it_actually_ended()
    {
        using var watched = await LiveWithFirstItemCurrent();
        var s = watched.Session;
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[1].Id);
        var done = Item(await s.Grain.GetTimeline(), s.Agenda[0].Id);
        Assert.Equal(AgendaItemStatus.Done, done.Status);
        var endedAt = done.ActualEnd!.Value;

        await s.Grain.SkipItem(s.ModeratorId, s.Agenda[0].Id);

        var after = Item(await s.Grain.GetTimeline(), s.Agenda[0].Id);
        Assert.Equal(done.ActualStart, after.ActualStart);
        Assert.Equal(endedAt, after.ActualEnd);
    }

    [Fact]
    public async Task Two_moderators_adding_items_at_once_lose_none()
    {
        var s = await SessionScenario.Create(_grains, SessionStatus.Live);
        var second = await Forum.Register(_grains);
        await s.Grain.SetModerators(s.OrganizerId, [s.ModeratorId, second.ParticipantId]);
        using var handle = new RelayHandle(_client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        const int EachAdds = 30;

        var adds = Enumerable.Range(0, EachAdds).SelectMany(i => new[]
        {
            s.Grain.AddAgendaItem(s.ModeratorId, Forum.Item() with { Title = $"First moderator's item {i}" }, i % 2 == 0 ? null : s.Agenda[1].Id),
            s.Grain.AddAgendaItem(second.ParticipantId, Forum.Item() with { Title = $"Second moderator's item {i}" }, i % 3 == 0 ? s.Agenda[0].Id : null),
        });
        await Task.WhenAll(adds).Within();

        var agenda = await s.Grain.GetAgenda();
        Assert.Equal(s.Agenda.Count + (2 * EachAdds), agenda.Count);
        Assert.Equal(agenda.Count, agenda.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        var titles = agenda.Select(i => i.Title).ToHashSet(StringComparer.Ordinal);
        Assert.All(Enumerable.Range(0, EachAdds), i =>
        {
            Assert.Contains($"First moderator's item {i}", titles);
            Assert.Contains($"Second moderator's item {i}", titles);
        });
        Assert.All(s.Agenda, original => Assert.Contains(original.Id, agenda.Select(i => i.Id)));

        // Every add was one agenda change; the timelines of the burst came at most once a second, the last
        // after the last add, showing the whole agenda.
        var snapshot = await s.Grain.GetSnapshot();
        await handle.Relay.WaitFor(snapshot.Epoch, snapshot.Seq);
        var lastAdd = handle.Relay.Events.Last(e => e.Type == SessionEventTypes.AgendaEdited);
        var timeline = await handle.Relay.WaitForEvent(e => e.Seq > lastAdd.Seq && e.Type == SessionEventTypes.TimelineChanged);
        var events = handle.Relay.Events;
        Assert.Equal(2 * EachAdds, events.Count(e => e.Type == SessionEventTypes.AgendaEdited));
        Assert.InRange(events.Count(e => e.Type == SessionEventTypes.TimelineChanged), 1, 2 * EachAdds);
        Assert.Equal(agenda.Select(i => i.Id), TimelineOf([timeline]).Items.Select(i => i.ItemId));

        // A follower applying each edit in seq order to the agenda it held ends with the stored agenda.
        var followed = events.Where(e => e.Type == SessionEventTypes.AgendaEdited)
            .Aggregate(s.Agenda, (held, e) => ((AgendaEdited)e.Data).ApplyTo(held) ?? throw new InvalidOperationException($"Event {e.Seq} does not apply."));
        Assert.Equal(Forum.Json(agenda), Forum.Json(followed));
    }
}
