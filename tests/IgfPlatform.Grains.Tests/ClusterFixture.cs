using IgfPlatform.Grains.Audit;
using IgfPlatform.Grains.Proceedings;
using IgfPlatform.Grains.Questions;
using IgfPlatform.Grains.Storage;
using IgfPlatform.Grains.Tests.Proceedings;
using IgfPlatform.Grains.Tests.Questions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace IgfPlatform.Grains.Tests;

/// <summary>
/// One in-process cluster of two silos with memory grain storage, shared by every test class of the
/// <see cref="ClusterCollection"/>. Tests use distinct grain keys, so they never see each other's
/// sessions, and filter shared catalogs by data of their own. The silos share one
/// <see cref="InMemoryQuestionLedger"/>, as servers share their storage account.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const short SiloCount = 2;

    public ClusterFixture()
    {
        Cluster = new InProcessTestClusterBuilder(SiloCount)
            .ConfigureSilo((_, silo) =>
            {
                silo.AddForumTestStorage();
                silo.Services.AddSingleton(TimeProvider.System);
                silo.Services.AddSingleton<IQuestionLedger>(QuestionLedger);
                silo.Services.AddOptions<QuestionStorageOptions>();
                silo.Services.AddSingleton<IArchiveStore>(ArchiveStore);
                silo.Services.AddSingleton<IAuditLog>(AuditLog);
            })
            .Build();
    }

    public InProcessTestCluster Cluster { get; }

    /// <summary>The audit log the silos' proceedings count actions from.</summary>
    public InMemoryAuditLog AuditLog { get; } = new();

    /// <summary>Where the silos' question boards store.</summary>
    public InMemoryQuestionLedger QuestionLedger { get; } = new();

    /// <summary>Where the silos' proceedings are published.</summary>
    public InMemoryArchiveStore ArchiveStore { get; } = new();

    public IClusterClient Client => Cluster.Client;

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>How the test clusters store grain state.</summary>
public static class TestStorage
{
    /// <summary>
    /// Memory storage under the platform's provider names, with Orleans' serializer as the servers
    /// use (<c>OrleansHosting.AddForumStorage</c>), so a new activation reads back what a server would.
    /// </summary>
    public static ISiloBuilder AddForumTestStorage(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Table);
        silo.AddMemoryGrainStorage(StorageNames.Blob);
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }
}
