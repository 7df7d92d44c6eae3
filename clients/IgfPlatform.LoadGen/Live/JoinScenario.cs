using System.Diagnostics;
using IgfPlatform.Client.Live;

namespace IgfPlatform.LoadGen.Live;

/// <summary>
/// A join storm: N participants connect and join one live session, their arrivals spread evenly over
/// <c>--window</c> seconds whatever the answers (open loop). Each join is timed from the start of the
/// connection to the snapshot returned by JoinSession.
/// </summary>
public static class JoinScenario
{
    public static async Task<LiveReport> Run(Uri url, Options options, CancellationToken ct)
    {
        var n = options.LiveParticipants;
        var errors = new ErrorTally();
        Console.WriteLine($"[join] preparing: session, sign-ins of {Math.Min(Math.Min(options.SignedIn, n), Crowd.DemoParticipants)} participants");
        var (sessionId, _) = await Crowd.StartSession(url, options, "join storm", ct);
        var tokens = await Crowd.SignIn(url, options, n, ct);
        var histogram = Percentiles.NewHistogram();
        var clients = new ForumClient?[n];
        long failed = 0;
        var window = TimeSpan.FromSeconds(options.WindowSeconds);
        Console.WriteLine($"[join] {n} participants joining over {options.WindowSeconds} s");
        var serverCpu = ProcessFigures.CpuSeconds(options.ServerPid);
        var pending = new List<Task>(n);
        var clock = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < n && !ct.IsCancellationRequested; i++)
            {
                // Arrival i is due at i/N of the window; a late loop catches up at once rather than drifting.
                var wait = (window * i / n) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                pending.Add(JoinOne(i));
            }

            await Task.WhenAll(pending);
        }
        finally
        {
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"[join] done in {seconds:0.0} s; closing");
            await Crowd.Dismiss(clients);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var serverCores = ProcessFigures.CpuSeconds(options.ServerPid) - serverCpu is { } cpu ? Math.Round(cpu / elapsed, 2) : (double?)null;
        var join = new JoinFigures(n, tokens.Count(t => t is not null), options.WindowSeconds, Math.Round(elapsed, 1), histogram.TotalCount, failed,
            Percentiles.Of(histogram), serverCores);
        var notes = new Dictionary<string, string>
        {
            ["latency"] = "from the start of the connection (negotiation, WebSocket) to the snapshot returned by JoinSession, through the SDK's ForumClient.JoinSessionAsync",
            ["arrivals"] = $"one every {window.TotalMilliseconds / n:0.0} ms, open loop",
            ["session"] = sessionId,
        };
        return new LiveReport("join", url.ToString(), DateTimeOffset.UtcNow, [], new Dictionary<string, double>(), join, [], errors.ByMessage, notes);

        async Task JoinOne(int i)
        {
            var started = Stopwatch.GetTimestamp();
            var client = Crowd.Client(url, tokens[i], options.SkipNegotiation);
            clients[i] = client;
            try
            {
                await client.StartAsync(ct);
                await client.JoinSessionAsync(sessionId, ct);
                histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                errors.Add(tokens[i] is null ? "anonymous join" : "signed-in join", ex);
            }
        }
    }
}
