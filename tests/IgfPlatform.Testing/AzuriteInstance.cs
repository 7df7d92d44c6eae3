namespace IgfPlatform.Testing;

/// <summary>
/// A private Azurite (from infra/node_modules) on free loopback ports, in memory, for one fixture.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly ChildProcess _process;

    private AzuriteInstance(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteInstance> StartAsync()
    {
        if (!File.Exists(RepoPaths.Azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {RepoPaths.Azurite}: run 'npm ci --prefix infra' (./test.sh does).");
        }

        var ports = FreePorts.Take(3);
        var process = ChildProcess.Start(RepoPaths.Azurite,
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]);
        var azurite = new AzuriteInstance(process, ports[0], ports[1], ports[2]);
        try
        {
            await FreePorts.WaitForListener(ports[0], TimeSpan.FromSeconds(30), () => !process.HasExited);
            await FreePorts.WaitForListener(ports[2], TimeSpan.FromSeconds(30), () => !process.HasExited);
        }
        catch (Exception ex)
        {
            await azurite.DisposeAsync();
            throw new InvalidOperationException($"Azurite did not start: {ex.Message}\n{process.Output}", ex);
        }

        return azurite;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
