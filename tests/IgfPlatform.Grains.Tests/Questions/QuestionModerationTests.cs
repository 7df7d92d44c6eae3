using System.Text.Json;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.Questions.Asking;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary>Pre-moderation, approve, hide, highlight and mark answered: who may, what each audience is pushed, the figures.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuestionModerationTests(ClusterFixture fixture)
{
    private Task<QuestionScenario> Live() => QuestionScenario.Create(fixture.Client, fixture.QuestionLedger);

    private static T Only<T>(IReadOnlyList<SessionEvent> events, string type)
    {
        var e = Assert.Single(events);
        Assert.Equal(type, e.Type);
        return Assert.IsType<T>(e.Data);
    }

    [Fact]
    public async Task Only_the_sessions_moderators_moderate()
    {
        using var s = await Live();
        var question = await s.Asked();
        var participant = await s.Participant();
        var writes = s.Ledger.Writes(s.SessionId).Count;
        var moderationCommands = new Func<string, Task>[]
        {
            id => s.Board.Approve(id, question.QuestionId),
            id => s.Board.Hide(id, question.QuestionId, "Off topic"),
            id => s.Board.Highlight(id, question.QuestionId),
            id => s.Board.Highlight(id, null),
            id => s.Board.MarkAnswered(id, question.QuestionId),
            id => s.Board.SetPreModeration(id, true),
            id => s.Board.GetModeration(id),
        };

        foreach (var command in moderationCommands)
        {
            await Refused(() => command(participant.ParticipantId), ForumErrorKind.Forbidden);
            await Refused(() => command(s.Session.OrganizerId), ForumErrorKind.Forbidden);
            await Refused(() => command(Forum.NewId("p")), ForumErrorKind.Forbidden);
            await Refused(() => command(string.Empty), ForumErrorKind.Unauthenticated);
        }

        Assert.Equal(writes, s.Ledger.Writes(s.SessionId).Count);
        var seen = (await s.Seen(question.QuestionId))!;
        Assert.Equal((QuestionStatus.Approved, false), (seen.Status, seen.Highlighted));
        Assert.False((await s.Board.GetBoard(null, QuestionOrder.Time)).PreModeration);
        Assert.Single(await s.Board.GetModeration(s.ModeratorId));
    }

    [Fact]
    public async Task With_pre_moderation_a_question_reaches_only_moderators_and_its_asker_until_approved()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var other = await s.Participant();
        var text = Asking.Text();

        var switched = Only<ModerationQueueChanged>(await s.EventsOf(() => s.Board.SetPreModeration(s.ModeratorId, true)), SessionEventTypes.ModerationQueueChanged);
        Assert.Equal(new ModerationQueueChanged(0, true), switched);
        Assert.Empty(await s.EventsOf(() => s.Board.SetPreModeration(s.ModeratorId, true)));
        Assert.True(s.Ledger.Stored(s.SessionId).Settings!.PreModeration);

        AskResult asked = null!;
        var askEvents = await s.EventsOf(async () => asked = await s.Board.Ask(asker.ParticipantId, "req-1", text, false));

        Assert.Equal(QuestionStatus.Pending, asked.Status);
        Assert.Equal(new ModerationQueueChanged(1, true), Only<ModerationQueueChanged>(askEvents, SessionEventTypes.ModerationQueueChanged));
        Assert.Null(await s.Seen(asked.QuestionId, other.ParticipantId));
        Assert.Null(await s.Seen(asked.QuestionId));
        var own = Assert.Single((await s.Board.GetBoard(asker.ParticipantId, QuestionOrder.Time)).Mine);
        Assert.Equal((asked.QuestionId, QuestionStatus.Pending, text), (own.Question.Id, own.Question.Status, own.Question.Text));
        var moderated = await s.Moderated(asked.QuestionId);
        Assert.Equal((QuestionStatus.Pending, asker.DisplayName, text), (moderated.Question.Status, moderated.AskerName, moderated.Question.Text));
        Assert.Equal(0, (await s.Board.GetFigures()).Approved);

        var approveEvents = await s.EventsOf(() => s.Board.Approve(s.ModeratorId, asked.QuestionId));

        Assert.Equal([SessionEventTypes.QuestionAdded, SessionEventTypes.ModerationQueueChanged], approveEvents.Select(e => e.Type));
        Assert.Equal(1, s.Relay.BatchesHolding(approveEvents));
        var added = ((QuestionAdded)approveEvents[0].Data).Question;
        Assert.Equal((asked.QuestionId, QuestionStatus.Approved, text, asker.DisplayName), (added.Id, added.Status, added.Text, added.AskerName));
        Assert.Equal(new ModerationQueueChanged(0, true), approveEvents[1].Data);
        Assert.Equal(QuestionStatus.Approved, (await s.Seen(asked.QuestionId, other.ParticipantId))!.Status);
        Assert.Equal(QuestionStatus.Approved, s.Ledger.Stored(s.SessionId).Questions.Single().Status);
        Assert.Equal(1, (await s.Board.GetFigures()).Approved);
        await Refused(() => s.Board.Approve(s.ModeratorId, asked.QuestionId), ForumErrorKind.Conflict);
        await Refused(() => s.Board.Approve(s.ModeratorId, "q-nowhere"), ForumErrorKind.NotFound);

        // Without pre-moderation, questions are shown at once and nothing waits.
        var off = await s.EventsOf(() => s.Board.SetPreModeration(s.ModeratorId, false));
        Assert.Equal(new ModerationQueueChanged(0, false), Only<ModerationQueueChanged>(off, SessionEventTypes.ModerationQueueChanged));
        AskResult open = null!;
        var openEvents = await s.EventsOf(async () => open = await s.Board.Ask(other.ParticipantId, "req-1", Asking.Text(), false));
        Assert.Equal(open.QuestionId, Only<QuestionAdded>(openEvents, SessionEventTypes.QuestionAdded).Question.Id);
    }

    [Fact]
    public async Task A_hidden_question_keeps_its_reason_for_its_asker_and_the_moderators_and_goes_out_without_its_text()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var other = await s.Participant();
        var asked = await s.Board.Ask(asker.ParticipantId, "req-1", Asking.Text(), false);

        await Refused(() => s.Board.Hide(s.ModeratorId, asked.QuestionId, "  "), ForumErrorKind.Invalid);
        await Refused(() => s.Board.Hide(s.ModeratorId, asked.QuestionId, null!), ForumErrorKind.Invalid);
        await Refused(() => s.Board.Hide(s.ModeratorId, asked.QuestionId, new string('r', QuestionLimits.MaxHiddenReasonLength + 1)), ForumErrorKind.Invalid);
        Assert.Equal(QuestionStatus.Approved, (await s.Seen(asked.QuestionId))!.Status);

        var events = await s.EventsOf(() => s.Board.Hide(s.ModeratorId, asked.QuestionId, "  Off topic for this session  "));

        Assert.Equal(new QuestionUpdated(asked.QuestionId, QuestionStatus.Hidden, false, null), Only<QuestionUpdated>(events, SessionEventTypes.QuestionUpdated));
        Assert.Null(await s.Seen(asked.QuestionId, other.ParticipantId));
        var own = Assert.Single((await s.Board.GetBoard(asker.ParticipantId, QuestionOrder.Time)).Mine);
        Assert.Equal((QuestionStatus.Hidden, "Off topic for this session"), (own.Question.Status, own.HiddenReason));
        var moderated = await s.Moderated(asked.QuestionId);
        Assert.Equal(("Off topic for this session", s.ModeratorId), (moderated.HiddenReason, moderated.HiddenBy));
        var stored = s.Ledger.Stored(s.SessionId).Questions.Single();
        Assert.Equal((QuestionStatus.Hidden, "Off topic for this session", s.ModeratorId), (stored.Status, stored.HiddenReason, stored.HiddenBy));
        await Refused(() => s.Board.Hide(s.ModeratorId, asked.QuestionId, "Again"), ForumErrorKind.Conflict);
        Assert.Equal(1, (await s.Board.GetFigures()).Hidden);

        // Shown again: everyone gets it again, and the reason is cleared.
        var again = await s.EventsOf(() => s.Board.Approve(s.ModeratorId, asked.QuestionId));
        Assert.Equal(asked.QuestionId, Only<QuestionAdded>(again, SessionEventTypes.QuestionAdded).Question.Id);
        Assert.Null((await s.Moderated(asked.QuestionId)).HiddenReason);
        Assert.NotNull(await s.Seen(asked.QuestionId, other.ParticipantId));
    }

    [Fact]
    public async Task A_pending_question_hidden_leaves_the_queue_and_never_goes_out_with_its_text()
    {
        using var s = await Live();
        await s.Board.SetPreModeration(s.ModeratorId, true);
        var pending = await s.Asked();

        var events = await s.EventsOf(() => s.Board.Hide(s.ModeratorId, pending.QuestionId, "Advertising"));

        Assert.Equal([SessionEventTypes.QuestionUpdated, SessionEventTypes.ModerationQueueChanged], events.Select(e => e.Type));
        Assert.Equal(1, s.Relay.BatchesHolding(events));
        Assert.Equal(new QuestionUpdated(pending.QuestionId, QuestionStatus.Hidden, false, null), events[0].Data);
        Assert.Equal(new ModerationQueueChanged(0, true), events[1].Data);
        Assert.All(await s.QuestionEvents(), e => Assert.DoesNotContain(pending.Question.Text, Forum.Json(e), StringComparison.Ordinal));
        var figures = await s.Board.GetFigures();
        Assert.Equal((1, 0, 1), (figures.Asked, figures.Approved, figures.Hidden));
    }

    [Fact]
    public async Task One_question_is_highlighted_at_a_time_only_an_approved_one_and_answering_it_ends_the_highlight()
    {
        using var s = await Live();
        var first = await s.Asked();
        var second = await s.Asked();
        var hidden = await s.Asked();
        await s.Board.Hide(s.ModeratorId, hidden.QuestionId, "Duplicate");
        await s.Board.SetPreModeration(s.ModeratorId, true);
        var pending = await s.Asked();

        var one = Only<QuestionUpdated>(await s.EventsOf(() => s.Board.Highlight(s.ModeratorId, first.QuestionId)), SessionEventTypes.QuestionUpdated);
        Assert.Equal((first.QuestionId, QuestionStatus.Approved, true), (one.QuestionId, one.Status, one.Highlighted));
        Assert.True(one.Question!.Highlighted);
        Assert.Empty(await s.EventsOf(() => s.Board.Highlight(s.ModeratorId, first.QuestionId)));

        var swap = await s.EventsOf(() => s.Board.Highlight(s.ModeratorId, second.QuestionId));

        Assert.Equal(
            [(first.QuestionId, false), (second.QuestionId, true)],
            swap.Select(e => Assert.IsType<QuestionUpdated>(e.Data)).Select(u => (u.QuestionId, u.Highlighted)));
        Assert.All(swap, e => Assert.Equal(SessionEventTypes.QuestionUpdated, e.Type));
        Assert.Equal([second.QuestionId], (await s.Board.GetBoard(null, QuestionOrder.Time)).Questions.Where(q => q.Highlighted).Select(q => q.Id));
        Assert.Equal([second.QuestionId], s.Ledger.Stored(s.SessionId).Questions.Where(q => q.Highlighted).Select(q => q.Id));

        await Refused(() => s.Board.Highlight(s.ModeratorId, pending.QuestionId), ForumErrorKind.Conflict);
        await Refused(() => s.Board.Highlight(s.ModeratorId, hidden.QuestionId), ForumErrorKind.Conflict);
        await Refused(() => s.Board.Highlight(s.ModeratorId, "q-nowhere"), ForumErrorKind.NotFound);
        await Refused(() => s.Board.MarkAnswered(s.ModeratorId, pending.QuestionId), ForumErrorKind.Conflict);
        await Refused(() => s.Board.MarkAnswered(s.ModeratorId, hidden.QuestionId), ForumErrorKind.Conflict);
        Assert.True((await s.Seen(second.QuestionId))!.Highlighted);

        var before = DateTimeOffset.UtcNow;
        var answered = Only<QuestionUpdated>(await s.EventsOf(() => s.Board.MarkAnswered(s.ModeratorId, second.QuestionId)), SessionEventTypes.QuestionUpdated);

        Assert.Equal((second.QuestionId, QuestionStatus.Answered, false), (answered.QuestionId, answered.Status, answered.Highlighted));
        Assert.InRange(answered.Question!.AnsweredAt!.Value, before, DateTimeOffset.UtcNow);
        Assert.DoesNotContain((await s.Board.GetBoard(null, QuestionOrder.Time)).Questions, q => q.Highlighted);
        Assert.Equal(QuestionStatus.Answered, (await s.Seen(second.QuestionId))!.Status);
        await Refused(() => s.Board.MarkAnswered(s.ModeratorId, second.QuestionId), ForumErrorKind.Conflict);
        await Refused(() => s.Board.Highlight(s.ModeratorId, second.QuestionId), ForumErrorKind.Conflict);

        // Highlight, then clear it.
        await s.Board.Highlight(s.ModeratorId, first.QuestionId);
        var cleared = Only<QuestionUpdated>(await s.EventsOf(() => s.Board.Highlight(s.ModeratorId, null)), SessionEventTypes.QuestionUpdated);
        Assert.Equal((first.QuestionId, false), (cleared.QuestionId, cleared.Highlighted));
        Assert.Empty(await s.EventsOf(() => s.Board.Highlight(s.ModeratorId, null)));
        Assert.DoesNotContain(s.Ledger.Stored(s.SessionId).Questions, q => q.Highlighted);

        // Hiding the highlighted question ends its highlight too.
        await s.Board.Highlight(s.ModeratorId, first.QuestionId);
        var hiding = Only<QuestionUpdated>(await s.EventsOf(() => s.Board.Hide(s.ModeratorId, first.QuestionId, "Answered elsewhere")), SessionEventTypes.QuestionUpdated);
        Assert.Equal(new QuestionUpdated(first.QuestionId, QuestionStatus.Hidden, false, null), hiding);
        Assert.Null(await s.Seen(first.QuestionId));
    }

    private static string Key<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static List<KeyValuePair<string, QuestionTally>> Sorted(IReadOnlyDictionary<string, QuestionTally> tallies) =>
        tallies.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

    private static List<KeyValuePair<string, QuestionTally>> Tally(
        IEnumerable<(ParticipantProfile Asker, QuestionStatus Status, bool Approved)> outcomes,
        Func<(ParticipantProfile Asker, QuestionStatus Status, bool Approved), string> key) =>
        Sorted(outcomes.GroupBy(key).ToDictionary(
            g => g.Key,
            g => new QuestionTally(g.Count(), g.Count(o => o.Approved), g.Count(o => o.Status == QuestionStatus.Answered), g.Count(o => o.Status == QuestionStatus.Hidden))));

    [Fact]
    public async Task Figures_count_what_was_asked_approved_answered_and_hidden_by_group_and_region()
    {
        using var s = await Live();
        var askers = await s.Participants(4);
        var a = await s.Board.Ask(askers[0].ParticipantId, "req-1", Asking.Text(), false);
        var b = await s.Board.Ask(askers[1].ParticipantId, "req-1", Asking.Text(), true);
        await s.Board.SetPreModeration(s.ModeratorId, true);
        var c = await s.Board.Ask(askers[2].ParticipantId, "req-1", Asking.Text(), false);
        var d = await s.Board.Ask(askers[3].ParticipantId, "req-1", Asking.Text(), false);
        await s.Board.MarkAnswered(s.ModeratorId, a.QuestionId);
        await s.Board.Hide(s.ModeratorId, b.QuestionId, "Off topic");
        await s.Board.Approve(s.ModeratorId, c.QuestionId);
        await s.Board.Upvote("p-1", a.QuestionId);
        await s.Board.Upvote("p-2", a.QuestionId);
        await s.Board.Upvote("p-1", c.QuestionId);
        await s.Board.Upvote("p-2", c.QuestionId);
        await s.Board.RemoveUpvote("p-2", c.QuestionId);

        var figures = await s.Board.GetFigures();

        Assert.Equal((4, 3, 1, 1, 3), (figures.Asked, figures.Approved, figures.Answered, figures.Hidden, figures.Upvotes));
        // Each asker's question: its status and whether it was ever approved.
        var outcomes = new (ParticipantProfile Asker, QuestionStatus Status, bool Approved)[]
        {
            (askers[0], QuestionStatus.Answered, true), (askers[1], QuestionStatus.Hidden, true),
            (askers[2], QuestionStatus.Approved, true), (askers[3], QuestionStatus.Pending, false),
        };
        Assert.Equal(Tally(outcomes, o => Key(o.Asker.StakeholderGroup)), Sorted(figures.ByGroup));
        Assert.Equal(Tally(outcomes, o => Key(o.Asker.Region)), Sorted(figures.ByRegion));
        Assert.Equal(QuestionStatus.Pending, (await s.Moderated(d.QuestionId)).Question.Status);
    }

    [Fact]
    public async Task No_event_ever_carries_the_text_of_a_pending_or_hidden_question()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var shownThenHidden = await s.Board.Ask(asker.ParticipantId, "req-1", Asking.Text(), false);
        var highlightedThenHidden = await s.Asked();
        await s.Board.Upvote("p-1", shownThenHidden.QuestionId);
        await s.Board.SetPreModeration(s.ModeratorId, true);
        var staysPending = await s.Asked(anonymous: true);
        var hiddenWhilePending = await s.Asked();
        var approvedLater = await s.Asked();

        await s.Board.Hide(s.ModeratorId, shownThenHidden.QuestionId, "Insulting");
        await s.Board.Hide(s.ModeratorId, hiddenWhilePending.QuestionId, "Advertising");
        await s.Board.Highlight(s.ModeratorId, highlightedThenHidden.QuestionId);
        await s.Board.Hide(s.ModeratorId, highlightedThenHidden.QuestionId, "Duplicate");
        await s.Board.Approve(s.ModeratorId, approvedLater.QuestionId);
        await s.Board.Highlight(s.ModeratorId, approvedLater.QuestionId);
        await s.Board.Upvote("p-2", approvedLater.QuestionId);
        await Refused(() => s.Board.Upvote("p-2", highlightedThenHidden.QuestionId), ForumErrorKind.NotFound);
        await s.Board.MarkAnswered(s.ModeratorId, approvedLater.QuestionId);
        await s.Board.SetPreModeration(s.ModeratorId, false);
        await s.Board.Upvote("p-3", (await s.Asked()).QuestionId);
        await s.Relay.WaitForEvent(e => IsVotePush(e) && VotesIn(e).ContainsKey(approvedLater.QuestionId));
        var all = await s.QuestionEvents();

        Assert.Contains(all, e => e.Type == SessionEventTypes.QuestionAdded && ((QuestionAdded)e.Data).Question.Id == approvedLater.QuestionId);
        foreach (var never in new[] { staysPending, hiddenWhilePending })
        {
            Assert.All(all, e => Assert.DoesNotContain(never.Question.Text, Forum.Json(e), StringComparison.Ordinal));
        }

        // Questions shown before they were hidden went out with their text then, never after.
        foreach (var hidden in new[] { shownThenHidden, highlightedThenHidden })
        {
            var hiddenAt = Assert.Single(all, e => e.Data is QuestionUpdated { Status: QuestionStatus.Hidden } u && u.QuestionId == hidden.QuestionId);
            Assert.Equal(new QuestionUpdated(hidden.QuestionId, QuestionStatus.Hidden, false, null), hiddenAt.Data);
            Assert.Contains(all, e => e.Seq < hiddenAt.Seq && Forum.Json(e).Contains(hidden.Question.Text, StringComparison.Ordinal));
            Assert.All(all.Where(e => e.Seq >= hiddenAt.Seq), e => Assert.DoesNotContain(hidden.Question.Text, Forum.Json(e), StringComparison.Ordinal));
        }
    }
}
