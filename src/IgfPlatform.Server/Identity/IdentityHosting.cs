using System.Net.Mail;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IgfPlatform.Server.Identity;

/// <summary>Registration, sign-in and the signed bearer tokens.</summary>
public static class IdentityHosting
{
    public const string RoleClaim = "role";
    public const string NameClaim = JwtRegisteredClaimNames.Name;

    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthSettings>>().Value);
        builder.Services.AddSingleton(sp => SigningKey.Load(
            sp.GetRequiredService<AuthSettings>(),
            sp.GetRequiredService<IOptions<PlatformSettings>>().Value,
            sp.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<IPasswordHasher<AccountCredentials>, PasswordHasher<AccountCredentials>>();
        builder.Services.AddSingleton<AccountService>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AuthSettings, SigningKey>((o, auth, key) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = key.Key,
                    NameClaimType = NameClaim,
                    RoleClaimType = RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    // A token stands only while its sign-in does (sign-out, a replayed refresh token, erasure).
                    OnTokenValidated = async context =>
                    {
                        var participantId = context.Principal.ParticipantIdOrNull();
                        var signInId = TokenService.SignInOf(context.Principal);
                        var services = context.HttpContext.RequestServices;
                        if (participantId is null || signInId is null
                            || !await SignInGate.Accepts(services.GetRequiredService<IGrainFactory>(), participantId, signInId, services.GetRequiredService<ILogger<SignInGate>>()))
                        {
                            context.Fail(TokenService.SignInAgain);
                            return;
                        }

                        // The hub closes a connection when the token it was opened with expires.
                        context.Properties.ExpiresUtc = context.SecurityToken.ValidTo;
                    },
                    // Browsers cannot set headers on WebSockets: the hub's token comes in the query.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<SignInHubFilter>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<SignInHubFilter>());
        return builder;
    }

    /// <summary>
    /// A request that brings a token which does not stand (expired, forged, of an ended sign-in) is refused
    /// with 401, never served as anonymous: the client then knows to renew or to sign in again.
    /// </summary>
    public static WebApplication UseRejectedTokens(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var presented = request.Headers.Authorization.Count > 0
                || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token"));
            if (presented && context.User.Identity?.IsAuthenticated != true)
            {
                var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                if (!result.Succeeded)
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                    await SecurityHosting.WriteProblem(context, StatusCodes.Status401Unauthorized, "Unauthorized.", TokenService.SignInAgain);
                    return;
                }
            }

            await next();
        });
        return app;
    }

    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity");
        auth.MapPost("/register", async Task<Created<AuthResult>> (RegisterRequest request, AccountService accounts, Telemetry.PlatformMetrics metrics) =>
        {
            var result = await Telemetry.SignInCounting.Count(metrics, "registration", () => accounts.Register(request));
            return TypedResults.Created("/api/me", result);
        }).RequireRateLimiting(SecurityHosting.RegisterPolicy).WithSummary("Register as a participant.");

        auth.MapPost("/login", async Task<Ok<AuthResult>> (LoginRequest request, AccountService accounts, Telemetry.PlatformMetrics metrics) =>
            TypedResults.Ok(await Telemetry.SignInCounting.Count(metrics, "password", () => accounts.Login(request))))
            .RequireRateLimiting(SecurityHosting.LoginPolicy)
            .WithSummary("Sign in.");

        auth.MapPost("/refresh", async Task<Ok<AuthResult>> (RefreshRequest request, TokenService tokens, Telemetry.PlatformMetrics metrics) =>
            TypedResults.Ok(await Telemetry.SignInCounting.Count(metrics, "refresh", () => tokens.Renew(request?.RefreshToken))))
            .RequireRateLimiting(SecurityHosting.LoginPolicy)
            .WithSummary("Renew the access token with the refresh token (each refresh token works once).");

        auth.MapPost("/logout", async Task<NoContent> (HttpContext http, IGrainFactory grains) =>
        {
            var signInId = TokenService.SignInOf(http.User) ?? throw ForumException.Unauthenticated(TokenService.SignInAgain);
            await grains.GetGrain<IParticipantGrain>(http.User.ParticipantId()).EndSignIn(signInId);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("Sign out here: this sign-in's tokens stop working and its connections close.");

        app.MapGet("/api/me/sign-ins", async Task<Ok<IReadOnlyList<SignInRecord>>> (HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IParticipantGrain>(http.User.ParticipantId()).GetSignIns()))
            .RequireAuthorization().WithTags("Identity").WithSummary("Where you are signed in.");

        app.MapDelete("/api/me/sign-ins", async Task<NoContent> (HttpContext http, IGrainFactory grains) =>
        {
            await grains.GetGrain<IParticipantGrain>(http.User.ParticipantId()).EndAllSignIns();
            return TypedResults.NoContent();
        }).RequireAuthorization().WithTags("Identity").WithSummary("Sign out everywhere: every sign-in ends, every connection closes.");

        app.MapGet("/api/me", async Task<Ok<ParticipantProfile>> (HttpContext http, IGrainFactory grains) =>
        {
            var profile = await grains.GetGrain<IParticipantGrain>(http.User.ParticipantId()).GetProfile()
                ?? throw ForumException.NotFound("Your account no longer exists.");
            return TypedResults.Ok(profile);
        }).RequireAuthorization().WithTags("Identity").WithSummary("Your own profile.");
        return app;
    }
}

public sealed record RegisterRequest(
    string? Email,
    string? Password,
    string? DisplayName,
    StakeholderGroup? StakeholderGroup,
    Region? Region,
    Gender? Gender,
    string? Organization,
    string? Country);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Registration and sign-in: checks input, hashes passwords, asks the grains.</summary>
public sealed class AccountService(
    IGrainFactory grains,
    IPasswordHasher<AccountCredentials> hasher,
    TokenService tokens,
    SecuritySettings security,
    TimeProvider time)
{
    public const string WrongCredentials = "The e-mail address or the password is not right.";
    public const string LockedOut = WrongCredentials + " Too many failed sign-ins: try again later.";

    // Compared against when the address is unknown, so both failures take the same time.
    private static readonly AccountCredentials Nobody = new("nobody", string.Empty);
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public async Task<AuthResult> Register(RegisterRequest request)
    {
        var profile = Validate(request);
        var hash = HashPassword(request.Password!);
        var created = await grains.GetGrain<IAccountGrain>(profile.Email).Register(profile, hash);
        return await tokens.StartSignIn(created);
    }

    /// <summary>Registers with an already computed hash (demo data: one hash for many accounts).</summary>
    public async Task<ParticipantProfile> RegisterWithHash(RegisterRequest request, string passwordHash)
    {
        var profile = Validate(request);
        return await grains.GetGrain<IAccountGrain>(profile.Email).Register(profile, passwordHash);
    }

    public string HashPassword(string password) => hasher.HashPassword(Nobody, password);

    public async Task<AuthResult> Login(LoginRequest request)
    {
        if (string.IsNullOrWhiteSpace(request?.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw ForumException.Invalid("Give your e-mail address and your password.");
        }

        if (request.Email.Length > IdentityLimits.MaxEmailLength)
        {
            throw ForumException.Invalid("email", $"An e-mail address has at most {IdentityLimits.MaxEmailLength} characters.");
        }

        if (request.Password.Length > IdentityLimits.MaxPasswordLength)
        {
            // No account has such a password: refused as any wrong one, without hashing megabytes.
            throw ForumException.Unauthenticated(WrongCredentials);
        }

        // Known and unknown addresses go the same way: locked after the same failures, same messages.
        var account = grains.GetGrain<IAccountGrain>(NormalizeEmail(request.Email));
        if (await account.GetLockedUntil() is not null)
        {
            throw ForumException.Unauthenticated(LockedOut);
        }

        var credentials = await account.GetCredentials();
        var verdict = hasher.VerifyHashedPassword(credentials ?? Nobody, credentials?.PasswordHash ?? _decoyHash.Value, request.Password);
        if (credentials is null || verdict == PasswordVerificationResult.Failed)
        {
            var locked = await account.RecordFailedSignIn(security.LockoutThreshold, security.LockoutDuration);
            throw ForumException.Unauthenticated(locked is null ? WrongCredentials : LockedOut);
        }

        await account.RecordSuccessfulSignIn();
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await account.UpdatePasswordHash(hasher.HashPassword(credentials, request.Password));
        }

        var profile = await grains.GetGrain<IParticipantGrain>(credentials.ParticipantId).GetProfile()
            ?? throw ForumException.Unauthenticated("This account no longer exists.");
        return await tokens.StartSignIn(profile);
    }

    /// <summary>Checks a registration; one through an identity provider has no password.</summary>
    internal ParticipantProfile Validate(RegisterRequest? request, bool withPassword = true)
    {
        if (request is null)
        {
            throw ForumException.Invalid("The registration is required.");
        }

        var errors = new Dictionary<string, string[]>();
        var email = request.Email is null ? string.Empty : NormalizeEmail(request.Email);
        if (email.Length == 0 || email.Length > IdentityLimits.MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors["email"] = ["Give a valid e-mail address."];
        }

        if (withPassword && (request.Password is null || request.Password.Length < IdentityLimits.MinPasswordLength || request.Password.Length > IdentityLimits.MaxPasswordLength))
        {
            errors["password"] = [$"A password has from {IdentityLimits.MinPasswordLength} to {IdentityLimits.MaxPasswordLength} characters."];
        }

        var displayName = request.DisplayName?.Trim() ?? string.Empty;
        if (displayName.Length == 0 || displayName.Length > IdentityLimits.MaxDisplayNameLength)
        {
            errors["displayName"] = [$"A display name has from 1 to {IdentityLimits.MaxDisplayNameLength} characters."];
        }

        if (request.StakeholderGroup is not { } group || !Enum.IsDefined(group))
        {
            errors["stakeholderGroup"] = ["Declare your stakeholder group."];
        }

        if (request.Region is not { } region || !Enum.IsDefined(region))
        {
            errors["region"] = ["Declare your UN regional group."];
        }

        if (request.Gender is { } gender && !Enum.IsDefined(gender))
        {
            errors["gender"] = ["Unknown gender value."];
        }

        var organization = string.IsNullOrWhiteSpace(request.Organization) ? null : request.Organization.Trim();
        if (organization?.Length > IdentityLimits.MaxOrganizationLength)
        {
            errors["organization"] = [$"An organization's name has at most {IdentityLimits.MaxOrganizationLength} characters."];
        }

        var country = string.IsNullOrWhiteSpace(request.Country) ? null : request.Country.Trim();
        if (country?.Length > IdentityLimits.MaxCountryLength)
        {
            errors["country"] = [$"A country's name has at most {IdentityLimits.MaxCountryLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The registration is not valid.", errors);
        }

        return new ParticipantProfile(
            "p-" + Guid.NewGuid().ToString("N"), email, displayName, request.StakeholderGroup!.Value, request.Region!.Value,
            request.Gender, organization, country, [], time.GetUtcNow());
    }
}
