using System.Globalization;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Live;

namespace IgfPlatform.Testing;

/// <summary>How a test wants its server.</summary>
public sealed record PlatformServerOptions
{
    /// <summary>Join the others in an Azure Table cluster (several servers share one Azurite).</summary>
    public bool AzureTableClustering { get; init; }

    /// <summary>Servers with the same cluster id form one cluster.</summary>
    public string ClusterId { get; init; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public bool SeedDemoData { get; init; }

    /// <summary>Shared by every server of one test so that tokens from one are valid on the others.</summary>
    public string SigningKey { get; init; } = "test-signing-key-" + Guid.NewGuid().ToString("N");

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The real platform server (the built IgfPlatform.Server.dll) as a process of its own on loopback,
/// the way it runs in production: co-hosted silo, Azure Storage (Azurite), real sockets.
/// </summary>
public sealed class PlatformServer : IAsyncDisposable
{
    // A starting process raises no event we could await: readiness is polled at this pace.
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(100);

    private readonly ChildProcess _process;

    private PlatformServer(ChildProcess process, Uri baseUri, PlatformServerOptions options)
    {
        _process = process;
        BaseUri = baseUri;
        Options = options;
    }

    public Uri BaseUri { get; }

    public PlatformServerOptions Options { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<PlatformServer> StartAsync(string storageConnectionString, PlatformServerOptions? options = null)
    {
        options ??= new PlatformServerOptions();
        if (!File.Exists(RepoPaths.ServerDll))
        {
            throw new InvalidOperationException($"The server is not built at {RepoPaths.ServerDll}.");
        }

        var ports = FreePorts.Take(3);
        var baseUri = new Uri($"http://127.0.0.1:{ports[0]}/");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Storage"] = storageConnectionString,
            ["Orleans__ClusteringMode"] = options.AzureTableClustering ? "AzureTable" : "Localhost",
            ["Orleans__ClusterId"] = options.ClusterId,
            ["Orleans__SiloPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
            ["Auth__SigningKey"] = options.SigningKey,
            ["Demo__Seed"] = options.SeedDemoData ? "true" : "false",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__IgfPlatform"] = "Information",

            // Tests register, sign in and call the hub far faster than people do: the abuse limits
            // are raised here (a test of the limits lowers them again through Settings).
            ["Security__LoginPermitLimit"] = "1000000",
            ["Security__RegisterPermitLimit"] = "1000000",
            ["Security__HubCallBurst"] = "1000000",
            ["Security__HubCallsPerSecond"] = "1000000",
            ["Security__MaxConnectionsPerParticipant"] = "10000",

            // Not inherited from the test process: the server sizes its buffer pool itself (ConnectionBuffers).
            [ConnectionBuffers.Setting] = string.Empty,
        };
        foreach (var (key, value) in options.Settings)
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start("dotnet", [RepoPaths.ServerDll], environment);
        var server = new PlatformServer(process, baseUri, options);
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Polls /health/ready until it answers 200; fails with the server's output if it exits.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) => WaitUntilReadyAsync(BaseUri, _process, timeout);

    /// <summary>Polls a server process's /health/ready until it answers 200; fails with its output if it exits.</summary>
    public static async Task WaitUntilReadyAsync(Uri baseUri, ChildProcess process, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                // Its last words may still be on their way through the pipes.
                await process.ExitedAsync();
                throw new InvalidOperationException($"The server exited while starting ({process.ExitCode}):\n{process.Output}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server was not ready within {timeout}:\n{process.Output}");
            }

            await Task.Delay(ReadinessPoll);
        }
    }

    public ForumApi CreateApi() => ForumClient.CreateApi(BaseUri);

    /// <summary>A hub client, signed in when a token is given, started.</summary>
    public async Task<ForumClient> ConnectAsync(string? token = null, Action<ForumClientOptions>? configure = null)
    {
        var options = new ForumClientOptions
        {
            AccessTokenProvider = () => Task.FromResult(token),
            ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)],
        };
        configure?.Invoke(options);
        var client = new ForumClient(BaseUri, options);
        await client.StartAsync();
        return client;
    }

    /// <summary>Ends the server at once, as a crash would.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Stops the server the way an operator would.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(30));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
