using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace IgfPlatform.Server.Tests.Live;

/// <summary>
/// Three servers in one Azure Table cluster with the platform's own membership settings (nothing
/// set here): what a deployment gets when a server dies.
/// </summary>
public sealed class ThreeServerCluster : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public IReadOnlyList<PlatformServer> Servers { get; private set; } = [];

    public PlatformServerOptions Options { get; } = new() { AzureTableClustering = true, SeedDemoData = true };

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        var first = await PlatformServer.StartAsync(Azurite.ConnectionString, Options);
        Servers = [first];
        // The demo data exists once the first is ready: the other two join together.
        var others = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PlatformServer.StartAsync(Azurite.ConnectionString, Options with { SeedDemoData = false })));
        Servers = [first, .. others];
    }

    public async Task DisposeAsync()
    {
        foreach (var server in Servers.Reverse())
        {
            await server.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

public sealed class ThreeServerKillTests(ThreeServerCluster cluster, ITestOutputHelper output) : IClassFixture<ThreeServerCluster>
{
    private const int ParticipantsPerServer = 4;
    private const int QuestionsPerSession = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LoadBeforeKill = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan LoadAfterServed = TimeSpan.FromSeconds(3);

    // The pace of the load itself (a moderator adds an item about three times a second), and how often
    // the membership table, which has no change feed to await, is read: not waits for an event.
    private static readonly TimeSpan ModeratorPace = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MembershipPoll = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_server_killed_under_load_loses_nothing_acknowledged_and_its_sessions_are_served_again_within_30_seconds()
    {
        var servers = cluster.Servers;
        var uris = servers.Select(s => s.BaseUri).ToArray();
        const int victim = 2;

        // One session per server, created, started and first used there, so its grains live there.
        var sessions = new List<SessionUnderLoad>();
        for (var i = 0; i < servers.Count; i++)
        {
            var (id, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(servers[i]);
            var moderator = await Connect(Rotated(uris, i), moderatorApi.AccessToken);
            await moderator.StartSessionAsync(id);
            await moderator.GetQuestionsAsync(id);
            await moderator.GetFloorAsync(id);
            sessions.Add(new SessionUnderLoad(id, moderator));
        }

        var participants = new List<Participant>();
        for (var i = 0; i < servers.Count * ParticipantsPerServer; i++)
        {
            var home = i % servers.Count;
            var api = servers[home].CreateApi();
            var me = await api.RegisterAsync(ForumFaker.Person());
            var client = await Connect(Rotated(uris, home), me.Token);
            var views = new List<LiveSession>();
            foreach (var session in sessions)
            {
                views.Add(await client.JoinSessionAsync(session.Id));
            }

            participants.Add(new Participant(i, me.ParticipantId, client, home, views));
        }

        using var stopLoad = new CancellationTokenSource();
        var load = participants.Select(p => Task.Run(() => ParticipantLoad(p, sessions, stopLoad.Token)))
            .Concat(sessions.Select(s => Task.Run(() => ModeratorLoad(s, stopLoad.Token))))
            .ToList();
        await Task.Delay(LoadBeforeKill);
        var beforeKill = sessions.Sum(s => s.Asked.Count + s.Votes.Count + s.Floor.Count);

        // The victim dies as in a crash: no goodbye to the cluster, its sockets reset by the kernel.
        var clock = Stopwatch.StartNew();
        await servers[victim].KillAsync();
        var declaredDead = Task.Run(() => WhenDeclaredDead(clock));

        // A monitor on the survivors: how long until each grain of the victim's session answers again.
        await using var monitor = await Connect([uris[0], uris[1]], null);
        var orphan = sessions[victim].Id;
        var servedAgain = await Task.WhenAll(
            FirstSuccess(clock, () => monitor.ResyncAsync(orphan, 0, 0)),
            FirstSuccess(clock, () => monitor.GetQuestionsAsync(orphan)),
            FirstSuccess(clock, () => monitor.GetFloorAsync(orphan)));
        var served = servedAgain.Max();
        await Task.Delay(LoadAfterServed);
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        var dead = await declaredDead;

        output.WriteLine($"killed server {victim + 1} of {servers.Count}; declared dead after {Seconds(dead)}; its session served again after {Seconds(served)} " +
                         $"(session {Seconds(servedAgain[0])}, questions {Seconds(servedAgain[1])}, floor {Seconds(servedAgain[2])})");

        // Everyone who was on the victim came back through a survivor and caught up.
        var moved = participants.Where(p => p.Home == victim).ToList();
        Assert.All(moved, p => Assert.True(p.Client.Reconnects >= 1 && p.Client.Endpoint != uris[victim], $"participant {p.Index} is still on {p.Client.Endpoint}"));
        var lastItems = sessions.Select(s => s.Items.Last()).ToList();
        try
        {
            await Task.WhenAll(participants.SelectMany(p => p.Views.Select((v, i) => v.WaitUntilAsync(x => x.Agenda.Any(a => a.Id == lastItems[i]), Patience))));
        }
        catch (TimeoutException)
        {
            var behind = participants.SelectMany(p => p.Views.Select((v, i) => (p, v, i)).Where(x => x.v.Agenda.All(a => a.Id != lastItems[x.i])))
                .Select(x => $"participant {x.p.Index} (from server {x.p.Home + 1}, now {x.p.Client.Endpoint}) on session {x.i + 1}: epoch {x.v.Epoch}, seq {x.v.LastSeq}");
            Assert.Fail("Followers did not catch up:\n" + string.Join('\n', behind));
        }

        // Every follower's agenda, rebuilt from edits across the loss, is the stored one (no edit failed to apply).
        Assert.Equal(0, participants.Sum(p => p.Views.Sum(v => v.EventsNotApplicable)));

        // Everything acknowledged is stored exactly once, on every session.
        var checkedCount = 0;
        foreach (var (session, index) in sessions.Select((s, i) => (s, i)))
        {
            var stored = await session.Moderator.GetModerationQueueAsync(session.Id);
            var asked = session.Asked.Values.ToHashSet(StringComparer.Ordinal);
            Assert.Equal(asked.Order(StringComparer.Ordinal), stored.Select(q => q.Question.Id).Order(StringComparer.Ordinal));
            Assert.Equal(stored.Count, stored.Select(q => q.Question.Text).Distinct(StringComparer.Ordinal).Count());

            var votes = session.Votes.Keys.GroupBy(v => v.QuestionId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var question in stored)
            {
                Assert.Equal(votes.GetValueOrDefault(question.Question.Id), question.Question.Upvotes);
            }

            var queue = await session.Moderator.GetFloorQueueAsync(session.Id);
            Assert.Equal(session.Floor.Values.Order(), queue.Select(e => e.EntryId).Order());
            Assert.Equal(queue.Count, queue.Select(e => e.ParticipantId).Distinct(StringComparer.Ordinal).Count());

            var agenda = (await monitor.JoinSessionAsync(session.Id)).Agenda.Select(a => a.Id).ToList();
            Assert.All(session.Items, item => Assert.Single(agenda, a => a == item));
            Assert.All(participants, p => Assert.Equal(agenda, p.Views[index].Agenda.Select(a => a.Id)));
            checkedCount += asked.Count + session.Votes.Count + session.Floor.Count + session.Items.Count;
        }

        var retried = participants.Sum(p => p.Retries) + sessions.Sum(s => s.Retries);
        output.WriteLine($"{participants.Count} participants, {moved.Count} moved to a survivor, {participants.Sum(p => p.Views.Sum(v => v.Resyncs))} resyncs, {participants.Sum(p => p.Client.RejoinRetries)} rejoins tried again; " +
                         $"{checkedCount} acknowledged operations checked ({beforeKill} before the kill), {retried} retries after a failure");
        Assert.True(served < TimeSpan.FromSeconds(30), $"The lost server's session was served again only after {Seconds(served)}.");
        Assert.True(retried > 0, "No operation had to be retried: the kill did not happen under load.");

        foreach (var participant in participants)
        {
            await participant.Client.DisposeAsync();
        }

        foreach (var session in sessions)
        {
            await session.Moderator.DisposeAsync();
        }
    }

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
            else if (asked[s] < QuestionsPerSession && random.NextDouble() < 0.3)
            {
                // A retry after a failure sends the same request id: the question exists once however often it is sent.
                var requestId = $"ask-{me.Index}-{s}-{asked[s]++}";
                var result = await Acknowledged(me, () => me.Client.AskQuestionAsync(session.Id, requestId, $"Question {requestId} on what the cluster keeps"));
                session.Asked[requestId] = result.QuestionId;
                session.Questions.Add(result.QuestionId);
            }
            else if (!session.Questions.IsEmpty)
            {
                var question = session.Questions.ElementAt(random.Next(session.Questions.Count));
                await Acknowledged(me, () => me.Client.UpvoteAsync(session.Id, question));
                session.Votes[(question, me.ParticipantId)] = true;
            }

            await Task.Delay(random.Next(50, 150), CancellationToken.None);
        }
    }

    private static async Task ModeratorLoad(SessionUnderLoad session, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            var item = ForumFaker.Item(id: $"item-{n++}");
            var tries = 0;
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                try
                {
                    await session.Moderator.AddAgendaItemAsync(session.Id, item, ct: CancellationToken.None);
                    break;
                }
                catch (HubException e) when (e.Message.Contains("appears twice", StringComparison.Ordinal))
                {
                    // An earlier try was stored, only its answer was lost.
                    break;
                }
                catch (Exception) when (DateTime.UtcNow < deadline)
                {
                    Interlocked.Increment(ref session.Retries);
                    tries++;
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(tries, 5)), CancellationToken.None);
                }
            }

            session.Items.Enqueue(item.Id);
            await Task.Delay(ModeratorPace, CancellationToken.None);
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
                // Asked again at once: the figure is the time to the first answer.
                await Task.Delay(50);
            }
        }
    }

    /// <summary>When the membership table first shows a server dead (the table has no change feed to await).</summary>
    private async Task<TimeSpan> WhenDeclaredDead(Stopwatch clock)
    {
        var table = new TableClient(cluster.Azurite.ConnectionString, "OrleansSiloInstances");
        var deadline = clock.Elapsed + Patience;
        while (clock.Elapsed < deadline)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == cluster.Options.ClusterId))
            {
                if (row.GetString("Status") == "Dead")
                {
                    return clock.Elapsed;
                }
            }

            await Task.Delay(MembershipPoll);
        }

        return TimeSpan.MaxValue;
    }

    private static Uri[] Rotated(Uri[] uris, int first) => [.. uris.Skip(first), .. uris.Take(first)];

    private static async Task<ForumClient> Connect(IEnumerable<Uri> uris, string? token)
    {
        var client = new ForumClient(uris, new ForumClientOptions
        {
            AccessTokenProvider = () => Task.FromResult(token),
            ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)],
        });
        await client.StartAsync();
        return client;
    }

    private static string Seconds(TimeSpan t) => t == TimeSpan.MaxValue ? "never (within the test)" : $"{t.TotalSeconds:0.0} s";

    private sealed record Participant(int Index, string ParticipantId, ForumClient Client, int Home, IReadOnlyList<LiveSession> Views)
    {
        public int Retries;
    }

    private sealed class SessionUnderLoad(string id, ForumClient moderator)
    {
        public int Retries;

        public string Id { get; } = id;

        public ForumClient Moderator { get; } = moderator;

        /// <summary>Acknowledged questions by client request id.</summary>
        public ConcurrentDictionary<string, string> Asked { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<string> Questions { get; } = [];

        /// <summary>Acknowledged upvotes (question, voter).</summary>
        public ConcurrentDictionary<(string QuestionId, string Voter), bool> Votes { get; } = new();

        /// <summary>Acknowledged requests for the floor: participant → entry.</summary>
        public ConcurrentDictionary<string, long> Floor { get; } = new(StringComparer.Ordinal);

        /// <summary>Agenda items the moderator added, acknowledged.</summary>
        public ConcurrentQueue<string> Items { get; } = new();
    }
}
