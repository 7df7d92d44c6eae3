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

    public Uri BaseUri { get; } = baseUri;

    public ChildProcess Process { get; } = process;

    public string WorkingFolder { get; } = workingFolder;

    public Task WaitUntilReadyAsync(TimeSpan timeout) => PlatformServer.WaitUntilReadyAsync(BaseUri, Process, timeout);

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        PublishedServer.TryDelete(WorkingFolder);
    }
}
