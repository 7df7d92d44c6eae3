using System.Security.Claims;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Audit;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Dashboard;

namespace IgfPlatform.Server.Telemetry;

/// <summary>What an organizer gets to open the Orleans dashboard: where it is, and until when the pass works.</summary>
public sealed record DashboardSession(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Orleans' dashboard at <see cref="Path"/>, for organizers only. A browser navigates there without a bearer
/// header, so an organizer first asks <c>POST /api/admin/dashboard-session</c> (with their bearer token) for a
/// pass: a short-lived token of its own audience in an HttpOnly, SameSite=Strict cookie scoped to the
/// dashboard's path. It is signed with the platform's key, so every server of the cluster accepts it, and each
/// request checks again that the sign-in stands and the person is still an organizer.
/// </summary>
public static class OrleansDashboard
{
    public const string Path = "/admin/orleans";
    public const string Scheme = "OrleansDashboard";
    public const string Policy = "orleans-dashboard";
    public const string CookieName = "igf-dashboard";

    /// <summary>The pass is no bearer token of the API (another audience), and an API token is no pass.</summary>
    public static string AudienceOf(AuthSettings auth) => auth.Audience + ":orleans-dashboard";

    public static WebApplicationBuilder AddOrleansDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddJwtBearer(Scheme);
        builder.Services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<AuthSettings, SigningKey>((o, auth, key) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = AudienceOf(auth),
                    IssuerSigningKey = key.Key,
                    NameClaimType = IdentityHosting.NameClaim,
                    RoleClaimType = IdentityHosting.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token = context.Request.Cookies[CookieName];
                        return Task.CompletedTask;
                    },
                    // A sign-out, an erasure or a withdrawn organizer role ends the pass at the next request.
                    OnTokenValidated = async context =>
                    {
                        var services = context.HttpContext.RequestServices;
                        var grains = services.GetRequiredService<IGrainFactory>();
                        var participantId = context.Principal.ParticipantIdOrNull();
                        var signInId = TokenService.SignInOf(context.Principal);
                        if (participantId is null || signInId is null
                            || !await SignInGate.Accepts(grains, participantId, signInId, services.GetRequiredService<ILogger<SignInGate>>())
                            || !await grains.GetGrain<IParticipantGrain>(participantId).IsOrganizer())
                        {
                            context.Fail(TokenService.SignInAgain);
                        }
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Organizer));
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapPost("/api/admin/dashboard-session", async Task<Ok<DashboardSession>> (HttpContext http, IGrainFactory grains, AuthSettings auth, SigningKey key, TimeProvider time) =>
        {
            var participantId = http.User.ParticipantId();
            if (!await grains.GetGrain<IParticipantGrain>(participantId).IsOrganizer())
            {
                throw ForumException.Forbidden("Only organizers can open the Orleans dashboard.");
            }

            var signInId = TokenService.SignInOf(http.User) ?? throw ForumException.Unauthenticated(TokenService.SignInAgain);
            var now = time.GetUtcNow();
            var expires = now + auth.TokenLifetime;
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Subject = new ClaimsIdentity(
                [
                    new Claim(JwtRegisteredClaimNames.Sub, participantId),
                    new Claim(TokenService.SignInClaim, signInId),
                    new Claim(IdentityHosting.RoleClaim, Roles.Organizer),
                ]),
                Issuer = auth.Issuer,
                Audience = AudienceOf(auth),
                IssuedAt = now.UtcDateTime,
                NotBefore = now.UtcDateTime,
                Expires = expires.UtcDateTime,
                SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
            });
            http.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = Path,
                Expires = expires,
                IsEssential = true,
            });
            return TypedResults.Ok(new DashboardSession(Path + "/", expires));
        }).RequireAuthorization().Audited("openDashboard").WithTags("Operations")
            .WithSummary("A pass to the Orleans dashboard for this browser (organizers): a cookie for /admin/orleans, valid as long as an access token.");

        var dashboard = app.MapOrleansDashboard(Path).RequireAuthorization(Policy);

        // Grain state holds people's data (accounts hold e-mail addresses and password hashes): not shown.
        dashboard.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Path.Value?.Contains("/GrainState", StringComparison.OrdinalIgnoreCase) == true
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
                    detail: "The platform does not show grain state: it holds people's data.")
                : await next(context));
        return app;
    }
}
