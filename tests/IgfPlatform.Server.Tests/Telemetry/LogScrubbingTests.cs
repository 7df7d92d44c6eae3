using IgfPlatform.Server.Telemetry;

namespace IgfPlatform.Server.Tests.Telemetry;

/// <summary>The console log's last guard: e-mail addresses and bearer tokens never reach the output.</summary>
public sealed class LogScrubbingTests
{
    [Theory]
    [InlineData("Response did not arrive on time for account/jane.doe@example.org", "Response did not arrive on time for account/[e-mail]")]
    [InlineData("GET /hubs/forum?id=abc&access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwLTEifQ.c2lnbmF0dXJl HTTP/1.1", "GET /hubs/forum?id=abc&access_token=[token] HTTP/1.1")]
    [InlineData("Session main-session-critical-internet-resources: 3 followers", "Session main-session-critical-internet-resources: 3 followers")]
    public void Scrubs_e_mail_addresses_and_tokens_and_nothing_else(string line, string expected) =>
        Assert.Equal(expected, LogScrubbing.Scrub(line));
}
