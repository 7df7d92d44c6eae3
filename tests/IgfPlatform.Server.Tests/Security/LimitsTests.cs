using System.Net;
using System.Net.Http.Json;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.Server.Tests.Security;

/// <summary>A server of its own with low limits: sign-in and registration rates, hub size, calls and connections.</summary>
public sealed class LimitedServer : SingleServerFixture
{
    public const int LoginPermits = 3;
    public const int RegisterPermits = 3;
    public const int HubMaxMessageBytes = 4096;
    public const int HubCallBurst = 3;
    public const int MaxConnections = 2;

    /// <summary>Registered before any test spends the registration permits.</summary>
    public string Token { get; private set; } = null!;

    public string SecondToken { get; private set; } = null!;

    protected override PlatformServerOptions Options => new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Security__LoginPermitLimit"] = LoginPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security__LoginWindow"] = "00:10:00",
            ["Security__RegisterPermitLimit"] = RegisterPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security__RegisterWindow"] = "00:10:00",
            ["Security__HubMaxMessageBytes"] = HubMaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security__HubCallBurst"] = HubCallBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security__HubCallsPerSecond"] = "0.5",
            ["Security__MaxConnectionsPerParticipant"] = MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    protected override async Task StartedAsync()
    {
        Token = (await Server.CreateApi().RegisterAsync(ForumFaker.Person())).Token;
        SecondToken = (await Server.CreateApi().RegisterAsync(ForumFaker.Person())).Token;
    }
}

public sealed class LimitsTests(LimitedServer limited) : IClassFixture<LimitedServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_get_429_problem_details_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < LimitedServer.LoginPermits + 1; i++)
        {
            var response = await Post("api/auth/login", new { email = "someone@test.igf.example", password = "not-the-password" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
                break;
            }

            response.Dispose();
        }

        Assert.All(statuses.Take(LimitedServer.LoginPermits), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        await AssertTooManyRequests(refused);
    }

    [Fact]
    public async Task Registrations_over_the_limit_get_429_and_create_no_account()
    {
        // The fixture spent two of the permits; whatever is left is used, then refused.
        HttpResponseMessage? refused = null;
        var person = ForumFaker.Person();
        for (var i = 0; i < LimitedServer.RegisterPermits + 1 && refused is null; i++)
        {
            person = ForumFaker.Person();
            var response = await Post("api/auth/register", person);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                response.Dispose();
            }
        }

        await AssertTooManyRequests(refused);

        // The refused person has no account (signing in is limited separately; one attempt is enough here).
        var login = await Post("api/auth/login", new { email = person.Email, password = person.Password });
        Assert.Contains(login.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
    }

    [Fact]
    public async Task A_hub_message_over_the_size_limit_closes_that_connection()
    {
        var connection = await Connect(limited.SecondToken);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += ex =>
        {
            closed.TrySetResult(ex);
            return Task.CompletedTask;
        };

        var call = connection.InvokeAsync("LeaveSession", new string('x', LimitedServer.HubMaxMessageBytes * 2));

        var error = await closed.Task.WaitAsync(Patience);
        Assert.NotNull(error);
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Hub_calls_over_the_limit_are_refused_and_the_connection_stays_usable()
    {
        await using var connection = await Connect(token: null);

        HubException? refused = null;
        for (var i = 0; i < LimitedServer.HubCallBurst + 5 && refused is null; i++)
        {
            try
            {
                await connection.InvokeAsync("LeaveSession", "some-session");
            }
            catch (HubException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("Too many requests", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, connection.State);

        // One call is earned back every two seconds: the same connection is served again.
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await connection.InvokeAsync("LeaveSession", "some-session");
                break;
            }
            catch (HubException ex) when (ex.Message.Contains("Too many requests", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                // The bucket refills with time only: there is no event to await.
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task A_participants_connection_over_the_cap_is_refused_with_a_clear_message()
    {
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < LimitedServer.MaxConnections; i++)
            {
                open.Add(await Connect(limited.Token));
            }

            var over = await Connect(limited.Token, started: false);
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            over.Closed += ex =>
            {
                closed.TrySetResult(ex);
                return Task.CompletedTask;
            };
            await over.StartAsync();
            var error = await closed.Task.WaitAsync(Patience);
            Assert.NotNull(error);
            Assert.Contains("Too many connections", error.Message, StringComparison.Ordinal);
            await over.DisposeAsync();

            // Someone else and anonymous visitors are not counted against this participant.
            await using var someoneElse = await Connect(limited.SecondToken);
            await someoneElse.InvokeAsync("LeaveSession", "some-session");

            // Closing one of the participant's connections makes room again.
            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var again = await ConnectWhenRoom(limited.Token);
            open.Add(again);
            Assert.Equal(HubConnectionState.Connected, again.State);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The server counts a closed connection out when it notices the close; until then a new one is refused.</summary>
    private async Task<HubConnection> ConnectWhenRoom(string token)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var connection = await Connect(token, started: false);
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += ex =>
            {
                closed.TrySetResult(ex);
                return Task.CompletedTask;
            };
            await connection.StartAsync();

            // A refused connection is closed right after the handshake; an accepted one answers a call.
            var answered = connection.InvokeAsync("LeaveSession", "some-session");
            var first = await Task.WhenAny(answered, closed.Task).WaitAsync(Patience);
            if (first == answered && answered.IsCompletedSuccessfully)
            {
                return connection;
            }

            await connection.DisposeAsync();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The participant's closed connection was never counted out.");
            }
        }
    }

    private async Task<HubConnection> Connect(string? token, bool started = true)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(limited.Server.BaseUri, "hubs/forum"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        if (started)
        {
            await connection.StartAsync();
        }

        return connection;
    }

    private async Task<HttpResponseMessage> Post<T>(string path, T body)
    {
        using var http = new HttpClient { BaseAddress = limited.Server.BaseUri };
        var response = await http.PostAsJsonAsync(path, body, IgfPlatform.Contracts.Vocabulary.ForumJson.Options);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task AssertTooManyRequests(HttpResponseMessage? response)
    {
        Assert.NotNull(response);
        using (response)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
            Assert.Equal(429, problem?.Status);
            Assert.Equal("Too many requests.", problem?.Title);
            Assert.Contains("Try again in", problem?.Detail, StringComparison.Ordinal);
        }
    }

    private sealed record ProblemBody(int Status, string? Title, string? Detail);
}
