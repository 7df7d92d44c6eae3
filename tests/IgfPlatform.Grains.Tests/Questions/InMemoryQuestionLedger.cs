using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary>
/// The question ledger in memory, kept per session as Azure Table keeps it: one record per question (by its
/// id), per vote (by question and participant) and for the settings, each write replacing those it names,
/// all or none. Like a table transaction, a write holds 1 to 100 records and names each at most once.
/// Shared by every silo of a cluster. Tests can make a session's next writes fail, or hold them.
/// </summary>
public sealed class InMemoryQuestionLedger : IQuestionLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Partition> _sessions = new(StringComparer.Ordinal);

    public Task<LedgerContents> Load(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Stored(sessionId));

    public async Task Write(string sessionId, IReadOnlyList<object> records, CancellationToken cancellationToken = default)
    {
        if (records.Count is 0 or > IQuestionLedger.MaxRecordsPerWrite)
        {
            throw new ArgumentException($"A write holds 1 to {IQuestionLedger.MaxRecordsPerWrite} records, not {records.Count}.", nameof(records));
        }

        var keys = records.Select(Key).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            throw new ArgumentException("A write names the same record twice (a table transaction refuses that).", nameof(records));
        }

        // Storage answers later, never on the caller's own stack.
        await Task.Yield();
        StoredWrite write;
        lock (_lock)
        {
            var partition = PartitionOf(sessionId);
            var fails = partition.FailuresLeft > 0;
            if (fails)
            {
                partition.FailuresLeft--;
            }

            write = new StoredWrite(partition.Writes.Count, [.. records], fails, partition.Holding);
            partition.Writes.Add(write);
            partition.Signal();
        }

        await write.Released;
        if (write.Fails)
        {
            throw new IOException($"The ledger could not store write {write.Index} of session '{sessionId}'.");
        }

        lock (_lock)
        {
            var partition = PartitionOf(sessionId);
            foreach (var record in records)
            {
                switch (record)
                {
                    case QuestionRecord q:
                        partition.Questions[q.Id] = q;
                        break;
                    case VoteRecord v:
                        partition.Votes[(v.QuestionId, v.ParticipantId)] = v;
                        break;
                    case BoardSettings s:
                        partition.Settings = s;
                        break;
                }
            }
        }
    }

    /// <summary>What is stored of a session now.</summary>
    public LedgerContents Stored(string sessionId)
    {
        lock (_lock)
        {
            var partition = PartitionOf(sessionId);
            return new LedgerContents([.. partition.Questions.Values], [.. partition.Votes.Values], partition.Settings);
        }
    }

    /// <summary>Every write a session's board asked for (stored, failed or held), in order.</summary>
    public IReadOnlyList<StoredWrite> Writes(string sessionId)
    {
        lock (_lock)
        {
            return [.. PartitionOf(sessionId).Writes];
        }
    }

    /// <summary>The next <paramref name="count"/> writes of the session fail (after being held, if they are).</summary>
    public void FailNextWrites(string sessionId, int count)
    {
        lock (_lock)
        {
            PartitionOf(sessionId).FailuresLeft = count;
        }
    }

    /// <summary>From now on the session's writes wait, each until released; disposing releases them all and stops holding.</summary>
    public IDisposable HoldWrites(string sessionId)
    {
        lock (_lock)
        {
            PartitionOf(sessionId).Holding = true;
        }

        return new Hold(this, sessionId);
    }

    /// <summary>The session's writes so far, once there are at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<StoredWrite>> WaitForWrites(string sessionId, int count)
    {
        Task wait;
        lock (_lock)
        {
            var partition = PartitionOf(sessionId);
            if (partition.Writes.Count >= count)
            {
                return [.. partition.Writes];
            }

            wait = partition.WaitFor(count);
        }

        await wait.WaitAsync(Forum.Timeout);
        return Writes(sessionId);
    }

    /// <summary>Whether the session reaches <paramref name="count"/> writes within <paramref name="patience"/>.</summary>
    public async Task<bool> TryWaitForWrites(string sessionId, int count, TimeSpan patience)
    {
        try
        {
            await WaitForWrites(sessionId, count).WaitAsync(patience);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void ReleaseAll(string sessionId)
    {
        List<StoredWrite> held;
        lock (_lock)
        {
            var partition = PartitionOf(sessionId);
            partition.Holding = false;
            held = [.. partition.Writes];
        }

        held.ForEach(w => w.Release());
    }

    private Partition PartitionOf(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var partition) ? partition : _sessions[sessionId] = new Partition();

    private static string Key(object record) => record switch
    {
        QuestionRecord q => "q|" + q.Id,
        VoteRecord v => $"v|{v.QuestionId}|{v.ParticipantId}",
        BoardSettings => "s",
        _ => throw new ArgumentException($"A {record.GetType().Name} is not a question record.", nameof(record)),
    };

    private sealed class Partition
    {
        private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

        public Dictionary<string, QuestionRecord> Questions { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string QuestionId, string ParticipantId), VoteRecord> Votes { get; } = [];

        public BoardSettings? Settings { get; set; }

        public List<StoredWrite> Writes { get; } = [];

        public int FailuresLeft { get; set; }

        public bool Holding { get; set; }

        public Task WaitFor(int count)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }

        public void Signal()
        {
            foreach (var waiter in _waiters.Where(w => Writes.Count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    private sealed class Hold(InMemoryQuestionLedger ledger, string sessionId) : IDisposable
    {
        public void Dispose() => ledger.ReleaseAll(sessionId);
    }
}

/// <summary>One write a board asked for: its records, and whether it was made to fail.</summary>
public sealed class StoredWrite
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StoredWrite(int index, IReadOnlyList<object> records, bool fails, bool held)
    {
        Index = index;
        Records = records;
        Fails = fails;
        if (!held)
        {
            _released.SetResult();
        }
    }

    public int Index { get; }

    public IReadOnlyList<object> Records { get; }

    public bool Fails { get; }

    public Task Released => _released.Task;

    public IEnumerable<VoteRecord> Votes => Records.OfType<VoteRecord>();

    public IEnumerable<QuestionRecord> Questions => Records.OfType<QuestionRecord>();

    /// <summary>Lets a held write go on (to be stored, or to fail if it was made to).</summary>
    public void Release() => _released.TrySetResult();
}
