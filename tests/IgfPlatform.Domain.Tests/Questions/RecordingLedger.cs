using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Domain.Tests.Questions;

/// <summary>
/// A ledger that records every <see cref="Write"/> with its records. While <see cref="Holding"/>, a write
/// waits until the test completes or fails it; otherwise it succeeds at once, or fails when
/// <see cref="FailNext"/> asked for it.
/// </summary>
public sealed class RecordingLedger : IQuestionLedger
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly List<LedgerWrite> _writes = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _failuresLeft;

    /// <summary>From now on, writes wait for <see cref="LedgerWrite.Complete"/> or <see cref="LedgerWrite.Fail"/>.</summary>
    public bool Holding { get; set; }

    public IReadOnlyList<LedgerWrite> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>The next <paramref name="count"/> writes that are not held fail.</summary>
    public void FailNext(int count)
    {
        lock (_lock)
        {
            _failuresLeft = count;
        }
    }

    public Task<LedgerContents> Load(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new LedgerContents([], [], null));

    public Task Write(string sessionId, IReadOnlyList<object> records, CancellationToken cancellationToken = default)
    {
        LedgerWrite write;
        lock (_lock)
        {
            write = new LedgerWrite(_writes.Count, sessionId, [.. records]);
            _writes.Add(write);
            foreach (var waiter in _waiters.Where(w => _writes.Count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }

            if (!Holding)
            {
                if (_failuresLeft > 0)
                {
                    _failuresLeft--;
                    write.Fail();
                }
                else
                {
                    write.Complete();
                }
            }
        }

        return write.Done;
    }

    /// <summary>The writes so far, once there are at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<LedgerWrite>> WaitForWrites(int count)
    {
        Task wait;
        lock (_lock)
        {
            if (_writes.Count >= count)
            {
                return [.. _writes];
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            wait = signal.Task;
        }

        await wait.WaitAsync(Patience);
        return Writes;
    }
}

/// <summary>One call of <see cref="IQuestionLedger.Write"/>, completed or failed by the test when held.</summary>
public sealed class LedgerWrite(int index, string sessionId, IReadOnlyList<object> records)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Index { get; } = index;

    public string SessionId { get; } = sessionId;

    public IReadOnlyList<object> Records { get; } = records;

    public Task Done => _done.Task;

    /// <summary>What a failed write threw.</summary>
    public IOException Error { get; } = new($"Write {index} could not be stored.");

    public void Complete() => _done.SetResult();

    public void Fail() => _done.SetException(Error);
}
