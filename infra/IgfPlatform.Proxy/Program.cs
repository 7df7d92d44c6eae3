using IgfPlatform.Proxy;

var builder = WebApplication.CreateBuilder(args);
ProxySettings settings;
try
{
    settings = ProxySettings.From(builder.Configuration);
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

builder.WebHost.UseUrls(settings.Url.ToString());
builder.Services.AddReverseProxy().LoadFromMemory([PlatformProxy.Route], [PlatformProxy.Cluster(settings.Destinations)]);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
return 0;
