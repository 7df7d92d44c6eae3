using IgfPlatform.Client.Live;
using IgfPlatform.LoadGen.Baseline;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.LoadGen.Live;

/// <summary>
/// Memory per idle participant: the server's resident memory with the platform idle, then with N
/// participants connected and joined to one session, once it has settled; the difference over N.
/// The same for the bare hub, the floor of the stack. Participants join in two halves, so that the
/// cost of one more participant shows apart from what the first connections cost once.
/// </summary>
public static class MemoryScenario
{
    /// <summary>Readings a second apart that must agree before memory counts as settled.</summary>
    private const int StableReadings = 5;

    public static async Task<LiveReport> Run(Uri url, Options options, CancellationToken ct)
    {
        if (options.ServerPid <= 0 || !File.Exists($"/proc/{options.ServerPid}/status"))
        {
            throw new ArgumentException("The memory scenario needs --server-pid: the platform's process on this machine.");
        }

        var n = options.LiveParticipants;
        var errors = new ErrorTally();
        var figures = new List<MemoryFigures>();
        var notes = new Dictionary<string, string>();
        var (sessionId, _) = await Crowd.StartSession(url, options, "idle participants", ct);
        var tokens = await Crowd.SignIn(url, options, n, ct);
        figures.Add(await Measure("platform", options.ServerPid, url, tokens, (client, _) => client.JoinSessionAsync(sessionId, ct), options, errors, ct));

        if (options.Baseline)
        {
            await using var hub = await BaselineProcess.Start(ct);
            figures.Add(await Measure("bare hub", hub.Pid, hub.Url, new string?[n], (client, _) => client.Connection.InvokeAsync("Join", ct), options, errors, ct));
        }

        notes["settled"] = $"RSS read every second until {StableReadings} readings in a row differ by under 1 MB or 0.5 % (at most {options.SettleSeconds} s)";
        notes["participants"] = $"{n}, {tokens.Count(t => t is not null)} of them signed in (the platform), each over its own connection";
        notes["target"] = "under 40 KB per connected idle participant";
        notes["per participant"] = "(RSS joined − RSS idle) / participants; marginal: (RSS joined − RSS with the first half) / the second half";
        return new LiveReport("memory", url.ToString(), DateTimeOffset.UtcNow, [], new Dictionary<string, double>(), null, figures, errors.ByMessage, notes);
    }

    private static async Task<MemoryFigures> Measure(string run, int pid, Uri url, string?[] tokens, Func<ForumClient, int, Task> join, Options options, ErrorTally errors, CancellationToken ct)
    {
        Console.WriteLine($"[memory] {run} (pid {pid}): settling idle");
        var (idle, _, _) = await Settle(pid, options.SettleSeconds, ct);
        var idlePss = ProcessFigures.Pss(pid);

        // In two halves: the first also pays what any first connections cost (code loaded and compiled,
        // pools and buffers made), the second shows what one more participant costs.
        var half = tokens.Length / 2;
        Console.WriteLine($"[memory] {run}: idle RSS {idle.Rss / 1048576.0:0.0} MB; {half} participants joining");
        var first = await Crowd.Gather(url, tokens[..half], (i, client) => join(client, i), options.SkipNegotiation, errors, ct);
        ForumClient?[] second = [];
        try
        {
            var (middle, _, _) = await Settle(pid, options.SettleSeconds, ct);
            Console.WriteLine($"[memory] {run}: RSS {middle.Rss / 1048576.0:0.0} MB; {tokens.Length - half} more joining");
            second = await Crowd.Gather(url, tokens[half..], (i, client) => join(client, half + i), options.SkipNegotiation, errors, ct);
            var joined = first.Count(c => c is not null) + second.Count(c => c is not null);
            var secondJoined = second.Count(c => c is not null);
            var (after, seconds, settled) = await Settle(pid, options.SettleSeconds, ct);
            var pss = ProcessFigures.Pss(pid);
            Console.WriteLine($"[memory] {run}: {joined} joined, RSS {after.Rss / 1048576.0:0.0} MB after {seconds:0} s");
            return new MemoryFigures(run, joined, idle.Rss, middle.Rss, after.Rss, idle.Anonymous, after.Anonymous, idlePss, pss,
                Math.Round((after.Rss - idle.Rss) / (double)Math.Max(1, joined), 0),
                Math.Round((after.Rss - middle.Rss) / (double)Math.Max(1, secondJoined), 0), Math.Round(seconds, 0), settled);
        }
        finally
        {
            await Crowd.Dismiss([.. first, .. second]);
        }
    }

    /// <summary>Reads RSS every second until it stops moving, or the time is up.</summary>
    private static async Task<((long Rss, long Anonymous) Reading, double Seconds, bool Settled)> Settle(int pid, int maxSeconds, CancellationToken ct)
    {
        var readings = new List<(long Rss, long Anonymous)>();
        var started = DateTime.UtcNow;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (true)
        {
            readings.Add(ProcessFigures.Resident(pid));
            var last = readings.TakeLast(StableReadings).ToList();
            var spread = last.Max(r => r.Rss) - last.Min(r => r.Rss);
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            if (last.Count == StableReadings && spread <= Math.Max(1 << 20, last[^1].Rss / 200))
            {
                return (last[^1], seconds, true);
            }

            if (seconds >= maxSeconds)
            {
                return (last[^1], seconds, false);
            }

            await timer.WaitForNextTickAsync(ct);
        }
    }
}
