using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Domain.Tests.Questions;

/// <summary>
/// <see cref="GroupCommitter"/>: operations that arrive while a write is under way go out together in the
/// next; writes of at most 100 records that never split an operation; callers answered by their own write.
/// Each test runs on one exclusive scheduler, as the committer does on its grain's.
/// </summary>
public sealed class GroupCommitterTests
{
    private const string SessionId = "s-committer";

    private readonly RecordingLedger _ledger = new();

    /// <summary>Runs <paramref name="test"/> one step at a time on a scheduler of its own, like a grain's.</summary>
    private static Task OnGrainScheduler(Func<Task> test) =>
        Task.Factory.StartNew(test, CancellationToken.None, TaskCreationOptions.DenyChildAttach, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler)
            .Unwrap()
            .WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>Operation <paramref name="op"/>: <paramref name="size"/> votes, each naming its operation and place.</summary>
    private static List<object> Op(int op, int size) =>
        Enumerable.Range(0, size).Select(i => (object)new VoteRecord($"op-{op}", $"p-{i}", true)).ToList();

    private static int OpOf(object record) => int.Parse(((VoteRecord)record).QuestionId["op-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static int[] OpsIn(LedgerWrite write) => write.Records.Select(OpOf).Distinct().ToArray();

    private static Task<IOException> FailsWith(Task operation) => Assert.ThrowsAsync<IOException>(() => operation);

    [Fact]
    public Task Operations_arriving_while_a_write_is_under_way_go_out_together_in_the_next_write() => OnGrainScheduler(async () =>
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit: true);
        _ledger.Holding = true;

        var first = committer.Submit(Op(1, 1));
        var firstWrite = Assert.Single(await _ledger.WaitForWrites(1));
        var rest = Enumerable.Range(2, 4).Select(op => committer.Submit(Op(op, 2))).ToList();

        // Nothing more goes out while the first write is under way, and nobody is answered yet.
        Assert.Single(_ledger.Writes);
        Assert.False(first.IsCompleted);
        Assert.All(rest, t => Assert.False(t.IsCompleted));
        Assert.Equal(Op(1, 1), firstWrite.Records);

        firstWrite.Complete();
        await first;
        var writes = await _ledger.WaitForWrites(2);

        Assert.Equal(2, writes.Count);
        Assert.Equal(Enumerable.Range(2, 4).SelectMany(op => Op(op, 2)), writes[1].Records);
        Assert.All(rest, t => Assert.False(t.IsCompleted));

        writes[1].Complete();
        await Task.WhenAll(rest);

        Assert.Equal(2, _ledger.Writes.Count);
        Assert.All(_ledger.Writes, w => Assert.Equal(SessionId, w.SessionId));
        Assert.Equal(2, committer.Writes);
        Assert.Equal(5, committer.Operations);
    });

    [Fact]
    public Task An_idle_committer_writes_an_operation_at_once_and_each_in_turn() => OnGrainScheduler(async () =>
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit: true);

        for (var op = 1; op <= 3; op++)
        {
            await committer.Submit(Op(op, op));
        }

        Assert.Equal([[1], [2], [3]], _ledger.Writes.Select(OpsIn));
        Assert.Equal([1, 2, 3], _ledger.Writes.Select(w => w.Records.Count));
        Assert.Equal((3, 3), (committer.Writes, committer.Operations));
    });

    [Fact]
    public Task No_write_holds_more_than_100_records_and_no_operation_is_split() => OnGrainScheduler(async () =>
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit: true);
        _ledger.Holding = true;
        var plug = committer.Submit(Op(0, 1));
        var plugWrite = (await _ledger.WaitForWrites(1))[0];
        int[] sizes = [60, 30, 20, 100, 1, 99, 45, 55, 10, 90, 7];
        var ops = sizes.Select((size, i) => committer.Submit(Op(i + 1, size))).ToList();

        plugWrite.Complete();
        await plug;
        // The waiting operations go out at once, in parallel: every write starts before any is answered.
        await _ledger.WaitForWrites(2);
        var writes = _ledger.Writes.Skip(1).ToList();

        Assert.All(writes, w => Assert.InRange(w.Records.Count, 1, 100));
        Assert.All(ops, t => Assert.False(t.IsCompleted));
        // Every operation is in exactly one write, whole and in order.
        for (var op = 1; op <= sizes.Length; op++)
        {
            var holding = Assert.Single(writes, w => w.Records.Any(r => OpOf(r) == op));
            Assert.Equal(Op(op, sizes[op - 1]), holding.Records.Where(r => OpOf(r) == op));
        }

        Assert.Equal(Enumerable.Range(1, sizes.Length), writes.SelectMany(OpsIn));
        Assert.Equal(sizes.Sum(), writes.Sum(w => w.Records.Count));
        Assert.True(writes.Count < sizes.Length, $"{writes.Count} writes for {sizes.Length} operations: they were not grouped.");

        // Each caller is answered when its own write is stored, in whatever order the writes end.
        foreach (var write in Enumerable.Reverse(writes))
        {
            write.Complete();
            await Task.WhenAll(OpsIn(write).Select(op => ops[op - 1]));
            var stillWaiting = writes.Where(w => !w.Done.IsCompleted).SelectMany(OpsIn);
            Assert.All(stillWaiting, op => Assert.False(ops[op - 1].IsCompleted));
        }

        Assert.Equal(1 + writes.Count, committer.Writes);
        Assert.Equal(1 + sizes.Length, committer.Operations);
    });

    [Fact]
    public Task An_operation_of_100_records_fits_one_write_and_a_101st_record_goes_in_the_next() => OnGrainScheduler(async () =>
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit: true);
        _ledger.Holding = true;
        var plug = committer.Submit(Op(0, 1));
        var plugWrite = (await _ledger.WaitForWrites(1))[0];
        var full = committer.Submit(Op(1, 100));
        var one = committer.Submit(Op(2, 1));

        plugWrite.Complete();
        var writes = await _ledger.WaitForWrites(3);

        Assert.Equal(3, writes.Count);
        Assert.Equal(Op(1, 100), writes[1].Records);
        Assert.Equal(Op(2, 1), writes[2].Records);
        writes[2].Complete();
        await one;
        Assert.False(full.IsCompleted);
        writes[1].Complete();
        await Task.WhenAll(plug, full);
    });

    [Fact]
    public Task A_failed_write_fails_exactly_the_callers_in_it_and_the_others_succeed() => OnGrainScheduler(async () =>
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit: true);
        _ledger.Holding = true;
        var plug = committer.Submit(Op(0, 1));
        var plugWrite = (await _ledger.WaitForWrites(1))[0];
        var a = committer.Submit(Op(1, 60));
        var b = committer.Submit(Op(2, 60));
        var c = committer.Submit(Op(3, 30));

        plugWrite.Complete();
        await plug;
        var writes = await _ledger.WaitForWrites(3);
        var withA = Assert.Single(writes, w => OpsIn(w).Contains(1));
        var withB = Assert.Single(writes, w => OpsIn(w).Contains(2));
        Assert.NotSame(withA, withB);

        withB.Fail();

        // Exactly the operations of the failed write fail, with its error; the others are stored.
        foreach (var (op, task) in new[] { (1, a), (2, b), (3, c) })
        {
            if (OpsIn(withB).Contains(op))
            {
                Assert.Same(withB.Error, await FailsWith(task));
            }
        }

        Assert.False(a.IsCompleted);
        foreach (var write in writes.Where(w => w != withB && !w.Done.IsCompleted))
        {
            write.Complete();
        }

        await a;
        if (!OpsIn(withB).Contains(3))
        {
            await c;
        }

        // The committer goes on after a failure.
        var d = committer.Submit(Op(4, 5));
        var next = await _ledger.WaitForWrites(writes.Count + 1);
        Assert.Equal(Op(4, 5), next[^1].Records);
        next[^1].Complete();
        await d;
    });

    [Fact]
    public Task A_write_that_fails_at_once_fails_all_its_callers_and_the_next_write_goes_out() => OnGrainScheduler(async () =>
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit: true);
        _ledger.Holding = true;
        var plug = committer.Submit(Op(0, 1));
        var plugWrite = (await _ledger.WaitForWrites(1))[0];
        var grouped = Enumerable.Range(1, 5).Select(op => committer.Submit(Op(op, 3))).ToList();
        _ledger.Holding = false;
        _ledger.FailNext(1);

        plugWrite.Complete();
        await plug;
        foreach (var op in grouped)
        {
            await FailsWith(op);
        }

        Assert.Equal(2, _ledger.Writes.Count);
        Assert.Same(_ledger.Writes[1].Error, await FailsWith(grouped[^1]));
        await committer.Submit(Op(6, 1));
        Assert.Equal(3, _ledger.Writes.Count);
        Assert.True(_ledger.Writes[2].Done.IsCompletedSuccessfully);
    });

    [Fact]
    public Task With_group_commit_off_each_operation_is_its_own_write() => OnGrainScheduler(async () =>
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit: false);
        _ledger.Holding = true;

        var ops = Enumerable.Range(1, 3).Select(op => committer.Submit(Op(op, op * 10))).ToList();
        var writes = await _ledger.WaitForWrites(3);

        // All three went out at once, each alone.
        Assert.Equal([[1], [2], [3]], writes.Select(OpsIn));
        Assert.Equal([10, 20, 30], writes.Select(w => w.Records.Count));
        writes[1].Complete();
        await ops[1];
        Assert.False(ops[0].IsCompleted);
        Assert.False(ops[2].IsCompleted);
        writes[2].Fail();
        Assert.Same(writes[2].Error, await FailsWith(ops[2]));
        Assert.False(ops[0].IsCompleted);
        writes[0].Complete();
        await ops[0];
        Assert.Equal((3, 3), (committer.Writes, committer.Operations));
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Submit_refuses_no_records_or_more_than_100(bool groupCommit)
    {
        var committer = new GroupCommitter(SessionId, _ledger, groupCommit);

        // Refused at once, before anything is queued or written.
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = committer.Submit([]); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = committer.Submit(Op(1, 101)); });

        Assert.Empty(_ledger.Writes);
        Assert.Equal((0, 0), (committer.Writes, committer.Operations));
        Assert.True(committer.Submit(Op(2, 100)).IsCompletedSuccessfully);
        Assert.Equal(100, Assert.Single(_ledger.Writes).Records.Count);
    }
}
