using IgfPlatform.Grains.Questions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary>
/// A one-silo cluster whose question boards store each operation in its own write (group commit off), so
/// that a test sees every command's write start at once and can hold or release each one.
/// </summary>
public sealed class SeparateWritesClusterFixture : IAsyncLifetime
{
    public SeparateWritesClusterFixture()
    {
        Cluster = new InProcessTestClusterBuilder(1)
            .ConfigureSilo((_, silo) =>
            {
                silo.AddForumTestStorage();
                silo.Services.AddSingleton(TimeProvider.System);
                silo.Services.AddSingleton<IQuestionLedger>(QuestionLedger);
                silo.Services.AddOptions<QuestionStorageOptions>().Configure(o => o.GroupCommit = false);
            })
            .Build();
    }

    public InProcessTestCluster Cluster { get; }

    public InMemoryQuestionLedger QuestionLedger { get; } = new();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SeparateWritesCollection : ICollectionFixture<SeparateWritesClusterFixture>
{
    public const string Name = "questions with separate writes";
}
