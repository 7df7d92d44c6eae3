using System.Net;
using System.Net.WebSockets;

namespace IgfPlatform.Server.Tests.Security;

/// <summary>The shared server: security headers on every response and the hub's Origin allow-list.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SecurityHeadersAndOriginTests(PlatformFixture platform)
{
    private const string Foreign = "https://evil.example";

    [Theory]
    [InlineData("/")]
    [InlineData("/sessions/some-page-of-the-web-app")]
    [InlineData("/api/sessions")]
    [InlineData("/api/no-such-route")]
    [InlineData("/health/live")]
    public async Task Every_response_carries_the_security_headers_and_the_strict_policy(string path)
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var response = await http.GetAsync(path.TrimStart('/'));

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        var host = platform.Server.BaseUri.Authority;
        Assert.Equal(
            "default-src 'self'; script-src 'self'; " +
            $"connect-src 'self' ws://{host} wss://{host}; " +
            "img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            Single(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task A_refused_request_carries_the_headers_too()
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var response = await http.PostAsync("api/auth/login", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Contains("frame-ancestors 'none'", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negotiate_request_from_a_foreign_page_is_refused_with_problem_details()
    {
        using var response = await Negotiate(Foreign);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("origin", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://127.0.0.1.evil.example")]
    [InlineData("https://127.0.0.1")]
    public async Task Look_alike_and_opaque_origins_are_refused(string origin)
    {
        using var response = await Negotiate(origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_platforms_own_origin_and_clients_without_origin_negotiate()
    {
        using var own = await Negotiate(platform.Server.BaseUri.GetLeftPart(UriPartial.Authority));
        using var none = await Negotiate(null);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task A_websocket_from_a_foreign_page_is_refused_and_one_without_origin_opens()
    {
        var hub = new UriBuilder(platform.Server.BaseUri) { Scheme = "ws", Path = "/hubs/forum" }.Uri;

        using var foreign = new ClientWebSocket();
        foreign.Options.CollectHttpResponseDetails = true;
        foreign.Options.SetRequestHeader("Origin", Foreign);
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(hub, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var plain = new ClientWebSocket();
        await plain.ConnectAsync(hub, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, plain.State);
        await plain.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task The_hub_client_of_the_sdk_connects_without_an_origin()
    {
        await using var client = await platform.Server.ConnectAsync();

        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, client.Connection.State);
    }

    private async Task<HttpResponseMessage> Negotiate(string? origin)
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/forum/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        var values = response.Headers.TryGetValues(name, out var found)
            ? found.ToList()
            : response.Content.Headers.TryGetValues(name, out var content) ? content.ToList() : [];
        return Assert.Single(values);
    }
}
