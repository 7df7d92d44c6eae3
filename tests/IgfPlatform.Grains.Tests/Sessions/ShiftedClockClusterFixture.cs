using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary>
/// The system clock moved forward by whatever a test advances it: what grains read as now jumps at once,
/// while timers and timestamps stay real so that the silo itself runs normally.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>A one-silo cluster whose grains get a <see cref="ShiftedClock"/> the tests advance.</summary>
public sealed class ShiftedClockClusterFixture : IAsyncLifetime
{
    public ShiftedClockClusterFixture()
    {
        Cluster = new InProcessTestClusterBuilder(1)
            .ConfigureSilo((_, silo) =>
            {
                silo.AddForumTestStorage();
                silo.Services.AddSingleton<TimeProvider>(Clock);
            })
            .Build();
    }

    public ShiftedClock Clock { get; } = new();

    public InProcessTestCluster Cluster { get; }

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
