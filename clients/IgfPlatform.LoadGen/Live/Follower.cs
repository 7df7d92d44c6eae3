using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using IgfPlatform.Contracts.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.LoadGen.Live;

/// <summary>One clock for the whole run: operations issued and events arrived are compared on it.</summary>
public static class LiveClock
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    /// <summary>Microseconds since the run started (an int holds 35 minutes, longer than any run here).</summary>
    public static int Micros => (int)Stopwatch.GetElapsedTime(Start).TotalMicroseconds;
}

/// <summary>
/// What one participant's connection received of a feed: the arrival time of every event by its
/// <c>seq</c>, the jumps in <c>seq</c> and the resyncs that filled them. Fed by a handler of the hub's
/// <c>events</c> method; keeps <c>(epoch, lastSeq)</c> as the SDK's LiveSession does, without rebuilding
/// the session's state from each event (which 5,000 clients on one machine could not do without
/// measuring the load generator instead of the platform).
/// </summary>
public sealed class Follower
{
    private readonly Lock _lock = new();
    private readonly Func<long, long, Task<ResyncResult>>? _resync;
    private readonly List<(SeqBatch Batch, int At)> _early = [];
    private int[] _arrivals = new int[256];
    private bool _started;
    private bool _resyncing;
    private long _waitingFor = long.MaxValue;
    private TaskCompletionSource? _reached;

    /// <param name="resync">Asks the platform for the missed events (null on the bare hub, which keeps no history).</param>
    public Follower(Func<long, long, Task<ResyncResult>>? resync = null) => _resync = resync;

    public long Epoch { get; private set; }

    /// <summary>The snapshot's seq: events after it are this participant's to receive.</summary>
    public long BaseSeq { get; private set; }

    /// <summary>Every event up to here has arrived.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The highest seq seen.</summary>
    public long MaxSeq { get; private set; }

    public long Batches { get; private set; }

    public int Gaps { get; private set; }

    public int Resyncs { get; private set; }

    /// <summary>Resyncs answered with a snapshot (the events were no longer held): those events never arrive.</summary>
    public int Snapshots { get; private set; }

    public long ResyncedEvents { get; private set; }

    public int Duplicates { get; private set; }

    public int OtherEpochs { get; private set; }

    public int ResyncErrors { get; private set; }

    /// <summary>From the hub's <c>events</c> handler: only records, never waits.</summary>
    public void OnBatch(SeqBatch batch)
    {
        var at = LiveClock.Micros;
        lock (_lock)
        {
            Batches++;
            if (!_started)
            {
                // The group is joined before the snapshot is taken: batches may come before the join answers.
                _early.Add((batch, at));
                return;
            }

            Accept(batch, at);
        }
    }

    /// <summary>The join answered: events after <paramref name="seq"/> of <paramref name="epoch"/> are expected.</summary>
    public void Start(long epoch, long seq)
    {
        lock (_lock)
        {
            Epoch = epoch;
            BaseSeq = LastSeq = MaxSeq = seq;
            _started = true;
            foreach (var (batch, at) in _early)
            {
                Accept(batch, at);
            }

            _early.Clear();
        }
    }

    /// <summary>Completes once every event up to <paramref name="seq"/> has arrived.</summary>
    public Task Reached(long seq)
    {
        lock (_lock)
        {
            if (LastSeq >= seq)
            {
                return Task.CompletedTask;
            }

            _waitingFor = seq;
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _reached.Task;
        }
    }

    /// <summary>Arrival time (LiveClock micros) of an event, or null when it never came.</summary>
    public int? ArrivalOf(long seq)
    {
        lock (_lock)
        {
            var i = seq - BaseSeq - 1;
            return i >= 0 && i < _arrivals.Length && _arrivals[i] != 0 ? _arrivals[i] - 1 : null;
        }
    }

    /// <summary>After a reconnect and a new join: asks for whatever was missed meanwhile.</summary>
    public void Repair()
    {
        lock (_lock)
        {
            if (_started && _resync is not null && !_resyncing)
            {
                Resync();
            }
        }
    }

    private void Accept(SeqBatch batch, int at)
    {
        if (batch.Epoch != Epoch)
        {
            OtherEpochs++;
            return;
        }

        if (batch.FromSeq > MaxSeq + 1)
        {
            Gaps++;
        }

        foreach (var seq in batch.Seqs)
        {
            Set(seq, at);
        }

        Advance();
        if (LastSeq < MaxSeq && _resync is not null && !_resyncing)
        {
            Resync();
        }
    }

    private void Set(long seq, int at)
    {
        if (seq <= BaseSeq)
        {
            return;
        }

        var i = seq - BaseSeq - 1;
        if (i >= _arrivals.Length)
        {
            Array.Resize(ref _arrivals, (int)Math.Max(_arrivals.Length * 2, i + 1));
        }

        if (_arrivals[i] != 0)
        {
            Duplicates++;
            return;
        }

        _arrivals[i] = at + 1;
        MaxSeq = Math.Max(MaxSeq, seq);
    }

    private void Advance()
    {
        while (LastSeq - BaseSeq < _arrivals.Length && _arrivals[LastSeq - BaseSeq] != 0)
        {
            LastSeq++;
        }

        if (LastSeq >= _waitingFor && _reached is { } reached)
        {
            _reached = null;
            _waitingFor = long.MaxValue;
            reached.TrySetResult();
        }
    }

    // As LiveSession does: ask for what is missing after the last contiguous event.
    private void Resync()
    {
        _resyncing = true;
        Resyncs++;
        var (epoch, last) = (Epoch, LastSeq);
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await _resync!(epoch, last);
                var at = LiveClock.Micros;
                lock (_lock)
                {
                    if (result.Snapshot is not null)
                    {
                        Snapshots++;
                    }

                    foreach (var e in result.Events ?? [])
                    {
                        if (e.Seq > BaseSeq && (e.Seq - BaseSeq - 1 >= _arrivals.Length || _arrivals[e.Seq - BaseSeq - 1] == 0))
                        {
                            ResyncedEvents++;
                        }

                        Set(e.Seq, at);
                    }

                    Advance();
                }
            }
            catch (Exception)
            {
                lock (_lock)
                {
                    ResyncErrors++;
                }
            }
            finally
            {
                lock (_lock)
                {
                    _resyncing = false;
                }
            }
        });
    }
}

/// <summary>
/// What a follower reads of a pushed batch: its place in the feed and its events' seqs. Read by
/// <see cref="SeqBatchConverter"/>, which skips the events' data instead of building agendas and timelines
/// from them, so that 5,000 participants in one process cost the load generator what receiving costs.
/// </summary>
[JsonConverter(typeof(SeqBatchConverter))]
public sealed record SeqBatch(long Epoch, long FromSeq, long ToSeq, long[] Seqs);

/// <summary>
/// Reads a batch's epoch, seqs and each event's seq by hand and skips everything else: the serializer's own
/// reading of the same shape (a record with a constructor, a list of records) was about a sixth of what the load
/// generator spent per delivery (a profile of a 5,000-participant run), where its clients are the limit.
/// </summary>
public sealed class SeqBatchConverter : JsonConverter<SeqBatch>
{
    public override SeqBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        long epoch = 0, from = 0, to = 0;
        long[]? seqs = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (Is(ref reader, "epoch"u8))
            {
                epoch = Number(ref reader);
            }
            else if (Is(ref reader, "fromSeq"u8))
            {
                from = Number(ref reader);
            }
            else if (Is(ref reader, "toSeq"u8))
            {
                to = Number(ref reader);
            }
            else if (Is(ref reader, "events"u8))
            {
                seqs = Seqs(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new SeqBatch(epoch, from, to, seqs ?? throw new JsonException("A batch without events."));
    }

    public override void Write(Utf8JsonWriter writer, SeqBatch value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Followers only read batches.");

    private static long[] Seqs(ref Utf8JsonReader reader)
    {
        reader.Read();
        Expect(ref reader, JsonTokenType.StartArray);
        var seqs = new List<long>(4);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long? seq = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (Is(ref reader, "seq"u8))
                {
                    seq = Number(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            Expect(ref reader, JsonTokenType.EndObject);
            seqs.Add(seq ?? throw new JsonException("An event without its seq."));
        }

        Expect(ref reader, JsonTokenType.EndArray);
        return [.. seqs];
    }

    // The platform and the bare hub write camelCase (docs/api.md).
    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) => reader.ValueTextEquals(name);

    private static long Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetInt64();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token}, found {reader.TokenType}.");
        }
    }
}

/// <summary>Puts a follower on a connection's <c>events</c>.</summary>
public static class FollowerConnection
{
    /// <summary>
    /// The SDK's own handler (which builds every event for its LiveSessions) is taken off first: SignalR
    /// binds a method's arguments to the types of its handlers, and these connections join with the raw
    /// hub call, so no LiveSession of theirs would have used it.
    /// </summary>
    public static void Follow(this HubConnection connection, string method, Follower follower)
    {
        connection.Remove(method);
        connection.On<SeqBatch>(method, follower.OnBatch);
    }
}
