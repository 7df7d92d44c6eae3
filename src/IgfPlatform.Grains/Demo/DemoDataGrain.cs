using IgfPlatform.Contracts.Demo;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.Demo;

[GenerateSerializer]
[Alias("igf.DemoDataState")]
public sealed class DemoDataState : ICopyableState<DemoDataState>
{
    [Id(0)]
    public DateTimeOffset? SeededAt { get; set; }

    [Id(1)]
    public int Seed { get; set; }

    public DemoDataState Copy() => new() { SeededAt = SeededAt, Seed = Seed };
}

public sealed class DemoDataGrain(
    [PersistentState("demoData", StorageNames.Table)] IPersistentState<DemoDataState> state,
    TimeProvider time)
    : Grain, IDemoDataGrain
{
    public Task<DateTimeOffset?> GetSeededAt() => Task.FromResult(state.State.SeededAt);

    public Task MarkSeeded(int seed) => state.State.SeededAt is not null
        ? Task.CompletedTask
        : state.Apply(s =>
        {
            s.SeededAt = time.GetUtcNow();
            s.Seed = seed;
        });
}
