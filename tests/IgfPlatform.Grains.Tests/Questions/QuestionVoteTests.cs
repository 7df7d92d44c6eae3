using System.Diagnostics;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Questions;
using static IgfPlatform.Grains.Tests.Questions.Asking;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary>Upvotes: one per participant per question, removable, stored before they are answered, pushed coalesced.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuestionVoteTests(ClusterFixture fixture)
{
    private Task<QuestionScenario> Live() => QuestionScenario.Create(fixture.Client, fixture.QuestionLedger);

    private static async Task<int> UpvotesOf(QuestionScenario s, string questionId) => (await s.Seen(questionId))!.Upvotes;

    [Fact]
    public async Task A_participant_votes_once_per_question_and_can_take_the_vote_back()
    {
        using var s = await Live();
        var question = await s.Asked();
        var other = await s.Asked();

        var first = await s.Board.Upvote("p-voter", question.QuestionId);
        var writes = s.Ledger.Writes(s.SessionId).Count;
        var repeat = await s.Board.Upvote("p-voter", question.QuestionId);

        Assert.Equal(new VoteResult(question.QuestionId, 1, true), first);
        Assert.Equal(first, repeat);
        Assert.Equal(writes, s.Ledger.Writes(s.SessionId).Count);
        Assert.Equal(new VoteResult(question.QuestionId, 2, true), await s.Board.Upvote("p-second", question.QuestionId));
        Assert.Equal(new VoteResult(other.QuestionId, 1, true), await s.Board.Upvote("p-voter", other.QuestionId));
        var mine = await s.Board.GetBoard("p-voter", QuestionOrder.Votes);
        Assert.Equal(new[] { question.QuestionId, other.QuestionId }.Order(StringComparer.Ordinal), mine.MyVotes);
        Assert.Equal([question.QuestionId, other.QuestionId], mine.Questions.Select(q => q.Id));

        var removed = await s.Board.RemoveUpvote("p-voter", question.QuestionId);
        var removedAgain = await s.Board.RemoveUpvote("p-voter", question.QuestionId);
        var neverVoted = await s.Board.RemoveUpvote("p-never", question.QuestionId);

        Assert.Equal(new VoteResult(question.QuestionId, 1, false), removed);
        Assert.Equal(removed, removedAgain);
        Assert.Equal(removed, neverVoted);
        Assert.Equal([other.QuestionId], (await s.Board.GetBoard("p-voter", QuestionOrder.Votes)).MyVotes);
        Assert.Equal(1, await UpvotesOf(s, question.QuestionId));
        Assert.Equal(2, (await s.Board.GetFigures()).Upvotes);
        var stored = s.Ledger.Stored(s.SessionId).Votes;
        Assert.Contains(new VoteRecord(question.QuestionId, "p-voter", false), stored);
        Assert.Contains(new VoteRecord(question.QuestionId, "p-second", true), stored);
        Assert.DoesNotContain(stored, v => v.ParticipantId == "p-never");

        Assert.Equal(new VoteResult(question.QuestionId, 2, true), await s.Board.Upvote("p-voter", question.QuestionId));
    }

    [Fact]
    public async Task Votes_need_a_participant_and_a_question()
    {
        using var s = await Live();
        var question = await s.Asked();

        await Refused(() => s.Board.Upvote(string.Empty, question.QuestionId), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Board.RemoveUpvote(string.Empty, question.QuestionId), ForumErrorKind.Unauthenticated);
        await Refused(() => s.Board.Upvote("p-voter", "q-nowhere"), ForumErrorKind.NotFound);
        await Refused(() => s.Board.RemoveUpvote("p-voter", "q-nowhere"), ForumErrorKind.NotFound);

        Assert.Empty(s.Ledger.Stored(s.SessionId).Votes);
    }

    [Fact]
    public async Task Two_hundred_participants_voting_at_once_are_all_counted_exactly()
    {
        using var s = await Live();
        var question = await s.Asked();
        var voters = Enumerable.Range(0, 200).Select(i => $"p-voter-{i}").ToList();

        var results = await Task.WhenAll(voters.Select(v => s.Board.Upvote(v, question.QuestionId))).Within();

        Assert.All(results, r => Assert.True(r.Voted));
        Assert.All(results, r => Assert.InRange(r.Upvotes, 1, 200));
        Assert.Equal(200, results.Max(r => r.Upvotes));
        Assert.Equal(200, await UpvotesOf(s, question.QuestionId));
        Assert.Equal(200, (await s.Board.GetFigures()).Upvotes);
        Assert.Equal(voters.Order(), s.Ledger.Stored(s.SessionId).Votes.Where(v => v.Up && v.QuestionId == question.QuestionId).Select(v => v.ParticipantId).Order());

        // Again, all at once: nothing changes.
        var repeats = await Task.WhenAll(voters.Select(v => s.Board.Upvote(v, question.QuestionId))).Within();
        Assert.All(repeats, r => Assert.Equal(new VoteResult(question.QuestionId, 200, true), r));
        Assert.Equal(200, await UpvotesOf(s, question.QuestionId));
    }

    [Fact]
    public async Task Pending_and_hidden_questions_cannot_be_voted_on_they_are_not_found()
    {
        using var s = await Live();
        var hidden = await s.Asked();
        await s.Board.Upvote("p-early", hidden.QuestionId);
        await s.Board.Hide(s.ModeratorId, hidden.QuestionId, "Off topic");
        await s.Board.SetPreModeration(s.ModeratorId, true);
        var pending = await s.Asked();
        var votes = s.Ledger.Stored(s.SessionId).Votes.Count;

        Assert.Equal(QuestionStatus.Pending, pending.Status);
        foreach (var id in new[] { pending.QuestionId, hidden.QuestionId })
        {
            await Refused(() => s.Board.Upvote("p-voter", id), ForumErrorKind.NotFound);
            await Refused(() => s.Board.RemoveUpvote("p-early", id), ForumErrorKind.NotFound);
        }

        Assert.Equal(votes, s.Ledger.Stored(s.SessionId).Votes.Count);
        Assert.Empty((await s.Board.GetBoard("p-voter", QuestionOrder.Votes)).MyVotes);
    }

    [Fact]
    public async Task A_vote_whose_storing_fails_is_taken_back()
    {
        using var s = await Live();
        var question = await s.Asked();
        s.Ledger.FailNextWrites(s.SessionId, 1);

        await Assert.ThrowsAsync<IOException>(() => s.Board.Upvote("p-voter", question.QuestionId));

        Assert.Equal(0, await UpvotesOf(s, question.QuestionId));
        Assert.Empty((await s.Board.GetBoard("p-voter", QuestionOrder.Votes)).MyVotes);
        Assert.Empty(s.Ledger.Stored(s.SessionId).Votes);
        Assert.Equal(0, (await s.Board.GetFigures()).Upvotes);
        // The retry is a new vote, not a repeat of one the board believes it has.
        Assert.Equal(new VoteResult(question.QuestionId, 1, true), await s.Board.Upvote("p-voter", question.QuestionId));
        Assert.Single(s.Ledger.Stored(s.SessionId).Votes);

        // Taking a vote back that cannot be stored leaves the vote in place.
        s.Ledger.FailNextWrites(s.SessionId, 1);
        await Assert.ThrowsAsync<IOException>(() => s.Board.RemoveUpvote("p-voter", question.QuestionId));
        Assert.Equal(1, await UpvotesOf(s, question.QuestionId));
        Assert.Equal([question.QuestionId], (await s.Board.GetBoard("p-voter", QuestionOrder.Votes)).MyVotes);
    }

    [Fact]
    public async Task A_failed_group_write_takes_back_every_vote_in_it_and_only_those()
    {
        using var s = await Live();
        var question = await s.Asked();
        var before = s.Ledger.Writes(s.SessionId).Count;
        Task<VoteResult> first;
        List<Task<VoteResult>> grouped;
        using (s.Ledger.HoldWrites(s.SessionId))
        {
            first = s.Board.Upvote("p-first", question.QuestionId);
            await s.Ledger.WaitForWrites(s.SessionId, before + 1);
            s.Ledger.FailNextWrites(s.SessionId, 1);
            grouped = Enumerable.Range(0, 50).Select(i => s.Board.Upvote($"p-grouped-{i}", question.QuestionId)).ToList();
            await Until(async () => await UpvotesOf(s, question.QuestionId) == 51, "the 50 votes are waiting for the first write");
        }

        Assert.True((await first.Within()).Voted);
        foreach (var vote in grouped)
        {
            await Assert.ThrowsAsync<IOException>(() => vote).Within();
        }

        Assert.Equal(1, await UpvotesOf(s, question.QuestionId));
        Assert.Equal(["p-first"], s.Ledger.Stored(s.SessionId).Votes.Select(v => v.ParticipantId));
        var writes = s.Ledger.Writes(s.SessionId).Skip(before).ToList();
        Assert.Equal([(1, false), (50, true)], writes.Select(w => (w.Records.Count, w.Fails)));

        var retried = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => s.Board.Upvote($"p-grouped-{i}", question.QuestionId))).Within();
        Assert.Equal(51, retried.Max(r => r.Upvotes));
        Assert.Equal(51, s.Ledger.Stored(s.SessionId).Votes.Count);
    }

    [Fact]
    public async Task A_votes_answer_gives_the_count_as_stored_not_votes_still_being_stored()
    {
        using var s = await Live();
        var question = await s.Asked();
        var before = s.Ledger.Writes(s.SessionId).Count;
        Task<VoteResult> first;
        List<Task<VoteResult>> failing;
        using (s.Ledger.HoldWrites(s.SessionId))
        {
            first = s.Board.Upvote("p-first", question.QuestionId);
            await s.Ledger.WaitForWrites(s.SessionId, before + 1);
            s.Ledger.FailNextWrites(s.SessionId, 1);
            failing = Enumerable.Range(0, 10).Select(i => s.Board.Upvote($"p-failing-{i}", question.QuestionId)).ToList();
            await Until(async () => await UpvotesOf(s, question.QuestionId) == 11, "the 10 votes are waiting for the first write");
        }

        var answer = await first.Within();
        await Task.WhenAll(failing.Select(f => Assert.ThrowsAsync<IOException>(() => f))).Within();

        // VoteResult: "the question's count as stored". One vote is stored; the participant was told more.
        Assert.Single(s.Ledger.Stored(s.SessionId).Votes);
        Assert.Equal(new VoteResult(question.QuestionId, 1, true), answer);
    }

    [Fact]
    public async Task Vote_counts_are_pushed_coalesced_a_few_times_a_second_and_the_last_push_has_the_final_count()
    {
        using var s = await Live();
        var question = await s.Asked();
        var other = await s.Asked();
        const int Waves = 20;
        const int PerWave = 25;

        // 500 votes over about a second: a wave of 25 every fifth of a push interval.
        using var pace = new PeriodicTimer(QuestionLimits.VotePushInterval / 5);
        var clock = Stopwatch.StartNew();
        var votes = new List<Task<VoteResult>>();
        for (var wave = 0; wave < Waves; wave++)
        {
            votes.AddRange(Enumerable.Range(0, PerWave).Select(i => s.Board.Upvote($"p-{wave}-{i}", question.QuestionId)));
            await pace.WaitForNextTickAsync();
        }

        votes.Add(s.Board.Upvote("p-other", other.QuestionId));
        await Task.WhenAll(votes).Within();
        var voting = clock.Elapsed;
        await s.Relay.WaitForEvent(e => IsVotePush(e) && VotesIn(e).GetValueOrDefault(question.QuestionId) == Waves * PerWave);
        var elapsed = clock.Elapsed;

        var pushes = s.Relay.Events.Where(e => IsVotePush(e) && VotesIn(e).ContainsKey(question.QuestionId)).Select(e => VotesIn(e)[question.QuestionId]).ToList();
        var bound = (int)Math.Ceiling(elapsed / QuestionLimits.VotePushInterval) + 2;
        Assert.True(
            pushes.Count <= bound,
            $"{pushes.Count} pushes for {Waves * PerWave} votes in {voting.TotalMilliseconds:F0} ms (final push after {elapsed.TotalMilliseconds:F0} ms); at most {bound} expected.");
        Assert.True(pushes.Count >= 2, $"Only {pushes.Count} push(es) while votes came for {voting.TotalMilliseconds:F0} ms: counts should go out as they grow.");
        Assert.Equal(Waves * PerWave, pushes[^1]);
        Assert.Single(pushes, p => p == Waves * PerWave);
        Assert.Equal(pushes.Order(), pushes);
        await s.Relay.WaitForEvent(e => IsVotePush(e) && VotesIn(e).GetValueOrDefault(other.QuestionId) == 1);
        Assert.Equal(Waves * PerWave, await UpvotesOf(s, question.QuestionId));
    }
}
