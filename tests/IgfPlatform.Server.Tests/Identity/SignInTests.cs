using System.Net;
using System.Net.Http.Headers;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.Server.Tests.Identity;

/// <summary>Sign-ins: refresh tokens used once, sign-out here and everywhere, connections closed with them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_refresh_token_works_once_and_its_replay_ends_the_sign_in()
    {
        var person = ForumFaker.Person();
        var first = await platform.Server.CreateApi().RegisterAsync(person);
        Assert.False(string.IsNullOrEmpty(first.RefreshToken));
        Assert.True(first.RefreshExpiresAt > first.ExpiresAt);

        var api = platform.Server.CreateApi();
        api.RefreshToken = first.RefreshToken;
        var renewed = await api.RenewAsync();
        Assert.Equal(first.ParticipantId, renewed.ParticipantId);
        Assert.NotEqual(first.Token, renewed.Token);
        Assert.NotEqual(first.RefreshToken, renewed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await MeStatus(renewed.Token));

        // The used token again, as a thief holding a copy would: refused, and the sign-in ends for the owner too.
        var thief = platform.Server.CreateApi();
        thief.RefreshToken = first.RefreshToken;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<ForumApiException>(() => thief.RenewAsync())).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(renewed.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<ForumApiException>(() => api.RenewAsync())).Status);

        // Signing in again starts a new sign-in; the ended one stays ended.
        var again = await platform.Server.CreateApi().LoginAsync(person.Email, person.Password);
        Assert.Equal(HttpStatusCode.OK, await MeStatus(again.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(renewed.Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("p-0.a.b")]
    [InlineData("p-00000000000000000000000000000000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../etc.passwd.x")]
    public async Task A_made_up_refresh_token_is_refused_alike(string token)
    {
        var api = platform.Server.CreateApi();
        api.RefreshToken = token;
        var refused = await Assert.ThrowsAsync<ForumApiException>(() => api.RenewAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(TokenServiceMessages.SignInAgain, refused.Detail);
    }

    [Fact]
    public async Task Signing_out_ends_that_sign_in_and_closes_its_connections_but_not_the_others()
    {
        var person = ForumFaker.Person();
        await platform.Server.CreateApi().RegisterAsync(person);
        var laptop = platform.Server.CreateApi();
        var phone = platform.Server.CreateApi();
        var laptopSignIn = await laptop.LoginAsync(person.Email, person.Password);
        var phoneSignIn = await phone.LoginAsync(person.Email, person.Password);
        await using var laptopHub = await Connect(laptopSignIn.Token);
        await using var phoneHub = await Connect(phoneSignIn.Token);
        var laptopClosed = Closed(laptopHub);

        await laptop.LogoutAsync();

        await laptopClosed.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(laptopSignIn.Token));
        Assert.Equal(HttpStatusCode.OK, await MeStatus(phoneSignIn.Token));
        Assert.Equal(HubConnectionState.Connected, phoneHub.State);
        Assert.NotNull(await phoneHub.InvokeAsync<FeedPosition>("FollowArchive"));

        // The ended sign-in cannot open a new connection either.
        await Assert.ThrowsAnyAsync<Exception>(() => Connect(laptopSignIn.Token));
        // Left: the registration's sign-in and the phone's.
        Assert.Equal(2, (await GetSignIns(phoneSignIn.Token)).Count);
    }

    [Fact]
    public async Task Signing_out_everywhere_closes_every_connection_of_the_person()
    {
        var person = ForumFaker.Person();
        var registered = await platform.Server.CreateApi().RegisterAsync(person);
        var other = await platform.Server.CreateApi().LoginAsync(person.Email, person.Password);
        var bystander = await platform.Server.CreateApi().RegisterAsync(ForumFaker.Person());
        await using var first = await Connect(registered.Token);
        await using var second = await Connect(other.Token);
        await using var third = await Connect(bystander.Token);
        var closed = Task.WhenAll(Closed(first), Closed(second));

        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/me/sign-ins");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registered.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(request)).StatusCode);

        await closed.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(registered.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(other.Token));
        Assert.Equal(HubConnectionState.Connected, third.State);
        Assert.NotNull(await third.InvokeAsync<FeedPosition>("FollowArchive"));
    }

    private async Task<HttpStatusCode> MeStatus(string token)
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<IReadOnlyList<SignInRecord>> GetSignIns(string token)
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me/sign-ins");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<List<SignInRecord>>(response.Content, Contracts.Vocabulary.ForumJson.Options) ?? [];
    }

    private Task<HubConnection> Connect(string token) => SignInHub.Connect(platform.Server, token);

    private static Task Closed(HubConnection connection) => SignInHub.Closed(connection);
}

/// <summary>The words every refused renewal gets (the server's, repeated so a change is seen).</summary>
internal static class TokenServiceMessages
{
    public const string SignInAgain = "Your sign-in has ended: sign in again.";
}

internal static class SignInHub
{
    /// <summary>A plain connection without reconnection, to see the server close it.</summary>
    public static async Task<HubConnection> Connect(PlatformServer server, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseUri, "hubs/forum"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        try
        {
            await connection.StartAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    public static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return connection.State == HubConnectionState.Disconnected ? Task.CompletedTask : closed.Task;
    }
}

/// <summary>A server whose access tokens last seconds, to see connections close at expiry and clients renew.</summary>
public sealed class ShortTokenServer : SingleServerFixture
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(6);

    protected override PlatformServerOptions Options => new()
    {
        Settings = new Dictionary<string, string> { ["Auth__TokenLifetime"] = TokenLifetime.ToString() },
    };
}

public sealed class TokenExpiryTests(ShortTokenServer shortTokens) : IClassFixture<ShortTokenServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_connection_closes_when_its_access_token_expires()
    {
        var signedIn = await shortTokens.Server.CreateApi().RegisterAsync(ForumFaker.Person());
        await using var connection = await SignInHub.Connect(shortTokens.Server, signedIn.Token);
        await SignInHub.Closed(connection).WaitAsync(Patience);
        Assert.True(DateTimeOffset.UtcNow >= signedIn.ExpiresAt, "The connection closed before its token expired.");
    }

    [Fact]
    public async Task The_client_renews_its_token_and_reconnects_by_itself()
    {
        var api = shortTokens.Server.CreateApi();
        var signedIn = await api.RegisterAsync(ForumFaker.Person());
        await using var client = await shortTokens.Server.ConnectAsync(configure: o => o.AccessTokenProvider = () => api.GetAccessTokenAsync());
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };

        await reconnected.Task.WaitAsync(Patience);

        // A new access token, from the refresh token; the connection works as the same person.
        Assert.NotEqual(signedIn.Token, api.AccessToken);
        Assert.NotEqual(signedIn.RefreshToken, api.RefreshToken);
        Assert.NotNull(await client.Connection.InvokeAsync<FeedPosition>("FollowArchive"));
        Assert.Equal(signedIn.ParticipantId, (await api.GetMeAsync()).ParticipantId);
    }
}
