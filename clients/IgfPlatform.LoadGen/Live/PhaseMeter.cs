using System.Text.Json;
using HdrHistogram;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.LoadGen.Live;

/// <summary>Counts one phase of delivery over every participant: what arrived, what is missing, how late.</summary>
public sealed class PhaseMeter
{
    /// <summary>The width of the windows of <see cref="LatencyWindow"/>.</summary>
    private const int WindowSeconds = 5;

    private readonly IReadOnlyList<Follower> _followers;
    private readonly int _serverPid;
    private readonly double _clientCpu;
    private readonly double? _serverCpu;
    private readonly (long Gaps, long Resyncs, long Resynced, long Snapshots, long Epochs) _before;
    private readonly (int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated) _gc;

    private PhaseMeter(IReadOnlyList<Follower> followers, int serverPid)
    {
        _followers = followers;
        _serverPid = serverPid;
        StartedAt = LiveClock.Micros;
        _clientCpu = ProcessFigures.OwnCpuSeconds();
        _serverCpu = ProcessFigures.CpuSeconds(serverPid);
        _before = Counters();
        _gc = Collections();
    }

    /// <summary>LiveClock micros when the phase began.</summary>
    public int StartedAt { get; }

    public static PhaseMeter Begin(IReadOnlyList<Follower> followers, int serverPid) => new(followers, serverPid);

    /// <summary>Waits until every participant has every event up to <paramref name="seq"/>, or the time is up.</summary>
    public static async Task<bool> Drain(IEnumerable<Follower> followers, long seq, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(followers.Select(f => f.Reached(seq))).WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Average size of batches as the hub sends them (the JSON of the <c>events</c> argument).</summary>
    public static double AverageBytes(IReadOnlyCollection<EventBatch> batches) =>
        batches.Count == 0 ? 0 : batches.Average(b => (double)JsonSerializer.SerializeToUtf8Bytes(b, ForumJson.Options).Length);

    /// <param name="fromSeq">The last seq before the phase (exclusive).</param>
    /// <param name="toSeq">The last seq of the phase (inclusive).</param>
    public DeliveryPhase End(string run, string phase, OperationLedger ledger, long fromSeq, long toSeq,
        long operations, long operationErrors, double operationSeconds, long batches, double batchBytes)
    {
        var wall = Math.Max(0.001, (LiveClock.Micros - StartedAt) / 1e6);
        var clientCores = (ProcessFigures.OwnCpuSeconds() - _clientCpu) / wall;
        var serverCores = ProcessFigures.CpuSeconds(_serverPid) - _serverCpu is { } server ? server / wall : (double?)null;
        var histogram = Percentiles.NewHistogram();
        var windows = new SortedDictionary<int, LongHistogram>();
        long expected = 0, delivered = 0;
        var complete = 0;
        var last = StartedAt;
        foreach (var f in _followers)
        {
            var all = true;
            for (var seq = Math.Max(fromSeq, f.BaseSeq) + 1; seq <= toSeq; seq++)
            {
                expected++;
                if (f.ArrivalOf(seq) is not { } at)
                {
                    all = false;
                    continue;
                }

                delivered++;
                last = Math.Max(last, at);
                if (ledger.Of(seq) is { Measured: true } op)
                {
                    var latency = Math.Clamp((long)at - op.IssuedAt, 1, histogram.HighestTrackableValue);
                    histogram.RecordValue(latency);
                    var window = Math.Max(0, op.IssuedAt - StartedAt) / 1_000_000 / WindowSeconds * WindowSeconds;
                    if (!windows.TryGetValue(window, out var inWindow))
                    {
                        windows[window] = inWindow = new LongHistogram(1, 600_000_000, 2);
                    }

                    inWindow.RecordValue(latency);
                }
            }

            if (all)
            {
                complete++;
            }
        }

        var seconds = Math.Max(operationSeconds, (last - StartedAt) / 1e6);
        var after = Counters();
        var gc = Collections();
        var collections = new ClientCollections(gc.Gen0 - _gc.Gen0, gc.Gen1 - _gc.Gen1, gc.Gen2 - _gc.Gen2,
            Math.Round((gc.Paused - _gc.Paused).TotalSeconds / wall, 3), Math.Round((gc.Allocated - _gc.Allocated) / 1e6 / wall, 1));
        return new DeliveryPhase(
            run, phase, _followers.Count, Math.Round(seconds, 2), operations, operationErrors,
            Math.Round(operations / Math.Max(0.001, operationSeconds), 1), batches, toSeq - fromSeq, expected, delivered, expected - delivered,
            Math.Round(delivered / Math.Max(0.001, seconds), 0), complete,
            after.Gaps - _before.Gaps, after.Resyncs - _before.Resyncs, after.Resynced - _before.Resynced,
            after.Snapshots - _before.Snapshots, after.Epochs - _before.Epochs, Math.Round(batchBytes, 0),
            Percentiles.Of(histogram), Math.Round(clientCores, 2), serverCores is { } s ? Math.Round(s, 2) : null, collections,
            [.. windows.Select(w => new LatencyWindow(w.Key, w.Value.TotalCount,
                Math.Round(w.Value.GetValueAtPercentile(50) / 1000.0, 1), Math.Round(w.Value.GetValueAtPercentile(99) / 1000.0, 1)))]);
    }

    private static (int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated) Collections() =>
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    private (long Gaps, long Resyncs, long Resynced, long Snapshots, long Epochs) Counters() =>
        (_followers.Sum(f => (long)f.Gaps), _followers.Sum(f => (long)f.Resyncs), _followers.Sum(f => f.ResyncedEvents),
            _followers.Sum(f => (long)f.Snapshots), _followers.Sum(f => (long)f.OtherEpochs));
}
