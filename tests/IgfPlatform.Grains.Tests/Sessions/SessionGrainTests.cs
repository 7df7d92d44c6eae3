using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Sessions;
using IgfPlatform.Grains.Tests.Live;

namespace IgfPlatform.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static async Task<ForumException> Refused(Func<Task> command, ForumErrorKind kind)
    {
        var ex = await Assert.ThrowsAsync<ForumException>(command);
        Assert.Equal(kind, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }

    [Fact]
    public async Task An_organizer_creates_and_schedules_and_the_moderator_starts_and_ends()
    {
        var organizer = await Forum.Register(_grains, organizer: true);
        var moderator = await Forum.Register(_grains);
        var id = Forum.NewId("s");
        var session = _grains.GetGrain<ISessionGrain>(id);
        var draft = Forum.Draft(topic: "cybersecurity", type: SessionType.OpenForum);

        var created = await session.Create(organizer.ParticipantId, draft with { Title = $"  {draft.Title}  " });

        Assert.Equal(id, created.Id);
        Assert.Equal(draft.Title, created.Title);
        Assert.Equal(SessionStatus.Draft, created.Status);
        Assert.Equal(SessionType.OpenForum, created.Type);
        Assert.Equal(["cybersecurity"], created.Topics);
        Assert.Equal(draft.StartsAt, created.StartsAt);
        Assert.Empty(created.Moderators);
        Assert.Null(created.StartedAt);
        Assert.Equal(Forum.Json(created), Forum.Json(await session.GetDetails()));

        var withModerator = await session.SetModerators(organizer.ParticipantId, [moderator.ParticipantId]);
        Assert.Equal([moderator.ParticipantId], withModerator.Moderators);
        Assert.True(await session.IsModerator(moderator.ParticipantId));
        Assert.False(await session.IsModerator(organizer.ParticipantId));

        var scheduled = await session.Schedule(organizer.ParticipantId);
        Assert.Equal(SessionStatus.Scheduled, scheduled.Status);

        var beforeStart = DateTimeOffset.UtcNow;
        var live = await session.Start(moderator.ParticipantId);
        Assert.Equal(SessionStatus.Live, live.Status);
        Assert.InRange(live.StartedAt!.Value, beforeStart, DateTimeOffset.UtcNow);

        var ended = await session.End(moderator.ParticipantId);
        Assert.Equal(SessionStatus.Ended, ended.Status);
        Assert.Equal(live.StartedAt, ended.StartedAt);
        Assert.InRange(ended.EndedAt!.Value, live.StartedAt.Value, DateTimeOffset.UtcNow);

        Assert.Equal(Forum.Json(ended), Forum.Json(await session.GetDetails()));
        Assert.Equal(Forum.Json(ended), Forum.Json((await session.GetSnapshot()).Session));
        var listed = await _grains.GetGrain<ISessionCatalogGrain>(ISessionCatalogGrain.Key).List(new SessionQuery(Topic: "cybersecurity"));
        Assert.Equal(SessionStatus.Ended, Assert.Single(listed, s => s.Id == id).Status);
    }

    [Fact]
    public async Task Events_recorded_for_the_board_or_the_floor_are_checked_all_or_none_and_leave_as_one_batch()
    {
        var s = await SessionScenario.Create(_grains);
        using var handle = new RelayHandle(fixture.Client);
        await s.Grain.AttachRelay("server-a", handle.Reference);
        var before = await s.Grain.GetSnapshot();
        var hidden = new FeedChange(SessionEventTypes.QuestionUpdated, new QuestionUpdated("q-1", QuestionStatus.Hidden, false, null));
        var pending = new FeedChange(SessionEventTypes.ModerationQueueChanged, new ModerationQueueChanged(0, true));

        await Refused(() => s.Grain.RecordEvents([]), ForumErrorKind.Invalid);
        await Refused(() => s.Grain.RecordEvents([hidden, new FeedChange(SessionEventTypes.AgendaChanged, s.Agenda)]), ForumErrorKind.Invalid);
        await Refused(() => s.Grain.RecordEvents([hidden, null!]), ForumErrorKind.Invalid);
        Assert.Equal((before.Epoch, before.Seq), ((await s.Grain.GetSnapshot()).Epoch, (await s.Grain.GetSnapshot()).Seq));

        var events = await s.EventsOf(handle.Relay, () => s.Grain.RecordEvents([hidden, pending]));

        Assert.Equal([(before.Seq + 1, hidden.Type), (before.Seq + 2, pending.Type)], events.Select(e => (e.Seq, e.Type)));
        Assert.Equal([hidden.Data, pending.Data], events.Select(e => e.Data));
        Assert.Equal(1, handle.Relay.BatchesHolding(events));
    }

    [Fact]
    public async Task A_participant_who_is_not_an_organizer_cannot_create_a_session()
    {
        var participant = await Forum.Register(_grains);
        var id = Forum.NewId("s");
        var session = _grains.GetGrain<ISessionGrain>(id);

        var ex = await Refused(() => session.Create(participant.ParticipantId, Forum.Draft()), ForumErrorKind.Forbidden);
        await Refused(() => session.Create(string.Empty, Forum.Draft()), ForumErrorKind.Unauthenticated);
        await Refused(() => session.Create(Forum.NewId("p"), Forum.Draft()), ForumErrorKind.Forbidden);

        Assert.Equal("Only organizers may do this.", ex.Message);
        Assert.Null(await session.GetDetails());
        var all = await _grains.GetGrain<ISessionCatalogGrain>(ISessionCatalogGrain.Key).List(new SessionQuery(IncludeDrafts: true));
        Assert.DoesNotContain(all, s => s.Id == id);
    }

    [Fact]
    public async Task A_session_id_must_be_a_slug()
    {
        var organizer = await Forum.Register(_grains, organizer: true);
        var session = _grains.GetGrain<ISessionGrain>("Not A Slug");

        var ex = await Refused(() => session.Create(organizer.ParticipantId, Forum.Draft()), ForumErrorKind.Invalid);

        Assert.Contains("id", ex.Errors.Keys);
        Assert.Null(await session.GetDetails());
    }

    [Fact]
    public async Task Creating_a_session_twice_is_refused_and_keeps_the_first()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Draft);
        var before = await scenario.Stored();

        await Refused(() => scenario.Grain.Create(scenario.OrganizerId, Forum.Draft()), ForumErrorKind.Conflict);

        Assert.Equal(before, await scenario.Stored());
    }

    [Fact]
    public async Task Only_an_organizer_schedules_or_edits()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Draft);
        var before = await scenario.Stored();

        await Refused(() => scenario.Grain.Schedule(scenario.ModeratorId), ForumErrorKind.Forbidden);
        await Refused(() => scenario.Grain.Update(scenario.ModeratorId, Forum.Draft()), ForumErrorKind.Forbidden);
        await Refused(() => scenario.Grain.SetModerators(scenario.ModeratorId, [scenario.ModeratorId, scenario.OrganizerId]), ForumErrorKind.Forbidden);

        Assert.Equal(before, await scenario.Stored());
    }

    [Fact]
    public async Task A_participant_who_is_not_a_moderator_cannot_run_the_session()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        var stranger = await Forum.Register(_grains);
        var before = await scenario.Stored();

        var ex = await Refused(() => scenario.Grain.Start(stranger.ParticipantId), ForumErrorKind.Forbidden);
        await Refused(() => scenario.Grain.Start(scenario.OrganizerId), ForumErrorKind.Forbidden);
        await Refused(() => scenario.Grain.Start(string.Empty), ForumErrorKind.Unauthenticated);
        await Refused(() => scenario.Grain.SetAgenda(stranger.ParticipantId, Forum.Agenda(2)), ForumErrorKind.Forbidden);

        Assert.Equal("Only the session's moderators may do this.", ex.Message);
        Assert.Equal(before, await scenario.Stored());

        var live = await scenario.Grain.Start(scenario.ModeratorId);
        var whileLive = await scenario.Stored();
        await Refused(() => scenario.Grain.End(stranger.ParticipantId), ForumErrorKind.Forbidden);
        await Refused(() => scenario.Grain.SetCurrentItem(stranger.ParticipantId, scenario.Agenda[0].Id), ForumErrorKind.Forbidden);
        Assert.Equal(SessionStatus.Live, live.Status);
        Assert.Equal(whileLive, await scenario.Stored());
    }

    [Fact]
    public async Task An_ended_session_cannot_go_live_again()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Ended);
        var before = await scenario.Stored();

        var ex = await Refused(() => scenario.Grain.Start(scenario.ModeratorId), ForumErrorKind.Conflict);
        var again = await Refused(() => scenario.Grain.End(scenario.ModeratorId), ForumErrorKind.Conflict);
        await Refused(() => scenario.Grain.SetAgenda(scenario.ModeratorId, Forum.Agenda(1)), ForumErrorKind.Conflict);
        await Refused(() => scenario.Grain.Update(scenario.OrganizerId, Forum.Draft()), ForumErrorKind.Conflict);

        Assert.Equal("A session that is ended cannot become live; sessions move draft → scheduled → live → ended → published.", ex.Message);
        Assert.Equal("The session is already ended.", again.Message);
        Assert.Equal(before, await scenario.Stored());
    }

    [Fact]
    public async Task A_session_is_scheduled_before_it_goes_live()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Draft);
        var before = await scenario.Stored();

        var ex = await Refused(() => scenario.Grain.Start(scenario.ModeratorId), ForumErrorKind.Conflict);
        await Refused(() => scenario.Grain.End(scenario.ModeratorId), ForumErrorKind.Conflict);

        Assert.Contains("draft cannot become live", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.Stored());
    }

    [Fact]
    public async Task Too_long_a_title_is_refused_and_changes_nothing()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        var before = await scenario.Stored();
        var tooLong = Forum.Draft() with { Title = new string('t', SessionLimits.MaxTitleLength + 1) };

        var ex = await Refused(() => scenario.Grain.Update(scenario.OrganizerId, tooLong), ForumErrorKind.Invalid);

        Assert.Equal(["title"], ex.Errors.Keys);
        Assert.Equal("The session is not valid.", ex.Message);
        Assert.Equal(before, await scenario.Stored());

        var fresh = _grains.GetGrain<ISessionGrain>(Forum.NewId("s"));
        await Refused(() => fresh.Create(scenario.OrganizerId, tooLong), ForumErrorKind.Invalid);
        Assert.Null(await fresh.GetDetails());
    }

    [Fact]
    public async Task An_organizer_updates_the_details_and_the_update_is_an_event()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        var before = await scenario.Grain.GetSnapshot();
        var draft = Forum.Draft(topic: "spam", type: SessionType.TownHall, durationMinutes: 60);

        var updated = await scenario.Grain.Update(scenario.OrganizerId, draft);

        Assert.Equal(draft.Title, updated.Title);
        Assert.Equal(["spam"], updated.Topics);
        Assert.Equal(SessionStatus.Scheduled, updated.Status);
        Assert.Equal([scenario.ModeratorId], updated.Moderators);
        var resync = await scenario.Grain.Resync(before.Epoch, before.Seq);
        var evt = Assert.Single(resync.Events!, e => e.Type == SessionEventTypes.SessionDetailsChanged);
        Assert.Equal(SessionEventTypes.TimelineChanged, resync.Events![^1].Type);
        Assert.Equal(Forum.Json(updated), Forum.Json(((SessionDetailsChanged)evt.Data).Session));
    }

    [Fact]
    public async Task A_bad_agenda_item_is_refused_and_changes_nothing()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Live);
        await scenario.Grain.SetCurrentItem(scenario.ModeratorId, scenario.Agenda[1].Id);
        var before = await scenario.Stored();
        var items = Forum.Agenda(3).ToList();
        items[1] = items[1] with { Minutes = 0 };
        items[2] = items[2] with { Title = " " };

        var ex = await Refused(() => scenario.Grain.SetAgenda(scenario.ModeratorId, items), ForumErrorKind.Invalid);

        Assert.Equal(["items[1].minutes", "items[2].title"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await scenario.Stored());
    }

    [Fact]
    public async Task The_platform_numbers_new_items_and_never_reuses_a_number()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Scheduled, agendaItems: 0);

        var first = await scenario.Grain.SetAgenda(scenario.ModeratorId, [Forum.Item(), Forum.Item("keynote"), Forum.Item()]);
        var second = await scenario.Grain.SetAgenda(scenario.ModeratorId, [first[1], Forum.Item()]);

        Assert.Equal(["item-1", "keynote", "item-2"], first.Select(i => i.Id));
        Assert.Equal(["keynote", "item-3"], second.Select(i => i.Id));
        Assert.Equal(Forum.Json(second), Forum.Json(await scenario.Grain.GetAgenda()));
    }

    [Fact]
    public async Task Moderators_must_be_registered_participants()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Draft);
        var before = await scenario.Stored();
        var unknown = Forum.NewId("p");

        var ex = await Refused(() => scenario.Grain.SetModerators(scenario.OrganizerId, [scenario.ModeratorId, unknown]), ForumErrorKind.Invalid);

        Assert.Contains(unknown, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.Stored());
    }

    [Fact]
    public async Task The_current_item_is_set_while_live_and_only_to_an_item_of_the_agenda()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Scheduled);
        var beforeLive = await scenario.Stored();
        await Refused(() => scenario.Grain.SetCurrentItem(scenario.ModeratorId, scenario.Agenda[0].Id), ForumErrorKind.Conflict);
        Assert.Equal(beforeLive, await scenario.Stored());

        await scenario.Grain.Start(scenario.ModeratorId);
        var live = await scenario.Stored();
        var ex = await Refused(() => scenario.Grain.SetCurrentItem(scenario.ModeratorId, "no-such-item"), ForumErrorKind.Invalid);
        Assert.Contains("itemId", ex.Errors.Keys);
        Assert.Equal(live, await scenario.Stored());

        await scenario.Grain.SetCurrentItem(scenario.ModeratorId, scenario.Agenda[2].Id);
        Assert.Equal(scenario.Agenda[2].Id, (await scenario.Grain.GetSnapshot()).CurrentItemId);

        // An agenda without the current item clears it.
        await scenario.Grain.SetAgenda(scenario.ModeratorId, scenario.Agenda.Take(2).ToList());
        Assert.Null((await scenario.Grain.GetSnapshot()).CurrentItemId);
    }

    [Fact]
    public async Task An_unknown_session_is_not_found()
    {
        var session = _grains.GetGrain<ISessionGrain>(Forum.NewId("s"));
        var someone = await Forum.Register(_grains);

        Assert.Null(await session.GetDetails());
        Assert.False(await session.IsModerator(someone.ParticipantId));
        await Refused(() => session.GetAgenda(), ForumErrorKind.NotFound);
        await Refused(() => session.GetSnapshot(), ForumErrorKind.NotFound);
        await Refused(() => session.Start(someone.ParticipantId), ForumErrorKind.NotFound);
        await Refused(() => session.Resync(0, 0), ForumErrorKind.NotFound);
        Assert.Null(await session.GetDetails());
    }

    [Fact]
    public async Task A_refused_agenda_item_path_and_limit_cross_the_grain_boundary()
    {
        var scenario = await SessionScenario.Create(_grains, SessionStatus.Scheduled);

        var ex = await Refused(
            () => scenario.Grain.SetAgenda(scenario.ModeratorId, [Forum.Item() with { Minutes = AgendaLimits.MaxMinutes + 1 }]),
            ForumErrorKind.Invalid);

        Assert.Equal("The agenda is not valid.", ex.Message);
        var message = Assert.Single(ex.Errors["items[0].minutes"]);
        Assert.Contains($"{AgendaLimits.MaxMinutes}", message, StringComparison.Ordinal);
    }
}
