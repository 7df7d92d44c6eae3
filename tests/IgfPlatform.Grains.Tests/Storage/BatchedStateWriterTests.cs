using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace IgfPlatform.Grains.Tests.Storage;

/// <summary>Group commit for the forum-wide grains (calendar, stakeholder groups, the forum's floor).</summary>
public sealed class BatchedStateWriterTests
{
    [Fact]
    public async Task Changes_arriving_during_a_write_are_stored_together_in_the_next_and_answered_only_once_stored()
    {
        var storage = new GatedStorage();
        var (writer, model) = Writer(storage, merge: true);

        var first = writer.Run(() => model.Value.Add("a"));
        await storage.WriteStarted(1);
        var second = writer.Run(() => model.Value.Add("b"));
        var third = writer.Run(() => model.Value.Add("c"));

        Assert.Empty(writer.Stored);
        storage.Release(1);
        await first;
        await storage.WriteStarted(2);
        Assert.False(second.IsCompleted);
        Assert.Equal(["a"], writer.Stored.Order());

        storage.Release(2);
        await Task.WhenAll(second, third);
        Assert.Equal(2, storage.Writes.Count);
        Assert.Equal(["a", "b", "c"], writer.Stored.Order());
        Assert.Equal(["a", "b", "c"], storage.Writes[^1].Order());
    }

    [Fact]
    public async Task A_merging_writer_applies_its_changes_again_on_top_of_what_another_writer_stored()
    {
        var storage = new GatedStorage { ConflictOnWrite = 1, OtherWritersState = ["elsewhere"] };
        var (writer, model) = Writer(storage, merge: true);
        storage.Release(1);
        storage.Release(2);

        Assert.True(await writer.Run(() => model.Value.Add("here")));

        Assert.Equal(["elsewhere", "here"], writer.Stored.Order());
        Assert.Equal(["elsewhere", "here"], storage.Writes[^1].Order());
        Assert.Equal(["elsewhere", "here"], model.Value.Order());
    }

    [Fact]
    public async Task A_writer_that_does_not_merge_refuses_the_change_on_a_conflict_and_holds_what_was_stored()
    {
        var storage = new GatedStorage { ConflictOnWrite = 1, OtherWritersState = ["elsewhere"] };
        var (writer, model) = Writer(storage, merge: false);
        storage.Release(1);

        var refusal = await Assert.ThrowsAsync<ForumException>(() => writer.Run(() => model.Value.Add("here")));

        Assert.Equal(ForumErrorKind.Conflict, refusal.Kind);
        Assert.Equal(["elsewhere"], writer.Stored.Order());
        Assert.Equal(["elsewhere"], model.Value.Order());
        Assert.Empty(storage.Writes);
    }

    [Fact]
    public async Task A_failed_write_fails_its_commands_and_puts_the_model_back()
    {
        var storage = new GatedStorage { FailOnWrite = 1 };
        var (writer, model) = Writer(storage, merge: true);
        storage.Release(1);

        await Assert.ThrowsAsync<TimeoutException>(() => writer.Run(() => model.Value.Add("lost")));

        Assert.Empty(writer.Stored);
        Assert.Empty(model.Value);
        storage.Release(2);
        await writer.Run(() => model.Value.Add("kept"));
        Assert.Equal(["kept"], writer.Stored.Order());
    }

    private static (BatchedStateWriter<SortedSet<string>> Writer, StrongBox<SortedSet<string>> Model) Writer(GatedStorage storage, bool merge)
    {
        var model = new StrongBox<SortedSet<string>>(new SortedSet<string>(storage.State, StringComparer.Ordinal));
        var writer = new BatchedStateWriter<SortedSet<string>>(
            storage,
            () => new SortedSet<string>(model.Value, StringComparer.Ordinal),
            stored => model.Value = new SortedSet<string>(stored, StringComparer.Ordinal),
            () => Task.CompletedTask,
            NullLogger.Instance,
            merge);
        return (writer, model);
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; set; } = value;
    }

    /// <summary>Storage whose writes each wait until the test lets them through.</summary>
    private sealed class GatedStorage : IPersistentState<SortedSet<string>>
    {
        private readonly Dictionary<int, TaskCompletionSource> _release = [];
        private readonly Dictionary<int, TaskCompletionSource> _started = [];
        private int _attempts;

        public SortedSet<string> State { get; set; } = new(StringComparer.Ordinal);

        public string? Etag { get; private set; }

        public bool RecordExists => Etag is not null;

        public List<SortedSet<string>> Writes { get; } = [];

        /// <summary>The attempt (1-based) that finds another writer stored first.</summary>
        public int ConflictOnWrite { get; init; }

        public int FailOnWrite { get; init; }

        public IReadOnlyList<string> OtherWritersState { get; init; } = [];

        public void Release(int attempt) => Gate(_release, attempt).TrySetResult();

        public Task WriteStarted(int attempt) => Gate(_started, attempt).Task.WaitAsync(TimeSpan.FromSeconds(30));

        public async Task WriteStateAsync()
        {
            var attempt = ++_attempts;
            Gate(_started, attempt).TrySetResult();
            await Gate(_release, attempt).Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (attempt == ConflictOnWrite)
            {
                throw new InconsistentStateException("Another writer stored first.");
            }

            if (attempt == FailOnWrite)
            {
                throw new TimeoutException("Storage did not answer.");
            }

            Writes.Add(new SortedSet<string>(State, StringComparer.Ordinal));
            Etag = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public Task ReadStateAsync()
        {
            State = new SortedSet<string>(Writes.Count > 0 ? Writes[^1] : OtherWritersState, StringComparer.Ordinal);
            return Task.CompletedTask;
        }

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync();

        public Task ReadStateAsync(CancellationToken cancellationToken) => ReadStateAsync();

        public Task ClearStateAsync(CancellationToken cancellationToken) => ClearStateAsync();

        private static TaskCompletionSource Gate(Dictionary<int, TaskCompletionSource> gates, int attempt)
        {
            lock (gates)
            {
                if (!gates.TryGetValue(attempt, out var gate))
                {
                    gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    gates[attempt] = gate;
                }

                return gate;
            }
        }
    }
}
