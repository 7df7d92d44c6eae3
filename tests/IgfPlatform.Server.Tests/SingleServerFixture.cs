using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests;

/// <summary>
/// One real server on an Azurite of its own, started before a test class or collection and stopped after
/// it (the server before its storage: a silo's shutdown talks to storage). Fixtures differ only in the
/// server's options and in what they set up once it runs.
/// </summary>
public abstract class SingleServerFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public PlatformServer Server { get; private set; } = null!;

    protected abstract PlatformServerOptions Options { get; }

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Server = await PlatformServer.StartAsync(Azurite.ConnectionString, Options);
        await StartedAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.StopAsync();
            await Server.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }

    /// <summary>What the fixture sets up once its server runs.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;
}
