using System.Collections.Concurrent;
using System.Net.Http.Json;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Tests.Questions;

[Collection(PlatformCollection.Name)]
public sealed class QuestionTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Asking_twice_with_the_same_request_id_gives_the_first_answer_and_one_question()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var (asker, askerName) = await Participant();
        await using var __ = asker;
        await asker.JoinSessionAsync(session);

        var first = await asker.AskQuestionAsync(session, "req-1", "How will the root server system reach small island states?");
        var again = await asker.AskQuestionAsync(session, "req-1", "How will the root server system reach small island states?");
        var differentText = await asker.AskQuestionAsync(session, "req-1", "Something else entirely");

        Assert.Equal(first, again);
        Assert.Equal(first, differentText);
        Assert.Equal(QuestionStatus.Approved, first.Status);
        var board = await asker.GetQuestionsAsync(session);
        var question = Assert.Single(board.Questions);
        Assert.Equal(askerName, question.AskerName);
        Assert.Single(board.Mine);
    }

    [Fact]
    public async Task An_anonymous_question_shows_group_and_region_but_only_moderators_see_who_asked()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var (asker, askerName) = await Participant();
        await using var __ = asker;
        await using var other = (await Participant()).Client;

        var asked = await asker.AskQuestionAsync(session, "anon-1", "Who pays for interconnection in least developed countries?", anonymous: true);
        var seen = Assert.Single((await other.GetQuestionsAsync(session)).Questions);
        Assert.Equal(asked.QuestionId, seen.Id);
        Assert.True(seen.Anonymous);
        Assert.Null(seen.AskerName);
        var moderated = Assert.Single(await moderator.GetModerationQueueAsync(session));
        Assert.Equal(askerName, moderated.AskerName);
        Assert.Equal(seen.StakeholderGroup, moderated.Question.StakeholderGroup);
        await Assert.ThrowsAsync<HubException>(() => other.GetModerationQueueAsync(session));
    }

    [Fact]
    public async Task With_pre_moderation_pending_and_hidden_questions_reach_only_moderators_and_their_asker()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        await moderator.SetPreModerationAsync(session, true);
        var (asker, _) = await Participant();
        await using var __ = asker;
        var (other, _) = await Participant();
        await using var ___ = other;
        var askerView = await asker.JoinSessionAsync(session);
        var otherView = await other.JoinSessionAsync(session);
        var otherEvents = new ConcurrentQueue<SessionEvent>();
        otherView.EventApplied += (_, e) => otherEvents.Enqueue(e);
        Assert.True(otherView.Questions.PreModeration);

        var spam = await asker.AskQuestionAsync(session, "p-1", "Buy cheap followers at example dot com");
        var good = await asker.AskQuestionAsync(session, "p-2", "What is the plan for internationalized domain names?");
        Assert.Equal(QuestionStatus.Pending, spam.Status);
        Assert.Equal(2, (await moderator.GetModerationQueueAsync(session)).Count(q => q.Question.Status == QuestionStatus.Pending));
        Assert.Empty((await other.GetQuestionsAsync(session)).Questions);
        Assert.Equal(2, (await asker.GetQuestionsAsync(session)).Mine.Count(m => m.Question.Status == QuestionStatus.Pending));

        await moderator.HideQuestionAsync(session, spam.QuestionId, "Advertising");
        await moderator.ApproveQuestionAsync(session, good.QuestionId);

        await otherView.WaitUntilAsync(v => v.Questions.Questions.Any(q => q.Id == good.QuestionId), Patience);
        await askerView.WaitUntilAsync(v => v.Questions.Mine.Any(m => m.Question.Id == spam.QuestionId && m.Question.Status == QuestionStatus.Hidden), Patience);
        Assert.DoesNotContain(otherView.Questions.Questions, q => q.Id == spam.QuestionId);
        Assert.Equal("Advertising", Assert.Single((await asker.GetQuestionsAsync(session)).Mine, m => m.Question.Id == spam.QuestionId).HiddenReason);

        // Nothing the other participant received carries the hidden question's text.
        Assert.DoesNotContain(otherEvents, e => System.Text.Json.JsonSerializer.Serialize(e.Data).Contains("cheap followers", StringComparison.Ordinal));
        Assert.DoesNotContain((await other.GetQuestionsAsync(session)).Questions, q => q.Id == spam.QuestionId);
    }

    [Fact]
    public async Task One_vote_per_participant_removable_and_counts_pushed_coalesced()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var observer = await moderator.JoinSessionAsync(session);
        var votePushes = 0;
        observer.EventApplied += (_, e) =>
        {
            if (e.Type == SessionEventTypes.QuestionVotesChanged)
            {
                Interlocked.Increment(ref votePushes);
            }
        };
        var (asker, _) = await Participant();
        await using var __ = asker;
        var question = (await asker.AskQuestionAsync(session, "v-1", "How do we measure spam across borders?")).QuestionId;

        var voters = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ => (await Participant()).Client));
        try
        {
            var started = DateTime.UtcNow;
            var results = await Task.WhenAll(voters.Select(v => v.UpvoteAsync(session, question)));
            Assert.Equal(30, results.Max(r => r.Upvotes));
            var twice = await voters[0].UpvoteAsync(session, question);
            Assert.Equal(30, twice.Upvotes);
            var removed = await voters[1].RemoveUpvoteAsync(session, question);
            Assert.Equal(29, removed.Upvotes);
            Assert.False(removed.Voted);

            await observer.WaitUntilAsync(v => v.Questions.Questions.Any(q => q.Id == question && q.Upvotes == 29), Patience);
            var elapsed = DateTime.UtcNow - started;
            Assert.InRange(votePushes, 1, (int)(elapsed / QuestionLimits.VotePushInterval) + 2);
            Assert.Contains(question, (await voters[0].GetQuestionsAsync(session)).MyVotes);
            Assert.DoesNotContain(question, (await voters[1].GetQuestionsAsync(session)).MyVotes);
        }
        finally
        {
            await Task.WhenAll(voters.Select(v => v.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Limits_refuse_with_a_clear_message_and_store_nothing()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var (asker, _) = await Participant();
        await using var __ = asker;
        await using var anonymous = await platform.Server.ConnectAsync();

        Assert.Contains("needs some text", (await Assert.ThrowsAsync<HubException>(() => asker.AskQuestionAsync(session, "l-1", "   "))).Message, StringComparison.Ordinal);
        Assert.Contains("at most 500", (await Assert.ThrowsAsync<HubException>(() => asker.AskQuestionAsync(session, "l-2", new string('q', 501)))).Message, StringComparison.Ordinal);
        Assert.Contains("Sign in", (await Assert.ThrowsAsync<HubException>(() => anonymous.AskQuestionAsync(session, "l-3", "Hello?"))).Message, StringComparison.Ordinal);
        await asker.AskQuestionAsync(session, "l-4", "Is multilingualism on the agenda?");
        Assert.Contains("same question", (await Assert.ThrowsAsync<HubException>(() => asker.AskQuestionAsync(session, "l-5", "  is MULTILINGUALISM on the   agenda? "))).Message, StringComparison.Ordinal);
        for (var i = 0; i < QuestionLimits.MaxQuestionsPerWindow - 1; i++)
        {
            await asker.AskQuestionAsync(session, $"rate-{i}", $"Question number {i} on capacity building");
        }

        Assert.Contains("a minute", (await Assert.ThrowsAsync<HubException>(() => asker.AskQuestionAsync(session, "rate-x", "One too many"))).Message, StringComparison.Ordinal);
        Assert.Equal(QuestionLimits.MaxQuestionsPerWindow, (await moderator.GetModerationQueueAsync(session)).Count);
    }

    private async Task<(ForumClient Client, string DisplayName)> Participant()
    {
        var api = platform.Server.CreateApi();
        var person = ForumFaker.Person();
        await api.RegisterAsync(person);
        return (await platform.Server.ConnectAsync(api.AccessToken), person.DisplayName);
    }

    private Task<(string Session, ForumClient Moderator)> NewLiveSession() => LiveSessions.StartWithNewModerator(platform.Server);

    [Fact]
    public async Task The_figures_count_questions_by_group_and_region_for_the_proceedings()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        await moderator.SetPreModerationAsync(session, true);
        var askers = new List<ForumClient>();
        try
        {
            var people = new[] { StakeholderGroup.Government, StakeholderGroup.CivilSociety, StakeholderGroup.CivilSociety };
            var ids = new List<string>();
            foreach (var (group, i) in people.Select((g, i) => (g, i)))
            {
                var api = platform.Server.CreateApi();
                await api.RegisterAsync(ForumFaker.Person() with { StakeholderGroup = group, Region = Region.Africa });
                var client = await platform.Server.ConnectAsync(api.AccessToken);
                askers.Add(client);
                ids.Add((await client.AskQuestionAsync(session, $"fig-{i}", $"Question {i} about affordable access")).QuestionId);
            }

            await moderator.ApproveQuestionAsync(session, ids[0]);
            await moderator.ApproveQuestionAsync(session, ids[1]);
            await moderator.MarkAnsweredAsync(session, ids[1]);
            await moderator.HideQuestionAsync(session, ids[2], "Duplicate of another question");
            await askers[2].UpvoteAsync(session, ids[0]);

            var figures = await new HttpClient { BaseAddress = platform.Server.BaseUri }
                .GetFromJsonAsync<QuestionFigures>($"api/sessions/{session}/questions/figures", ForumJson.Options);
            Assert.NotNull(figures);
            Assert.Equal((3, 2, 1, 1, 1), (figures.Asked, figures.Approved, figures.Answered, figures.Hidden, figures.Upvotes));
            Assert.Equal(new QuestionTally(1, 1, 0, 0), figures.ByGroup["government"]);
            Assert.Equal(new QuestionTally(2, 1, 1, 1), figures.ByGroup["civilSociety"]);
            Assert.Equal(new QuestionTally(3, 2, 1, 1), figures.ByRegion["africa"]);
        }
        finally
        {
            await Task.WhenAll(askers.Select(a => a.DisposeAsync().AsTask()));
        }
    }
}
