using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.SpeakingQueue.Floor;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>
/// <see cref="ISpeakingQueueGrain.RequestFloor"/> and <see cref="ISpeakingQueueGrain.WithdrawFloor"/>: idempotent
/// by client request id, one waiting entry per participant, only while the session and the queue take them.
/// </summary>
[Collection(FloorCollection.Name)]
public sealed class FloorRequestTests(ShiftedClockClusterFixture fixture)
{
    private Task<FloorScenario> Live(SessionStatus status = SessionStatus.Live) => FloorScenario.Create(fixture, status);

    [Fact]
    public async Task A_request_returns_its_entry_and_position_and_the_same_request_id_again_returns_the_same_entry()
    {
        using var s = await Live();
        var first = await s.Person(StakeholderGroup.CivilSociety);
        var second = await s.Person(StakeholderGroup.Government);

        var entry = await s.Queue.RequestFloor(first.ParticipantId, "req-1", FloorKind.Intervention, "  On capacity building  ", null, inRoom: true);
        var again = await s.Queue.RequestFloor(first.ParticipantId, "req-1", FloorKind.PointOfOrder, "Something else", null, inRoom: false);

        Assert.Equal((FloorKind.Intervention, 1, 1, "On capacity building", false), (entry.Kind, entry.Position, entry.Waiting, entry.Note, entry.Speaking));
        Assert.True(entry.EntryId > 0);
        Assert.Null(entry.Hub);
        Assert.Equal(entry, again);
        Assert.Equal(entry, await s.Queue.GetMine(first.ParticipantId));
        var view = await s.Queue.GetView();
        Assert.Equal((1, true), (view.Waiting, view.Open));
        Assert.Equal([entry.EntryId], view.Order);
        var queued = Assert.Single(await s.Queue.GetQueue(s.ModeratorId));
        Assert.Equal(
            (entry.EntryId, first.ParticipantId, first.DisplayName, StakeholderGroup.CivilSociety, Region.Africa, (Gender?)Gender.Female, true, 1),
            (queued.EntryId, queued.ParticipantId, queued.Name, queued.Group, queued.Region, queued.Gender, queued.InRoom, queued.Position));

        // The same request id from someone else is their own request.
        var theirs = await s.Queue.RequestFloor(second.ParticipantId, "req-1", FloorKind.Intervention, null, null, inRoom: true);
        Assert.NotEqual(entry.EntryId, theirs.EntryId);
        Assert.Equal(2, theirs.Waiting);
        Assert.Equal(2, (await s.Queue.GetView()).Waiting);
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_the_same_request_id_make_one_entry()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.TechnicalAcademic);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => s.Queue.RequestFloor(asker.ParticipantId, "req-burst", FloorKind.Intervention, null, null, true))).Within();

        Assert.All(answers, a => Assert.Equal(answers[0].EntryId, a.EntryId));
        Assert.Equal([answers[0].EntryId], (await s.Queue.GetView()).Order);
    }

    [Fact]
    public async Task A_participant_waits_with_one_entry_at_a_time()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.PrivateSector);
        var entry = await s.Request(asker);

        var ex = await Refused(() => s.Request(asker), ForumErrorKind.Conflict);
        await Refused(() => s.Request(asker, FloorKind.PointOfOrder), ForumErrorKind.Conflict);

        Assert.Contains(entry.EntryId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Equal([entry.EntryId], (await s.Queue.GetView()).Order);

        // Once the first is withdrawn the participant may ask again.
        await s.Queue.WithdrawFloor(asker.ParticipantId, entry.EntryId);
        var next = await s.Request(asker);
        Assert.NotEqual(entry.EntryId, next.EntryId);
        Assert.Equal([next.EntryId], (await s.Queue.GetView()).Order);
    }

    [Theory]
    [InlineData(SessionStatus.Draft)]
    [InlineData(SessionStatus.Ended)]
    public async Task Requests_are_refused_while_the_session_is_a_draft_or_has_ended(SessionStatus status)
    {
        using var s = await Live(status);
        var asker = await s.Person(StakeholderGroup.CivilSociety);

        var ex = await Refused(() => s.Request(asker), ForumErrorKind.Conflict);

        Assert.Contains(status.ToString().ToLowerInvariant(), ex.Message, StringComparison.Ordinal);
        Assert.Null(await s.Queue.GetMine(asker.ParticipantId));
        Assert.Equal(0, (await s.Queue.GetView()).Waiting);
    }

    [Theory]
    [InlineData(SessionStatus.Scheduled)]
    [InlineData(SessionStatus.Live)]
    public async Task Requests_are_taken_while_the_session_is_scheduled_or_live(SessionStatus status)
    {
        using var s = await Live(status);
        var asker = await s.Person(StakeholderGroup.CivilSociety);

        var entry = await s.Request(asker);

        Assert.Equal(1, entry.Position);
        Assert.Equal([entry.EntryId], (await s.Queue.GetView()).Order);
    }

    [Fact]
    public async Task The_floor_is_given_only_while_the_session_is_live()
    {
        using var s = await Live(SessionStatus.Scheduled);
        var asker = await s.Person(StakeholderGroup.CivilSociety);
        var entry = await s.Request(asker);

        var ex = await Refused(() => s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null), ForumErrorKind.Conflict);

        Assert.Contains("scheduled", ex.Message, StringComparison.Ordinal);
        Assert.Null((await s.Queue.GetView()).Current);
        Assert.Equal([entry.EntryId], (await s.Queue.GetView()).Order);
    }

    [Fact]
    public async Task The_floor_is_given_as_soon_as_the_session_is_started()
    {
        using var s = await Live(SessionStatus.Scheduled);
        var asker = await s.Person(StakeholderGroup.CivilSociety);
        var entry = await s.Request(asker);

        await s.Session.Grain.Start(s.ModeratorId);
        var given = await Record.ExceptionAsync(() => s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null));

        Assert.True(given is null, $"The session is live, yet giving the floor right after the start was refused: {given?.Message}");
        Assert.Equal(entry.EntryId, (await s.Queue.GetView()).Current?.EntryId);
    }

    [Fact]
    public async Task Requests_are_taken_as_soon_as_the_session_is_scheduled()
    {
        using var s = await Live(SessionStatus.Draft);
        var early = await s.Person(StakeholderGroup.CivilSociety);
        var asker = await s.Person(StakeholderGroup.Government);
        await Refused(() => s.Request(early), ForumErrorKind.Conflict);

        await s.Session.Grain.Schedule(s.OrganizerId);
        var requested = await Record.ExceptionAsync(() => s.Request(asker));

        Assert.True(requested is null, $"The session is scheduled, yet a request right after scheduling was refused: {requested?.Message}");
        Assert.Equal(1, (await s.Queue.GetView()).Waiting);
    }

    [Fact]
    public async Task Requests_need_a_participant_a_request_id_a_kind_and_a_short_note()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.CivilSociety);

        await Refused(() => s.Queue.RequestFloor(string.Empty, "req-1", FloorKind.Intervention, null, null, true), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Queue.RequestFloor(Forum.NewId("p"), "req-1", FloorKind.Intervention, null, null, true), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Queue.RequestFloor(asker.ParticipantId, "  ", FloorKind.Intervention, null, null, true), ForumErrorKind.Invalid);
        await Refused(() => s.Queue.RequestFloor(asker.ParticipantId, new string('r', FloorLimits.MaxClientRequestIdLength + 1), FloorKind.Intervention, null, null, true), ForumErrorKind.Invalid);
        await Refused(() => s.Queue.RequestFloor(asker.ParticipantId, "req-2", (FloorKind)7, null, null, true), ForumErrorKind.Invalid);
        await Refused(() => s.Queue.RequestFloor(asker.ParticipantId, "req-3", FloorKind.Intervention, new string('n', FloorLimits.MaxNoteLength + 1), null, true), ForumErrorKind.Invalid);

        Assert.Equal(0, (await s.Queue.GetView()).Waiting);
        Assert.Null(await s.Queue.GetMine(asker.ParticipantId));

        // None of the refused request ids was remembered.
        var entry = await s.Queue.RequestFloor(asker.ParticipantId, "req-2", FloorKind.Intervention, null, null, true);
        Assert.Equal([entry.EntryId], (await s.Queue.GetView()).Order);
    }

    [Fact]
    public async Task A_participant_asks_for_the_floor_at_most_five_times_a_minute()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.PrivateSector);
        var other = await s.Person(StakeholderGroup.PrivateSector);
        for (var i = 0; i < FloorLimits.MaxRequestsPerWindow; i++)
        {
            var entry = await s.Request(asker);
            await s.Queue.WithdrawFloor(asker.ParticipantId, entry.EntryId);
        }

        await Refused(() => s.Request(asker), ForumErrorKind.TooManyRequests);
        Assert.Equal(1, (await s.Request(other)).Position);

        await s.Advance(FloorLimits.RequestWindow);
        var later = await s.Request(asker);
        Assert.Equal(2, later.Position);
    }

    [Fact]
    public async Task A_session_that_does_not_exist_takes_no_requests()
    {
        var nowhere = fixture.Cluster.Client.GetGrain<ISpeakingQueueGrain>(Forum.NewId("s"));
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.CivilSociety);

        await Refused(() => nowhere.RequestFloor(asker.ParticipantId, "req-1", FloorKind.Intervention, null, null, true), ForumErrorKind.NotFound);
    }

    [Fact]
    public async Task A_closed_queue_refuses_requests_but_a_moderator_still_adds_someone()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.Government);

        await s.Queue.SetQueueOpen(s.ModeratorId, false);
        var ex = await Refused(() => s.Request(asker), ForumErrorKind.Conflict);
        var added = await s.Queue.AddEntry(
            s.ModeratorId, "add-1", new FloorEntryDraft("  Amina Diallo  ", StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, FloorKind.Intervention, InRoom: true));

        Assert.Contains("closed", ex.Message, StringComparison.Ordinal);
        Assert.False((await s.Queue.GetView()).Open);
        Assert.Equal((null, "Amina Diallo", StakeholderGroup.CivilSociety, true, 1), (added.ParticipantId, added.Name, added.Group, added.InRoom, added.Position));
        Assert.Equal([added.EntryId], (await s.Queue.GetView()).Order);
        Assert.Null(await s.Queue.GetMine(asker.ParticipantId));

        // The same addition again is the same entry; reopened, the queue takes requests again.
        Assert.Equal(added.EntryId, (await s.Queue.AddEntry(s.ModeratorId, "add-1", new FloorEntryDraft("Someone else", StakeholderGroup.Government, Region.AsiaPacific, null, FloorKind.Intervention, false))).EntryId);
        await s.Queue.SetQueueOpen(s.ModeratorId, true);
        var entry = await s.Request(asker);
        Assert.Equal([added.EntryId, entry.EntryId], (await s.Queue.GetView()).Order);
    }

    [Fact]
    public async Task A_reply_needs_a_speech_to_answer_and_not_ones_own()
    {
        using var s = await Live();
        var speaker = await s.Person(StakeholderGroup.Government);
        var other = await s.Person(StakeholderGroup.CivilSociety);

        await Refused(() => s.Request(other, FloorKind.Reply), ForumErrorKind.Invalid);
        Assert.Equal(0, (await s.Queue.GetView()).Waiting);

        var entry = await s.Request(speaker);
        await s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null);
        await Refused(() => s.Request(speaker, FloorKind.Reply), ForumErrorKind.Conflict);
        await s.Queue.EndSpeech(s.ModeratorId);
        await Refused(() => s.Request(speaker, FloorKind.Reply), ForumErrorKind.Invalid);
        var reply = await s.Request(other, FloorKind.Reply);

        Assert.Equal((FloorKind.Reply, 1), (reply.Kind, reply.Position));
        Assert.Equal(1L, Assert.Single(await s.Queue.GetQueue(s.ModeratorId)).RepliesTo);
    }

    [Fact]
    public async Task A_remote_hub_keeps_its_name_and_headcount_and_speaks_remotely()
    {
        using var s = await Live();
        var spokesperson = await s.Person(StakeholderGroup.CivilSociety, Region.WesternEuropeOthers);
        var hub = new RemoteHub("  Nairobi remote hub  ", 40, Region.Africa);

        var entry = await s.Request(spokesperson, hub: hub);
        var added = await s.Queue.AddEntry(
            s.ModeratorId, "add-hub", new FloorEntryDraft("Dhaka hub", StakeholderGroup.TechnicalAcademic, Region.AsiaPacific, null, FloorKind.Intervention, InRoom: true, new RemoteHub("Dhaka hub", 25)));

        Assert.Equal(new RemoteHub("Nairobi remote hub", 40, Region.Africa), entry.Hub);
        var queued = (await s.Queue.GetQueue(s.ModeratorId)).ToDictionary(e => e.EntryId);
        Assert.Equal((false, new RemoteHub("Nairobi remote hub", 40, Region.Africa), Region.Africa), (queued[entry.EntryId].InRoom, queued[entry.EntryId].Hub, queued[entry.EntryId].Region));
        Assert.Equal((false, new RemoteHub("Dhaka hub", 25), Region.AsiaPacific), (queued[added.EntryId].InRoom, queued[added.EntryId].Hub, queued[added.EntryId].Region));
        var head = (await s.Queue.GetView()).Head.Single(h => h.EntryId == entry.EntryId);
        Assert.Equal((false, "Nairobi remote hub", 40), (head.InRoom, head.Hub!.Name, head.Hub.Headcount));

        // Nobody has spoken: the two groups tie, and the hub asked first.
        Assert.Equal(entry.EntryId, (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!.Entry.EntryId);
        var speech = await s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(20));
        await s.Queue.EndSpeech(s.ModeratorId);

        Assert.Equal((false, new RemoteHub("Nairobi remote hub", 40, Region.Africa)), (speech.InRoom, speech.Hub));
        var ledger = (await s.Queue.GetFigures()).Ledger;
        Assert.Equal((1, 0, 1, 40), (ledger.RemoteHubs.Speeches, ledger.InRoom.Speeches, ledger.Remote.Speeches, ledger.RemoteHubHeadcount));
        Assert.Equal(ledger.Milliseconds, ledger.RemoteHubs.Milliseconds);
        Assert.True(ledger.ByRegion.ContainsKey("africa"));

        var other = await s.Person(StakeholderGroup.Government);
        await Refused(() => s.Request(other, hub: new RemoteHub("Empty hub", 0)), ForumErrorKind.Invalid);
        await Refused(() => s.Request(other, hub: new RemoteHub("   ", 10)), ForumErrorKind.Invalid);
        await Refused(() => s.Request(other, hub: new RemoteHub("Large hub", FloorLimits.MaxHubHeadcount + 1)), ForumErrorKind.Invalid);
        Assert.Null(await s.Queue.GetMine(other.ParticipantId));
    }

    [Fact]
    public async Task A_participant_withdraws_only_their_own_entry_and_it_leaves_the_order()
    {
        using var s = await Live();
        var first = await s.Person(StakeholderGroup.Government);
        var second = await s.Person(StakeholderGroup.CivilSociety);
        var third = await s.Person(StakeholderGroup.PrivateSector);
        var a = await s.Request(first);
        var b = await s.Request(second);
        var c = await s.Request(third);

        await Refused(() => s.Queue.WithdrawFloor(second.ParticipantId, a.EntryId), ForumErrorKind.NotFound);
        await Refused(() => s.Queue.WithdrawFloor(string.Empty, a.EntryId), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Queue.WithdrawFloor(first.ParticipantId, 999_999), ForumErrorKind.NotFound);
        Assert.Equal([a.EntryId, b.EntryId, c.EntryId], (await s.Queue.GetView()).Order);

        await s.Queue.WithdrawFloor(second.ParticipantId, b.EntryId);

        var view = await s.Queue.GetView();
        Assert.Equal([a.EntryId, c.EntryId], view.Order);
        Assert.Equal(2, view.Waiting);
        Assert.Null(await s.Queue.GetMine(second.ParticipantId));
        Assert.Equal(2, (await s.Queue.GetMine(third.ParticipantId))!.Position);
        Assert.DoesNotContain(await s.Queue.GetQueue(s.ModeratorId), e => e.EntryId == b.EntryId);
        await Refused(() => s.Queue.WithdrawFloor(second.ParticipantId, b.EntryId), ForumErrorKind.Conflict);
        await Refused(() => s.Queue.GiveFloor(s.ModeratorId, b.EntryId, "They asked"), ForumErrorKind.Conflict);
    }
}
