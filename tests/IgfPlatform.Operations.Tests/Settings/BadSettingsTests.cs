using IgfPlatform.Testing;

namespace IgfPlatform.Operations.Tests.Settings;

/// <summary>
/// A bad value stops the built server at start, with exit code 1 and one line naming the setting,
/// before storage is touched (the storage named here is never reached).
/// </summary>
public sealed class BadSettingsTests
{
    [Theory]
    [InlineData("Orleans__ClusteringMode", "Kubernets", "Orleans:ClusteringMode must be one of Localhost, AzureTable, Kubernetes")]
    [InlineData("Orleans__ClusteringMode", "7", "Orleans:ClusteringMode must be one of")]
    [InlineData("Orleans__SiloPort", "70000", "Orleans:SiloPort")]
    [InlineData("Orleans__GatewayPort", "0", "Orleans:GatewayPort")]
    [InlineData("Orleans__AdvertisedAddress", "silo.example", "Orleans:AdvertisedAddress 'silo.example' is not an IP address")]
    [InlineData("Orleans__ClusterId", "", "Orleans:ClusterId")]
    [InlineData("Auth__SigningKey", "too-short", "Auth:SigningKey must have at least 32 characters")]
    [InlineData("Auth__TokenLifetime", "00:00:00", "Auth:TokenLifetime must be from one second to one day")]
    [InlineData("Auth__TokenLifetime", "fifteen minutes", "Auth:TokenLifetime")]
    [InlineData("Auth__TokenLifetime", "2.00:00:00", "Auth:TokenLifetime must be from one second to one day")]
    [InlineData("Auth__RefreshLifetime", "00:05:00", "Auth:RefreshLifetime must be longer than Auth:TokenLifetime")]
    [InlineData("Auth__Oidc__Authority", "login.example.org", "Auth:Oidc:Authority")]
    [InlineData("Live__KeepAliveInterval", "-00:00:05", "Live:KeepAliveInterval must be from one second to ten minutes")]
    [InlineData("Live__ClientTimeout", "00:00:10", "Live:ClientTimeout must be longer than Live:KeepAliveInterval")]
    [InlineData("Live__MaxWaitingBatches", "0", "Live:MaxWaitingBatches must be from 1 to 100000")]
    [InlineData("ASPNETCORE_URLS", "localhost:5000", "ASPNETCORE_URLS (or --urls) has 'localhost:5000'")]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:99999", "ASPNETCORE_URLS (or --urls) has 'http://127.0.0.1:99999'")]
    [InlineData("ConnectionStrings__Storage", "", "ConnectionStrings:Storage is not set")]
    [InlineData("ConnectionStrings__Storage", "AccountName=igf;AccountKey", "ConnectionStrings:Storage is not an Azure Storage connection string")]
    [InlineData("Demo__Seed", "maybe", "Demo:Seed")]
    [InlineData("Questions__GroupCommit", "sometimes", "Questions:GroupCommit")]
    [InlineData("Security__LoginWindow", "-00:01:00", "Security:LoginWindow must be longer than zero")]
    [InlineData("Security__AllowedOrigins__0", "igf.example", "Security:AllowedOrigins has 'igf.example'")]
    public async Task A_bad_setting_stops_the_start_naming_it(string key, string value, string message)
    {
        var (exitCode, output) = await StartWith(new Dictionary<string, string> { [key] = value });

        Assert.True(exitCode == 1, $"Exit code {exitCode}, not 1:\n{output}");
        Assert.Contains("The IGF Platform did not start", output, StringComparison.Ordinal);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_connection_string_is_never_repeated_in_the_message()
    {
        // A key pasted where the connection string goes: the parser's own message would quote it.
        const string secret = "AccountName=igf;c2VjcmV0LWtleS1ub3QtZm9yLWxvZ3M";
        var (exitCode, output) = await StartWith(new Dictionary<string, string> { ["ConnectionStrings__Storage"] = secret });

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:Storage", output, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS1ub3QtZm9yLWxvZ3M", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ORLEANS_SERVICE_ID", "another-service", "ORLEANS_SERVICE_ID 'another-service' differs from Orleans:ServiceId 'igf-platform'")]
    [InlineData("ORLEANS_CLUSTER_ID", "another-cluster", "ORLEANS_CLUSTER_ID 'another-cluster' differs from Orleans:ClusterId 'igf-dev'")]
    [InlineData("POD_IP", "pod-1", "POD_IP 'pod-1' is not an IP address")]
    public async Task In_Kubernetes_the_pod_must_agree_with_the_settings(string key, string value, string message)
    {
        var (exitCode, output) = await StartWith(new Dictionary<string, string>
        {
            ["Orleans__ClusteringMode"] = "Kubernetes",
            [key] = value,
        });

        Assert.True(exitCode == 1, $"Exit code {exitCode}, not 1:\n{output}");
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    /// <summary>The built server with production settings and one change, run until it exits.</summary>
    private static async Task<(int ExitCode, string Output)> StartWith(IReadOnlyDictionary<string, string> changes)
    {
        var port = FreePorts.Take();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Storage"] = "UseDevelopmentStorage=true",
            ["Auth__SigningKey"] = "test-signing-key-" + Guid.NewGuid().ToString("N"),
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in changes)
        {
            environment[key] = value;
        }

        await using var server = ChildProcess.Start("dotnet", [RepoPaths.ServerDll], environment, Path.GetTempPath());
        try
        {
            await server.ExitedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The server did not stop for a bad setting:\n{server.Output}");
        }

        return (server.ExitCode, server.Output);
    }
}
