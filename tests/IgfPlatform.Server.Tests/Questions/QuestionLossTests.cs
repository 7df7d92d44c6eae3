using System.Collections.Concurrent;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Server.Tests.Live;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Questions;

public sealed class QuestionLossTests(QuickFailoverCluster cluster) : IClassFixture<QuickFailoverCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_server_killed_while_participants_keep_asking_loses_no_acknowledged_question_and_doubles_none()
    {
        // The session and its question board live on the first server (first used there).
        var (session, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(cluster.First);
        await using (var moderatorOnFirst = await cluster.First.ConnectAsync(moderatorApi.AccessToken))
        {
            await moderatorOnFirst.StartSessionAsync(session);
            await moderatorOnFirst.SetPreModerationAsync(session, false);
        }

        // Ten participants on the surviving server ask five questions each, retrying each with the
        // same client request id until it is acknowledged, while the first server dies.
        const int Askers = 10;
        const int Each = QuestionLimits.MaxQuestionsPerWindow;
        var askers = await Task.WhenAll(Enumerable.Range(0, Askers).Select(async _ =>
        {
            var api = cluster.Second.CreateApi();
            await api.RegisterAsync(ForumFaker.Person());
            return await cluster.Second.ConnectAsync(api.AccessToken);
        }));
        var acknowledged = new ConcurrentDictionary<string, AskResult>();
        var firstAcks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var asking = askers.Select((asker, a) => Task.Run(async () =>
            {
                for (var q = 0; q < Each; q++)
                {
                    var request = $"asker-{a}-question-{q}";
                    var result = await UntilAcknowledged(() => asker.AskQuestionAsync(session, request, $"Question {q} of participant {a}: what about spam in region {a}?"));
                    acknowledged[request] = result;
                    if (acknowledged.Count >= Askers)
                    {
                        firstAcks.TrySetResult();
                    }
                }
            })).ToList();

            await firstAcks.Task.WaitAsync(Patience);
            await cluster.First.KillAsync();
            await Task.WhenAll(asking).WaitAsync(Patience * 2);

            await using var moderator = await cluster.Second.ConnectAsync(moderatorApi.AccessToken);
            var stored = await UntilAcknowledged(() => moderator.GetModerationQueueAsync(session));
            Assert.Equal(Askers * Each, acknowledged.Count);
            Assert.Equal(acknowledged.Count, stored.Count);
            Assert.Equal(acknowledged.Values.Select(a => a.QuestionId).Order(), stored.Select(s => s.Question.Id).Order());
            Assert.Equal(stored.Count, stored.Select(s => s.Question.Text).Distinct().Count());
        }
        finally
        {
            await Task.WhenAll(askers.Select(a => a.DisposeAsync().AsTask()));
        }
    }

    /// <summary>What a participant's app does: try again (same request) until the platform says yes.</summary>
    private static async Task<T> UntilAcknowledged<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The server holding the board is gone and not yet declared dead: ask again.
            }
        }
    }
}
