using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Server.Tests.Telemetry;

namespace IgfPlatform.Server.Tests.Live;

/// <summary>
/// Pushing a change to hundreds of followers at once must not cost a fresh buffer per follower: the server
/// sizes the shared pool its connections' pipes rent from (<c>ConnectionBuffers</c>), so the buffers of one
/// push serve the next. Measured through the runtime's own count of allocated bytes on <c>/metrics</c>.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConnectionBufferTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Far more followers than the pool keeps by default (32 arrays of a size per core) on the two-core
    // machines the tests run on.
    private const int Followers = 400;
    private const int Changes = 20;

    // Without the sizing, each delivery leaves its pipe's 4 KB segment to the collector (3.6 KB a delivery
    // measured here); with it, what a push allocates is the change's own work (the hub call, storing it,
    // one serialization), shared by all: 420-500 bytes a delivery here.
    private const double MostBytesPerDelivery = 1536;

    [Fact]
    public async Task A_change_pushed_to_hundreds_of_followers_reuses_their_buffers_instead_of_allocating_one_each()
    {
        var (session, moderator) = await LiveSessions.StartWithNewModerator(platform.Server);
        await using var _ = moderator;
        var clients = new ForumClient[Followers];
        try
        {
            var views = new LiveSession[Followers];
            for (var start = 0; start < Followers; start += 50)
            {
                await Task.WhenAll(Enumerable.Range(start, Math.Min(50, Followers - start)).Select(async i =>
                {
                    clients[i] = await platform.Server.ConnectAsync();
                    views[i] = await clients[i].JoinSessionAsync(session);
                }));
            }

            // The first push fills the pool; what is measured is a session's steady pushing after it.
            await AddItemSeenByAll(moderator, session, views, "warm-up");
            var before = await AllocatedBytes();
            for (var i = 1; i <= Changes; i++)
            {
                await AddItemSeenByAll(moderator, session, views, $"change-{i}");
            }

            var after = await AllocatedBytes();
            var perDelivery = (after - before) / (Followers * (double)Changes);
            Assert.True(perDelivery < MostBytesPerDelivery,
                $"{perDelivery:0} bytes allocated by the server per delivery ({after - before:0} for {Changes} changes to {Followers} followers)");
        }
        finally
        {
            await Task.WhenAll(clients.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task AddItemSeenByAll(ForumClient moderator, string session, LiveSession[] views, string id)
    {
        await moderator.AddAgendaItemAsync(session, new AgendaItem(id, $"Item {id}", 5, []));
        await Task.WhenAll(views.Select(v => v.WaitUntilAsync(s => s.Agenda.Any(a => a.Id == id), Patience)));
    }

    private async Task<double> AllocatedBytes()
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        var scrape = Scrape.Parse(await http.GetStringAsync(new Uri("metrics", UriKind.Relative)));
        var bytes = scrape.Sum("dotnet_gc_heap_total_allocated_bytes_total");
        Assert.True(bytes > 0, $"no count of allocated bytes on /metrics\n{scrape}");
        return bytes;
    }
}
