using IgfPlatform.Contracts.Live;

namespace IgfPlatform.Grains.Tests.Live;

/// <summary>
/// Stands in for a server's relay: records every batch it is given and lets a test await a condition on
/// them. It can refuse deliveries (a dead server) or hold them (a slow one).
/// </summary>
public sealed class TestRelay : ISessionRelay
{
    private readonly Lock _lock = new();
    private readonly List<EventBatch> _batches = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private TaskCompletionSource? _gate;
    private int _attempts;

    /// <summary>When set, every delivery fails as it would if the server were gone.</summary>
    public bool Fails { get; init; }

    public int Attempts
    {
        get
        {
            lock (_lock)
            {
                return _attempts;
            }
        }
    }

    public IReadOnlyList<EventBatch> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<SessionEvent> Events => Batches.SelectMany(b => b.Events).ToList();

    /// <summary>How many of the batches received carried any of <paramref name="events"/> (one per follower's message).</summary>
    public int BatchesHolding(IEnumerable<SessionEvent> events)
    {
        var seqs = events.Select(e => e.Seq).ToHashSet();
        return Batches.Count(b => b.Events.Any(e => seqs.Contains(e.Seq)));
    }

    public async Task Deliver(EventBatch batch)
    {
        Task? gate;
        lock (_lock)
        {
            _attempts++;
            if (!Fails)
            {
                _batches.Add(batch);
            }

            gate = _gate?.Task;
            Signal();
        }

        if (Fails)
        {
            throw new InvalidOperationException("The relay's server is gone.");
        }

        if (gate is not null)
        {
            await gate;
        }
    }

    /// <summary>From now on, deliveries are held (after being recorded) until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            gate = _gate;
            _gate = null;
        }

        gate?.TrySetResult();
    }

    /// <summary>Completes when a batch of <paramref name="epoch"/> reaching <paramref name="seq"/> has arrived.</summary>
    public Task WaitFor(long epoch, long seq) => WaitUntil(() => _batches.Any(b => b.Epoch == epoch && b.ToSeq >= seq));

    public Task WaitForAttempts(int count) => WaitUntil(() => _attempts >= count);

    /// <summary>The first event received that matches, once it has arrived (within <paramref name="timeout"/>, else <see cref="Forum.Timeout"/>).</summary>
    public async Task<SessionEvent> WaitForEvent(Func<SessionEvent, bool> match, TimeSpan? timeout = null)
    {
        await WaitUntil(() => _batches.SelectMany(b => b.Events).Any(match), timeout);
        return Events.First(match);
    }

    private Task WaitUntil(Func<bool> done, TimeSpan? timeout = null)
    {
        lock (_lock)
        {
            if (done())
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((done, signal));
            return signal.Task.WaitAsync(timeout ?? Forum.Timeout);
        }
    }

    private void Signal()
    {
        foreach (var waiter in _waiters.Where(w => w.Done()).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Signal.TrySetResult();
        }
    }
}

/// <summary>A <see cref="TestRelay"/> registered with the cluster client; disposing deletes the reference.</summary>
public sealed class RelayHandle : IDisposable
{
    private readonly IClusterClient _client;

    public RelayHandle(IClusterClient client, bool fails = false)
    {
        _client = client;
        Relay = new TestRelay { Fails = fails };
        Reference = client.CreateObjectReference<ISessionRelay>(Relay);
    }

    /// <summary>Held here, strongly: the client keeps observers only weakly.</summary>
    public TestRelay Relay { get; }

    public ISessionRelay Reference { get; }

    public void Dispose()
    {
        Relay.Release();
        _client.DeleteObjectReference<ISessionRelay>(Reference);
    }
}
