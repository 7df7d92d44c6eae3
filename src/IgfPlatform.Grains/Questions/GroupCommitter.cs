namespace IgfPlatform.Grains.Questions;

/// <summary>
/// Group commit: operations that arrive while a write is under way wait and go out together in the
/// next one. Each operation's records stay in one atomic write; operations are packed into writes of
/// at most <see cref="IQuestionLedger.MaxRecordsPerWrite"/> records, sent in parallel. A caller is
/// answered when the write holding its records is stored (or has failed). Runs on the grain's scheduler.
/// </summary>
public sealed class GroupCommitter(string sessionId, IQuestionLedger ledger, bool groupCommit)
{
    private readonly List<Operation> _pending = [];
    private bool _writing;

    /// <summary>Writes so far, and operations they carried (for the benchmark's figures).</summary>
    public long Writes { get; private set; }

    public long Operations { get; private set; }

    public Task Submit(IReadOnlyList<object> records)
    {
        if (records.Count is 0 or > IQuestionLedger.MaxRecordsPerWrite)
        {
            throw new ArgumentOutOfRangeException(nameof(records), "An operation stores from 1 to 100 records.");
        }

        if (!groupCommit)
        {
            Writes++;
            Operations++;
            return ledger.Write(sessionId, records);
        }

        var operation = new Operation(records);
        _pending.Add(operation);
        if (!_writing)
        {
            _ = Run();
        }

        return operation.Done.Task;
    }

    private async Task Run()
    {
        _writing = true;
        try
        {
            while (_pending.Count > 0)
            {
                var taken = _pending.ToList();
                _pending.Clear();
                var writes = Pack(taken);
                Writes += writes.Count;
                Operations += taken.Count;
                await Task.WhenAll(writes.Select(Write));
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private async Task Write(List<Operation> operations)
    {
        try
        {
            await ledger.Write(sessionId, operations.SelectMany(o => o.Records).ToList());
            operations.ForEach(o => o.Done.TrySetResult());
        }
        catch (Exception ex)
        {
            operations.ForEach(o => o.Done.TrySetException(ex));
        }
    }

    private static List<List<Operation>> Pack(List<Operation> operations)
    {
        var writes = new List<List<Operation>>();
        var current = new List<Operation>();
        var size = 0;
        foreach (var operation in operations)
        {
            if (size + operation.Records.Count > IQuestionLedger.MaxRecordsPerWrite)
            {
                writes.Add(current);
                current = [];
                size = 0;
            }

            current.Add(operation);
            size += operation.Records.Count;
        }

        if (current.Count > 0)
        {
            writes.Add(current);
        }

        return writes;
    }

    private sealed class Operation(IReadOnlyList<object> records)
    {
        public IReadOnlyList<object> Records { get; } = records;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
