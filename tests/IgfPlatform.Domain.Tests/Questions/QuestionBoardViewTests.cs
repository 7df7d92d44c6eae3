using System.Text.Json;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Questions;
using static IgfPlatform.Domain.Tests.Questions.Askers;

namespace IgfPlatform.Domain.Tests.Questions;

/// <summary>Votes, what each audience sees of a board, the moderators' list, the figures, and loading from the ledger.</summary>
public sealed class QuestionBoardViewTests
{
    private static string Json(object? value) => JsonSerializer.Serialize(value, ForumJson.Options);

    private static string[] Ids(IEnumerable<QuestionView> questions) => questions.Select(q => q.Id).ToArray();

    [Fact]
    public void One_vote_per_participant_per_question_removable()
    {
        var board = new QuestionBoard();
        var question = board.Ask(Amina, "What about spam?", Start);
        var other = board.Ask(Bruno, "What about privacy?", Start);

        board.Vote(question, "p-1");
        board.Vote(question, "p-1");
        board.Vote(question, "p-2");
        board.Vote(other, "p-1");

        Assert.Equal(2, board.Upvotes(question.Id));
        Assert.Equal(1, board.Upvotes(other.Id));
        Assert.True(board.HasVoted(question.Id, "p-1"));
        Assert.True(board.HasVoted(question.Id, "p-2"));
        Assert.False(board.HasVoted(question.Id, "p-3"));
        Assert.False(board.HasVoted(other.Id, "p-2"));
        Assert.Equal(2, board.View(question).Upvotes);

        board.Vote(question, "p-1", up: false);
        board.Vote(question, "p-1", up: false);
        board.Vote(other, "p-9", up: false);

        Assert.Equal(1, board.Upvotes(question.Id));
        Assert.False(board.HasVoted(question.Id, "p-1"));
        Assert.Equal(1, board.Upvotes(other.Id));
        Assert.Equal(0, board.Upvotes("q-unknown"));
        Assert.False(board.HasVoted("q-unknown", "p-1"));
        Assert.Equal(2, board.Figures().Upvotes);
    }

    [Fact]
    public void MyVotes_lists_the_callers_votes_and_nobody_elses()
    {
        var board = new QuestionBoard();
        var first = board.Ask(Amina, "What about spam?", Start);
        var second = board.Ask(Bruno, "What about privacy?", Start);
        var third = board.Ask(Chen, "What about IPv6?", Start);
        board.Vote(first, "p-1");
        board.Vote(third, "p-1");
        board.Vote(second, "p-2");
        board.Vote(second, "p-1");
        board.Vote(second, "p-1", up: false);

        Assert.Equal(new[] { first.Id, third.Id }.Order(StringComparer.Ordinal), board.Board("p-1", QuestionOrder.Votes).MyVotes);
        Assert.Equal([second.Id], board.Board("p-2", QuestionOrder.Votes).MyVotes);
        Assert.Empty(board.Board("p-3", QuestionOrder.Votes).MyVotes);
        Assert.Empty(board.Board(null, QuestionOrder.Votes).MyVotes);
    }

    [Fact]
    public void An_anonymous_askers_name_is_shown_only_to_the_asker_and_moderators_while_group_and_region_always_are()
    {
        var board = new QuestionBoard();
        var anonymous = board.Ask(Amina, "Who pays for interconnection?", Start, anonymous: true);
        var named = board.Ask(Bruno, "What about spam?", Start.AddSeconds(1));

        var publicView = board.Board(null, QuestionOrder.Time).Questions.Single(q => q.Id == anonymous.Id);
        var othersView = board.Board(Bruno.ParticipantId, QuestionOrder.Time).Questions.Single(q => q.Id == anonymous.Id);
        var own = Assert.Single(board.Board(Amina.ParticipantId, QuestionOrder.Time).Mine);
        var moderated = board.Moderation().Single(m => m.Question.Id == anonymous.Id);

        foreach (var view in new[] { publicView, othersView, board.View(anonymous) })
        {
            Assert.True(view.Anonymous);
            Assert.Null(view.AskerName);
            Assert.Equal(StakeholderGroup.CivilSociety, view.StakeholderGroup);
            Assert.Equal(Region.Africa, view.Region);
            Assert.DoesNotContain(Amina.DisplayName, Json(view), StringComparison.Ordinal);
        }

        Assert.Equal(Amina.DisplayName, own.Question.AskerName);
        Assert.True(own.Question.Anonymous);
        Assert.Equal(Amina.DisplayName, moderated.AskerName);
        Assert.Equal(Amina.ParticipantId, moderated.AskerId);
        Assert.Null(moderated.Question.AskerName);
        Assert.Equal(Bruno.DisplayName, board.Board(null, QuestionOrder.Time).Questions.Single(q => q.Id == named.Id).AskerName);
        Assert.DoesNotContain(Amina.DisplayName, Json(board.Board(null, QuestionOrder.Votes)), StringComparison.Ordinal);
        Assert.DoesNotContain(Amina.DisplayName, Json(board.Board(Bruno.ParticipantId, QuestionOrder.Votes)), StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_and_hidden_questions_are_seen_only_by_their_asker_with_the_reason()
    {
        var board = new QuestionBoard();
        var approved = board.Ask(Amina, "What about spam?", Start);
        board.SetPreModeration(true);
        var pending = board.Ask(Amina, "Is the root zone safe?", Start.AddSeconds(1));
        var hidden = board.Hidden(board.Ask(Amina, "Buy cheap domains here", Start.AddSeconds(2)), "Advertising", by: "p-mod");
        var hiddenAfterApproval = board.Hidden(board.Approved(board.Ask(Bruno, "Rude remark", Start.AddSeconds(3))), "Insulting");
        var answered = board.Answered(board.Approved(board.Ask(Chen, "What about IPv6?", Start.AddSeconds(4))), Start.AddMinutes(5));

        foreach (var viewer in new[] { null, Chen.ParticipantId, "p-nobody" })
        {
            var seen = board.Board(viewer, QuestionOrder.Time);
            Assert.Equal([answered.Id, approved.Id], Ids(seen.Questions));
            Assert.DoesNotContain("Is the root zone safe?", Json(seen.Questions), StringComparison.Ordinal);
            Assert.DoesNotContain("Buy cheap domains here", Json(seen.Questions), StringComparison.Ordinal);
            Assert.DoesNotContain("Rude remark", Json(seen.Questions), StringComparison.Ordinal);
            Assert.True(seen.PreModeration);
        }

        var amina = board.Board(Amina.ParticipantId, QuestionOrder.Votes);
        Assert.Equal([approved.Id, answered.Id], Ids(amina.Questions));
        Assert.Equal([hidden.Id, pending.Id, approved.Id], amina.Mine.Select(m => m.Question.Id));
        Assert.Equal(
            new (QuestionStatus, string?)[] { (QuestionStatus.Hidden, "Advertising"), (QuestionStatus.Pending, null), (QuestionStatus.Approved, null) },
            amina.Mine.Select(m => (m.Question.Status, m.HiddenReason)));
        Assert.All(amina.Mine, m => Assert.Equal(Amina.DisplayName, m.Question.AskerName));
        var bruno = Assert.Single(board.Board(Bruno.ParticipantId, QuestionOrder.Votes).Mine);
        Assert.Equal((hiddenAfterApproval.Id, QuestionStatus.Hidden, "Insulting"), (bruno.Question.Id, bruno.Question.Status, bruno.HiddenReason));
        Assert.Equal(1, board.Pending);
        Assert.Empty(board.Board(null, QuestionOrder.Votes).Mine);
    }

    [Fact]
    public void By_votes_the_most_voted_come_first_and_equal_counts_the_older_first_by_time_the_newest_first()
    {
        var board = new QuestionBoard();
        var a = board.Ask(Amina, "A?", Start);
        var b = board.Ask(Bruno, "B?", Start.AddMinutes(1));
        var c = board.Ask(Chen, "C?", Start.AddMinutes(2));
        var d = board.Ask(Amina, "D?", Start.AddMinutes(3));
        board.Vote(c, "p-1");
        board.Vote(c, "p-2");
        board.Vote(b, "p-1");
        board.Vote(d, "p-3");
        board.Vote(a, "p-4");
        board.Vote(a, "p-4", up: false);

        Assert.Equal([c.Id, b.Id, d.Id, a.Id], Ids(board.Board(null, QuestionOrder.Votes).Questions));
        Assert.Equal([d.Id, c.Id, b.Id, a.Id], Ids(board.Board(null, QuestionOrder.Time).Questions));
        Assert.Equal([2, 1, 1, 0], board.Board(null, QuestionOrder.Votes).Questions.Select(q => q.Upvotes));

        board.Vote(a, "p-1");
        board.Vote(a, "p-2");
        board.Vote(a, "p-3");
        Assert.Equal([a.Id, c.Id, b.Id, d.Id], Ids(board.Board(null, QuestionOrder.Votes).Questions));
    }

    [Fact]
    public void Moderation_lists_pending_questions_first_then_the_others_by_time_with_their_askers()
    {
        var board = new QuestionBoard();
        var approved = board.Ask(Amina, "Approved?", Start, anonymous: true);
        board.SetPreModeration(true);
        var laterPending = board.Ask(Bruno, "Later pending?", Start.AddMinutes(2));
        var hidden = board.Hidden(board.Ask(Chen, "Hidden?", Start.AddMinutes(1)), "Duplicate", by: "p-mod");
        var earlierPending = board.Ask(Chen, "Earlier pending?", Start.AddSeconds(30));

        var list = board.Moderation();

        Assert.Equal([earlierPending.Id, laterPending.Id, approved.Id, hidden.Id], list.Select(m => m.Question.Id));
        Assert.Equal(
            [Chen.DisplayName, Bruno.DisplayName, Amina.DisplayName, Chen.DisplayName],
            list.Select(m => m.AskerName));
        Assert.Equal(
            [Chen.ParticipantId, Bruno.ParticipantId, Amina.ParticipantId, Chen.ParticipantId],
            list.Select(m => m.AskerId));
        Assert.Equal(("Duplicate", "p-mod"), (list[3].HiddenReason, list[3].HiddenBy));
        Assert.All(list.Take(3), m => Assert.Null(m.HiddenReason));
        Assert.Equal("Hidden?", list[3].Question.Text);
        Assert.Null(list[2].Question.AskerName);
        Assert.Equal(2, board.Pending);
    }

    [Fact]
    public void Figures_count_asked_approved_ever_answered_hidden_and_upvotes_by_group_and_region()
    {
        var board = new QuestionBoard();
        var amina1 = board.Ask(Amina, "Approved and answered?", Start);
        var amina2 = board.Ask(Amina, "Approved then hidden?", Start.AddSeconds(1));
        board.Answered(amina1, Start.AddMinutes(3));
        board.Hidden(amina2, "Off topic");
        board.SetPreModeration(true);
        var bruno1 = board.Ask(Bruno, "Pending?", Start.AddSeconds(2));
        var bruno2 = board.Hidden(board.Ask(Bruno, "Hidden while pending?", Start.AddSeconds(3)), "Spam");
        var chen = board.Approved(board.Ask(Chen, "Approved after review?", Start.AddSeconds(4)));
        board.Vote(amina1, "p-1");
        board.Vote(amina1, "p-2");
        board.Vote(chen, "p-1");
        board.Vote(amina2, "p-3");
        board.Vote(chen, "p-2");
        board.Vote(chen, "p-2", up: false);

        var figures = board.Figures();

        Assert.Equal((5, 3, 1, 2, 4), (figures.Asked, figures.Approved, figures.Answered, figures.Hidden, figures.Upvotes));
        Assert.Equal(
            [
                ("civilSociety", new QuestionTally(2, 2, 1, 1)),
                ("government", new QuestionTally(2, 0, 0, 1)),
                ("technicalAcademic", new QuestionTally(1, 1, 0, 0)),
            ],
            figures.ByGroup.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.Equal(
            [
                ("africa", new QuestionTally(2, 2, 1, 1)),
                ("asiaPacific", new QuestionTally(1, 1, 0, 0)),
                ("westernEuropeOthers", new QuestionTally(2, 0, 0, 1)),
            ],
            figures.ByRegion.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.Equal(QuestionStatus.Pending, board.Find(bruno1.Id)!.Status);
        Assert.False(bruno2.WasApproved);
    }

    [Fact]
    public void An_empty_board_has_zero_figures_and_no_questions()
    {
        var board = new QuestionBoard();

        var figures = board.Figures();

        Assert.Equal((0, 0, 0, 0, 0), (figures.Asked, figures.Approved, figures.Answered, figures.Hidden, figures.Upvotes));
        Assert.Empty(figures.ByGroup);
        Assert.Empty(figures.ByRegion);
        Assert.Empty(board.Board(null, QuestionOrder.Votes).Questions);
        Assert.Empty(board.Moderation());
        Assert.Null(board.Highlighted);
        Assert.False(board.PreModeration);
    }

    [Fact]
    public void Highlighted_is_the_question_being_answered_now()
    {
        var board = new QuestionBoard();
        var question = board.Ask(Amina, "What about spam?", Start);
        board.Ask(Bruno, "What about privacy?", Start);

        board.Apply(board.Find(question.Id)! with { Highlighted = true });

        Assert.Equal(question.Id, board.Highlighted?.Id);
        Assert.True(board.Board(null, QuestionOrder.Votes).Questions.Single(q => q.Id == question.Id).Highlighted);
        Assert.Single(board.Board(null, QuestionOrder.Votes).Questions, q => q.Highlighted);
    }

    /// <summary>A board built by commands, and the ledger contents those commands stored.</summary>
    private static (QuestionBoard Board, LedgerContents Stored) Built()
    {
        var board = new QuestionBoard();
        var questions = new Dictionary<string, QuestionRecord>();
        var votes = new List<VoteRecord>();
        QuestionRecord Keep(QuestionRecord q) => questions[q.Id] = q;
        void VoteFor(QuestionRecord q, string participantId, bool up = true)
        {
            board.Vote(q, participantId, up);
            votes.Add(new VoteRecord(q.Id, participantId, up));
        }

        var answered = Keep(board.Ask(Amina, "Approved and answered?", Start, requestId: "req-a1"));
        var anonymous = Keep(board.Ask(Amina, "Anonymous and highlighted?", Start.AddSeconds(1), anonymous: true, requestId: "req-a2"));
        var hidden = Keep(board.Ask(Bruno, "Approved then hidden?", Start.AddSeconds(2), requestId: "req-b1"));
        Keep(board.Answered(answered, Start.AddMinutes(4)));
        Keep(board.Hidden(hidden, "Off topic", by: "p-mod"));
        var highlighted = board.Find(anonymous.Id)! with { Highlighted = true };
        board.Apply(highlighted);
        Keep(highlighted);
        board.SetPreModeration(true);
        Keep(board.Ask(Chen, "Pending?", Start.AddSeconds(3), requestId: "req-c1"));
        Keep(board.Approved(Keep(board.Ask(Chen, "Approved after review?", Start.AddSeconds(4), requestId: "req-c2"))));
        VoteFor(anonymous, "p-1");
        VoteFor(anonymous, "p-2");
        VoteFor(answered, "p-1");
        VoteFor(answered, "p-3");
        VoteFor(answered, "p-3", up: false);
        VoteFor(hidden, "p-2");
        return (board, new LedgerContents(questions.Values.ToList(), votes, new BoardSettings(true)));
    }

    private static string Everything(QuestionBoard board, params string?[] viewers) => Json(new
    {
        votes = viewers.Select(v => board.Board(v, QuestionOrder.Votes)).ToList(),
        time = viewers.Select(v => board.Board(v, QuestionOrder.Time)).ToList(),
        moderation = board.Moderation(),
        figures = board.Figures(),
        board.PreModeration,
        board.Pending,
        highlighted = board.Highlighted?.Id,
    });

    [Fact]
    public void Load_rebuilds_questions_statuses_votes_settings_and_requests_from_the_ledger()
    {
        var (built, stored) = Built();
        var viewers = new[] { null, Amina.ParticipantId, Bruno.ParticipantId, Chen.ParticipantId, "p-1", "p-2", "p-3" };

        var loaded = new QuestionBoard();
        loaded.Load(stored);

        Assert.Equal(Everything(built, viewers), Everything(loaded, viewers));
        Assert.Equal(5, loaded.Count);
        Assert.True(loaded.PreModeration);
        Assert.Equal(1, loaded.Pending);
        Assert.Equal(2, loaded.Upvotes(stored.Questions.Single(q => q.Highlighted).Id));
        foreach (var question in stored.Questions)
        {
            Assert.Equal(question, loaded.FindRequest(question.AskerId, question.ClientRequestId));
            Assert.Equal(question, loaded.Find(question.Id));
        }
    }

    [Fact]
    public void Load_without_settings_means_no_pre_moderation()
    {
        var board = new QuestionBoard();

        board.Load(new LedgerContents([], [], null));

        Assert.False(board.PreModeration);
        Assert.Equal(0, board.Count);
        Assert.Equal(QuestionStatus.Approved, board.PrepareAsk(Amina, "req-1", "Anything?", false, Start, "q-1").Status);
    }

    [Fact]
    public void Load_keeps_the_repeat_and_rate_limits_of_questions_asked_recently()
    {
        // A board is loaded again whenever its grain is activated again (idle, silo restart, failover);
        // the limits on asking must not start over then.
        var before = new QuestionBoard();
        var asked = Enumerable.Range(0, QuestionLimits.MaxQuestionsPerWindow)
            .Select(i => before.Ask(Amina, $"Question {i} about spam?", Start.AddSeconds(i)))
            .ToList();

        var loaded = new QuestionBoard();
        loaded.Load(new LedgerContents(asked, [], null));

        var repeat = Assert.Throws<ForumException>(() => loaded.PrepareAsk(Amina, "req-r", "question 0 about SPAM?", false, Start.AddMinutes(2), "q-r"));
        Assert.Equal(ForumErrorKind.Conflict, repeat.Kind);
        var tooMany = Assert.Throws<ForumException>(() => loaded.PrepareAsk(Amina, "req-6", "A sixth question?", false, Start.AddSeconds(30), "q-6"));
        Assert.Equal(ForumErrorKind.TooManyRequests, tooMany.Kind);
    }
}
