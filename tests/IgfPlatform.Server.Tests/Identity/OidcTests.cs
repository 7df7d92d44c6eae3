using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Identity;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IgfPlatform.Server.Tests.Identity;

/// <summary>
/// An identity provider on loopback, as small as the platform needs: the discovery document and its keys
/// (one RSA key made here), and ID tokens signed with that key.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string KeyId = "test-key-1";
    public const string RotatedKeyId = "test-key-2";
    public const string ClientId = "igf-platform-web";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public TestIdentityProvider()
    {
        var port = FreePorts.Take();
        Issuer = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Issuer + "/");
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public string Issuer { get; }

    /// <summary>The key ID tokens are signed with (after <see cref="Rotate"/>, the new one).</summary>
    public RSA Key { get; private set; } = RSA.Create(2048);

    public string CurrentKeyId { get; private set; } = KeyId;

    private RSA? RetiredKey { get; set; }

    private TaskCompletionSource _keysFetched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next request for the keys after <see cref="Rotate"/>.</summary>
    public Task KeysFetched => _keysFetched.Task;

    /// <summary>A new signing key, published beside the old one, as providers rotate keys.</summary>
    public void Rotate()
    {
        _keysFetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (RetiredKey, Key, CurrentKeyId) = (Key, RSA.Create(2048), RotatedKeyId);
    }

    public string Token(
        string subject,
        string? email = null,
        string? name = "Amina Diallo",
        string? audience = ClientId,
        string? issuer = null,
        DateTime? expires = null,
        SigningCredentials? credentials = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (email is not null)
        {
            claims["email"] = email;
            claims["email_verified"] = true;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        var expiresAt = expires ?? DateTime.UtcNow.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiresAt.AddMinutes(-10),
            NotBefore = expiresAt.AddMinutes(-10),
            Expires = expiresAt,
            SigningCredentials = credentials ?? new SigningCredentials(new RsaSecurityKey(Key) { KeyId = CurrentKeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Stopping ends the wait for the next request.
        }

        Key.Dispose();
        RetiredKey?.Dispose();
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            var body = context.Request.Url?.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => Discovery(),
                "/jwks" => Keys(),
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
            if (body is not null && context.Request.Url?.AbsolutePath == "/jwks")
            {
                _keysFetched.TrySetResult();
            }
        }
    }

    private string Discovery() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + "/jwks",
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["response_types_supported"] = new JsonArray("code"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    }.ToJsonString();

    private string Keys()
    {
        var keys = new JsonArray(Jwk(Key, CurrentKeyId));
        if (RetiredKey is not null)
        {
            keys.Add(Jwk(RetiredKey, KeyId));
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private static JsonObject Jwk(RSA rsa, string keyId)
    {
        var key = rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = keyId,
            ["n"] = Base64Url.EncodeToString(key.Modulus),
            ["e"] = Base64Url.EncodeToString(key.Exponent),
        };
    }
}

/// <summary>A platform server that accepts the test identity provider's ID tokens.</summary>
public sealed class OidcServer : IAsyncLifetime
{
    public const string ButtonText = "Sign in with the test provider";

    public TestIdentityProvider Provider { get; } = new();

    public AzuriteInstance Azurite { get; private set; } = null!;

    public PlatformServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Server = await PlatformServer.StartAsync(Azurite.ConnectionString, new PlatformServerOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Auth__Oidc__Authority"] = Provider.Issuer,
                ["Auth__Oidc__Audience"] = TestIdentityProvider.ClientId,
                ["Auth__Oidc__RequireHttpsMetadata"] = "false",
                ["Auth__Oidc__DisplayName"] = ButtonText,
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.StopAsync();
            await Server.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        await Provider.DisposeAsync();
    }
}

public sealed class OidcTests(OidcServer oidc) : IClassFixture<OidcServer>
{
    private static readonly object Declaration = new { stakeholderGroup = "civilSociety", region = "africa", organization = "Open Networks Lab" };

    private TestIdentityProvider Provider => oidc.Provider;

    [Fact]
    public async Task Providers_name_the_identity_provider_and_its_button()
    {
        using var http = Http();
        var providers = await http.GetFromJsonAsync<JsonElement>("api/auth/providers");
        var provider = providers.GetProperty("oidc");
        Assert.Equal(Provider.Issuer, provider.GetProperty("authority").GetString());
        Assert.Equal(TestIdentityProvider.ClientId, provider.GetProperty("audience").GetString());
        Assert.Equal(OidcServer.ButtonText, provider.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task First_sign_in_asks_for_the_declaration_then_creates_the_participant_and_later_finds_them()
    {
        var subject = NewSubject();
        var email = $"{subject}@example.org";

        // Without the declaration: told which fields to declare, and nothing is created.
        var asked = await SignIn(new { idToken = Provider.Token(subject, email) });
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        var problem = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(OidcSignIn.DeclarationNeeded, problem.GetProperty("detail").GetString());
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["region", "stakeholderGroup"], fields);
        Assert.Equal(HttpStatusCode.Conflict, (await SignIn(new { idToken = Provider.Token(subject, email) })).StatusCode);

        // With it: the participant, named from the token, signed in with the platform's own tokens.
        var first = await Signed(await SignIn(new { idToken = Provider.Token(subject, email), registration = Declaration }));
        using var me = await Get("api/me", first.Token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var profile = await me.Content.ReadFromJsonAsync<ParticipantProfile>(ForumJson.Options);
        Assert.Equal(first.ParticipantId, profile!.ParticipantId);
        Assert.Equal("Amina Diallo", profile.DisplayName);
        Assert.Equal(email, profile.Email);
        Assert.Equal(StakeholderGroup.CivilSociety, profile.StakeholderGroup);
        Assert.Equal(Region.Africa, profile.Region);

        await using (var hub = await SignInHub.Connect(oidc.Server, first.Token))
        {
            Assert.NotNull(await hub.InvokeAsync<FeedPosition>("FollowArchive"));
        }

        // Again, without a declaration: the same participant, a new sign-in.
        var second = await Signed(await SignIn(new { idToken = Provider.Token(subject, email) }));
        Assert.Equal(first.ParticipantId, second.ParticipantId);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
    }

    [Fact]
    public async Task A_person_of_the_identity_provider_erases_their_account_with_a_fresh_sign_in()
    {
        var subject = NewSubject();
        var email = $"{subject}@example.org";
        var signedIn = await Signed(await SignIn(new { idToken = Provider.Token(subject, email), registration = Declaration }));

        // No password to give: the sign-in of a moment ago confirms it.
        using (var http = Http())
        using (var erase = new HttpRequestMessage(HttpMethod.Delete, "api/me") { Content = JsonContent.Create(new { password = (string?)null }) })
        {
            erase.Headers.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.Token);
            using var erased = await http.SendAsync(erase);
            Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        }

        using (var me = await Get("api/me", signedIn.Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        // The link to the provider's account is gone: signing in again is a first sign-in, of someone new.
        Assert.Equal(HttpStatusCode.Conflict, (await SignIn(new { idToken = Provider.Token(subject, email) })).StatusCode);
        var again = await Signed(await SignIn(new { idToken = Provider.Token(subject, email), registration = Declaration }));
        Assert.NotEqual(signedIn.ParticipantId, again.ParticipantId);
    }

    [Fact]
    public async Task The_refresh_token_of_an_identity_provider_sign_in_renews()
    {
        var subject = NewSubject();
        var signedIn = await Signed(await SignIn(new { idToken = Provider.Token(subject, $"{subject}@example.org"), registration = Declaration }));

        using var http = Http();
        using var renewal = await http.PostAsJsonAsync("api/auth/refresh", new { refreshToken = signedIn.RefreshToken });
        var renewed = await Signed(renewal);
        Assert.Equal(signedIn.ParticipantId, renewed.ParticipantId);
        Assert.NotEqual(signedIn.Token, renewed.Token);
        using var me = await Get("api/me", renewed.Token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_declaration_is_checked_like_a_registration()
    {
        var subject = NewSubject();
        using var refused = await SignIn(new
        {
            idToken = Provider.Token(subject, $"{subject}@example.org", name: null),
            registration = new { stakeholderGroup = "civilSociety", region = "africa" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("displayName", out _));
    }

    [Fact]
    public async Task An_e_mail_address_of_a_password_account_is_not_taken_over()
    {
        var person = ForumFaker.Person();
        await oidc.Server.CreateApi().RegisterAsync(person);
        using var refused = await SignIn(new { idToken = Provider.Token(NewSubject(), person.Email), registration = Declaration });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(OidcSignIn.EmailTaken, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    public static TheoryData<string> Forgeries() =>
    [
        "wrong audience",
        "wrong issuer",
        "expired",
        "another key",
        "alg none",
        "HS256 with the public key",
        "garbage",
        "empty",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_token_that_is_not_the_providers_is_refused_with_a_clear_401(string forgery)
    {
        // The subject exists: what is refused is the token, not an unknown person.
        var subject = NewSubject();
        var email = $"{subject}@example.org";
        await Signed(await SignIn(new { idToken = Provider.Token(subject, email), registration = Declaration }));

        var (token, reason) = Forge(forgery, subject, email);
        using var refused = await SignIn(new { idToken = token, registration = Declaration });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(reason, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_rotated_key_of_the_provider_is_fetched_and_accepted()
    {
        var subject = NewSubject();
        var email = $"{subject}@example.org";
        var before = await Signed(await SignIn(new { idToken = Provider.Token(subject, email), registration = Declaration }));

        // The library may fetch the new keys in the background and still judge this first token with the old ones.
        Provider.Rotate();
        var first = await SignIn(new { idToken = Provider.Token(subject, email) });
        await Provider.KeysFetched.WaitAsync(TimeSpan.FromSeconds(30));
        // The keys are served; the library takes them in as that fetch completes: ask again until then
        // (each round trip paces the next), within a bound.
        var response = first;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (response.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            response.Dispose();
            response = await SignIn(new { idToken = Provider.Token(subject, email) });
        }

        Assert.Equal(before.ParticipantId, (await Signed(response)).ParticipantId);
    }

    [Fact]
    public void Settings_are_checked_at_start_with_a_clear_error()
    {
        static AuthSettings With(OidcSettings oidc) => new() { Oidc = oidc };
        var validation = new OidcSettingsValidation();

        Assert.True(validation.Validate(null, With(new OidcSettings())).Succeeded);
        Assert.True(validation.Validate(null, With(new OidcSettings { Authority = "https://login.example.org/realms/forum", Audience = "forum" })).Succeeded);
        Assert.True(validation.Validate(null, With(new OidcSettings { Authority = "http://127.0.0.1:5000", Audience = "forum", RequireHttpsMetadata = false })).Succeeded);

        Assert.Contains("Authority must use https", validation.Validate(null, With(new OidcSettings { Authority = "http://login.example.org", Audience = "forum" })).FailureMessage);
        Assert.Contains("only for an Authority on loopback", validation.Validate(null, With(new OidcSettings { Authority = "http://login.example.org", Audience = "forum", RequireHttpsMetadata = false })).FailureMessage);
        Assert.Contains("issuer URL", validation.Validate(null, With(new OidcSettings { Authority = "login.example.org", Audience = "forum" })).FailureMessage);
        Assert.Contains("Audience", validation.Validate(null, With(new OidcSettings { Authority = "https://login.example.org" })).FailureMessage);
        Assert.Contains("DisplayName", validation.Validate(null, With(new OidcSettings { Authority = "https://login.example.org", Audience = "forum", DisplayName = " " })).FailureMessage);
    }

    private (string Token, string Reason) Forge(string forgery, string subject, string email)
    {
        switch (forgery)
        {
            case "wrong audience":
                return (Provider.Token(subject, email, audience: "another-application"), OidcSignIn.WrongAudience);
            case "wrong issuer":
                return (Provider.Token(subject, email, issuer: "http://127.0.0.1:1/elsewhere"), OidcSignIn.WrongIssuer);
            case "expired":
                return (Provider.Token(subject, email, expires: DateTime.UtcNow.AddMinutes(-10)), OidcSignIn.Expired);
            case "another key":
            {
                using var other = RSA.Create(2048);
                var credentials = new SigningCredentials(new RsaSecurityKey(other.ExportParameters(true)) { KeyId = Provider.CurrentKeyId }, SecurityAlgorithms.RsaSha256);
                return (Provider.Token(subject, email, credentials: credentials), OidcSignIn.WrongSignature);
            }

            case "alg none":
            {
                var valid = Provider.Token(subject, email).Split('.');
                var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
                return ($"{header}.{valid[1]}.", OidcSignIn.WrongAlgorithm);
            }

            case "HS256 with the public key":
            {
                // The classic key confusion: the provider's public key, known to all, used as an HMAC secret.
                var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Provider.Key.ExportSubjectPublicKeyInfoPem())) { KeyId = Provider.CurrentKeyId };
                return (Provider.Token(subject, email, credentials: new SigningCredentials(secret, SecurityAlgorithms.HmacSha256)), OidcSignIn.WrongAlgorithm);
            }

            case "garbage":
                return ("eyJhbGciOiJSUzI1NiJ9.not-json.c2lnbmF0dXJl", OidcSignIn.NotValid);
            default:
                return (string.Empty, OidcSignIn.NotValid);
        }
    }

    private static string NewSubject() => "user-" + Guid.NewGuid().ToString("N");

    private HttpClient Http() => new() { BaseAddress = oidc.Server.BaseUri };

    private async Task<HttpResponseMessage> SignIn(object body)
    {
        using var http = Http();
        return await http.PostAsJsonAsync("api/auth/oidc", body);
    }

    private async Task<HttpResponseMessage> Get(string path, string token)
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<AuthResult> Signed(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var result = await response.Content.ReadFromJsonAsync<AuthResult>(ForumJson.Options);
            Assert.NotNull(result);
            Assert.False(string.IsNullOrEmpty(result.Token));
            Assert.False(string.IsNullOrEmpty(result.RefreshToken));
            return result;
        }
    }
}

/// <summary>A platform without an identity provider: the route says so, and no button is offered.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OidcOffTests(PlatformFixture platform)
{
    [Fact]
    public async Task Without_an_identity_provider_there_is_no_oidc_sign_in()
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        var providers = await http.GetFromJsonAsync<JsonElement>("api/auth/providers");
        Assert.Equal(JsonValueKind.Null, providers.GetProperty("oidc").ValueKind);

        using var refused = await http.PostAsJsonAsync("api/auth/oidc", new { idToken = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OidcSignIn.NotOffered, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
