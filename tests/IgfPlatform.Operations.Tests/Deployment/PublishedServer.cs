using System.Globalization;
using System.Reflection;
using IgfPlatform.Testing;

namespace IgfPlatform.Operations.Tests.Deployment;

/// <summary>
/// The server as it is deployed: `dotnet publish` output in a folder of its own (outside the
/// repository), started from another folder with nothing but environment settings.
/// </summary>
public static class PublishedServer
{
    public static string Configuration { get; } =
        typeof(PublishedServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Publishes from the build output (no second compile) into a new temporary folder, which the caller deletes.</summary>
    public static async Task<string> PublishAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "igf-published-" + Guid.NewGuid().ToString("N")[..8]);
        var project = Path.Combine(RepoPaths.Root, "src", "IgfPlatform.Server", "IgfPlatform.Server.csproj");
        await using var publish = ChildProcess.Start("dotnet",
            ["publish", project, "-c", Configuration, "--no-build", "--no-restore", "-o", folder, "-nologo", "-v:q"]);
        await publish.ExitedAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (publish.ExitCode != 0)
        {
            TryDelete(folder);
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{publish.Output}");
        }

        return folder;
    }

    /// <summary>
    /// Starts the published server with exactly these settings (plus free loopback ports), in an empty
    /// working folder, and waits until it is ready.
    /// </summary>
    public static async Task<RunningServer> StartAsync(string publishFolder, IReadOnlyDictionary<string, string> settings)
    {
        var ports = FreePorts.Take(3);
        var baseUri = new Uri($"http://127.0.0.1:{ports[0]}/");
        var environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/'),
            ["Orleans__SiloPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
        };
        var workingFolder = Directory.CreateTempSubdirectory("igf-run-").FullName;
        var process = ChildProcess.Start("dotnet", [Path.Combine(publishFolder, "IgfPlatform.Server.dll")], environment, workingFolder);
        var server = new RunningServer(process, baseUri, workingFolder);
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

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

public sealed class RunningServer(ChildProcess process, Uri baseUri, string workingFolder) : IAsyncDisposable
{
    // A starting process raises no event we could await: readiness is polled at this pace.
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(100);

    public Uri BaseUri { get; } = baseUri;

    public ChildProcess Process { get; } = process;

    public string WorkingFolder { get; } = workingFolder;

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Process.HasExited)
            {
                await Process.ExitedAsync();
                throw new InvalidOperationException($"The server exited while starting ({Process.ExitCode}):\n{Process.Output}");
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
                throw new TimeoutException($"The server was not ready within {timeout}:\n{Process.Output}");
            }

            await Task.Delay(ReadinessPoll);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        PublishedServer.TryDelete(WorkingFolder);
    }
}
