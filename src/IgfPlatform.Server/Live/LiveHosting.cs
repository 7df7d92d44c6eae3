using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Presence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace IgfPlatform.Server.Live;

public static class LiveHosting
{
    public const int MaxHubMessageBytes = 64 * 1024;

    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        var live = SettingsBinding.Bind<LiveSettings>(builder.Configuration, LiveSettings.Section);
        if (live.KeepAliveInterval < TimeSpan.FromSeconds(1) || live.KeepAliveInterval > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException("Live:KeepAliveInterval must be from one second to ten minutes.");
        }

        if (live.ClientTimeout <= live.KeepAliveInterval)
        {
            throw new InvalidOperationException("Live:ClientTimeout must be longer than Live:KeepAliveInterval.");
        }

        if (live.MaxWaitingBatches is < 1 or > 100_000)
        {
            throw new InvalidOperationException("Live:MaxWaitingBatches must be from 1 to 100000.");
        }

        builder.Services.AddSingleton(live);

        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxHubMessageBytes;
                // An abrupt drop is noticed after ClientTimeout; presence counts it gone then.
                o.KeepAliveInterval = live.KeepAliveInterval;
                o.ClientTimeoutInterval = live.ClientTimeout;
                o.AddFilter<ForumHubFilter>();
            })
            .AddJsonProtocol(o => ForumJson.Configure(o.PayloadSerializerOptions));

        // The JSON protocol, wrapped so that badly typed or counted arguments get a readable refusal.
        var json = builder.Services.Single(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol));
        builder.Services.Remove(json);
        builder.Services.AddSingleton<IHubProtocol>(sp => new ReadableArgumentsProtocol(ActivatorUtilities.CreateInstance<JsonHubProtocol>(sp)));
        // The relay pushes to feeds through this manager, which never waits on one connection (FeedConnections).
        builder.Services.AddSingleton<FeedConnections>();
        builder.Services.AddSingleton<HubLifetimeManager<ForumHub>>(sp => sp.GetRequiredService<FeedConnections>());
        builder.Services.AddSingleton<ForumHubFilter>();
        builder.Services.AddSingleton<LocalFollowers>();
        builder.Services.AddSingleton<PresenceReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PresenceReporter>());
        builder.Services.AddSingleton<SessionRelay>();
        builder.Services.AddSingleton<RelayRegistrar>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RelayRegistrar>());
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        // A connection lives no longer than the access token it was opened with: clients renew and resync.
        app.MapHub<ForumHub>(ForumHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}

/// <summary>The <c>Live</c> configuration section.</summary>
public sealed class LiveSettings
{
    public const string Section = "Live";

    /// <summary>How often the server pings an idle connection.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A connection silent for this long is closed (the client's network dropped).</summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Event batches that may wait for one slow connection (<see cref="FeedConnections"/>) before the oldest give
    /// way and its client resyncs. By default as many as a session holds for Resync: a client further behind
    /// than that would need a snapshot anyway. Waiting batches are shared by every connection, so the line costs
    /// a connection a reference each.
    /// </summary>
    public int MaxWaitingBatches { get; set; } = LiveLimits.EventBufferSize;
}
