using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary>
/// A clock whose wall time does not move (as a test clock or a coarse clock may do), while timers and
/// timestamps stay real so that the silo itself runs normally.
/// </summary>
public sealed class StillClock : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2025, 6, 23, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A one-silo cluster whose grains get <see cref="StillClock"/>.</summary>
public sealed class StillClockClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = new InProcessTestClusterBuilder(1)
        .ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Table);
            silo.AddMemoryGrainStorage(StorageNames.Blob);
            silo.Services.AddSingleton<TimeProvider>(new StillClock());
        })
        .Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Each activation of a session starts a new epoch, whatever the clock says.</summary>
public sealed class SessionEpochTests(StillClockClusterFixture fixture) : IClassFixture<StillClockClusterFixture>
{
    /// <summary>
    /// Bug: the epoch is the activation's wall-clock time in milliseconds, so two activations that read
    /// the same time (a clock that does not move between them, or two silos whose clocks differ by just
    /// the time between the activations) share an epoch. A client holding (epoch, seq) from the first
    /// activation is then given the second activation's events as if they continued the first's history.
    /// </summary>
    [Fact]
    public async Task A_new_activation_starts_a_new_epoch_even_when_the_clock_reads_the_same()
    {
        var grains = fixture.Cluster.Client;
        var s = await SessionScenario.Create(grains, SessionStatus.Live);
        var first = await s.Grain.GetSnapshot();

        await fixture.Cluster.DeactivateAsync(s.Grain);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[0].Id);
        await s.Grain.SetCurrentItem(s.ModeratorId, s.Agenda[1].Id);
        var second = await s.Grain.GetSnapshot();
        // A client that had seen the first two events of the first activation asks for what it missed.
        var resync = await s.Grain.Resync(first.Epoch, 1);

        Assert.Equal(StillClock.Now, (await s.Grain.GetDetails())!.StartedAt);
        Assert.NotEqual(first.Epoch, second.Epoch);
        Assert.Null(resync.Events);
        Assert.NotNull(resync.Snapshot);
    }
}
