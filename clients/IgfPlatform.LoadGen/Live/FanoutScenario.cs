using System.Diagnostics;
using System.Globalization;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.LoadGen.Baseline;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.LoadGen.Live;

/// <summary>
/// Fan-out of one live session: N participants follow it while its moderators change the agenda and
/// approve questions, first at a fixed rate (open loop), then back to back (saturation). Every event
/// must reach every participant; each delivery is timed from the moment the moderator issued the
/// operation. Then the same on a bare SignalR hub in a child process, with the platform's own batches
/// replayed at the same times: the floor of the same stack.
/// </summary>
public static class FanoutScenario
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    public static async Task<LiveReport> Run(Uri url, Options options, CancellationToken ct)
    {
        var n = options.LiveParticipants;
        var errors = new ErrorTally();
        var notes = new Dictionary<string, string>();
        var phases = new List<DeliveryPhase>();
        var ratios = new Dictionary<string, double>();
        Note(notes, "participants", $"{n} ({Math.Min(Math.Min(options.SignedIn, n), Crowd.DemoParticipants)} signed in, the rest anonymous), plus one observer connection");
        Console.WriteLine($"[fanout] preparing: session, {options.ModeratorConnections} moderator connections, {n} participants");
        var (sessionId, moderatorApi) = await Crowd.StartSession(url, options, "fan-out", ct);
        var moderators = new List<ForumClient>();
        ForumClient?[] participants = [];
        ForumClient? observer = null;
        var capture = new Capture();

        // Cancelled once measuring is over: connections closed from then on are ours, not failures.
        using var ending = new CancellationTokenSource();
        try
        {
            for (var i = 0; i < options.ModeratorConnections; i++)
            {
                var moderator = Crowd.Client(url, moderatorApi.AccessToken);
                await moderator.StartAsync(ct);
                moderators.Add(moderator);
            }

            var agenda = ModeratorDesk.InitialAgenda();
            await moderators[0].SetAgendaAsync(sessionId, agenda, ct);
            await moderators[0].SetCurrentItemAsync(sessionId, agenda[0].Id, ct);
            await moderators[0].SetPreModerationAsync(sessionId, true, ct);

            var tokens = await Crowd.SignIn(url, options, n, ct);
            participants = await Crowd.Gather(url, tokens, (_, _) => Task.CompletedTask, options.SkipNegotiation, errors, ct);
            var questions = await AskQuestions(participants, tokens, sessionId, options, errors, ct);
            Note(notes, "questions asked beforehand (pending, pre-moderation on)", questions.Count.ToString(CultureInfo.InvariantCulture));

            var ledger = new OperationLedger();
            var desk = new ModeratorDesk(sessionId, moderators, ledger, errors, [.. agenda.Select(a => a.Id)], agenda[0].Id, questions);
            observer = Crowd.Client(url, null);
            observer.Connection.On<EventBatch>(ForumEvents, capture.OnBatch);
            await observer.StartAsync(ct);
            var live = await observer.JoinSessionAsync(sessionId, ct);
            live.EventApplied += (_, e) => desk.Observe(e);

            Console.WriteLine($"[fanout] {participants.Count(p => p is not null)} connected; joining the session");
            var followers = await Join(participants, sessionId, errors, ending.Token, ct);
            var quiet = await CurrentSeq(observer, live, sessionId);
            await PhaseMeter.Drain(followers, quiet, DrainTimeout, ct);

            // At the fixed rate, open loop: operations go out on time whatever the answers.
            Console.WriteLine($"[fanout] platform: {options.OpsRate} operations/s for {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s");
            var from = await CurrentSeq(observer, live, sessionId);
            capture.Begin(options.WarmupSeconds * 1_000_000L);
            var meter = PhaseMeter.Begin(followers, options.ServerPid);
            var (issued, failed, seconds) = await OpenLoop(desk, options, ct);
            var to = await CurrentSeq(observer, live, sessionId);
            Drained(notes, "platform steady", await PhaseMeter.Drain(followers, to, DrainTimeout, ct));
            var steadyBatches = capture.End();
            phases.Add(meter.End("platform", $"{options.OpsRate} ops/s", ledger, from, to, issued, failed, seconds,
                steadyBatches.Count, PhaseMeter.AverageBytes([.. steadyBatches.Select(b => b.Batch)])));
            Console.WriteLine($"[fanout] platform steady: {to - from} events, {phases[^1].Deliveries} deliveries, {phases[^1].Missing} missing, p99 {phases[^1].Latency.P99Ms} ms");

            if (options.SaturationSeconds > 0)
            {
                Console.WriteLine($"[fanout] platform saturated: {options.InFlight} operations in flight for {options.SaturationSeconds} s");
                from = await CurrentSeq(observer, live, sessionId);
                capture.Begin();
                meter = PhaseMeter.Begin(followers, options.ServerPid);
                (issued, failed, seconds) = await Saturate(() => desk.Issue(measured: true), options, ct);
                to = await CurrentSeq(observer, live, sessionId);
                Drained(notes, "platform saturated", await PhaseMeter.Drain(followers, to, DrainTimeout, ct));
                var saturated = capture.End();
                phases.Add(meter.End("platform", "saturated", ledger, from, to, issued, failed, seconds,
                    saturated.Count, PhaseMeter.AverageBytes([.. saturated.Select(b => b.Batch)])));
                Console.WriteLine($"[fanout] platform saturated: {phases[^1].OperationsPerSecond} ops/s, {phases[^1].DeliveriesPerSecond} deliveries/s");
            }

            Note(notes, "approvals left unissued (questions asked but not needed)", desk.QuestionsLeft.ToString(CultureInfo.InvariantCulture));
            await ending.CancelAsync();
            await Crowd.Dismiss(participants);
            participants = [];

            if (options.Baseline && steadyBatches.Count > 0)
            {
                phases.AddRange(await RunBaseline(n, steadyBatches, options, errors, notes, ct));
                Note(notes, "bare hub operations", "one batch published each (a platform operation often makes two: the change, then its timeline or moderation count)");
                Ratio(ratios, phases, $"{options.OpsRate} ops/s");
                Ratio(ratios, phases, "saturated");
            }
        }
        finally
        {
            await ending.CancelAsync();
            await Crowd.Dismiss([.. participants, .. moderators, observer]);
        }

        Note(notes, "ops/s", "operations / (first issued → last answered); saturated, the platform is held to how fast the session's single writer stores its changes");
        Note(notes, "latency", "arrival at the participant − the moment the moderator issued the operation (one process, one clock); only events matched to an operation after warm-up are timed");
        return new LiveReport("fanout", url.ToString(), DateTimeOffset.UtcNow, phases, ratios, null, [], errors.ByMessage, notes);
    }

    private const string ForumEvents = "events";

    /// <summary>
    /// The bare hub: the same number of connections in one group; the platform's batches of the steady
    /// phase replayed at the times they came (renumbered), then back to back.
    /// </summary>
    private static async Task<List<DeliveryPhase>> RunBaseline(int n, List<Captured> batches, Options options, ErrorTally errors,
        Dictionary<string, string> notes, CancellationToken ct)
    {
        var phases = new List<DeliveryPhase>();
        await using var hub = await BaselineProcess.Start(ct);
        Console.WriteLine($"[fanout] bare hub (pid {hub.Pid}) at {hub.Url}: {n} participants");
        ForumClient?[] clients = [];
        ForumClient? publisher = null;
        using var ending = new CancellationTokenSource();
        try
        {
            var followers = new Follower?[n];
            clients = await Crowd.Gather(hub.Url, new string?[n], async (i, client) =>
            {
                var follower = new Follower();
                client.Connection.Follow(ForumEvents, follower);
                client.Connection.Reconnected += _ =>
                {
                    // The bare hub keeps no history: what was missed stays missing.
                    errors.Add("bare hub participant", "connection lost and reconnected");
                    return client.Connection.InvokeAsync("Join");
                };
                client.Connection.Closed += _ =>
                {
                    if (!ending.IsCancellationRequested)
                    {
                        errors.Add("bare hub participant", "connection closed");
                    }

                    return Task.CompletedTask;
                };
                await client.Connection.InvokeAsync("Join", ct);
                follower.Start(1, 0);
                followers[i] = follower;
            }, options.SkipNegotiation, errors, ct);
            var joined = followers.Where(f => f is not null).Select(f => f!).ToList();
            publisher = Crowd.Client(hub.Url, null);
            await publisher.StartAsync(ct);

            var ledger = new OperationLedger();
            var gate = new Lock();
            long seq = 0;

            // One publisher connection: its calls are read in order, so seq order is kept as on the platform.
            Task Publish(EventBatch template, bool measured, string method = "Publish")
            {
                EventBatch batch;
                lock (gate)
                {
                    var first = seq + 1;
                    seq += template.Events.Count;
                    var op = new Operation("publish", string.Empty, -1, LiveClock.Micros, measured);
                    for (var s = first; s <= seq; s++)
                    {
                        ledger.Attribute(s, op);
                    }

                    batch = new EventBatch("baseline", 1, first, seq, [.. template.Events.Select((e, k) => e with { Seq = first + k })]);
                    return publisher!.Connection.InvokeAsync(method, batch, ct);
                }
            }

            Console.WriteLine($"[fanout] bare hub: the platform's {batches.Count} batches at their times");
            var meter = PhaseMeter.Begin(joined, hub.Pid);
            var fromSeq = seq;
            var clock = Stopwatch.StartNew();
            var pending = new List<Task>();
            foreach (var b in batches)
            {
                var wait = TimeSpan.FromTicks(b.Offset * 10L) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                pending.Add(Track(Publish(b.Batch, b.Measured), errors));
            }

            await Task.WhenAll(pending);
            var seconds = clock.Elapsed.TotalSeconds;
            Drained(notes, "bare hub steady", await PhaseMeter.Drain(joined, seq, DrainTimeout, ct));
            phases.Add(meter.End("bare hub", $"{options.OpsRate} ops/s", ledger, fromSeq, seq, batches.Count, 0, seconds, batches.Count,
                PhaseMeter.AverageBytes([.. batches.Select(b => b.Batch)])));

            if (options.SaturationSeconds > 0)
            {
                Console.WriteLine($"[fanout] bare hub saturated: {options.InFlight} batches in flight for {options.SaturationSeconds} s");
                meter = PhaseMeter.Begin(joined, hub.Pid);
                fromSeq = seq;
                var next = 0;
                var (issued, failed, satSeconds) = await Saturate(() => Publish(batches[next++ % batches.Count].Batch, true, "PublishSent"), options, ct);
                Drained(notes, "bare hub saturated", await PhaseMeter.Drain(joined, seq, DrainTimeout, ct));
                phases.Add(meter.End("bare hub", "saturated", ledger, fromSeq, seq, issued, failed, satSeconds, issued,
                    PhaseMeter.AverageBytes([.. batches.Select(b => b.Batch)])));
            }
        }
        finally
        {
            await ending.CancelAsync();
            await Crowd.Dismiss([.. clients, publisher]);
        }

        return phases;
    }

    private static async Task Track(Task call, ErrorTally errors)
    {
        try
        {
            await call;
        }
        catch (Exception ex)
        {
            errors.Add("publish", ex);
        }
    }

    /// <summary>Operations at <c>--ops</c> a second, issued on time (open loop); warm-up ones are not timed.</summary>
    private static async Task<(long Issued, long Failed, double Seconds)> OpenLoop(ModeratorDesk desk, Options options, CancellationToken ct)
    {
        var failedBefore = desk.Failed;
        var total = TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var pending = new List<Task>();
        long issued = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < total && !ct.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * options.OpsRate);
            while (issued < due)
            {
                issued++;
                pending.Add(desk.Issue(measured: clock.Elapsed >= warmup));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, 1000.0 / options.OpsRate / 4)), ct);
        }

        await Task.WhenAll(pending);
        return (issued, desk.Failed - failedBefore, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Operations back to back, at most <c>--in-flight</c> at once, for <c>--saturation</c> seconds.</summary>
    private static async Task<(long Issued, long Failed, double Seconds)> Saturate(Func<Task> operation, Options options, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(options.InFlight);
        var pending = new List<Task>();
        long issued = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(options.SaturationSeconds);
        while (clock.Elapsed < until && !ct.IsCancellationRequested)
        {
            await gate.WaitAsync(ct);
            issued++;
            pending.Add(Run());
        }

        await Task.WhenAll(pending);
        return (issued, failed, clock.Elapsed.TotalSeconds);

        async Task Run()
        {
            try
            {
                await operation();
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Each participant follows the session through its own handler of <c>events</c>, resyncing through the SDK.</summary>
    private static async Task<List<Follower>> Join(ForumClient?[] participants, string sessionId, ErrorTally errors, CancellationToken ending, CancellationToken ct)
    {
        var followers = new Follower?[participants.Length];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(participants.Select(async (client, i) =>
        {
            if (client is null)
            {
                return;
            }

            await gate.WaitAsync(ct);
            try
            {
                var follower = new Follower((epoch, lastSeq) => client.ResyncAsync(sessionId, epoch, lastSeq));
                client.Connection.Follow(ForumEvents, follower);

                // Groups do not survive a reconnect: join again and resync, as the SDK does for its sessions.
                client.Connection.Reconnected += async _ =>
                {
                    errors.Add("participant", "connection lost and reconnected");
                    try
                    {
                        await client.Connection.InvokeAsync<SessionSnapshot>("JoinSession", sessionId);
                        follower.Repair();
                    }
                    catch (Exception ex)
                    {
                        errors.Add("rejoin", ex);
                    }
                };
                client.Connection.Closed += _ =>
                {
                    if (!ending.IsCancellationRequested)
                    {
                        errors.Add("participant", "connection closed");
                    }

                    return Task.CompletedTask;
                };
                var snapshot = await client.Connection.InvokeAsync<SessionSnapshot>("JoinSession", sessionId, ct);
                follower.Start(snapshot.Epoch, snapshot.Seq);
                followers[i] = follower;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                errors.Add("join", ex);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. followers.Where(f => f is not null).Select(f => f!)];
    }

    /// <summary>Signed-in participants ask questions before anyone follows (at most 5 each, the platform's limit a minute).</summary>
    private static async Task<List<string>> AskQuestions(ForumClient?[] participants, string?[] tokens, string sessionId, Options options, ErrorTally errors, CancellationToken ct)
    {
        var askers = participants.Where((p, i) => p is not null && tokens[i] is not null).Select(p => p!).ToList();
        var wanted = Math.Min(options.Questions, askers.Count * 5);
        var ids = new List<string>();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(askers.Select(async (asker, i) =>
        {
            await gate.WaitAsync(ct);
            try
            {
                for (var k = i; k < wanted; k += askers.Count)
                {
                    var result = await asker.AskQuestionAsync(sessionId, $"fanout-{k}", $"Question {k}: how can remote participants take the floor as easily as those in the room?", ct: ct);
                    lock (ids)
                    {
                        ids.Add(result.QuestionId);
                    }
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                errors.Add("ask", ex);
            }
            finally
            {
                gate.Release();
            }
        }));
        return ids;
    }

    /// <summary>The session's latest seq, asked of the platform (the observer may not have it yet).</summary>
    /// <summary>
    /// The session's seq now, asked on the observer's connection. An overloaded load generator may lose that
    /// connection (the server closes a client it has not heard from in its timeout): asked again once the
    /// client has reconnected, for up to a minute.
    /// </summary>
    private static async Task<long> CurrentSeq(ForumClient observer, LiveSession live, string sessionId)
    {
        var deadline = DateTime.UtcNow + ObserverPatience;
        while (true)
        {
            try
            {
                var result = await observer.ResyncAsync(sessionId, live.Epoch, live.LastSeq);
                return result.Snapshot?.Seq ?? Math.Max(live.LastSeq, result.Events is { Count: > 0 } events ? events[^1].Seq : 0);
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline)
            {
                Console.WriteLine($"[fanout] observer: {ex.Message.Split('\n')[0]}; asking again");
                await Task.Delay(ObserverRetryPause);
            }
        }
    }

    private static readonly TimeSpan ObserverPatience = TimeSpan.FromMinutes(1);

    // The client's own reconnect policy starts at once, then after 1 s, 2 s...: a pause between questions suffices.
    private static readonly TimeSpan ObserverRetryPause = TimeSpan.FromMilliseconds(500);

    private static void Ratio(Dictionary<string, double> ratios, List<DeliveryPhase> phases, string phase)
    {
        var platform = phases.FirstOrDefault(p => p.Run == "platform" && p.Phase == phase);
        var bare = phases.FirstOrDefault(p => p.Run == "bare hub" && p.Phase == phase);
        if (platform is not null && bare is { DeliveriesPerSecond: > 0 })
        {
            ratios[$"deliveries per second, platform / bare hub ({phase})"] = Math.Round(platform.DeliveriesPerSecond / bare.DeliveriesPerSecond, 3);
        }
    }

    private static void Drained(Dictionary<string, string> notes, string phase, bool drained)
    {
        if (!drained)
        {
            Note(notes, $"{phase}: not every participant had every event after waiting", $"{DrainTimeout.TotalSeconds:0} s (counted as missing)");
        }
    }

    private static void Note(Dictionary<string, string> notes, string key, string value) => notes[key] = value;

    /// <summary>A batch as the observer received it, with when (from the phase's start) and whether after warm-up.</summary>
    public sealed record Captured(long Offset, EventBatch Batch, bool Measured);

    /// <summary>The observer's batches during a phase: their sizes, and the baseline's payloads.</summary>
    private sealed class Capture
    {
        private readonly Lock _lock = new();
        private List<Captured>? _batches;
        private int _start;
        private long _warmupMicros;

        public void Begin(long warmupMicros = 0)
        {
            lock (_lock)
            {
                _start = LiveClock.Micros;
                _warmupMicros = warmupMicros;
                _batches = [];
            }
        }

        public void OnBatch(EventBatch batch)
        {
            lock (_lock)
            {
                if (_batches is not null)
                {
                    var offset = LiveClock.Micros - _start;
                    _batches.Add(new Captured(offset, batch, offset >= _warmupMicros));
                }
            }
        }

        public List<Captured> End()
        {
            lock (_lock)
            {
                var batches = _batches ?? [];
                _batches = null;
                return batches;
            }
        }
    }
}
