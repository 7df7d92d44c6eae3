using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.Questions.Asking;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary><see cref="IQuestionBoardGrain.Ask"/>: idempotent by client request id, limited, and stored before it is answered.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuestionAskTests(ClusterFixture fixture)
{
    private Task<QuestionScenario> Live(SessionStatus status = SessionStatus.Live) =>
        QuestionScenario.Create(fixture.Client, fixture.QuestionLedger, status);

    [Fact]
    public async Task Asking_again_with_the_same_client_request_id_gives_the_first_answer_and_no_second_question()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var text = Asking.Text();

        var first = await s.Board.Ask(asker.ParticipantId, "req-1", text, anonymous: false);
        var writes = s.Ledger.Writes(s.SessionId).Count;
        var again = await s.Board.Ask(asker.ParticipantId, "req-1", text, anonymous: false);
        var otherText = await s.Board.Ask(asker.ParticipantId, "req-1", "Something else entirely?", anonymous: true);

        Assert.Equal(first, again);
        Assert.Equal(first, otherText);
        Assert.Equal(QuestionStatus.Approved, first.Status);
        Assert.Equal(first.QuestionId, first.Question.Id);
        Assert.Equal((text, asker.DisplayName, asker.StakeholderGroup, asker.Region), (first.Question.Text, first.Question.AskerName, first.Question.StakeholderGroup, first.Question.Region));
        Assert.Equal(writes, s.Ledger.Writes(s.SessionId).Count);
        Assert.Equal(first.QuestionId, Assert.Single(s.Ledger.Stored(s.SessionId).Questions).Id);
        Assert.Single((await s.Board.GetBoard(null, QuestionOrder.Time)).Questions);
        Assert.Single((await s.Board.GetBoard(asker.ParticipantId, QuestionOrder.Time)).Mine);

        // The same request id from someone else is their own request.
        var other = await s.Participant();
        var theirs = await s.Board.Ask(other.ParticipantId, "req-1", text, anonymous: false);
        Assert.NotEqual(first.QuestionId, theirs.QuestionId);
        Assert.Equal(2, s.Ledger.Stored(s.SessionId).Questions.Count);
    }

    [Fact]
    public async Task Twenty_concurrent_asks_with_the_same_client_request_id_make_one_question_and_one_answer()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var text = Asking.Text();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => s.Board.Ask(asker.ParticipantId, "req-burst", text, false))).Within();

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        var stored = Assert.Single(s.Ledger.Stored(s.SessionId).Questions);
        Assert.Equal(answers[0].QuestionId, stored.Id);
        Assert.Single(s.Ledger.Writes(s.SessionId), w => w.Questions.Any());
        Assert.Single(await s.Board.GetModeration(s.ModeratorId));
        Assert.Equal(1, (await s.Board.GetFigures()).Asked);
        Assert.Single(await s.QuestionEvents(), e => e.Type == SessionEventTypes.QuestionAdded);
    }

    [Fact]
    public async Task People_asking_at_the_same_time_all_get_their_own_question()
    {
        using var s = await Live();
        var askers = await s.Participants(10);

        var answers = await Task.WhenAll(askers.Select(a => s.Board.Ask(a.ParticipantId, "req-1", $"Question of {a.DisplayName} on spam?", false))).Within();

        Assert.Equal(10, answers.Select(a => a.QuestionId).Distinct().Count());
        Assert.All(answers, a => Assert.Equal(QuestionStatus.Approved, a.Status));
        Assert.Equal(answers.Select(a => a.QuestionId).Order(), s.Ledger.Stored(s.SessionId).Questions.Select(q => q.Id).Order());
        Assert.Equal(
            answers.Select(a => a.QuestionId).Order(),
            (await s.Board.GetBoard(null, QuestionOrder.Time)).Questions.Select(q => q.Id).Order());
        Assert.Equal(10, (await s.Board.GetFigures()).Asked);
        foreach (var (asker, answer) in askers.Zip(answers))
        {
            Assert.Equal((asker.ParticipantId, $"Question of {asker.DisplayName} on spam?"), (s.Ledger.Stored(s.SessionId).Questions.Single(q => q.Id == answer.QuestionId).AskerId, answer.Question.Text));
        }
    }

    [Theory]
    [InlineData(SessionStatus.Draft)]
    [InlineData(SessionStatus.Ended)]
    public async Task Questions_are_refused_unless_the_session_is_scheduled_or_live(SessionStatus status)
    {
        using var s = await Live(status);
        var asker = await s.Participant();

        var ex = await Refused(() => s.Board.Ask(asker.ParticipantId, "req-1", Asking.Text(), false), ForumErrorKind.Conflict);

        Assert.Contains(status.ToString().ToLowerInvariant(), ex.Message, StringComparison.Ordinal);
        Assert.Empty(s.Ledger.Writes(s.SessionId));
        Assert.Empty((await s.Board.GetBoard(asker.ParticipantId, QuestionOrder.Time)).Mine);
    }

    [Fact]
    public async Task A_scheduled_session_takes_questions_and_a_session_that_does_not_exist_does_not()
    {
        using var s = await Live(SessionStatus.Scheduled);
        var asker = await s.Participant();

        var asked = await s.Board.Ask(asker.ParticipantId, "req-1", Asking.Text(), false);
        var nowhere = fixture.Grains.GetGrain<IQuestionBoardGrain>(Forum.NewId("s"));

        Assert.Equal(QuestionStatus.Approved, asked.Status);
        await Refused(() => nowhere.Ask(asker.ParticipantId, "req-1", Asking.Text(), false), ForumErrorKind.NotFound);
    }

    [Fact]
    public async Task An_anonymous_askers_name_is_in_no_public_view_nor_event_but_group_and_region_are()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var other = await s.Participant();

        AskResult asked = null!;
        var events = await s.EventsOf(async () => asked = await s.Board.Ask(asker.ParticipantId, "req-anon", Asking.Text(), anonymous: true));

        Assert.Equal(asker.DisplayName, asked.Question.AskerName);
        var added = (QuestionAdded)Assert.Single(events, e => e.Type == SessionEventTypes.QuestionAdded).Data;
        foreach (var view in new[] { added.Question, (await s.Seen(asked.QuestionId))!, (await s.Seen(asked.QuestionId, other.ParticipantId))! })
        {
            Assert.Equal((asked.QuestionId, true, (string?)null), (view.Id, view.Anonymous, view.AskerName));
            Assert.Equal((asker.StakeholderGroup, asker.Region), (view.StakeholderGroup, view.Region));
        }

        Assert.All(events, e => Assert.DoesNotContain(asker.DisplayName, Forum.Json(e), StringComparison.Ordinal));
        Assert.DoesNotContain(asker.DisplayName, Forum.Json(await s.Board.GetBoard(other.ParticipantId, QuestionOrder.Votes)), StringComparison.Ordinal);
        Assert.DoesNotContain(asker.DisplayName, Forum.Json(await s.Board.GetBoard(null, QuestionOrder.Votes)), StringComparison.Ordinal);
        var moderated = await s.Moderated(asked.QuestionId);
        Assert.Equal((asker.ParticipantId, asker.DisplayName), (moderated.AskerId, moderated.AskerName));
        Assert.Equal(asker.DisplayName, Assert.Single((await s.Board.GetBoard(asker.ParticipantId, QuestionOrder.Votes)).Mine).Question.AskerName);
    }

    [Fact]
    public async Task Refused_questions_leave_nothing_behind()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var text = Asking.Text();
        await s.Board.Ask(asker.ParticipantId, "req-1", text, false);
        var writes = s.Ledger.Writes(s.SessionId).Count;

        await Refused(() => s.Board.Ask(asker.ParticipantId, "req-2", "   ", false), ForumErrorKind.Invalid);
        await Refused(() => s.Board.Ask(asker.ParticipantId, "req-3", new string('x', QuestionLimits.MaxTextLength + 1), false), ForumErrorKind.Invalid);
        await Refused(() => s.Board.Ask(asker.ParticipantId, " ", Asking.Text(), false), ForumErrorKind.Invalid);
        await Refused(() => s.Board.Ask(asker.ParticipantId, new string('r', QuestionLimits.MaxClientRequestIdLength + 1), Asking.Text(), false), ForumErrorKind.Invalid);
        await Refused(() => s.Board.Ask(string.Empty, "req-4", Asking.Text(), false), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Board.Ask(Forum.NewId("p"), "req-5", Asking.Text(), false), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Board.Ask(asker.ParticipantId, "req-6", "  " + text.ToUpperInvariant() + " ", false), ForumErrorKind.Conflict);

        Assert.Equal(writes, s.Ledger.Writes(s.SessionId).Count);
        Assert.Single(s.Ledger.Stored(s.SessionId).Questions);
        Assert.Single(await s.Board.GetModeration(s.ModeratorId));
        // None of the refused requests was remembered: each id may still be used.
        var fine = await s.Board.Ask(asker.ParticipantId, "req-2", Asking.Text(), false);
        Assert.Equal(2, s.Ledger.Stored(s.SessionId).Questions.Count);
        Assert.NotNull(await s.Seen(fine.QuestionId));
    }

    [Fact]
    public async Task A_participant_asks_at_most_five_questions_a_minute()
    {
        using var s = await Live();
        var asker = await s.Participant();
        for (var i = 0; i < QuestionLimits.MaxQuestionsPerWindow; i++)
        {
            await s.Board.Ask(asker.ParticipantId, $"req-{i}", Asking.Text(), false);
        }

        await Refused(() => s.Board.Ask(asker.ParticipantId, "req-6", Asking.Text(), false), ForumErrorKind.TooManyRequests);
        var other = await s.Participant();
        await s.Board.Ask(other.ParticipantId, "req-6", Asking.Text(), false);

        Assert.Equal(6, s.Ledger.Stored(s.SessionId).Questions.Count);
        // A repeat of an acknowledged request is not a new question: it is answered, not refused.
        Assert.Equal(QuestionStatus.Approved, (await s.Board.Ask(asker.ParticipantId, "req-0", "anything", false)).Status);
    }

    [Fact]
    public async Task When_storing_fails_the_asker_gets_the_error_and_nothing_remains_so_a_retry_creates_exactly_one()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var text = Asking.Text();
        s.Ledger.FailNextWrites(s.SessionId, 1);

        var events = await s.EventsOf(() => Assert.ThrowsAsync<IOException>(() => s.Board.Ask(asker.ParticipantId, "req-1", text, false)));

        Assert.Empty(events);
        Assert.Empty(s.Ledger.Stored(s.SessionId).Questions);
        Assert.Single(s.Ledger.Writes(s.SessionId), w => w.Fails);
        Assert.Empty((await s.Board.GetBoard(null, QuestionOrder.Time)).Questions);
        Assert.Empty((await s.Board.GetBoard(asker.ParticipantId, QuestionOrder.Time)).Mine);
        Assert.Empty(await s.Board.GetModeration(s.ModeratorId));
        Assert.Equal(0, (await s.Board.GetFigures()).Asked);

        // The retry (same request, same text: not a repeat) creates the question, once.
        var retried = await s.Board.Ask(asker.ParticipantId, "req-1", text, false);
        var again = await s.Board.Ask(asker.ParticipantId, "req-1", text, false);
        Assert.Equal(retried, again);
        Assert.Equal(retried.QuestionId, Assert.Single(s.Ledger.Stored(s.SessionId).Questions).Id);
        Assert.Single(await s.QuestionEvents(), e => e.Type == SessionEventTypes.QuestionAdded);

        // The failed ask did not count: four more make five in the minute, then no more.
        for (var i = 2; i <= QuestionLimits.MaxQuestionsPerWindow; i++)
        {
            await s.Board.Ask(asker.ParticipantId, $"req-{i}", Asking.Text(), false);
        }

        await Refused(() => s.Board.Ask(asker.ParticipantId, "req-6", Asking.Text(), false), ForumErrorKind.TooManyRequests);
        Assert.Equal(5, s.Ledger.Stored(s.SessionId).Questions.Count);
    }
}
