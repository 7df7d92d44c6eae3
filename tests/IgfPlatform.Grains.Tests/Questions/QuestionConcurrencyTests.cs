using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary>
/// Commands of a board that overlap while their writes are under way. Each operation is its own write here,
/// so a test holds one command's write and lets the next one start before releasing them in turn.
/// </summary>
[Collection(SeparateWritesCollection.Name)]
public sealed class QuestionConcurrencyTests(SeparateWritesClusterFixture fixture)
{
    /// <summary>How long a command's write is given to start while an earlier one is held (it starts at once when it does).</summary>
    private static readonly TimeSpan WriteStart = TimeSpan.FromSeconds(2);

    private Task<QuestionScenario> Live() => QuestionScenario.Create(fixture.Cluster.Client, fixture.QuestionLedger);

    [Fact]
    public async Task Without_group_commit_each_vote_is_its_own_write()
    {
        using var s = await Live();
        var question = await s.Asked();
        var before = s.Ledger.Writes(s.SessionId).Count;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => s.Board.Upvote($"p-{i}", question.QuestionId))).Within();

        var writes = s.Ledger.Writes(s.SessionId).Skip(before).ToList();
        Assert.Equal(20, results.Max(r => r.Upvotes));
        Assert.Equal(20, writes.Count);
        Assert.All(writes, w => Assert.Single(w.Votes));
        Assert.Equal(20, s.Ledger.Stored(s.SessionId).Votes.Count);
    }

    [Fact]
    public async Task Marking_a_question_answered_is_not_undone_by_highlighting_the_next_one_meanwhile()
    {
        using var s = await Live();
        var current = await s.Asked();
        var next = await s.Asked();
        await s.Board.Highlight(s.ModeratorId, current.QuestionId);
        var before = s.Ledger.Writes(s.SessionId).Count;
        Task highlighting;
        using (s.Ledger.HoldWrites(s.SessionId))
        {
            // The moderator marks the current question answered and, while that is being stored, highlights the next.
            var answering = s.Board.MarkAnswered(s.ModeratorId, current.QuestionId);
            var answerWrite = (await s.Ledger.WaitForWrites(s.SessionId, before + 1))[before];
            highlighting = s.Board.Highlight(s.ModeratorId, next.QuestionId);
            await s.Ledger.TryWaitForWrites(s.SessionId, before + 2, WriteStart);
            answerWrite.Release();
            await answering.Within();
        }

        var refused = await Record.ExceptionAsync(() => highlighting.Within());

        Assert.True(refused is null or ForumException { Kind: ForumErrorKind.Conflict }, $"Highlight failed with {refused}");
        var stored = s.Ledger.Stored(s.SessionId).Questions.Single(q => q.Id == current.QuestionId);
        var moderated = await s.Moderated(current.QuestionId);
        Assert.Equal((QuestionStatus.Answered, false), (moderated.Question.Status, moderated.Question.Highlighted));
        Assert.Equal((QuestionStatus.Answered, false), (stored.Status, stored.Highlighted));
        Assert.NotNull(stored.AnsweredAt);
        Assert.True(s.Ledger.Stored(s.SessionId).Questions.Count(q => q.Highlighted) <= 1);
    }

    [Fact]
    public async Task Hiding_a_question_is_not_undone_by_highlighting_it_meanwhile()
    {
        using var s = await Live();
        var question = await s.Asked();
        var before = s.Ledger.Writes(s.SessionId).Count;
        Task highlighting;
        using (s.Ledger.HoldWrites(s.SessionId))
        {
            // One moderator hides the question while another highlights it.
            var hiding = s.Board.Hide(s.ModeratorId, question.QuestionId, "Insulting");
            var hideWrite = (await s.Ledger.WaitForWrites(s.SessionId, before + 1))[before];
            highlighting = s.Board.Highlight(s.ModeratorId, question.QuestionId);
            await s.Ledger.TryWaitForWrites(s.SessionId, before + 2, WriteStart);
            hideWrite.Release();
            await hiding.Within();
        }

        var refused = await Record.ExceptionAsync(() => highlighting.Within());
        var events = await s.QuestionEvents();

        Assert.True(refused is null or ForumException { Kind: ForumErrorKind.Conflict }, $"Highlight failed with {refused}");
        var hiddenAt = events.Single(e => e.Data is QuestionUpdated { Status: QuestionStatus.Hidden } u && u.QuestionId == question.QuestionId).Seq;
        Assert.All(events.Where(e => e.Seq > hiddenAt), e => Assert.DoesNotContain(question.Question.Text, Forum.Json(e), StringComparison.Ordinal));
        Assert.Equal(QuestionStatus.Hidden, (await s.Moderated(question.QuestionId)).Question.Status);
        Assert.Null(await s.Seen(question.QuestionId));
        Assert.Equal(QuestionStatus.Hidden, s.Ledger.Stored(s.SessionId).Questions.Single().Status);
    }

    [Fact]
    public async Task A_vote_on_a_question_whose_storing_then_fails_is_not_acknowledged()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var before = s.Ledger.Writes(s.SessionId).Count;
        Task<AskResult> asking;
        Task<VoteResult> voting;
        string questionId;
        using (s.Ledger.HoldWrites(s.SessionId))
        {
            // The question's write is under way (and will fail) when someone votes for it.
            s.Ledger.FailNextWrites(s.SessionId, 1);
            asking = s.Board.Ask(asker.ParticipantId, "req-1", Asking.Text(), false);
            questionId = (await s.Ledger.WaitForWrites(s.SessionId, before + 1))[before].Questions.Single().Id;
            voting = s.Board.Upvote("p-voter", questionId);
            await s.Ledger.TryWaitForWrites(s.SessionId, before + 2, WriteStart);
        }

        await Assert.ThrowsAsync<IOException>(() => asking.Within());
        VoteResult? acknowledged = null;
        var voteError = await Record.ExceptionAsync(async () => acknowledged = await voting.Within());

        Assert.Empty(s.Ledger.Stored(s.SessionId).Questions);
        Assert.True(
            voteError is not null,
            $"The vote on {questionId} was acknowledged ({acknowledged}), but the question was never stored: its ask failed.");
        Assert.DoesNotContain(s.Ledger.Stored(s.SessionId).Votes, v => v.QuestionId == questionId);
        Assert.Equal(0, (await s.Board.GetFigures()).Upvotes);
    }
}
