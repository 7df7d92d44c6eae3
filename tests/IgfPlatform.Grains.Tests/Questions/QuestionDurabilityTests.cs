using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.Questions.Asking;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary>What a board stores is what a new activation of it knows; votes arriving together are stored together.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuestionDurabilityTests(ClusterFixture fixture)
{
    private Task<QuestionScenario> Live() => QuestionScenario.Create(fixture.Client, fixture.QuestionLedger);

    /// <summary>Everything the board tells anyone, as JSON.</summary>
    private static async Task<string> Everything(QuestionScenario s, params string?[] viewers)
    {
        var boards = new List<QuestionBoardView>();
        foreach (var viewer in viewers)
        {
            boards.Add(await s.Board.GetBoard(viewer, QuestionOrder.Votes));
            boards.Add(await s.Board.GetBoard(viewer, QuestionOrder.Time));
        }

        return Forum.Json(new { boards, moderation = await s.Board.GetModeration(s.ModeratorId), figures = await s.Board.GetFigures() });
    }

    [Fact]
    public async Task A_new_activation_has_the_same_questions_statuses_votes_settings_and_request_ids()
    {
        using var s = await Live();
        var askers = await s.Participants(3);
        var answered = await s.Board.Ask(askers[0].ParticipantId, "req-a", Asking.Text(), false);
        var highlighted = await s.Board.Ask(askers[1].ParticipantId, "req-b", Asking.Text(), true);
        var hidden = await s.Board.Ask(askers[2].ParticipantId, "req-c", Asking.Text(), false);
        await s.Board.SetPreModeration(s.ModeratorId, true);
        var pending = await s.Board.Ask(askers[0].ParticipantId, "req-d", Asking.Text(), true);
        var approved = await s.Board.Ask(askers[1].ParticipantId, "req-e", Asking.Text(), false);
        await s.Board.Approve(s.ModeratorId, approved.QuestionId);
        await s.Board.MarkAnswered(s.ModeratorId, answered.QuestionId);
        await s.Board.Hide(s.ModeratorId, hidden.QuestionId, "Off topic");
        await s.Board.Highlight(s.ModeratorId, highlighted.QuestionId);
        foreach (var voter in new[] { "p-1", "p-2", "p-3" })
        {
            await s.Board.Upvote(voter, highlighted.QuestionId);
        }

        await s.Board.Upvote("p-1", approved.QuestionId);
        await s.Board.Upvote("p-2", answered.QuestionId);
        await s.Board.RemoveUpvote("p-2", answered.QuestionId);
        var viewers = askers.Select(a => (string?)a.ParticipantId).Concat([null, "p-1", "p-2", "p-3"]).ToArray();
        var before = await Everything(s, viewers);

        await fixture.Cluster.DeactivateAsync(s.Board);
        var after = await Everything(s, viewers);

        Assert.Equal(before, after);
        var board = await s.Board.GetBoard(null, QuestionOrder.Votes);
        Assert.True(board.PreModeration);
        Assert.Equal(
            [(highlighted.QuestionId, 3, true), (approved.QuestionId, 1, false), (answered.QuestionId, 0, false)],
            board.Questions.Select(q => (q.Id, q.Upvotes, q.Highlighted)));
        Assert.Equal(QuestionStatus.Pending, (await s.Moderated(pending.QuestionId)).Question.Status);
        Assert.Equal("Off topic", (await s.Moderated(hidden.QuestionId)).HiddenReason);

        // The same requests give the first answers; the same votes change nothing; nothing is written.
        var writes = s.Ledger.Writes(s.SessionId).Count;
        var again = await s.Board.Ask(askers[0].ParticipantId, "req-d", "A different text this time?", false);
        Assert.Equal((pending.QuestionId, QuestionStatus.Pending, pending.Question.Text), (again.QuestionId, again.Status, again.Question.Text));
        var hiddenAgain = await s.Board.Ask(askers[2].ParticipantId, "req-c", "Try again?", false);
        Assert.Equal((hidden.QuestionId, QuestionStatus.Hidden), (hiddenAgain.QuestionId, hiddenAgain.Status));
        Assert.Equal(new VoteResult(highlighted.QuestionId, 3, true), await s.Board.Upvote("p-1", highlighted.QuestionId));
        Assert.Equal(new VoteResult(answered.QuestionId, 0, false), await s.Board.RemoveUpvote("p-2", answered.QuestionId));
        Assert.Equal(writes, s.Ledger.Writes(s.SessionId).Count);
        Assert.Equal(5, s.Ledger.Stored(s.SessionId).Questions.Count);

        // And it goes on from there: one highlight at a time still holds.
        await s.Board.Highlight(s.ModeratorId, approved.QuestionId);
        Assert.Equal([approved.QuestionId], s.Ledger.Stored(s.SessionId).Questions.Where(q => q.Highlighted).Select(q => q.Id));
    }

    [Fact]
    public async Task A_request_acknowledged_before_a_new_activation_is_answered_the_same_after_it()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var first = await s.Board.Ask(asker.ParticipantId, "req-1", Asking.Text(), anonymous: true);

        await fixture.Cluster.DeactivateAsync(s.Board);
        var again = await s.Board.Ask(asker.ParticipantId, "req-1", Asking.Text(), anonymous: false);

        Assert.Equal(first, again);
        Assert.Single(s.Ledger.Stored(s.SessionId).Questions);
    }

    [Fact]
    public async Task The_repeat_and_rate_limits_hold_across_a_new_activation()
    {
        using var s = await Live();
        var asker = await s.Participant();
        var text = Asking.Text();
        await s.Board.Ask(asker.ParticipantId, "req-1", text, false);
        for (var i = 2; i <= QuestionLimits.MaxQuestionsPerWindow; i++)
        {
            await s.Board.Ask(asker.ParticipantId, $"req-{i}", Asking.Text(), false);
        }

        await fixture.Cluster.DeactivateAsync(s.Board);

        // Still within the minute and the five minutes: the same text again is a repeat, a sixth question too many.
        var repeat = await Record.ExceptionAsync(() => s.Board.Ask(asker.ParticipantId, "req-repeat", text, false));
        var sixth = await Record.ExceptionAsync(() => s.Board.Ask(asker.ParticipantId, "req-6", Asking.Text(), false));
        Assert.True(repeat is ForumException { Kind: ForumErrorKind.Conflict }, $"The same text again, a minute later but after a new activation: {repeat?.Message ?? "accepted"}.");
        Assert.True(sixth is ForumException { Kind: ForumErrorKind.TooManyRequests }, $"A sixth question in the minute, after a new activation: {sixth?.Message ?? "accepted"}.");
        Assert.Equal(QuestionLimits.MaxQuestionsPerWindow, s.Ledger.Stored(s.SessionId).Questions.Count(q => q.AskerId == asker.ParticipantId));
    }

    [Fact]
    public async Task Votes_arriving_while_a_write_is_under_way_are_stored_together_and_answered_after_it()
    {
        using var s = await Live();
        var question = await s.Asked();
        var before = s.Ledger.Writes(s.SessionId).Count;
        const int Votes = 300;
        List<Task<VoteResult>> votes;
        using (s.Ledger.HoldWrites(s.SessionId))
        {
            votes = [s.Board.Upvote("p-0", question.QuestionId)];
            await s.Ledger.WaitForWrites(s.SessionId, before + 1);
            votes.AddRange(Enumerable.Range(1, Votes - 1).Select(i => s.Board.Upvote($"p-{i}", question.QuestionId)));
            await Until(
                async () => (await s.Seen(question.QuestionId))!.Upvotes == Votes,
                "all votes reached the board while the first write is held");

            Assert.All(votes, v => Assert.False(v.IsCompleted));
            Assert.Equal(before + 1, s.Ledger.Writes(s.SessionId).Count);
        }

        var results = await Task.WhenAll(votes).Within();

        var writes = s.Ledger.Writes(s.SessionId).Skip(before).ToList();
        Assert.All(results, r => Assert.True(r.Voted));
        Assert.InRange(writes.Count, 2, 5);
        Assert.All(writes, w => Assert.InRange(w.Records.Count, 1, 100));
        Assert.Equal(Votes, writes.Sum(w => w.Votes.Count()));
        Assert.Equal(Votes, s.Ledger.Stored(s.SessionId).Votes.Count(v => v.Up));
        Assert.Equal(Votes, (await s.Seen(question.QuestionId))!.Upvotes);
    }
}
