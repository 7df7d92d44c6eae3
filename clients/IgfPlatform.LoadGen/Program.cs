using IgfPlatform.Contracts.Live;
using IgfPlatform.LoadGen;
using IgfPlatform.LoadGen.Archive;
using IgfPlatform.LoadGen.Baseline;
using IgfPlatform.LoadGen.Live;
using IgfPlatform.LoadGen.Questions;

// Before anything else uses the shared byte pool (it reads its size once): thousands of clients here, and
// the bare hub's server in the child process that inherits it.
ConnectionBuffers.Reserve();

// Usage: dotnet run --project clients/IgfPlatform.LoadGen -c Release -- <scenario> [--option value]...
// Scenarios: votes, archive, fanout, join, memory (see docs/performance.md). Every option has a default; see Options.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Options.Help);
    return 0;
}

var options = Options.Parse(args[1..]);
if (args[0] == "baseline-hub")
{
    return await BaselineHost.Run(options.Port);
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

switch (args[0])
{
    case "votes":
        var reports = new List<Report>();
        foreach (var url in options.Urls)
        {
            reports.Add(await VoteScenario.Run(url, options, stop.Token));
        }

        Report.Write(reports, options.OutputDirectory);
        return reports.All(r => r.Errors == 0) ? 0 : 1;
    case "archive":
        var archives = new List<ArchiveReport>();
        foreach (var url in options.Urls)
        {
            archives.Add(await ArchiveScenario.Run(url, options, stop.Token));
        }

        ArchiveReport.Write(archives, options.OutputDirectory);
        return archives.Any(r => r.Failed) ? 1 : 0;
    case "fanout" or "join" or "memory":
        var loadBefore = ProcessFigures.LoadAverage();
        var live = args[0] switch
        {
            "fanout" => await FanoutScenario.Run(options.Urls[0], options, stop.Token),
            "join" => await JoinScenario.Run(options.Urls[0], options, stop.Token),
            _ => await MemoryScenario.Run(options.Urls[0], options, stop.Token),
        };
        live = live with
        {
            Notes = new Dictionary<string, string>(live.Notes)
            {
                ["load average (1, 5, 15 min) before, after"] = $"{loadBefore}; {ProcessFigures.LoadAverage()} (2 cores here: above 2, the figures include waiting for a CPU)",
            },
        };
        live.Write(options.OutputDirectory);
        return live.Errors.Count == 0 && live.Deliveries.All(d => d.Missing == 0) && live.Join is not { Failed: > 0 } ? 0 : 1;
    default:
        Console.Error.WriteLine($"Unknown scenario '{args[0]}'.\n{Options.Help}");
        return 2;
}
