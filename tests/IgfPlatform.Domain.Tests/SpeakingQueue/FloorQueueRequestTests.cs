using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;
using static IgfPlatform.Domain.Tests.SpeakingQueue.Floors;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>
/// Asking for the floor: <see cref="FloorQueue.PrepareRequest"/>, <see cref="FloorQueue.PrepareAdd"/>,
/// <see cref="FloorQueue.PrepareWithdraw"/> and the rules that guard them.
/// </summary>
public sealed class FloorQueueRequestTests
{
    private readonly FloorQueue _queue = new();

    private static FloorEntryDraft Draft(string name = "Walk-in Speaker", FloorKind kind = FloorKind.Intervention, RemoteHub? hub = null) =>
        new(name, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, kind, InRoom: true, hub);

    [Fact]
    public void PrepareRequest_builds_the_entry_from_the_profile_without_putting_it_in_the_queue()
    {
        var entry = _queue.PrepareRequest(Amina, "req-a", FloorKind.Intervention, "  On data flows  ", null, inRoom: true, Start);

        Assert.Equal(0, _queue.Waiting);
        Assert.Equal(1, entry.EntryId);
        Assert.Equal(
            new FloorEntryRecord(1, FloorKind.Intervention, Amina.ParticipantId, "req-a", Amina.DisplayName, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female,
                InRoom: true, Hub: null, Note: "On data flows", Start, RepliesTo: null, AddedBy: null),
            entry);

        _queue.Add(entry);

        Assert.Equal(1, _queue.Waiting);
        Assert.Equal(1, _queue.LastEntryId);
        Assert.Same(entry, _queue.FindRequest(Amina.ParticipantId, "req-a"));
        Assert.Null(_queue.FindRequest(Bruno.ParticipantId, "req-a"));
        Assert.Equal(1, _queue.Mine(Amina.ParticipantId, Start)!.Position);
    }

    [Fact]
    public void A_participant_waits_for_the_floor_once_and_may_ask_again_after_withdrawing()
    {
        var first = _queue.Request(Amina, Start);

        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-again", FloorKind.Intervention, null, null, true, Start.AddSeconds(5)), ForumErrorKind.Conflict);
        Refused(() => _queue.PrepareRequest(Amina, "req-order", FloorKind.PointOfOrder, null, null, true, Start.AddSeconds(5)), ForumErrorKind.Conflict);
        Assert.Contains($"request {first.EntryId}", ex.Message, StringComparison.Ordinal);

        var withdrawn = _queue.Withdraw(first, Start.AddSeconds(10));
        var second = _queue.Request(Amina, Start.AddSeconds(20));

        Assert.Equal(EntryStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(Amina.ParticipantId, withdrawn.ClosedBy);
        Assert.Equal(2, second.EntryId);
        Assert.Equal(1, _queue.Waiting);
        Assert.Equal(second.EntryId, _queue.Mine(Amina.ParticipantId, Start.AddSeconds(20))!.EntryId);
    }

    [Fact]
    public void Only_ones_own_waiting_request_can_be_withdrawn()
    {
        var entry = _queue.Request(Amina, Start);

        Refused(() => _queue.PrepareWithdraw(Bruno.ParticipantId, entry.EntryId, Start), ForumErrorKind.NotFound);
        Refused(() => _queue.PrepareWithdraw(Amina.ParticipantId, 99, Start), ForumErrorKind.NotFound);
        _queue.Withdraw(entry, Start.AddSeconds(1));
        var ex = Refused(() => _queue.PrepareWithdraw(Amina.ParticipantId, entry.EntryId, Start.AddSeconds(2)), ForumErrorKind.Conflict);

        Assert.Contains("withdrawn", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _queue.Waiting);
    }

    [Fact]
    public void A_closed_queue_refuses_participants_but_moderators_may_still_add_someone()
    {
        _queue.SetOpen(false);

        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-closed", FloorKind.Intervention, null, null, true, Start), ForumErrorKind.Conflict);
        Refused(() => _queue.PrepareRequest(Amina, "req-closed-order", FloorKind.PointOfOrder, null, null, true, Start), ForumErrorKind.Conflict);
        var added = _queue.AddByModerator(Draft("  Walk-in Speaker "), Start);

        Assert.Contains("closed", ex.Message, StringComparison.Ordinal);
        Assert.False(_queue.Open);
        Assert.Null(added.ParticipantId);
        Assert.Equal(ModeratorId, added.AddedBy);
        Assert.Equal("Walk-in Speaker", added.Name);
        Assert.Equal(1, _queue.Waiting);

        _queue.SetOpen(true);
        _queue.Request(Amina, Start.AddSeconds(1));
        Assert.Equal(2, _queue.Waiting);
    }

    [Fact]
    public void A_reply_needs_a_speech_to_answer()
    {
        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-reply", FloorKind.Reply, null, null, true, Start), ForumErrorKind.Invalid);
        var byModerator = Refused(() => _queue.PrepareAdd(ModeratorId, "req-reply", Draft(kind: FloorKind.Reply), Start), ForumErrorKind.Invalid);

        Assert.True(ex.Errors.ContainsKey("kind"));
        Assert.True(byModerator.Errors.ContainsKey("kind"));
        Assert.Equal(0, _queue.Waiting);
    }

    [Fact]
    public void Nobody_replies_to_their_own_speech_others_reply_to_the_speech_answered()
    {
        var bruno = _queue.Request(Bruno, Start);
        var speech = _queue.GiveFloor(bruno.EntryId, Start.AddSeconds(10));
        _queue.EndCurrent(Start.AddSeconds(100));

        var own = Refused(() => _queue.PrepareRequest(Bruno, "req-own", FloorKind.Reply, null, null, true, Start.AddSeconds(110)), ForumErrorKind.Invalid);
        var reply = _queue.Request(Amina, Start.AddSeconds(110), FloorKind.Reply);
        var added = _queue.AddByModerator(Draft(kind: FloorKind.Reply), Start.AddSeconds(111));

        Assert.True(own.Errors.ContainsKey("kind"));
        Assert.Contains("own speech", own.Message, StringComparison.Ordinal);
        Assert.Equal(speech.SpeechId, reply.RepliesTo);
        Assert.Equal(speech.SpeechId, added.RepliesTo);
        // Bruno may still ask for an intervention.
        Assert.Null(_queue.Request(Bruno, Start.AddSeconds(120)).RepliesTo);
    }

    [Fact]
    public void While_speaking_a_participant_may_ask_only_for_a_point_of_order()
    {
        var amina = _queue.Request(Amina, Start);
        _queue.GiveFloor(amina.EntryId, Start.AddSeconds(1));

        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-more", FloorKind.Intervention, null, null, true, Start.AddSeconds(30)), ForumErrorKind.Conflict);
        var order = _queue.Request(Amina, Start.AddSeconds(31), FloorKind.PointOfOrder);

        Assert.Contains("have the floor", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FloorKind.PointOfOrder, order.Kind);
        Assert.Equal(order.EntryId, _queue.Mine(Amina.ParticipantId, Start.AddSeconds(31))!.EntryId);
    }

    [Fact]
    public void A_note_has_at_most_200_characters_after_trimming_and_a_blank_note_is_none()
    {
        var longest = new string('n', FloorLimits.MaxNoteLength);

        var kept = _queue.PrepareRequest(Amina, "req-1", FloorKind.Intervention, $"  {longest}\n", null, true, Start);
        var blank = _queue.PrepareRequest(Amina, "req-2", FloorKind.Intervention, " \t ", null, true, Start);
        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-3", FloorKind.Intervention, longest + "n", null, true, Start), ForumErrorKind.Invalid);
        var byModerator = Refused(() => _queue.PrepareAdd(ModeratorId, "req-4", Draft() with { Note = longest + "n" }, Start), ForumErrorKind.Invalid);

        Assert.Equal(200, FloorLimits.MaxNoteLength);
        Assert.Equal(longest, kept.Note);
        Assert.Null(blank.Note);
        Assert.True(ex.Errors.ContainsKey("note"));
        Assert.True(byModerator.Errors.ContainsKey("note"));
    }

    public static TheoryData<string, int, int?, string> BadHubs => new()
    {
        { string.Empty, 10, null, "hub.name" },
        { "   ", 10, null, "hub.name" },
        { new string('h', FloorLimits.MaxHubNameLength + 1), 10, null, "hub.name" },
        { "Nairobi hub", 0, null, "hub.headcount" },
        { "Nairobi hub", FloorLimits.MaxHubHeadcount + 1, null, "hub.headcount" },
        { "Nairobi hub", 10, 9, "hub.region" },
    };

    [Theory]
    [MemberData(nameof(BadHubs))]
    public void A_remote_hub_needs_a_name_a_headcount_and_a_known_region(string name, int headcount, int? region, string field)
    {
        var hub = new RemoteHub(name, headcount, (Region?)region);

        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-hub", FloorKind.Intervention, null, hub, false, Start), ForumErrorKind.Invalid);
        var byModerator = Refused(() => _queue.PrepareAdd(ModeratorId, "req-hub", Draft(hub: hub), Start), ForumErrorKind.Invalid);

        Assert.True(ex.Errors.ContainsKey(field), string.Join(", ", ex.Errors.Keys));
        Assert.True(byModerator.Errors.ContainsKey(field));
    }

    [Fact]
    public void A_remote_hub_speaks_from_its_region_and_is_never_in_the_room()
    {
        var longest = new string('h', FloorLimits.MaxHubNameLength);

        var elsewhere = _queue.PrepareRequest(Amina, "req-1", FloorKind.Intervention, null, new RemoteHub("  Nairobi hub ", 40, Region.AsiaPacific), inRoom: true, Start);
        var local = _queue.PrepareRequest(Amina, "req-2", FloorKind.Intervention, null, new RemoteHub(longest, FloorLimits.MaxHubHeadcount), inRoom: true, Start);
        var added = _queue.PrepareAdd(ModeratorId, "req-3", Draft(hub: new RemoteHub("Dakar hub", 1, Region.LatinAmericaCaribbean)), Start);

        Assert.Equal(new RemoteHub("Nairobi hub", 40, Region.AsiaPacific), elsewhere.Hub);
        Assert.Equal(Region.AsiaPacific, elsewhere.Region);
        Assert.False(elsewhere.InRoom);
        Assert.Equal(Region.Africa, local.Region);
        Assert.Equal(longest, local.Hub!.Name);
        Assert.False(local.InRoom);
        Assert.Equal(Region.LatinAmericaCaribbean, added.Region);
        Assert.False(added.InRoom);
    }

    [Fact]
    public void A_participant_makes_at_most_five_requests_a_minute()
    {
        for (var i = 0; i < FloorLimits.MaxRequestsPerWindow; i++)
        {
            _queue.Withdraw(_queue.Request(Amina, Start.AddSeconds(i * 10)), Start.AddSeconds((i * 10) + 1));
        }

        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-sixth", FloorKind.Intervention, null, null, true, Start.AddSeconds(59)), ForumErrorKind.TooManyRequests);
        // Others are not held back, nor are moderators adding someone.
        _queue.Request(Bruno, Start.AddSeconds(59));
        _queue.AddByModerator(Draft(), Start.AddSeconds(59));
        // A minute after the first, one more is allowed; then the window is full again.
        var again = _queue.Request(Amina, Start + FloorLimits.RequestWindow);
        _queue.Withdraw(again, Start.AddSeconds(61));
        Refused(() => _queue.PrepareRequest(Amina, "req-seventh", FloorKind.Intervention, null, null, true, Start.AddSeconds(69)), ForumErrorKind.TooManyRequests);

        Assert.Equal(5, FloorLimits.MaxRequestsPerWindow);
        Assert.Equal(TimeSpan.FromMinutes(1), FloorLimits.RequestWindow);
        Assert.Contains("5", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(_queue.Request(Amina, Start.AddSeconds(70)));
    }

    public static TheoryData<string> BadClientRequestIds => [string.Empty, "   ", new string('r', FloorLimits.MaxClientRequestIdLength + 1)];

    [Theory]
    [MemberData(nameof(BadClientRequestIds))]
    public void A_request_needs_a_client_request_id_of_at_most_64_characters(string clientRequestId)
    {
        var ex = Refused(() => _queue.PrepareRequest(Amina, clientRequestId, FloorKind.Intervention, null, null, true, Start), ForumErrorKind.Invalid);
        var byModerator = Refused(() => _queue.PrepareAdd(ModeratorId, clientRequestId, Draft(), Start), ForumErrorKind.Invalid);

        Assert.True(ex.Errors.ContainsKey("clientRequestId"));
        Assert.True(byModerator.Errors.ContainsKey("clientRequestId"));
        Assert.NotNull(_queue.PrepareRequest(Amina, new string('r', FloorLimits.MaxClientRequestIdLength), FloorKind.Intervention, null, null, true, Start));
    }

    public static TheoryData<string> BadNames => [string.Empty, "  ", new string('n', FloorLimits.MaxNameLength + 1)];

    [Theory]
    [MemberData(nameof(BadNames))]
    public void A_moderator_adds_someone_by_a_name_of_1_to_80_characters(string name)
    {
        var ex = Refused(() => _queue.PrepareAdd(ModeratorId, "req-name", Draft(name), Start), ForumErrorKind.Invalid);

        Assert.True(ex.Errors.ContainsKey("name"));
        Assert.Equal(0, _queue.Waiting);
    }

    [Fact]
    public void A_moderator_adds_only_known_groups_regions_genders_and_kinds()
    {
        Refused(() => _queue.PrepareAdd(ModeratorId, "r1", Draft() with { Group = (StakeholderGroup)6 }, Start), ForumErrorKind.Invalid);
        Refused(() => _queue.PrepareAdd(ModeratorId, "r2", Draft() with { Region = (Region)5 }, Start), ForumErrorKind.Invalid);
        Refused(() => _queue.PrepareAdd(ModeratorId, "r3", Draft() with { Gender = (Gender)4 }, Start), ForumErrorKind.Invalid);
        Refused(() => _queue.PrepareAdd(ModeratorId, "r4", Draft() with { Kind = (FloorKind)3 }, Start), ForumErrorKind.Invalid);
        Refused(() => _queue.PrepareRequest(Amina, "r5", (FloorKind)3, null, null, true, Start), ForumErrorKind.Invalid);

        var undeclared = _queue.PrepareAdd(ModeratorId, "r6", Draft() with { Gender = null }, Start);

        Assert.Null(undeclared.Gender);
    }

    [Fact]
    public void Moderators_may_add_several_people_each_known_by_its_client_request_id()
    {
        _queue.Request(Amina, Start);

        var first = _queue.AddByModerator(Draft("Walk-in One"), Start.AddSeconds(1));
        var second = _queue.AddByModerator(Draft("Walk-in Two"), Start.AddSeconds(2));

        Assert.Equal([1L, 2L, 3L], [_queue.Mine(Amina.ParticipantId, Start)!.EntryId, first.EntryId, second.EntryId]);
        Assert.Equal(3, _queue.Waiting);
        Assert.Same(second, _queue.FindRequest(ModeratorId, second.ClientRequestId));
    }

    [Fact]
    public void A_full_queue_takes_nobody_more()
    {
        for (var i = 0; i < FloorLimits.MaxWaiting; i++)
        {
            _queue.Add(_queue.PrepareAdd(ModeratorId, $"bulk-{i}", Draft($"Speaker {i}"), Start.AddMilliseconds(i)));
        }

        var ex = Refused(() => _queue.PrepareRequest(Amina, "req-full", FloorKind.Intervention, null, null, true, Start.AddMinutes(1)), ForumErrorKind.Conflict);
        Refused(() => _queue.PrepareAdd(ModeratorId, "req-full", Draft(), Start.AddMinutes(1)), ForumErrorKind.Conflict);
        _queue.Dismiss(1, "Asked twice", Start.AddMinutes(2));

        Assert.Contains("10000", ex.Message.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotNull(_queue.Request(Amina, Start.AddMinutes(3)));
        Assert.Equal(FloorLimits.MaxWaiting, _queue.Waiting);
    }
}
