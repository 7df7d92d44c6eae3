using IgfPlatform.Grains.Storage;
using IgfPlatform.Grains.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>
/// A one-silo cluster for the speaking queue tests: grains read a <see cref="ShiftedClock"/> the tests advance
/// (floor time is then whole seconds given by the test, not whatever the machine took between two calls), and
/// state is stored with Orleans' serializer, as the servers store it (<c>OrleansHosting.AddForumStorage</c>),
/// so that a new activation reads back what the servers would.
/// </summary>
public sealed class FloorClusterFixture : IAsyncLifetime
{
    public FloorClusterFixture()
    {
        Cluster = new InProcessTestClusterBuilder(1)
            .ConfigureSilo((_, silo) =>
            {
                silo.AddMemoryGrainStorage(StorageNames.Table);
                silo.AddMemoryGrainStorage(StorageNames.Blob);
                silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
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

/// <summary>Every speaking queue test class shares one <see cref="FloorClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FloorCollection : ICollectionFixture<FloorClusterFixture>
{
    public const string Name = "speaking queue";
}
