using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace IgfPlatform.LoadGen.Archive;

/// <summary>Latency of one kind of request (milliseconds), from an HdrHistogram of microseconds.</summary>
public sealed record LatencyRow(string Name, long Count, double PerSecond, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencyRow Of(string name, HistogramBase micros, double seconds)
    {
        static double Ms(long us) => Math.Round(us / 1000.0, 2);
        return new LatencyRow(
            name, micros.TotalCount, seconds > 0 ? Math.Round(micros.TotalCount / seconds, 1) : 0,
            Ms(micros.GetValueAtPercentile(50)), Ms(micros.GetValueAtPercentile(90)), Ms(micros.GetValueAtPercentile(95)),
            Ms(micros.GetValueAtPercentile(99)), Ms(micros.GetMaxValue()));
    }
}

/// <summary>One search phase: sequential (one request at a time) or concurrent (closed loop).</summary>
/// <param name="Empty">Requests that matched no proceedings (every request is counted, empty or not).</param>
/// <param name="PlatformCpuMs">The platform process's CPU time per search (when its process id was given).</param>
public sealed record SearchPhase(string Name, int Concurrency, double Seconds, long Errors, long Empty, double? PlatformCpuMs, LatencyRow All, IReadOnlyList<LatencyRow> ByKind);

/// <summary>What the archive scenario measured against one platform.</summary>
public sealed record ArchiveReport(
    string Scenario,
    string Label,
    string Url,
    int ProceedingsInArchive,
    IReadOnlyDictionary<string, int> Years,
    IReadOnlyDictionary<string, int> Types,
    SeedingResult? Seeding,
    double FirstSearchMs,
    int FirstSearchUnavailable,
    IReadOnlyList<SearchPhase> Searches,
    IReadOnlyList<QueryKindInfo> QueryMix,
    IReadOnlyList<string> ExampleQueries)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public bool Failed => Searches.Any(s => s.Errors > 0) || Seeding is { Failed: > 0 };

    public static void Write(IReadOnlyList<ArchiveReport> reports, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(reports, Indented));
        var md = new StringBuilder();
        foreach (var r in reports)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {r.Label}: archive of {r.ProceedingsInArchive:N0} published proceedings");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Years {string.Join(", ", r.Years.Select(y => $"{y.Key}: {y.Value}"))}.");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Session types: {string.Join(", ", r.Types.Select(t => $"{t.Key} {t.Value}"))}.");
            md.AppendLine();
            if (r.Seeding is { } s)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"Seeding: {s.Published:N0} sessions created, held and published in {s.Seconds:0.0} s = **{s.PerSecond:0.0} sessions/s** " +
                    $"({s.Parallelism} at a time, {s.Moderators} moderators over their own hub connections; {s.AlreadyPublished:N0} were already published; " +
                    $"{s.Failed} failed; {s.Speeches:N0} speeches; languages {string.Join(", ", s.Languages.Select(l => $"{l.Key} {l.Value}"))}).");
                md.AppendLine();
                md.AppendLine("| seeding step (per session) | count | p50 ms | p90 ms | p95 ms | p99 ms | max ms |");
                md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
                foreach (var step in s.Steps)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {step.Name} | {step.Count:N0} | {step.P50Ms:0.0} | {step.P90Ms:0.0} | {step.P95Ms:0.0} | {step.P99Ms:0.0} | {step.MaxMs:0.0} |");
                }

                foreach (var error in s.FirstErrors)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"- error: {error}");
                }

                md.AppendLine();
            }
            else
            {
                md.AppendLine("Seeding: none (the archive already held the proceedings asked for).");
                md.AppendLine();
            }

            md.AppendLine(CultureInfo.InvariantCulture,
                $"First search answered {r.FirstSearchMs:0.0} ms after the load generator started (the platform being ready; this includes loading its index), after {r.FirstSearchUnavailable} answers 503 (the index still loading).");
            md.AppendLine();
            md.AppendLine("| search phase | concurrency | requests | per second | p50 ms | p90 ms | p95 ms | p99 ms | max ms | platform CPU ms/search | no match | errors |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var p in r.Searches)
            {
                var a = p.All;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {p.Name} | {p.Concurrency} | {a.Count:N0} | {a.PerSecond:0} | {a.P50Ms:0.00} | {a.P90Ms:0.00} | {a.P95Ms:0.00} | {a.P99Ms:0.00} | {a.MaxMs:0.0} | {(p.PlatformCpuMs is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {p.Empty:N0} | {p.Errors} |");
            }

            foreach (var p in r.Searches)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"By kind of query, {p.Name}:");
                md.AppendLine();
                md.AppendLine("| query kind | requests | p50 ms | p90 ms | p95 ms | p99 ms | max ms |");
                md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
                foreach (var k in p.ByKind)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {k.Name} | {k.Count:N0} | {k.P50Ms:0.00} | {k.P90Ms:0.00} | {k.P95Ms:0.00} | {k.P99Ms:0.00} | {k.MaxMs:0.0} |");
                }
            }

            md.AppendLine();
            md.AppendLine("The query mix (share of requests; kinds drawn at random with these weights):");
            md.AppendLine();
            foreach (var k in r.QueryMix)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {k.Name} ({k.Weight}%): {k.Description}");
            }

            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Examples: {string.Join(" · ", r.ExampleQueries.Select(q => $"`{q}`"))}");
            md.AppendLine();
        }

        File.WriteAllText(Path.Combine(directory, "report.md"), md.ToString());
        Console.WriteLine(md.ToString());
    }
}
