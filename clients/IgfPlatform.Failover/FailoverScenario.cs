using System.Collections.Concurrent;
using System.Diagnostics;
using Bogus;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Failover;

/// <summary>
/// A live load on a cluster (participants ask questions with client request ids, upvote, ask for the
/// floor; moderators add agenda items), one server killed with SIGKILL in the middle, then every
/// acknowledged operation checked against what the platform holds: lost, doubled.
/// </summary>
public static class FailoverScenario
{
    private const string OrganizerEmail = "organizer@demo.igf.example";
    private const string DemoPassword = "IgfDemo!2026";
    private const string Password = "Failover-Password-2026";
    private const int QuestionsPerSession = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task<int> Run(FailoverOptions options, TextWriter output)
    {
        var servers = options.Servers.ToArray();
        var faker = new Faker { Random = new Randomizer(2026) };
        var organizer = ForumClient.CreateApi(servers);
        await organizer.LoginAsync(OrganizerEmail, DemoPassword);

        // One session per server, created, started and first used there, so its grains live there.
        var sessions = new List<SessionUnderLoad>();
        for (var i = 0; i < servers.Length; i++)
        {
            var moderatorApi = ForumClient.CreateApi(Rotated(servers, i));
            var moderatorId = (await moderatorApi.RegisterAsync(Person(faker, $"moderator-{i}"))).ParticipantId;
            var created = await ForumClient.CreateApi([servers[i]]).WithToken(organizer.AccessToken)
                .CreateSessionAsync(new NewSession(null, $"Failover check {i + 1}: who keeps the questions", SessionType.Workshop,
                    ["critical-internet-resources"], DateTimeOffset.UtcNow.AddHours(1), 90, "A session under load while a server dies."));
            await organizer.SetModeratorsAsync(created.Id, [moderatorId]);
            await organizer.ScheduleSessionAsync(created.Id);
            var moderator = await Connect(Rotated(servers, i), moderatorApi.AccessToken);
            await moderator.StartSessionAsync(created.Id);
            await moderator.GetQuestionsAsync(created.Id);
            await moderator.GetFloorAsync(created.Id);
            sessions.Add(new SessionUnderLoad(created.Id, moderator));
        }

        output.WriteLine($"registering and connecting {options.Participants} participants");
        var participants = new ConcurrentBag<Participant>();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Participants), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var home = i % servers.Length;
            var endpoints = options.Proxy is { } proxy ? [proxy] : Rotated(servers, home);
            var me = await ForumClient.CreateApi(endpoints).RegisterAsync(Person(new Faker { Random = new Randomizer(i) }, $"participant-{i}"), ct);
            var client = await Connect(endpoints, me.Token);
            var views = new List<LiveSession>();
            foreach (var session in sessions)
            {
                views.Add(await client.JoinSessionAsync(session.Id, ct));
            }

            participants.Add(new Participant(i, me.ParticipantId, client, home, client.Endpoint, views));
        });

        using var stopLoad = new CancellationTokenSource();
        var load = participants.Select(p => Task.Run(() => ParticipantLoad(p, sessions, stopLoad.Token)))
            .Concat(sessions.Select(s => Task.Run(() => ModeratorLoad(s, stopLoad.Token))))
            .ToList();
        output.WriteLine($"load running for {options.LoadBeforeKill.TotalSeconds:0} s before the kill");
        await Task.Delay(options.LoadBeforeKill);
        var beforeKill = sessions.Sum(s => s.Asked.Count + s.Votes.Count + s.Floor.Count + s.Items.Count);

        var clock = Stopwatch.StartNew();
        using (var victim = Process.GetProcessById(options.VictimPid))
        {
            victim.Kill(); // SIGKILL: no goodbye to the cluster.
        }

        output.WriteLine($"killed server {options.Victim + 1} ({servers[options.Victim]}, pid {options.VictimPid})");
        var survivors = servers.Where((_, i) => i != options.Victim).ToArray();
        await using var monitor = await Connect(survivors, null);
        var orphan = sessions[options.Victim].Id;
        var servedAgain = await Task.WhenAll(
            FirstSuccess(clock, () => monitor.ResyncAsync(orphan, 0, 0)),
            FirstSuccess(clock, () => monitor.GetQuestionsAsync(orphan)),
            FirstSuccess(clock, () => monitor.GetFloorAsync(orphan)));
        var served = servedAgain.Max();
        await Task.Delay(options.LoadAfterServed);
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        var lastItems = sessions.Select(s => s.Items.Last()).ToList();
        var caughtUp = await Task.WhenAll(participants.SelectMany(p => p.Views.Select(async (v, i) =>
        {
            try
            {
                await v.WaitUntilAsync(x => x.Agenda.Any(a => a.Id == lastItems[i]), Patience);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        })));

        // The stored state, read through the survivors, against what was acknowledged.
        var lost = 0;
        var doubled = 0;
        var counted = new Dictionary<string, int>(StringComparer.Ordinal) { ["questions"] = 0, ["votes"] = 0, ["floor requests"] = 0, ["agenda items"] = 0 };
        foreach (var session in sessions)
        {
            var stored = await session.Moderator.GetModerationQueueAsync(session.Id);
            var storedIds = stored.Select(q => q.Question.Id).ToHashSet(StringComparer.Ordinal);
            var asked = session.Asked.Values.ToHashSet(StringComparer.Ordinal);
            lost += asked.Count(id => !storedIds.Contains(id));
            doubled += stored.Count - stored.Select(q => q.Question.Text).Distinct(StringComparer.Ordinal).Count() + storedIds.Count(id => !asked.Contains(id));
            counted["questions"] += asked.Count;

            var votes = session.Votes.Keys.GroupBy(v => v.QuestionId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var question in stored)
            {
                var expected = votes.GetValueOrDefault(question.Question.Id);
                lost += Math.Max(0, expected - question.Question.Upvotes);
                doubled += Math.Max(0, question.Question.Upvotes - expected);
            }

            counted["votes"] += session.Votes.Count;

            var queue = await session.Moderator.GetFloorQueueAsync(session.Id);
            var entries = queue.Select(e => e.EntryId).ToHashSet();
            lost += session.Floor.Values.Count(e => !entries.Contains(e));
            doubled += queue.Count - queue.Select(e => e.ParticipantId).Distinct(StringComparer.Ordinal).Count() + entries.Count(e => !session.Floor.Values.Contains(e));
            counted["floor requests"] += session.Floor.Count;

            var agenda = (await monitor.JoinSessionAsync(session.Id)).Agenda.Select(a => a.Id).ToList();
            lost += session.Items.Count(item => !agenda.Contains(item));
            doubled += agenda.Count - agenda.Distinct(StringComparer.Ordinal).Count();
            counted["agenda items"] += session.Items.Count;
        }

        output.WriteLine();
        // Through the proxy every participant's address is the proxy's: which server each was on is the proxy's secret.
        var onVictim = options.Proxy is null
            ? $" (connected to the killed server: {participants.Count(p => p.FirstEndpoint == servers[options.Victim])}, now on another: {participants.Count(p => p.FirstEndpoint == servers[options.Victim] && p.Client.Endpoint != servers[options.Victim])})"
            : " (through the proxy)";
        output.WriteLine($"participants: {participants.Count}; reconnected: {participants.Count(p => p.Client.Reconnects > 0)}{onVictim}");
        output.WriteLine($"resyncs: {participants.Sum(p => p.Views.Sum(v => v.Resyncs))} (snapshots {participants.Sum(p => p.Views.Sum(v => v.SnapshotsTaken))}, events that did not apply {participants.Sum(p => p.Views.Sum(v => v.EventsNotApplicable))}); rejoins tried again: {participants.Sum(p => p.Client.RejoinRetries)}; followers caught up: {caughtUp.Count(c => c)} of {caughtUp.Length}");
        output.WriteLine($"acknowledged and checked: {string.Join(", ", counted.Select(c => $"{c.Value} {c.Key}"))} ({beforeKill} before the kill); retries after a failure: {participants.Sum(p => p.Retries) + sessions.Sum(s => s.Retries)}");
        output.WriteLine($"lost: {lost}; doubled: {doubled}");
        output.WriteLine($"the killed server's session answered again after {served.TotalSeconds:0.0} s (session {servedAgain[0].TotalSeconds:0.0} s, questions {servedAgain[1].TotalSeconds:0.0} s, floor {servedAgain[2].TotalSeconds:0.0} s)");

        foreach (var participant in participants)
        {
            await participant.Client.DisposeAsync();
        }

        foreach (var session in sessions)
        {
            await session.Moderator.DisposeAsync();
        }

        return lost == 0 && doubled == 0 && served < TimeSpan.FromSeconds(30) && caughtUp.All(c => c) ? 0 : 1;
    }

    private static ForumApi WithToken(this ForumApi api, string? token)
    {
        api.AccessToken = token;
        return api;
    }

    private static Registration Person(Faker faker, string handle) => new(
        $"{handle}-{Guid.NewGuid():N}@failover.igf.example", Password, faker.Name.FullName(),
        faker.PickRandom<StakeholderGroup>(), faker.PickRandom<Region>(), faker.PickRandom<Gender>());

    private static async Task ParticipantLoad(Participant me, IReadOnlyList<SessionUnderLoad> sessions, CancellationToken stop)
    {
        var random = new Random(me.Index);
        var asked = new int[sessions.Count];
        while (!stop.IsCancellationRequested)
        {
            var s = random.Next(sessions.Count);
            var session = sessions[s];
            if (!session.Floor.ContainsKey(me.ParticipantId))
            {
                var requestId = $"floor-{me.Index}-{s}";
                var entry = await Acknowledged(me, () => me.Client.RequestFloorAsync(session.Id, requestId, FloorKind.Intervention));
                session.Floor[me.ParticipantId] = entry.EntryId;
            }
            else if (asked[s] < QuestionsPerSession && random.NextDouble() < 0.2)
            {
                // A retry after a failure sends the same request id: the question must exist once however often it is sent.
                var requestId = $"ask-{me.Index}-{s}-{asked[s]++}";
                var result = await Acknowledged(me, () => me.Client.AskQuestionAsync(session.Id, requestId, $"Question {requestId}: what does the cluster keep?"));
                session.Asked[requestId] = result.QuestionId;
                session.Questions.Add(result.QuestionId);
            }
            else if (!session.Questions.IsEmpty)
            {
                var question = session.Questions.ElementAt(random.Next(session.Questions.Count));
                await Acknowledged(me, () => me.Client.UpvoteAsync(session.Id, question));
                session.Votes[(question, me.ParticipantId)] = true;
            }

            await Task.Delay(random.Next(500, 1500), CancellationToken.None);
        }
    }

    private static async Task ModeratorLoad(SessionUnderLoad session, CancellationToken stop)
    {
        var faker = new Faker();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var item = new AgendaItem($"item-{n}", $"{faker.Hacker.IngVerb()} the open questions", 10, []);
            var deadline = DateTime.UtcNow + Patience;
            for (var tries = 1; ; tries++)
            {
                try
                {
                    await session.Moderator.AddAgendaItemAsync(session.Id, item, ct: CancellationToken.None);
                    break;
                }
                catch (HubException e) when (e.Message.Contains("appears twice", StringComparison.Ordinal))
                {
                    break; // An earlier try was stored; only its answer was lost.
                }
                catch (Exception) when (DateTime.UtcNow < deadline)
                {
                    Interlocked.Increment(ref session.Retries);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(tries, 5)), CancellationToken.None);
                }
            }

            session.Items.Enqueue(item.Id);
            await Task.Delay(500, CancellationToken.None);
        }
    }

    /// <summary>Sends until acknowledged: a lost connection or a server not yet known dead is tried again.</summary>
    private static async Task<T> Acknowledged<T>(Participant me, Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                Interlocked.Increment(ref me.Retries);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(tries, 5)));
            }
        }
    }

    private static async Task<TimeSpan> FirstSuccess<T>(Stopwatch clock, Func<Task<T>> call)
    {
        var deadline = clock.Elapsed + Patience;
        while (true)
        {
            try
            {
                await call();
                return clock.Elapsed;
            }
            catch (Exception) when (clock.Elapsed < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static Uri[] Rotated(Uri[] uris, int first) => [.. uris.Skip(first), .. uris.Take(first)];

    private static async Task<ForumClient> Connect(IEnumerable<Uri> uris, string? token)
    {
        var client = new ForumClient(uris, new ForumClientOptions
        {
            AccessTokenProvider = () => Task.FromResult(token),
            ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
        });
        await client.StartAsync();
        return client;
    }

    private sealed record Participant(int Index, string ParticipantId, ForumClient Client, int Home, Uri FirstEndpoint, IReadOnlyList<LiveSession> Views)
    {
        public int Retries;
    }

    private sealed class SessionUnderLoad(string id, ForumClient moderator)
    {
        public int Retries;

        public string Id { get; } = id;

        public ForumClient Moderator { get; } = moderator;

        public ConcurrentDictionary<string, string> Asked { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<string> Questions { get; } = [];

        public ConcurrentDictionary<(string QuestionId, string Voter), bool> Votes { get; } = new();

        public ConcurrentDictionary<string, long> Floor { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Items { get; } = new();
    }
}
