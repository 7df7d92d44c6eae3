using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Live;

/// <summary>Two server processes forming one cluster through Azure Table membership in one Azurite.</summary>
public sealed class TwoServerCluster : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public PlatformServer First { get; private set; } = null!;

    public PlatformServer Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        var options = new PlatformServerOptions { AzureTableClustering = true, SeedDemoData = true };
        First = await PlatformServer.StartAsync(Azurite.ConnectionString, options);
        // The same cluster and signing key; the demo data exists already.
        Second = await PlatformServer.StartAsync(Azurite.ConnectionString, options with { SeedDemoData = false });
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Second, First })
        {
            if (server is not null)
            {
                await server.StopAsync();
                await server.DisposeAsync();
            }
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

public sealed class ClusterTests(TwoServerCluster cluster) : IClassFixture<TwoServerCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Followers_on_either_server_receive_the_changes_made_through_the_other()
    {
        var moderatorApi = cluster.First.CreateApi();
        var token = (await moderatorApi.LoginAsync(PlatformFixture.ModeratorEmail, PlatformFixture.DemoPassword)).Token;
        await using var moderatorOnFirst = await cluster.First.ConnectAsync(token);
        await using var moderatorOnSecond = await cluster.Second.ConnectAsync(token);
        await using var followerOnFirst = await cluster.First.ConnectAsync();
        await using var followerOnSecond = await cluster.Second.ConnectAsync();
        var onFirst = await followerOnFirst.JoinSessionAsync(PlatformFixture.LiveSessionId);
        var onSecond = await followerOnSecond.JoinSessionAsync(PlatformFixture.LiveSessionId);
        Assert.Equal(onFirst.Epoch, onSecond.Epoch);

        // A change through the first server reaches the follower on the second, and the other way round.
        var agenda = onFirst.Agenda.Append(ForumFaker.Item(id: "from-first")).ToList();
        await moderatorOnFirst.SetAgendaAsync(PlatformFixture.LiveSessionId, agenda);
        await onSecond.WaitUntilAsync(v => v.Agenda.Any(i => i.Id == "from-first"), Patience);

        await moderatorOnSecond.SetCurrentItemAsync(PlatformFixture.LiveSessionId, "from-first");
        await onFirst.WaitUntilAsync(v => v.CurrentItemId == "from-first", Patience);
        await onSecond.WaitUntilAsync(v => v.CurrentItemId == "from-first", Patience);

        Assert.Equal(onFirst.Agenda.Select(Id), onSecond.Agenda.Select(Id));
        Assert.Equal(0, onFirst.GapsDetected + onSecond.GapsDetected);

        // Both servers answer the same calendar from the same storage.
        Assert.Equal(
            (await cluster.First.CreateApi().GetSessionsAsync()).Select(s => s.Id),
            (await cluster.Second.CreateApi().GetSessionsAsync()).Select(s => s.Id));
    }

    private static string Id(AgendaItem item) => item.Id;
}
