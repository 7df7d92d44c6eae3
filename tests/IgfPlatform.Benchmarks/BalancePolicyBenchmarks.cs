using BenchmarkDotNet.Attributes;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Benchmarks;

/// <summary>The suggestion for the next speaker, with its reasons: the target is under 50 µs with 10,000 waiting.</summary>
[MemoryDiagnoser]
public class SuggestBenchmarks
{
    private FloorSituation _situation = null!;

    [Params(100, 10_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _situation = FloorScenario.Build(Waiting);
        if (BalancePolicy.Suggest(_situation)?.Rule != BalancePolicy.BalanceRule)
        {
            throw new InvalidOperationException("The scenario should be decided by the balance rule.");
        }
    }

    [Benchmark]
    public FloorPick? Suggest() => BalancePolicy.Suggest(_situation);
}

/// <summary>Every waiting entry in the order the policy would give the floor (positions in the queue).</summary>
[MemoryDiagnoser]
public class ProjectBenchmarks
{
    private FloorSituation _situation = null!;

    [Params(100, 1_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup() => _situation = FloorScenario.Build(Waiting);

    [Benchmark]
    public IReadOnlyList<long> Project() => BalancePolicy.Project(_situation);
}
