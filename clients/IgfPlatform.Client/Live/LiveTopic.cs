using System.Text.Json;
using System.Threading.Channels;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Client.Live;

/// <summary>
/// One followed topic: its events in order (new contributions, hidden or restored ones, consultations'
/// figures, new consultations and final texts) with their data as contract types. Keeps
/// <c>(epoch, lastSeq)</c>; on a gap it resyncs; when the missed events are no longer held it raises
/// <see cref="ReadAgain"/>: read the topic's consultations again over HTTP.
/// </summary>
public sealed class LiveTopic
{
    private readonly Channel<TopicEventBatch?> _work = Channel.CreateUnbounded<TopicEventBatch?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<string, long, long, Task<TopicResync>> _resync;
    private readonly Lock _lock = new();
    private readonly ConditionWaiters<LiveTopic> _waiters;
    private readonly List<SessionEvent> _events = [];
    private readonly Dictionary<string, ConsultationSummary> _summaries = new(StringComparer.Ordinal);

    internal LiveTopic(TopicFeedPosition position, Func<string, long, long, Task<TopicResync>> resync)
    {
        Topic = position.Topic;
        Epoch = position.Epoch;
        LastSeq = position.LastSeq;
        _resync = resync;
        _waiters = new ConditionWaiters<LiveTopic>(this, _lock);
        _ = Task.Run(ProcessAsync);
    }

    public string Topic { get; }

    public long Epoch { get; private set; }

    public long LastSeq { get; private set; }

    /// <summary>The events applied since following, in order, with typed data.</summary>
    public IReadOnlyList<SessionEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The latest figures pushed for each consultation of the topic.</summary>
    public IReadOnlyDictionary<string, ConsultationSummary> Summaries
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, ConsultationSummary>(_summaries, StringComparer.Ordinal);
            }
        }
    }

    public int GapsDetected { get; private set; }

    public int Resyncs { get; private set; }

    /// <summary>Times the missed events were gone and the topic had to be read again.</summary>
    public int ReadsAgain { get; private set; }

    /// <summary>Raised for every event applied, in <c>seq</c> order.</summary>
    public event Action<LiveTopic, SessionEvent>? EventApplied;

    /// <summary>Raised when events were missed for good: read the consultations again over HTTP.</summary>
    public event Action<LiveTopic>? ReadAgain;

    /// <summary>Completes when <paramref name="condition"/> holds (checked after every change).</summary>
    public Task WaitUntilAsync(Func<LiveTopic, bool> condition, TimeSpan timeout, CancellationToken ct = default) =>
        _waiters.WaitUntilAsync(condition, timeout, ct);

    internal void Receive(TopicEventBatch batch) => _work.Writer.TryWrite(batch);

    internal void RequestResync() => _work.Writer.TryWrite(null);

    internal void Stop() => _work.Writer.TryComplete();

    private async Task ProcessAsync()
    {
        await foreach (var batch in _work.Reader.ReadAllAsync())
        {
            try
            {
                if (batch is null || batch.Epoch != Epoch || batch.FromSeq > LastSeq + 1)
                {
                    if (batch is not null)
                    {
                        GapsDetected++;
                    }

                    await ResyncAsync();
                }
                else
                {
                    Apply(batch.Events);
                }
            }
            catch (Exception)
            {
                // The connection is down; the reconnect handler asks for a resync when it is back.
            }
        }
    }

    private async Task ResyncAsync()
    {
        Resyncs++;
        var result = await _resync(Topic, Epoch, LastSeq);
        if (result.Events is { } missed)
        {
            Apply(missed);
            return;
        }

        lock (_lock)
        {
            Epoch = result.Epoch;
            LastSeq = result.LastSeq;
            ReadsAgain++;
        }

        ReadAgain?.Invoke(this);
        _waiters.Notify();
    }

    private void Apply(IReadOnlyList<SessionEvent> events)
    {
        foreach (var raw in events)
        {
            if (raw.Seq <= LastSeq)
            {
                continue;
            }

            if (raw.Seq != LastSeq + 1)
            {
                GapsDetected++;
                RequestResync();
                return;
            }

            var evt = raw with { Data = DataOf(raw) ?? raw.Data };
            lock (_lock)
            {
                _events.Add(evt);
                if (evt.Data is ConsultationSummaryChanged changed)
                {
                    _summaries[changed.Summary.ConsultationId] = changed.Summary;
                }

                LastSeq = evt.Seq;
            }

            EventApplied?.Invoke(this, evt);
            _waiters.Notify();
        }
    }

    /// <summary>A topic event's data as its contract type (over the hub it arrives as JSON).</summary>
    public static object? DataOf(SessionEvent evt) =>
        evt.Data is JsonElement json && TopicEventTypes.DataTypeOf(evt.Type) is { } type ? json.Deserialize(type, ForumJson.Options) : evt.Data;
}
