using IgfPlatform.Client.Live;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Live;

/// <summary>The SDK given several server addresses: it uses one and moves on when it cannot be reached.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EndpointListTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_client_given_an_unreachable_server_first_connects_to_the_next()
    {
        var nobody = Unreachable();
        await using var client = new ForumClient([nobody, platform.Server.BaseUri], Quick());
        await client.StartAsync();

        Assert.Equal(platform.Server.BaseUri, client.Endpoint);
        Assert.Equal(1, client.Endpoints.Failovers);
        var live = await client.JoinSessionAsync(PlatformFixture.LiveSessionId);
        Assert.True(live.Epoch > 0);
    }

    [Fact]
    public async Task A_follower_whose_server_goes_away_reconnects_through_the_next_and_catches_up()
    {
        // Two ways to the same server: losing the first is, for the client, losing a server.
        var first = new LoopbackProxy(platform.Server.BaseUri.Port);
        await using var second = new LoopbackProxy(platform.Server.BaseUri.Port);
        var (session, moderator) = await LiveSessions.StartWithNewModerator(platform.Server);
        await using var _ = moderator;
        await using var follower = new ForumClient([first.BaseUri, second.BaseUri], Quick());
        await follower.StartAsync();
        var view = await follower.JoinSessionAsync(session);
        Assert.Equal(first.BaseUri, follower.Endpoint);

        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        follower.Connection.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await first.DisposeAsync();
        await moderator.SetAgendaAsync(session, [ForumFaker.Item(id: "while-away")]);
        await reconnected.Task.WaitAsync(Patience);

        Assert.Equal(second.BaseUri, follower.Endpoint);
        await view.WaitUntilAsync(v => v.Agenda.Any(i => i.Id == "while-away"), Patience);
        Assert.True(view.Resyncs >= 1);
    }

    [Fact]
    public async Task The_api_given_an_unreachable_server_first_asks_the_next()
    {
        var api = ForumClient.CreateApi([Unreachable(), platform.Server.BaseUri]);
        var sessions = await api.GetSessionsAsync();
        Assert.Contains(sessions, s => s.Id == PlatformFixture.LiveSessionId);
    }

    [Fact]
    public void Bad_addresses_are_refused_with_a_clear_error()
    {
        var none = Assert.Throws<ArgumentException>(() => new PlatformEndpoints([]));
        Assert.Contains("at least one", none.Message, StringComparison.Ordinal);
        var ftp = Assert.Throws<ArgumentException>(() => new PlatformEndpoints([new Uri("ftp://127.0.0.1/")]));
        Assert.Contains("not an http or https address", ftp.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://127.0.0.1:5000/igf/"), new PlatformEndpoints([new Uri("http://127.0.0.1:5000/igf")]).Current);
    }

    // A loopback port that was free a moment ago: nothing listens there, so a connect is refused at once.
    private static Uri Unreachable() => new($"http://127.0.0.1:{FreePorts.Take(1)[0]}/");

    private static ForumClientOptions Quick() => new()
    {
        ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)],
    };
}
