using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Questions;
using static IgfPlatform.Domain.Tests.Questions.Askers;

namespace IgfPlatform.Domain.Tests.Questions;

/// <summary><see cref="QuestionBoard.PrepareAsk"/> and its limits, <see cref="QuestionBoard.FindRequest"/> and <see cref="QuestionBoard.Forget"/>.</summary>
public sealed class QuestionBoardAskTests
{
    private const string Spam = "How do we stop spam from reaching the next billion users?";

    private static ForumException Refused(Action ask, ForumErrorKind kind)
    {
        var ex = Assert.Throws<ForumException>(ask);
        Assert.Equal(kind, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }

    private static void Prepare(QuestionBoard board, string? text, DateTimeOffset at, string? requestId = null) =>
        board.PrepareAsk(Amina, requestId ?? "req-x", text, false, at, "q-x");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t\r\n ")]
    public void A_question_without_text_is_refused(string? text)
    {
        var board = new QuestionBoard();

        var ex = Refused(() => Prepare(board, text, Start), ForumErrorKind.Invalid);

        Assert.True(ex.Errors.ContainsKey("text"));
        Assert.Equal(0, board.Count);
    }

    [Fact]
    public void A_question_has_at_most_500_characters_after_trimming()
    {
        var board = new QuestionBoard();
        var longest = new string('a', QuestionLimits.MaxTextLength - 1) + "?";

        var record = board.PrepareAsk(Amina, "req-500", $"  {longest}\n", false, Start, "q-500");
        var ex = Refused(() => Prepare(board, longest + "b", Start.AddSeconds(1)), ForumErrorKind.Invalid);

        Assert.Equal(500, QuestionLimits.MaxTextLength);
        Assert.Equal(longest, record.Text);
        Assert.True(ex.Errors.ContainsKey("text"));
        Assert.Contains("500", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrepareAsk_makes_the_record_without_applying_it()
    {
        var board = new QuestionBoard();

        var record = board.PrepareAsk(Amina, "req-1", $"  {Spam} ", anonymous: true, Start, "q-1");

        Assert.Equal(
            new QuestionRecord(
                "q-1", Spam, Amina.ParticipantId, Amina.DisplayName, StakeholderGroup.CivilSociety, Region.Africa, true,
                QuestionStatus.Approved, false, Start, null, null, null, "req-1", true),
            record);
        Assert.Equal(0, board.Count);
        Assert.Null(board.Find("q-1"));
        Assert.Null(board.FindRequest(Amina.ParticipantId, "req-1"));
        // Not counted either: the same text may be prepared again at once.
        Assert.Equal(Spam, board.PrepareAsk(Amina, "req-2", Spam, false, Start, "q-2").Text);
    }

    [Fact]
    public void With_pre_moderation_a_new_question_is_pending_and_not_yet_approved_otherwise_approved()
    {
        var board = new QuestionBoard();
        var open = board.PrepareAsk(Amina, "req-1", Spam, false, Start, "q-1");

        board.SetPreModeration(true);
        var reviewed = board.PrepareAsk(Amina, "req-2", Spam, false, Start, "q-2");
        board.SetPreModeration(false);
        var openAgain = board.PrepareAsk(Amina, "req-3", Spam, false, Start, "q-3");

        Assert.Equal((QuestionStatus.Approved, true), (open.Status, open.WasApproved));
        Assert.Equal((QuestionStatus.Pending, false), (reviewed.Status, reviewed.WasApproved));
        Assert.Equal((QuestionStatus.Approved, true), (openAgain.Status, openAgain.WasApproved));
    }

    [Fact]
    public void The_same_text_from_the_same_person_within_five_minutes_is_refused_whatever_its_case_and_spacing()
    {
        var board = new QuestionBoard();
        board.Ask(Amina, Spam, Start);

        var ex = Refused(
            () => board.PrepareAsk(Amina, "req-again", "  how do WE stop spam\tfrom reaching   the next billion users? ", false, Start.AddMinutes(4.99), "q-again"),
            ForumErrorKind.Conflict);
        // Another person may ask it; so may the first, once the window is over.
        var bruno = board.Ask(Bruno, Spam, Start.AddMinutes(1));
        var later = board.Ask(Amina, Spam.ToUpperInvariant(), Start + QuestionLimits.RepeatWindow);

        Assert.Equal(TimeSpan.FromMinutes(5), QuestionLimits.RepeatWindow);
        Assert.Contains("5 minutes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Bruno.ParticipantId, bruno.AskerId);
        Assert.Equal(Spam.ToUpperInvariant(), later.Text);
        Assert.Equal(3, board.Count);
        // The repeat window starts again with the later question.
        Refused(() => board.PrepareAsk(Amina, "req-3", Spam, false, Start + QuestionLimits.RepeatWindow + TimeSpan.FromMinutes(4), "q-3"), ForumErrorKind.Conflict);
    }

    [Fact]
    public void Different_texts_are_not_repeats_even_when_one_contains_the_other()
    {
        var board = new QuestionBoard();
        board.Ask(Amina, Spam, Start);

        var longer = board.Ask(Amina, Spam + " And phishing?", Start.AddSeconds(10));
        var punctuated = board.Ask(Amina, Spam.TrimEnd('?') + ".", Start.AddSeconds(20));

        Assert.Equal(3, board.Count);
        Assert.NotEqual(longer.Id, punctuated.Id);
    }

    [Fact]
    public void A_person_asks_at_most_five_questions_a_minute_then_must_wait()
    {
        var board = new QuestionBoard();
        for (var i = 0; i < QuestionLimits.MaxQuestionsPerWindow; i++)
        {
            board.Ask(Amina, $"Question {i} on capacity building?", Start.AddSeconds(i * 10));
        }

        var ex = Refused(
            () => board.PrepareAsk(Amina, "req-6", "One more on affordable access?", false, Start.AddSeconds(59), "q-6"),
            ForumErrorKind.TooManyRequests);
        var others = board.Ask(Bruno, "One more on affordable access?", Start.AddSeconds(59));
        var afterTheWindow = board.Ask(Amina, "One more on affordable access?", Start + QuestionLimits.RateWindow);

        Assert.Equal(5, QuestionLimits.MaxQuestionsPerWindow);
        Assert.Equal(TimeSpan.FromMinutes(1), QuestionLimits.RateWindow);
        Assert.Contains("5 questions a minute", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Bruno.ParticipantId, others.AskerId);
        Assert.Equal(Amina.ParticipantId, afterTheWindow.AskerId);
        // The second question of the first minute, 10 s later, leaves the window next; until then: refused.
        Refused(
            () => board.PrepareAsk(Amina, "req-7", "And interconnection costs?", false, Start + QuestionLimits.RateWindow + TimeSpan.FromSeconds(9), "q-7"),
            ForumErrorKind.TooManyRequests);
        Assert.Equal(7, board.Count);
    }

    [Fact]
    public void A_repeat_is_reported_before_the_rate_limit()
    {
        var board = new QuestionBoard();
        for (var i = 0; i < QuestionLimits.MaxQuestionsPerWindow; i++)
        {
            board.Ask(Amina, $"Question {i}?", Start.AddSeconds(i));
        }

        Refused(() => board.PrepareAsk(Amina, "req-r", "question 0?", false, Start.AddSeconds(30), "q-r"), ForumErrorKind.Conflict);
    }

    [Fact]
    public void FindRequest_finds_a_question_by_its_asker_and_client_request_id()
    {
        var board = new QuestionBoard();
        var question = board.Ask(Amina, Spam, Start, requestId: "req-1");

        Assert.Same(question, board.FindRequest(Amina.ParticipantId, "req-1"));
        Assert.Null(board.FindRequest(Bruno.ParticipantId, "req-1"));
        Assert.Null(board.FindRequest(Amina.ParticipantId, "req-2"));
        Assert.Null(board.FindRequest(Amina.ParticipantId, "REQ-1"));

        // Another asker's request with the same id is their own.
        var bruno = board.Ask(Bruno, Spam, Start, requestId: "req-1");
        Assert.Same(bruno, board.FindRequest(Bruno.ParticipantId, "req-1"));
        Assert.Same(question, board.FindRequest(Amina.ParticipantId, "req-1"));
        // A status change keeps the request pointing at the question as it is now.
        var hidden = board.Hidden(question, "Off topic");
        Assert.Same(hidden, board.FindRequest(Amina.ParticipantId, "req-1"));
    }

    [Fact]
    public void Forget_takes_back_a_question_whose_storing_failed_with_its_request_repeat_and_rate_count()
    {
        var board = new QuestionBoard();
        for (var i = 0; i < QuestionLimits.MaxQuestionsPerWindow - 1; i++)
        {
            board.Ask(Amina, $"Question {i}?", Start.AddSeconds(i));
        }

        var failed = board.Ask(Amina, Spam, Start.AddSeconds(10), requestId: "req-failed");
        board.Forget(failed);

        Assert.Null(board.Find(failed.Id));
        Assert.Null(board.FindRequest(Amina.ParticipantId, "req-failed"));
        Assert.Equal(4, board.Count);
        Assert.DoesNotContain(board.Moderation(), m => m.Question.Id == failed.Id);
        Assert.Equal(4, board.Figures().Asked);
        // The same text again at once (no repeat), and it is the fifth of the minute (the rate count was given back).
        var retried = board.Ask(Amina, Spam, Start.AddSeconds(11), requestId: "req-failed");
        Assert.Same(retried, board.FindRequest(Amina.ParticipantId, "req-failed"));
        Refused(() => board.PrepareAsk(Amina, "req-6", "Sixth?", false, Start.AddSeconds(12), "q-6"), ForumErrorKind.TooManyRequests);
    }

    [Fact]
    public void Forget_leaves_the_askers_other_questions_counted()
    {
        var board = new QuestionBoard();
        var kept = board.Ask(Amina, "What about privacy?", Start);
        var failed = board.Ask(Amina, Spam, Start.AddSeconds(1));

        board.Forget(failed);

        Assert.Same(kept, board.Find(kept.Id));
        Refused(() => board.PrepareAsk(Amina, "req-p", "what about PRIVACY?", false, Start.AddSeconds(2), "q-p"), ForumErrorKind.Conflict);
    }
}
