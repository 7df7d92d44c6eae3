using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;
using static IgfPlatform.Domain.Tests.SpeakingQueue.Floors;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>
/// Giving and ending the floor: <see cref="FloorQueue.PrepareGive"/> (the suggestion, or another entry
/// with the reason), <see cref="FloorQueue.EndCurrent"/>, dismissals and <see cref="FloorQueue.CloseWithSession"/>.
/// </summary>
public sealed class FloorQueueFloorTests
{
    private readonly FloorQueue _queue = new();

    [Fact]
    public void The_suggestion_is_given_the_floor_without_a_reason()
    {
        var amina = _queue.Request(Amina, Start);
        _queue.Request(Bruno, Start.AddSeconds(5));
        var at = Start.AddSeconds(30);

        Assert.Equal(amina.EntryId, _queue.Suggest(at)!.Candidate.EntryId);
        var speech = _queue.PrepareGive(ModeratorId, ModeratorName, amina.EntryId, null, at);
        Assert.Equal(2, _queue.Waiting);
        Assert.Null(_queue.Current);
        var ended = _queue.Give(speech);

        Assert.Null(ended);
        Assert.Equal(1, speech.SpeechId);
        Assert.Equal(amina with { Status = EntryStatus.Spoke, ClosedAt = at, ClosedBy = ModeratorName }, speech.Entry);
        Assert.Equal((at, FloorLimits.DefaultAllottedSeconds, (DateTimeOffset?)null), (speech.StartedAt, speech.AllottedSeconds, speech.EndedAt));
        Assert.Equal((ModeratorId, ModeratorName), (speech.ModeratorId, speech.ModeratorName));
        Assert.Equal(((long?)null, (StakeholderGroup?)null, (string?)null), (speech.SuggestedEntryId, speech.SuggestedGroup, speech.OverrideReason));
        Assert.False(speech.AnswersSpeech);
        Assert.Same(speech, _queue.Current);
        Assert.Equal(1, _queue.Waiting);
        Assert.Equal(EntryStatus.Spoke, _queue.Find(amina.EntryId)!.Status);
        Assert.Empty(_queue.Ledger(at).Overrides);
        // A reason given anyway is not kept: the suggestion needs none.
        var next = _queue.PrepareGive(ModeratorId, ModeratorName, 2, "Next in line", at.AddMinutes(3));
        Assert.Null(next.OverrideReason);
    }

    [Fact]
    public void Another_entry_is_given_the_floor_only_with_a_reason_which_is_kept_with_the_suggestion()
    {
        var amina = _queue.Request(Amina, Start);
        var bruno = _queue.Request(Bruno, Start.AddSeconds(5));
        var at = Start.AddSeconds(30);

        var none = Refused(() => _queue.PrepareGive(ModeratorId, ModeratorName, bruno.EntryId, null, at), ForumErrorKind.Invalid);
        var blank = Refused(() => _queue.PrepareGive(ModeratorId, ModeratorName, bruno.EntryId, "   ", at), ForumErrorKind.Invalid);
        Refused(() => _queue.PrepareGive(ModeratorId, ModeratorName, bruno.EntryId, new string('r', FloorLimits.MaxReasonLength + 1), at), ForumErrorKind.Invalid);
        var speech = _queue.GiveFloor(bruno.EntryId, at, "  The minister must leave for the plenary  ");

        Assert.True(none.Errors.ContainsKey("reason"));
        Assert.Contains($"request {amina.EntryId}", none.Message, StringComparison.Ordinal);
        Assert.True(blank.Errors.ContainsKey("reason"));
        Assert.Equal(amina.EntryId, speech.SuggestedEntryId);
        Assert.Equal(StakeholderGroup.CivilSociety, speech.SuggestedGroup);
        Assert.Equal("The minister must leave for the plenary", speech.OverrideReason);
        var recorded = Assert.Single(_queue.Ledger(at.AddSeconds(10)).Overrides);
        Assert.Equal(
            new FloorOverride(speech.SpeechId, at, ModeratorName, Bruno.DisplayName, StakeholderGroup.Government, amina.EntryId, StakeholderGroup.CivilSociety, "The minister must leave for the plenary"),
            recorded);
    }

    [Fact]
    public void Only_a_waiting_entry_is_given_the_floor()
    {
        var amina = _queue.Request(Amina, Start);
        _queue.Withdraw(amina, Start.AddSeconds(1));
        var bruno = _queue.Request(Bruno, Start.AddSeconds(2));
        _queue.GiveFloor(bruno.EntryId, Start.AddSeconds(3));

        Refused(() => _queue.PrepareGive(ModeratorId, ModeratorName, 42, "Why not", Start.AddSeconds(4)), ForumErrorKind.NotFound);
        var withdrawn = Refused(() => _queue.PrepareGive(ModeratorId, ModeratorName, amina.EntryId, "Why not", Start.AddSeconds(4)), ForumErrorKind.Conflict);
        var spoke = Refused(() => _queue.PrepareGive(ModeratorId, ModeratorName, bruno.EntryId, "Again", Start.AddSeconds(4)), ForumErrorKind.Conflict);

        Assert.Contains("withdrawn", withdrawn.Message, StringComparison.Ordinal);
        Assert.Contains("given the floor", spoke.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_nobody_else_waiting_whoever_waits_is_the_suggestion()
    {
        var amina = _queue.Request(Amina, Start);

        var speech = _queue.GiveFloor(amina.EntryId, Start.AddSeconds(1));

        Assert.Null(speech.OverrideReason);
        Assert.Null(_queue.Suggest(Start.AddSeconds(2)));
    }

    [Fact]
    public void Interventions_and_stale_replies_get_the_intervention_time_replies_answering_and_points_of_order_the_reply_time()
    {
        _queue.SetSettings(FloorQueue.Normalize(new FloorSettings(120, 45)));
        var bruno = _queue.Request(Bruno, Start);
        var first = _queue.GiveFloor(bruno.EntryId, Start.AddSeconds(1));
        var reply = _queue.Request(Amina, Start.AddSeconds(10), FloorKind.Reply);
        var late = _queue.Request(Chen, Start.AddSeconds(11), FloorKind.Reply);
        var order = _queue.Request(Dara, Start.AddSeconds(12), FloorKind.PointOfOrder);

        var ordered = _queue.GiveFloor(order.EntryId, Start.AddMinutes(2));
        var answering = _queue.GiveFloor(reply.EntryId, Start.AddMinutes(3));
        Assert.Equal(first.SpeechId, _queue.AnsweredSpeechId);
        var elena = _queue.Request(Elena, Start.AddMinutes(3).AddSeconds(1));
        var intervention = _queue.GiveFloor(elena.EntryId, Start.AddMinutes(4), "Chen's reply answers speech 1, which has moved on");
        var stale = _queue.GiveFloor(late.EntryId, Start.AddMinutes(6));

        Assert.Equal((120, false), (first.AllottedSeconds, first.AnswersSpeech));
        Assert.Equal((45, false), (ordered.AllottedSeconds, ordered.AnswersSpeech));
        Assert.Equal((45, true), (answering.AllottedSeconds, answering.AnswersSpeech));
        Assert.Equal((120, false), (intervention.AllottedSeconds, intervention.AnswersSpeech));
        Assert.Equal((120, false), (stale.AllottedSeconds, stale.AnswersSpeech));
        Assert.Equal(first.SpeechId, late.RepliesTo);
        // A reply given out of its turn is an intervention now: the next replies answer it.
        Assert.Equal(stale.SpeechId, _queue.AnsweredSpeechId);
        Assert.Equal([1L, 2, 3, 4, 5], _queue.Speeches.Select(s => s.SpeechId));
    }

    [Fact]
    public void A_point_of_order_is_suggested_before_a_reply_and_a_reply_before_an_intervention()
    {
        var bruno = _queue.Request(Bruno, Start);
        _queue.GiveFloor(bruno.EntryId, Start.AddSeconds(1));
        var elena = _queue.Request(Elena, Start.AddSeconds(2));
        var amina = _queue.Request(Amina, Start.AddSeconds(3), FloorKind.Reply);
        var dara = _queue.Request(Dara, Start.AddSeconds(4), FloorKind.PointOfOrder);
        var at = Start.AddSeconds(5);

        Assert.Equal((dara.EntryId, BalancePolicy.PointOfOrderRule), (_queue.Suggest(at)!.Candidate.EntryId, _queue.Suggest(at)!.Rule));
        Assert.Equal([dara.EntryId, amina.EntryId, elena.EntryId], _queue.Order(at));
        _queue.GiveFloor(dara.EntryId, at);
        Assert.Equal((amina.EntryId, BalancePolicy.ReplyRule), (_queue.Suggest(at)!.Candidate.EntryId, _queue.Suggest(at)!.Rule));
        _queue.GiveFloor(amina.EntryId, at.AddMinutes(1));
        Assert.Equal((elena.EntryId, BalancePolicy.BalanceRule), (_queue.Suggest(at)!.Candidate.EntryId, _queue.Suggest(at)!.Rule));
    }

    [Fact]
    public void A_new_speech_ends_the_running_one_when_it_starts()
    {
        var amina = _queue.Request(Amina, Start);
        var bruno = _queue.Request(Bruno, Start.AddSeconds(1));
        var first = _queue.GiveFloor(amina.EntryId, Start.AddSeconds(10));
        var second = _queue.PrepareGive(ModeratorId, ModeratorName, bruno.EntryId, null, Start.AddSeconds(100));

        var ended = _queue.Give(second);

        Assert.Equal(first with { EndedAt = Start.AddSeconds(100) }, ended);
        Assert.Equal([ended!, second], _queue.Speeches);
        Assert.Equal(2, second.SpeechId);
        Assert.Same(second, _queue.Current);
        Assert.Equal(90_000, _queue.Ledger(Start.AddSeconds(100)).ByGroup["civilSociety"].Milliseconds);
    }

    [Fact]
    public void EndCurrent_ends_the_running_speech_once_and_never_before_it_started()
    {
        Assert.Null(_queue.EndCurrent(Start));
        Refused(() => _queue.RequireCurrent(), ForumErrorKind.Conflict);
        var amina = _queue.Request(Amina, Start);
        var speech = _queue.GiveFloor(amina.EntryId, Start.AddSeconds(10));
        Assert.Same(speech, _queue.RequireCurrent());

        var ended = _queue.EndCurrent(Start.AddSeconds(70));

        Assert.Equal(Start.AddSeconds(70), ended!.EndedAt);
        Assert.Null(_queue.Current);
        Assert.Null(_queue.EndCurrent(Start.AddSeconds(80)));
        Assert.Equal(60_000, _queue.Ledger(Start.AddHours(1)).Milliseconds);

        var bruno = _queue.Request(Bruno, Start.AddSeconds(90));
        _queue.GiveFloor(bruno.EntryId, Start.AddSeconds(100));
        var early = _queue.EndCurrent(Start.AddSeconds(95));
        Assert.Equal(Start.AddSeconds(100), early!.EndedAt);
        Assert.Equal(60_000, _queue.Ledger(Start.AddHours(1)).Milliseconds);
    }

    [Fact]
    public void The_running_speech_counts_at_least_its_allotment_in_the_suggestion_and_what_it_took_in_the_ledger()
    {
        var amina = _queue.Request(Amina, Start);
        _queue.GiveFloor(amina.EntryId, Start);

        Assert.Equal(180_000, _queue.Situation(Start.AddSeconds(10)).Tally.TotalMs);
        Assert.Equal(10_000, _queue.Ledger(Start.AddSeconds(10)).Milliseconds);
        Assert.Equal(200_000, _queue.Situation(Start.AddSeconds(200)).Tally.GroupMs[(int)StakeholderGroup.CivilSociety]);
        Assert.Equal(200_000, _queue.Ledger(Start.AddSeconds(200)).Milliseconds);
    }

    [Fact]
    public void A_dismissal_needs_a_reason_and_is_kept_in_the_ledger()
    {
        var amina = _queue.Request(Amina, Start);
        var bruno = _queue.Request(Bruno, Start.AddSeconds(1));

        var ex = Refused(() => _queue.PrepareDismiss(ModeratorId, ModeratorName, amina.EntryId, " ", Start.AddSeconds(5)), ForumErrorKind.Invalid);
        Refused(() => _queue.PrepareDismiss(ModeratorId, ModeratorName, 42, "Unknown", Start.AddSeconds(5)), ForumErrorKind.NotFound);
        var dismissed = _queue.Dismiss(bruno.EntryId, "  Asked twice under two names ", Start.AddSeconds(6));
        var withdrawn = _queue.Withdraw(amina, Start.AddSeconds(7));

        Assert.True(ex.Errors.ContainsKey("reason"));
        Assert.Equal((EntryStatus.Dismissed, ModeratorName, "Asked twice under two names"), (dismissed.Status, dismissed.ClosedBy, dismissed.ClosedReason));
        Assert.Equal(EntryStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(0, _queue.Waiting);
        Assert.Equal(
            [new FloorDismissal(bruno.EntryId, Start.AddSeconds(6), ModeratorName, StakeholderGroup.Government, "Asked twice under two names")],
            _queue.Ledger(Start.AddSeconds(8)).Dismissals);
        Refused(() => _queue.PrepareDismiss(ModeratorId, ModeratorName, bruno.EntryId, "Again", Start.AddSeconds(9)), ForumErrorKind.Conflict);
    }

    [Fact]
    public void Closing_with_the_session_ends_the_running_speech_and_takes_nothing_more()
    {
        var amina = _queue.Request(Amina, Start);
        var bruno = _queue.Request(Bruno, Start.AddSeconds(1));
        var speech = _queue.GiveFloor(amina.EntryId, Start.AddSeconds(10));
        var endedAt = Start.AddMinutes(2);

        var ended = _queue.CloseWithSession(endedAt);

        Assert.Equal(speech with { EndedAt = endedAt }, ended);
        Assert.Null(_queue.Current);
        Assert.False(_queue.Open);
        Assert.Equal(endedAt, _queue.ClosedWithSessionAt);
        // Whoever waited stays on record as waiting.
        Assert.Equal(EntryStatus.Waiting, _queue.Find(bruno.EntryId)!.Status);
        Assert.Equal(1, _queue.Waiting);

        var later = endedAt.AddMinutes(1);
        Refused(() => _queue.PrepareRequest(Chen, "req-late", FloorKind.Intervention, null, null, true, later), ForumErrorKind.Conflict);
        Refused(() => _queue.PrepareRequest(Chen, "req-late-order", FloorKind.PointOfOrder, null, null, true, later), ForumErrorKind.Conflict);
        Refused(() => _queue.PrepareAdd(ModeratorId, "req-late", new FloorEntryDraft("Walk-in", StakeholderGroup.CivilSociety, Region.Africa, null, FloorKind.Intervention, true), later), ForumErrorKind.Conflict);
        var give = Refused(() => _queue.PrepareGive(ModeratorId, ModeratorName, bruno.EntryId, "Last word", later), ForumErrorKind.Conflict);
        Refused(() => _queue.PrepareWithdraw(Bruno.ParticipantId, bruno.EntryId, later), ForumErrorKind.Conflict);
        Refused(() => _queue.PrepareDismiss(ModeratorId, ModeratorName, bruno.EntryId, "Left after the session", later), ForumErrorKind.Conflict);
        Refused(() => _queue.SetOpen(true), ForumErrorKind.Conflict);
        _queue.SetOpen(false);

        Assert.Contains("ended", give.Message, StringComparison.Ordinal);
        Assert.Null(_queue.EndCurrent(later));
        Assert.Equal(110_000, _queue.Ledger(later).Milliseconds);
    }

    [Fact]
    public void Closing_with_the_session_while_nobody_speaks_ends_nothing()
    {
        _queue.Request(Amina, Start);

        Assert.Null(_queue.CloseWithSession(Start.AddMinutes(1)));
        Assert.Equal(Start.AddMinutes(1), _queue.ClosedWithSessionAt);
        Assert.Empty(_queue.Speeches);
    }
}
