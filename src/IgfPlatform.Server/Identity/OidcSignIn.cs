using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace IgfPlatform.Server.Identity;

/// <summary>An ID token from the deployment's identity provider; the declaration is needed at first sign-in only.</summary>
public sealed record OidcSignInRequest(string? IdToken, OidcRegistration? Registration);

/// <summary>What a person declares at their first sign-in through the identity provider.</summary>
public sealed record OidcRegistration(
    string? DisplayName,
    StakeholderGroup? StakeholderGroup,
    Region? Region,
    Gender? Gender,
    string? Organization,
    string? Country);

/// <summary>The ways to sign in besides a password (no secrets: clients show buttons from it).</summary>
public sealed record SignInProviders(OidcProvider? Oidc);

public sealed record OidcProvider(string Authority, string Audience, string DisplayName);

/// <summary>Sign-in with an OpenID Connect identity provider, which then holds the platform's own tokens.</summary>
public static class OidcHosting
{
    public static WebApplicationBuilder AddOidcSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<AuthSettings>, OidcSettingsValidation>();
        builder.Services.AddSingleton<OidcSignIn>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOidcSignIn(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity");
        auth.MapPost("/oidc", async Task<Ok<AuthResult>> (OidcSignInRequest request, OidcSignIn oidc, Telemetry.PlatformMetrics metrics) =>
            TypedResults.Ok(await Telemetry.SignInCounting.Count(metrics, "identity_provider", () => oidc.SignIn(request))))
            .RequireRateLimiting(SecurityHosting.LoginPolicy)
            .WithSummary("Sign in with an ID token of the platform's identity provider (the first time, with the declaration).");

        auth.MapGet("/providers", Ok<SignInProviders> (AuthSettings settings) =>
        {
            var oidc = settings.Oidc;
            return TypedResults.Ok(new SignInProviders(oidc.Enabled ? new OidcProvider(oidc.Authority!, oidc.Audience!, oidc.DisplayName) : null));
        }).WithSummary("Whether an identity provider's sign-in is offered, and its button's text.");
        return app;
    }
}

/// <summary>
/// Checks an identity provider's ID token and signs its holder in to the platform's account linked to the
/// token's (issuer, subject): the provider proves who the person is, the platform keeps everything else.
/// </summary>
public sealed class OidcSignIn : IDisposable
{
    public const string NotOffered = "This platform does not offer sign-in with an identity provider.";
    public const string DeclarationNeeded = "First sign-in on the platform: declare your stakeholder group and regional group (registration).";
    public const string NotValid = "The identity token is not valid.";
    public const string WrongAlgorithm = "The identity token is not signed with an accepted algorithm (RS256 or ES256).";
    public const string WrongSignature = "The identity token is not signed by the identity provider.";
    public const string WrongIssuer = "The identity token comes from another identity provider.";
    public const string WrongAudience = "The identity token was issued for another application.";
    public const string Expired = "The identity token has expired: sign in at the identity provider again.";
    public const string NoEmail = "The identity provider gave no verified e-mail address: the platform needs one.";
    public const string EmailTaken =
        "An account with this e-mail address already exists: sign in with its password (an identity provider's sign-in is never joined to an existing account).";

    // An ID token is a few KB; anything far larger is refused before it is parsed.
    private const int MaxTokenLength = 16 * 1024;
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
    private static readonly JsonWebTokenHandler Handler = new();

    private readonly OidcSettings _settings;
    private readonly AccountService _accounts;
    private readonly TokenService _tokens;
    private readonly IGrainFactory _grains;
    private readonly ILogger<OidcSignIn> _logger;
    private readonly HttpClient? _http;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _configuration;

    public OidcSignIn(AuthSettings auth, AccountService accounts, TokenService tokens, IGrainFactory grains, ILogger<OidcSignIn> logger)
    {
        _settings = auth.Oidc;
        _accounts = accounts;
        _tokens = tokens;
        _grains = grains;
        _logger = logger;
        if (_settings.Enabled)
        {
            _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = 1024 * 1024 };

            // Discovery and the keys are fetched once and then every 12 hours (the manager's default), or
            // sooner, at most every 5 minutes, when a token names a key not yet known (a key rotation).
            _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
                _settings.Authority!.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(_http) { RequireHttps = _settings.RequireHttpsMetadata });
        }
    }

    /// <summary>The account key of an (issuer, subject): upper case, which no normalized e-mail address has, so no password sign-in reaches it.</summary>
    public static string AccountKey(string issuer, string subject) =>
        "OIDC:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + subject)));

    public async Task<AuthResult> SignIn(OidcSignInRequest? request)
    {
        if (_configuration is null)
        {
            throw ForumException.NotFound(NotOffered);
        }

        var (issuer, claims) = await ValidateIdToken(request?.IdToken);
        var subject = claims.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        if (string.IsNullOrEmpty(subject) || subject.Length > 255)
        {
            throw ForumException.Unauthenticated(NotValid);
        }

        var account = _grains.GetGrain<IAccountGrain>(AccountKey(issuer, subject));
        if (await SignInLinked(account) is { } signedIn)
        {
            return signedIn;
        }

        var email = claims.FindFirst(_settings.EmailClaim)?.Value;
        var verified = claims.FindFirst("email_verified")?.Value;
        if (string.IsNullOrWhiteSpace(email) || (verified is not null && !string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase)))
        {
            throw ForumException.Invalid(NoEmail);
        }

        var registration = request!.Registration;
        var displayName = registration?.DisplayName ?? claims.FindFirst(_settings.NameClaim)?.Value;
        var asRegistration = new RegisterRequest(
            email, null, displayName, registration?.StakeholderGroup, registration?.Region,
            registration?.Gender, registration?.Organization, registration?.Country);
        ParticipantProfile profile;
        try
        {
            profile = _accounts.Validate(asRegistration, withPassword: false);
        }
        catch (ForumException invalid) when (registration is null)
        {
            // The client shows the declaration form on this answer, with the fields it names.
            throw new ForumException(ForumErrorKind.Conflict, DeclarationNeeded, invalid.Errors) { Detail = DeclarationNeeded };
        }

        // Never joined to a password account by e-mail (docs/security.md says why): that address stays its owner's.
        if (await _grains.GetGrain<IAccountGrain>(profile.Email).GetCredentials() is not null)
        {
            throw ForumException.Conflict(EmailTaken);
        }

        try
        {
            // The account has a password nobody knows (a random secret, dropped): it is entered through the provider only.
            var created = await account.Register(profile, _accounts.HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

            // Erasure frees this link too: the participant knows where it is.
            await _grains.GetGrain<IParticipantGrain>(created.ParticipantId)
                .RecordFootprint(new Contracts.Privacy.DataFootprint(Contracts.Privacy.PersonalDataKinds.Account, account.GetPrimaryKeyString()));
            _logger.LogInformation("Participant {ParticipantId} registered through the identity provider", created.ParticipantId);
            return await _tokens.StartSignIn(created);
        }
        catch (ForumException ex) when (ex.Kind == ForumErrorKind.Conflict)
        {
            // Two first sign-ins at once: the other one created the account.
            if (await SignInLinked(account) is { } linked)
            {
                return linked;
            }

            throw;
        }
    }

    public void Dispose() => _http?.Dispose();

    private async Task<AuthResult?> SignInLinked(IAccountGrain account)
    {
        if (await account.GetCredentials() is not { } linked)
        {
            return null;
        }

        var person = _grains.GetGrain<IParticipantGrain>(linked.ParticipantId);
        var profile = await person.GetProfile()
            ?? throw ForumException.Unauthenticated("This account no longer exists.");

        // Known already (a no-op), except for links made before erasure looked for them.
        await person.RecordFootprint(new Contracts.Privacy.DataFootprint(Contracts.Privacy.PersonalDataKinds.Account, account.GetPrimaryKeyString()));
        return await _tokens.StartSignIn(profile);
    }

    private async Task<(string Issuer, ClaimsIdentity Claims)> ValidateIdToken(string? idToken)
    {
        if (string.IsNullOrWhiteSpace(idToken) || idToken.Length > MaxTokenLength || !Handler.CanReadToken(idToken))
        {
            throw ForumException.Unauthenticated(NotValid);
        }

        // The header is checked first, so "none" and HMAC (a provider's public key used as a shared secret) never reach key selection.
        JsonWebToken token;
        try
        {
            token = Handler.ReadJsonWebToken(idToken);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            throw ForumException.Unauthenticated(NotValid);
        }

        if (token.IsEncrypted || !Algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            throw ForumException.Unauthenticated(WrongAlgorithm);
        }

        var configuration = await Configuration(refresh: false);
        var result = await Handler.ValidateTokenAsync(idToken, Parameters(configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Perhaps rotated keys: fetched again, at most once per the manager's refresh interval.
            configuration = await Configuration(refresh: true);
            result = await Handler.ValidateTokenAsync(idToken, Parameters(configuration));
        }

        if (!result.IsValid)
        {
            _logger.LogInformation("Refused an ID token: {Reason}", result.Exception?.Message);
            throw ForumException.Unauthenticated(result.Exception switch
            {
                SecurityTokenInvalidAudienceException => WrongAudience,
                SecurityTokenInvalidIssuerException => WrongIssuer,
                SecurityTokenExpiredException => Expired,
                SecurityTokenInvalidAlgorithmException => WrongAlgorithm,
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => WrongSignature,
                _ => NotValid,
            });
        }

        return (configuration.Issuer, result.ClaimsIdentity);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudience = _settings.Audience,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = true,
        ClockSkew = TimeSpan.FromMinutes(1),
    };

    private async Task<OpenIdConnectConfiguration> Configuration(bool refresh)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            if (refresh)
            {
                _configuration!.RequestRefresh();
            }

            configuration = await _configuration!.GetConfigurationAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not ForumException)
        {
            _logger.LogWarning(ex, "The identity provider's discovery document or keys could not be read");
            throw ForumException.Unavailable("The identity provider cannot be reached: try again shortly.");
        }

        // OpenID Connect Discovery: the document's issuer is the Authority itself, or it is not this provider's.
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), _settings.Authority!.TrimEnd('/'), StringComparison.Ordinal))
        {
            _logger.LogWarning("The discovery document's issuer {Issuer} is not the configured Authority", configuration.Issuer);
            throw ForumException.Unavailable("The identity provider's configuration does not match the platform's: sign-in with it is not possible now.");
        }

        return configuration;
    }
}

/// <summary>Refuses to start with an identity provider configured wrongly, saying what to fix.</summary>
internal sealed class OidcSettingsValidation : IValidateOptions<AuthSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthSettings options)
    {
        var oidc = options.Oidc;
        if (!oidc.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            || authority.Scheme is not ("https" or "http") || authority.Query.Length > 0 || authority.Fragment.Length > 0)
        {
            errors.Add("Auth:Oidc:Authority must be the identity provider's issuer URL, such as https://login.example.org/realms/forum.");
        }
        else if (!oidc.RequireHttpsMetadata && !authority.IsLoopback)
        {
            errors.Add("Auth:Oidc:RequireHttpsMetadata may be false only for an Authority on loopback (tests).");
        }
        else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
        {
            errors.Add("Auth:Oidc:Authority must use https.");
        }

        if (string.IsNullOrWhiteSpace(oidc.Audience))
        {
            errors.Add("Auth:Oidc:Audience must be the client id the identity provider issues the platform's ID tokens for.");
        }

        if (string.IsNullOrWhiteSpace(oidc.DisplayName) || oidc.DisplayName.Length > 100)
        {
            errors.Add("Auth:Oidc:DisplayName, the sign-in button's text, must have from 1 to 100 characters.");
        }

        if (string.IsNullOrWhiteSpace(oidc.EmailClaim) || string.IsNullOrWhiteSpace(oidc.NameClaim))
        {
            errors.Add("Auth:Oidc:EmailClaim and Auth:Oidc:NameClaim must name claims of the ID token.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
