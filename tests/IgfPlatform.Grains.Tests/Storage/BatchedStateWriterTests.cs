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

    [Fact]
    public async Task A_write_reported_failed_that_was_stored_after_all_counts_as_stored()
    {
        // The answer to the first write was lost and the client's retry met the write itself as a conflict.
        var storage = new GatedStorage { StoredButAnswerLostOnWrite = 1 };
        var (writer, model) = Writer(storage, merge: false);
        storage.Release(1);
        storage.Release(2);

        Assert.True(await writer.Run(() => model.Value.Add("agenda item 4")));

        Assert.Equal(["agenda item 4"], writer.Stored.Order());
        Assert.Equal(["agenda item 4"], model.Value.Order());
        Assert.Single(storage.Writes);

        // The writer goes on from there: the next change is stored on top, once.
        Assert.True(await writer.Run(() => model.Value.Add("agenda item 5")));
        Assert.Equal(["agenda item 4", "agenda item 5"], storage.Writes[^1].Order());
        Assert.Equal(2, storage.Writes.Count);
    }

    [Fact]
    public async Task A_single_change_reported_failed_but_stored_stands_and_one_not_stored_is_undone()
    {
        var lost = new GatedStorage<Agenda> { StoredButAnswerLostOnWrite = 1, State = new Agenda() };
        lost.Release(1);
        await lost.Apply(a => a.Items.Add("Opening remarks"));
        Assert.Equal(["Opening remarks"], lost.State.Items);
        Assert.Equal(["Opening remarks"], lost.Writes.Single().Items);

        var failed = new GatedStorage<Agenda> { FailOnWrite = 1, State = new Agenda() };
        failed.Release(1);
        await Assert.ThrowsAsync<TimeoutException>(() => failed.Apply(a => a.Items.Add("Never stored")));
        Assert.Empty(failed.State.Items);
        Assert.Empty(failed.Writes);

        var conflict = new GatedStorage<Agenda> { ConflictOnWrite = 1, State = new Agenda(), OtherWritersState = new Agenda { Items = ["Stored elsewhere"] } };
        conflict.Release(1);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflict.Apply(a => a.Items.Add("Mine")));
        Assert.Equal(["Stored elsewhere"], conflict.State.Items);
    }

    public sealed class Agenda : ICopyableState<Agenda>
    {
        public List<string> Items { get; set; } = [];

        public Agenda Copy() => new() { Items = [.. Items] };
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
    private class GatedStorage<T> : IPersistentState<T>
        where T : class, new()
    {
        private readonly Dictionary<int, TaskCompletionSource> _release = [];
        private readonly Dictionary<int, TaskCompletionSource> _started = [];
        private int _attempts;

        public T State { get; set; } = new();

        public string? Etag { get; private set; }

        public bool RecordExists => Etag is not null;

        public List<T> Writes { get; } = [];

        /// <summary>The attempt (1-based) that finds another writer stored first.</summary>
        public int ConflictOnWrite { get; init; }

        public int FailOnWrite { get; init; }

        /// <summary>The attempt that is stored but whose answer is lost, the client's retry then meeting it as a conflict.</summary>
        public int StoredButAnswerLostOnWrite { get; init; }

        public T OtherWritersState { get; init; } = new();

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

            Writes.Add(Copy(State));
            Etag = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (attempt == StoredButAnswerLostOnWrite)
            {
                throw new InconsistentStateException("The retried write found the entity changed.");
            }
        }

        public Task ReadStateAsync()
        {
            State = Copy(Writes.Count > 0 ? Writes[^1] : OtherWritersState);
            return Task.CompletedTask;
        }

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync();

        public Task ReadStateAsync(CancellationToken cancellationToken) => ReadStateAsync();

        public Task ClearStateAsync(CancellationToken cancellationToken) => ClearStateAsync();

        // What storage hands back is never the object that was written.
        protected virtual T Copy(T value) => System.Text.Json.JsonSerializer.Deserialize<T>(System.Text.Json.JsonSerializer.Serialize(value))!;

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

    private sealed class GatedStorage : GatedStorage<SortedSet<string>>
    {
        public GatedStorage() => State = new SortedSet<string>(StringComparer.Ordinal);

        protected override SortedSet<string> Copy(SortedSet<string> value) => new(value, StringComparer.Ordinal);
    }
}
