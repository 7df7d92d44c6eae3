using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Live;

public static class LiveHosting
{
    public const int MaxHubMessageBytes = 64 * 1024;

    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxHubMessageBytes;
                o.AddFilter<ForumHubFilter>();
            })
            .AddJsonProtocol(o => ForumJson.Configure(o.PayloadSerializerOptions));
        builder.Services.AddSingleton<ForumHubFilter>();
        builder.Services.AddSingleton<SessionRelay>();
        builder.Services.AddSingleton<RelayRegistrar>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RelayRegistrar>());
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<ForumHub>(ForumHub.Path);
        return app;
    }
}
