using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace IgfPlatform.LoadGen.Live;

/// <summary>Latency percentiles in milliseconds, from an HdrHistogram of microseconds.</summary>
public sealed record Percentiles(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static Percentiles Of(HistogramBase micros)
    {
        static double Ms(long v) => Math.Round(v / 1000.0, 1);
        return micros.TotalCount == 0
            ? new Percentiles(0, 0, 0, 0, 0, 0)
            : new Percentiles(micros.TotalCount, Ms(micros.GetValueAtPercentile(50)), Ms(micros.GetValueAtPercentile(90)),
                Ms(micros.GetValueAtPercentile(99)), Ms(micros.GetValueAtPercentile(99.9)), Ms(micros.GetMaxValue()));
    }

    /// <summary>Up to 10 minutes in microseconds, 3 significant digits.</summary>
    public static LongConcurrentHistogram NewHistogram() => new(1, 600_000_000, 3);
}

/// <summary>
/// One phase of event delivery to every participant: the platform or the bare hub, at a fixed rate or
/// saturated. A delivery is one event reaching one participant.
/// </summary>
/// <param name="Seconds">From the first operation to the last delivery of the phase.</param>
/// <param name="EventsPublished">Events the feed recorded in the phase (each to be delivered to every participant).</param>
/// <param name="EventsExpected">The sum over participants of the events they should receive.</param>
/// <param name="Missing">Expected events that never arrived (live or by resync) within the wait.</param>
/// <param name="ParticipantsComplete">Participants that received every event of the phase.</param>
/// <param name="Latency">Arrival − the moment the operation was issued, for the events matched to a timed operation.</param>
/// <param name="ClientCpuCores">CPU used by this load generator over the phase, in cores (2 is the whole machine here).</param>
/// <param name="ServerCpuCores">CPU used by the server process over the phase, in cores, when its pid is known.</param>
public sealed record DeliveryPhase(
    string Run,
    string Phase,
    int Participants,
    double Seconds,
    long Operations,
    long OperationErrors,
    double OperationsPerSecond,
    long Batches,
    long EventsPublished,
    long EventsExpected,
    long Deliveries,
    long Missing,
    double DeliveriesPerSecond,
    int ParticipantsComplete,
    long Gaps,
    long Resyncs,
    long ResyncedEvents,
    long SnapshotResyncs,
    long OtherEpochs,
    double AverageBatchBytes,
    Percentiles Latency,
    double? ClientCpuCores,
    double? ServerCpuCores,
    ClientCollections? ClientGc = null,
    IReadOnlyList<LatencyWindow>? LatencyOverTime = null);

/// <summary>
/// Delivery latency of the operations issued in one window of the phase (seconds from its start): a
/// backlog that grows through the run reads differently from one formed at its start and carried along.
/// </summary>
public sealed record LatencyWindow(int FromSecond, long Deliveries, double P50Ms, double P99Ms);

/// <summary>
/// The load generator's own garbage collections during a phase: its clients share the machine with the
/// server, so time they spend paused is time their events wait unread.
/// </summary>
public sealed record ClientCollections(int Gen0, int Gen1, int Gen2, double PausedShare, double AllocatedMbPerSecond);

/// <summary>The join storm: connect start → snapshot returned by JoinSession, per participant.</summary>
public sealed record JoinFigures(int Participants, int SignedIn, double WindowSeconds, double Seconds, long Joined, long Failed, Percentiles Latency, double? ServerCpuCores);

/// <summary>Resident memory of a process before and after idle participants joined.</summary>
public sealed record MemoryFigures(
    string Run,
    int Participants,
    long RssIdleBytes,
    long RssHalfBytes,
    long RssJoinedBytes,
    long AnonIdleBytes,
    long AnonJoinedBytes,
    long? PssIdleBytes,
    long? PssJoinedBytes,
    double BytesPerParticipant,
    double MarginalBytesPerParticipant,
    double SettleSeconds,
    bool Settled);

/// <summary>What a live scenario measured, written as JSON and Markdown.</summary>
public sealed record LiveReport(
    string Scenario,
    string Url,
    DateTimeOffset At,
    IReadOnlyList<DeliveryPhase> Deliveries,
    IReadOnlyDictionary<string, double> Ratios,
    JoinFigures? Join,
    IReadOnlyList<MemoryFigures> Memory,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, string> Notes)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <c>{scenario}.json</c> and <c>{scenario}.md</c> (so that the three scenarios share a directory).</summary>
    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"{Scenario}.json"), JsonSerializer.Serialize(this, Indented));
        var md = Markdown();
        File.WriteAllText(Path.Combine(directory, $"{Scenario}.md"), md);
        Console.WriteLine(md);
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"## {Scenario} ({Url}, {At:yyyy-MM-dd HH:mm} UTC)");
        md.AppendLine();
        if (Deliveries.Count > 0)
        {
            md.AppendLine("| run | phase | participants | s | ops | ops/s | op errors | events | expected | delivered | missing | deliveries/s | complete | gaps | resyncs | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | batch bytes | client cores | server cores | client GCs 0/1/2 | client paused | client MB/s |");
            md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var d in Deliveries)
            {
                var l = d.Latency;
                md.AppendLine(c, $"| {d.Run} | {d.Phase} | {d.Participants} | {d.Seconds:0.0} | {d.Operations} | {d.OperationsPerSecond:0.0} | {d.OperationErrors} | {d.EventsPublished} | {d.EventsExpected} | {d.Deliveries} | {d.Missing} | {d.DeliveriesPerSecond:0} | {d.ParticipantsComplete} | {d.Gaps} | {d.Resyncs} | {l.P50Ms:0.0} | {l.P90Ms:0.0} | {l.P99Ms:0.0} | {l.P999Ms:0.0} | {l.MaxMs:0.0} | {d.AverageBatchBytes:0} | {Cores(d.ClientCpuCores)} | {Cores(d.ServerCpuCores)} | {Collections(d.ClientGc)} |");
            }

            md.AppendLine();
            foreach (var d in Deliveries.Where(d => d.LatencyOverTime is { Count: > 0 }))
            {
                var windows = d.LatencyOverTime!.Select(w => string.Create(c, $"{w.FromSecond} s: {w.P50Ms:0}/{w.P99Ms:0}"));
                md.AppendLine(c, $"- p50/p99 ms by when the operation was issued, {d.Run}, {d.Phase}: {string.Join(" · ", windows)}");
            }

            md.AppendLine();
        }

        foreach (var (name, value) in Ratios)
        {
            md.AppendLine(c, $"- {name}: **{value:0.00}**");
        }

        if (Join is { } j)
        {
            md.AppendLine("| participants | signed in | window s | s | joined | failed | p50 ms | p90 ms | p99 ms | max ms | server cores |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            md.AppendLine(c, $"| {j.Participants} | {j.SignedIn} | {j.WindowSeconds:0} | {j.Seconds:0.0} | {j.Joined} | {j.Failed} | {j.Latency.P50Ms:0.0} | {j.Latency.P90Ms:0.0} | {j.Latency.P99Ms:0.0} | {j.Latency.MaxMs:0.0} | {Cores(j.ServerCpuCores)} |");
            md.AppendLine();
        }

        if (Memory.Count > 0)
        {
            md.AppendLine("| process | participants | RSS idle MB | RSS half MB | RSS joined MB | anon idle MB | anon joined MB | PSS joined MB | KB per participant | marginal KB per participant | settled after s |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var m in Memory)
            {
                md.AppendLine(c, $"| {m.Run} | {m.Participants} | {Mb(m.RssIdleBytes)} | {Mb(m.RssHalfBytes)} | {Mb(m.RssJoinedBytes)} | {Mb(m.AnonIdleBytes)} | {Mb(m.AnonJoinedBytes)} | {(m.PssJoinedBytes is { } p ? Mb(p) : "–")} | {m.BytesPerParticipant / 1024:0.0} | {m.MarginalBytesPerParticipant / 1024:0.0} | {m.SettleSeconds:0}{(m.Settled ? string.Empty : " (not stable)")} |");
            }

            md.AppendLine();
        }

        if (Errors.Count > 0)
        {
            md.AppendLine("Errors:");
            foreach (var (message, count) in Errors)
            {
                md.AppendLine(c, $"- {count} × {message}");
            }

            md.AppendLine();
        }

        foreach (var (name, value) in Notes)
        {
            md.AppendLine(c, $"- {name}: {value}");
        }

        return md.ToString();
    }

    private static string Cores(double? cores) => cores is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Collections(ClientCollections? gc) => gc is { } g
        ? string.Create(CultureInfo.InvariantCulture, $"{g.Gen0}/{g.Gen1}/{g.Gen2} | {g.PausedShare:P1} | {g.AllocatedMbPerSecond:0}")
        : "– | – | –";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
