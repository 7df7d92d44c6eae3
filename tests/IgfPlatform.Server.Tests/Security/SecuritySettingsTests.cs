using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Security;

/// <summary>A bad limit stops the server at start with a message naming the setting.</summary>
public sealed class SecuritySettingsTests
{
    [Theory]
    [InlineData("Security__LoginPermitLimit", "0", "LoginPermitLimit")]
    [InlineData("Security__LockoutDuration", "00:00:00", "Security:LockoutDuration")]
    [InlineData("Security__AllowedOrigins__0", "https://igf.example/path", "Security:AllowedOrigins")]
    [InlineData("Security__HubMaxMessageBytes", "10", "HubMaxMessageBytes")]
    public async Task A_bad_security_setting_stops_the_start(string key, string value, string named)
    {
        // Validation runs before storage is touched: the storage named here is never reached.
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(
            "UseDevelopmentStorage=true",
            new PlatformServerOptions { Settings = new Dictionary<string, string> { [key] = value } }));

        Assert.Contains("exited while starting", ex.Message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
