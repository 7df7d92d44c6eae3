using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace IgfPlatform.LoadGen;

/// <summary>What one scenario run against one platform measured.</summary>
public sealed record Report(
    string Scenario,
    string Label,
    string Url,
    int TargetRate,
    double MeasuredSeconds,
    long Acknowledged,
    long Errors,
    double PerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    IReadOnlyDictionary<string, string> Notes)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Report From(string scenario, string label, Uri url, int targetRate, double seconds, long errors, HistogramBase latencyMicros, IReadOnlyDictionary<string, string> notes)
    {
        static double Ms(long micros) => micros / 1000.0;
        var count = latencyMicros.TotalCount;
        return new Report(
            scenario, label, url.ToString(), targetRate, Math.Round(seconds, 1), count, errors, Math.Round(count / seconds, 1),
            Ms(latencyMicros.GetValueAtPercentile(50)), Ms(latencyMicros.GetValueAtPercentile(90)), Ms(latencyMicros.GetValueAtPercentile(99)),
            Ms(latencyMicros.GetValueAtPercentile(99.9)), Ms(latencyMicros.GetMaxValue()), notes);
    }

    public static void Write(IReadOnlyList<Report> reports, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(reports, Indented));
        var md = new StringBuilder();
        md.AppendLine("| run | target/s | acknowledged | per second | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in reports)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Label} | {r.TargetRate} | {r.Acknowledged} | {r.PerSecond:0} | {r.P50Ms:0.0} | {r.P90Ms:0.0} | {r.P99Ms:0.0} | {r.P999Ms:0.0} | {r.MaxMs:0.0} | {r.Errors} |");
        }

        foreach (var r in reports.Where(r => r.Notes.Count > 0))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"{r.Label}: {string.Join("; ", r.Notes.Select(n => $"{n.Key} {n.Value}"))}");
        }

        File.WriteAllText(Path.Combine(directory, "report.md"), md.ToString());
        Console.WriteLine(md.ToString());
    }
}
