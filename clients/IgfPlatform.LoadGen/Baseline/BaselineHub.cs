using System.Net;
using System.Threading.Channels;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IgfPlatform.LoadGen.Baseline;

/// <summary>
/// The floor the platform's live delivery is measured against: the same ASP.NET Core SignalR stack
/// (JSON protocol in the platform's shape, the same keep-alive and timeout), one group, and nothing
/// else: no Orleans, no storage, no sign-ins. Served at the platform's hub path so that the same
/// SDK client connects to it.
/// </summary>
public sealed class BaselineHub(BaselineOutbox outbox) : Hub
{
    public const string Group = "feed:baseline";

    public Task Join() => Groups.AddToGroupAsync(Context.ConnectionId, Group);

    /// <summary>Queues a batch for the group and returns, as the platform's relay does.</summary>
    public void Publish(EventBatch batch) => outbox.Post(batch);

    /// <summary>
    /// Sends to the group before answering. A connection's calls run one at a time, so a publisher
    /// going back to back is held to what the hub can send, instead of queueing without bound.
    /// </summary>
    public Task PublishSent(EventBatch batch) => Clients.Group(Group).SendAsync("events", batch);
}

/// <summary>One queue, one reader sending to the group in order: the platform's SessionRelay outbox without the rest.</summary>
public sealed class BaselineOutbox(IHubContext<BaselineHub> hub) : BackgroundService
{
    private readonly Channel<EventBatch> _queue = Channel.CreateUnbounded<EventBatch>(new UnboundedChannelOptions { SingleReader = true });

    public void Post(EventBatch batch) => _queue.Writer.TryWrite(batch);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await hub.Clients.Group(BaselineHub.Group).SendAsync("events", batch, stoppingToken);
        }
    }
}

/// <summary>The bare hub's process: <c>IgfPlatform.LoadGen baseline-hub --port P</c> (0: any free port).</summary>
public static class BaselineHost
{
    /// <summary>The line the process writes once it listens; the load generator reads its address from it.</summary>
    public const string ListeningPrefix = "baseline hub listening on ";

    public static async Task<int> Run(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSignalR(o =>
            {
                // Large enough for any batch the publisher replays; the platform's 64 KB limits what clients send it.
                o.MaximumReceiveMessageSize = 4 * 1024 * 1024;
                o.KeepAliveInterval = TimeSpan.FromSeconds(15);
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
            })
            .AddJsonProtocol(o => ForumJson.Configure(o.PayloadSerializerOptions));
        builder.Services.AddSingleton<BaselineOutbox>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BaselineOutbox>());
        await using var app = builder.Build();
        app.MapHub<BaselineHub>("/hubs/forum");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ListeningPrefix + address);

        // Runs until its standard input closes: the load generator closes it when done, and the system
        // closes it if the load generator dies, so the hub never outlives it.
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await app.StopAsync();
        return 0;
    }
}
