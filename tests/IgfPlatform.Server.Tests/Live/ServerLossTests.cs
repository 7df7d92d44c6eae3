using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Tests.Live;

/// <summary>Two servers in one cluster that declares a lost server dead within seconds.</summary>
public sealed class QuickFailoverCluster : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public PlatformServer First { get; private set; } = null!;

    public PlatformServer Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        var options = new PlatformServerOptions
        {
            AzureTableClustering = true,
            SeedDemoData = true,
            Settings = new Dictionary<string, string>
            {
                ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
                ["Orleans__Membership__NumMissedProbesLimit"] = "2",
                ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
                ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
                ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
            },
        };
        First = await PlatformServer.StartAsync(Azurite.ConnectionString, options);
        Second = await PlatformServer.StartAsync(Azurite.ConnectionString, options with { SeedDemoData = false });
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Second, First })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

public sealed class ServerLossTests(QuickFailoverCluster cluster) : IClassFixture<QuickFailoverCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task When_the_server_holding_a_live_session_dies_the_session_is_served_again_and_followers_resync()
    {
        // The session is created, and so first used, on the first server: its grain lives there.
        var (session, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(cluster.First);
        await using (var moderatorOnFirst = await cluster.First.ConnectAsync(moderatorApi.AccessToken))
        {
            await moderatorOnFirst.StartSessionAsync(session);
            await moderatorOnFirst.SetAgendaAsync(session, [ForumFaker.Item(id: "a"), ForumFaker.Item(id: "b"), ForumFaker.Item(id: "c")]);
            await moderatorOnFirst.SetCurrentItemAsync(session, "b");
        }

        var followers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => cluster.Second.ConnectAsync()));
        var onFirst = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => cluster.First.ConnectAsync()));
        try
        {
            var views = await Task.WhenAll(followers.Select(f => f.JoinSessionAsync(session)));
            await Task.WhenAll(onFirst.Select(f => f.JoinSessionAsync(session)));
            var epochBefore = views[0].Epoch;
            await views[0].WaitUntilAsync(v => v.Presence.Total == 8, Patience);

            await cluster.First.KillAsync();

            // The moderator carries on through the surviving server. Until the cluster has declared the
            // first server dead, calls to the session may fail; the moderator tries again.
            await using var moderator = await cluster.Second.ConnectAsync(moderatorApi.AccessToken);
            await Eventually(async () =>
            {
                try
                {
                    await moderator.AddAgendaItemAsync(session, ForumFaker.Item(id: "after-loss"));
                }
                catch (HubException e) when (e.Message.Contains("appears twice", StringComparison.Ordinal))
                {
                    // An earlier try went through after all.
                }
            });

            await Task.WhenAll(views.Select(v => v.WaitUntilAsync(s => s.Agenda.Any(i => i.Id == "after-loss"), Patience)));
            foreach (var view in views)
            {
                // Everything acknowledged before the loss is there, in order, and the followers moved to the new epoch.
                Assert.Equal(["a", "b", "c", "after-loss"], view.Agenda.Select(i => i.Id));
                Assert.Equal("b", view.CurrentItemId);
                Assert.NotEqual(epochBefore, view.Epoch);
                Assert.True(view.SnapshotsTaken >= 1);
            }

            // The dead server's three followers no longer count; the five on the survivor do.
            await views[0].WaitUntilAsync(v => v.Presence.Total == 5, Patience);
        }
        finally
        {
            await Task.WhenAll(followers.Concat(onFirst).Select(f => f.DisposeAsync().AsTask()));
        }
    }

    private static async Task Eventually(Func<Task> action)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Not yet: the membership has not caught up with the loss.
            }
        }
    }
}
