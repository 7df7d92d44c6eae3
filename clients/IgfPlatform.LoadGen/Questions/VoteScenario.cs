using System.Diagnostics;
using HdrHistogram;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.LoadGen.Questions;

/// <summary>
/// Participants of one live session upvote its questions at a fixed rate (open loop: a slow platform
/// does not slow the arrivals), each vote a real hub call answered only once the vote is stored.
/// Measures how many acknowledgements a second the session sustains and how long each took.
/// </summary>
public static class VoteScenario
{
    private const int MaxInFlight = 5000;

    public static async Task<Report> Run(Uri url, Options options, CancellationToken ct)
    {
        var label = options.LabelOf(url);
        Console.WriteLine($"[{label}] preparing: session, {options.Participants} participants, {options.Questions} questions");
        var organizer = ForumClient.CreateApi(url);
        await organizer.LoginAsync("organizer@demo.igf.example", options.Password, ct);
        var moderatorApi = ForumClient.CreateApi(url);
        await moderatorApi.LoginAsync("moderator@demo.igf.example", options.Password, ct);
        var session = await organizer.CreateSessionAsync(new NewSession(
            null, $"Load test: votes {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}", SessionType.MainSession, ["critical-internet-resources"],
            DateTimeOffset.UtcNow, 120, "Questions and votes at the scale of a main session."), ct);
        await organizer.SetModeratorsAsync(session.Id, [(await moderatorApi.GetMeAsync(ct)).ParticipantId], ct);
        await organizer.ScheduleSessionAsync(session.Id, ct);
        await using var moderator = await Connect(url, moderatorApi.AccessToken, ct);
        await moderator.StartSessionAsync(session.Id, ct);

        var participants = new ForumClient[options.Participants];
        try
        {
            using var gate = new SemaphoreSlim(8);
            await Task.WhenAll(Enumerable.Range(0, options.Participants).Select(async i =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var api = ForumClient.CreateApi(url);
                    await api.LoginAsync($"participant{i + 1:D3}@demo.igf.example", options.Password, ct);
                    participants[i] = await Connect(url, api.AccessToken, ct);
                    await participants[i].JoinSessionAsync(session.Id, ct);
                }
                finally
                {
                    gate.Release();
                }
            }));

            var questions = await AskQuestions(participants, session.Id, options.Questions, ct);
            Console.WriteLine($"[{label}] {questions.Count} questions; voting at {options.Rate}/s for {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s");
            return await Vote(label, url, participants, session.Id, questions, options, ct);
        }
        finally
        {
            await Task.WhenAll(participants.Where(p => p is not null).Select(p => p.DisposeAsync().AsTask()));
        }
    }

    private static async Task<List<string>> AskQuestions(ForumClient[] participants, string sessionId, int count, CancellationToken ct)
    {
        var faker = new Random(2026);
        var ids = new List<string>(count);
        var perParticipant = (count + participants.Length - 1) / participants.Length;
        await Task.WhenAll(participants.Select(async (p, i) =>
        {
            for (var k = 0; k < perParticipant && (i * perParticipant) + k < count; k++)
            {
                var result = await p.AskQuestionAsync(sessionId, $"load-{i}-{k}", $"Question {(i * perParticipant) + k}: how should the forum approach topic {faker.Next(1000)}?", ct: ct);
                lock (ids)
                {
                    ids.Add(result.QuestionId);
                }
            }
        }));
        return ids;
    }

    private static async Task<Report> Vote(string label, Uri url, ForumClient[] participants, string sessionId, List<string> questions, Options options, CancellationToken ct)
    {
        var histogram = new LongConcurrentHistogram(1, TimeSpan.FromMinutes(2).Ticks / 10, 3);
        long errors = 0;
        long inFlight = 0;
        var measuring = false;
        var voted = participants.Select(_ => new HashSet<int>()).ToArray();
        var random = new Random(7);
        var pending = new List<Task>();
        var total = TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds);
        var clock = Stopwatch.StartNew();
        var measureFrom = TimeSpan.FromSeconds(options.WarmupSeconds);
        long issued = 0;
        var measuredStart = TimeSpan.Zero;

        while (clock.Elapsed < total && !ct.IsCancellationRequested)
        {
            if (!measuring && clock.Elapsed >= measureFrom)
            {
                measuring = true;
                measuredStart = clock.Elapsed;
            }

            // Open loop: as many votes as the rate says by now, whatever the platform's answers.
            var due = (long)(clock.Elapsed.TotalSeconds * options.Rate);
            while (issued < due && Interlocked.Read(ref inFlight) < MaxInFlight)
            {
                issued++;
                var who = random.Next(participants.Length);
                int which;
                do
                {
                    which = random.Next(questions.Count);
                }
                while (!voted[who].Add(which) && voted[who].Count < questions.Count);

                var counted = measuring;
                var started = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref inFlight);
                pending.Add(participants[who].UpvoteAsync(sessionId, questions[which], ct).ContinueWith(t =>
                {
                    Interlocked.Decrement(ref inFlight);
                    if (t.IsCompletedSuccessfully)
                    {
                        if (counted)
                        {
                            histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }, TaskScheduler.Default));
            }

            await Task.Delay(5, ct);
        }

        await Task.WhenAll(pending);
        var seconds = (clock.Elapsed - measuredStart).TotalSeconds;
        var notes = new Dictionary<string, string>
        {
            ["participants"] = participants.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["questions"] = questions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["issued"] = issued.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Report.From("votes", label, url, options.Rate, seconds, errors, histogram, notes);
    }

    private static async Task<ForumClient> Connect(Uri url, string? token, CancellationToken ct)
    {
        var client = new ForumClient(url, new ForumClientOptions { AccessTokenProvider = () => Task.FromResult(token) });
        await client.StartAsync(ct);
        return client;
    }
}
