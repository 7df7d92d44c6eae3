using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace IgfPlatform.Server.Security;

/// <summary>Abuse limits, the hub's Origin allow-list and the security headers.</summary>
public static class SecurityHosting
{
    public const string LoginPolicy = "sign-in";
    public const string RegisterPolicy = "registration";

    /// <summary>The policy of every response; connect-src also names the hub's ws/wss address on this host.</summary>
    public static string ContentSecurityPolicy(string? host) =>
        "default-src 'self'; script-src 'self'; " +
        (host is null ? "connect-src 'self'; " : $"connect-src 'self' ws://{host} wss://{host}; ") +
        "img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page only (Scalar, a developer page without user content): Scalar starts from an
    /// inline script and sets inline styles, which the web app's policy forbids. Everything else is as strict.
    /// </summary>
    public const string ApiReferencePath = "/api-reference";

    public static string ApiReferencePolicy(string? host) =>
        ContentSecurityPolicy(host)
            .Replace("script-src 'self';", "script-src 'self' 'unsafe-inline';", StringComparison.Ordinal)
            .Replace("style-src 'self';", "style-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    /// <summary>
    /// The Orleans dashboard (organizers only) adds a style element of its own and carries its icon font
    /// inline (data: URLs); its scripts stay 'self'.
    /// </summary>
    public static string DashboardPolicy(string? host) =>
        ContentSecurityPolicy(host)
            .Replace("style-src 'self';", "style-src 'self' 'unsafe-inline'; font-src 'self' data:;", StringComparison.Ordinal);

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecuritySettings>().BindConfiguration(SecuritySettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SecuritySettings>>().Value);

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginPolicy, http => ByClientAddress(http, s => (s.LoginPermitLimit, s.LoginWindow)));
            o.AddPolicy(RegisterPolicy, http => ByClientAddress(http, s => (s.RegisterPermitLimit, s.RegisterWindow)));
            o.OnRejected = WriteTooManyRequests;
        });

        // The hub's size limit and call limits; ForumHubFilter (added first) stays the outer filter.
        builder.Services.AddSingleton<ParticipantConnections>();
        builder.Services.AddSingleton<HubLimitsFilter>();
        builder.Services.AddOptions<HubOptions>().PostConfigure<SecuritySettings>((hub, security) =>
        {
            hub.MaximumReceiveMessageSize = security.HubMaxMessageBytes;
            hub.AddFilter<HubLimitsFilter>();
        });
        return builder;
    }

    /// <summary>Before static files and endpoints, so every response carries the headers.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<SecuritySettings>();
        var allowed = settings.AllowedOrigins.Select(o => SecuritySettings.NormalizeOrigin(o)!).ToHashSet(StringComparer.Ordinal);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SetSecurityHeaders(context);
                return Task.CompletedTask;
            });

            if (context.Request.Path.StartsWithSegments("/hubs") && !OriginAllowed(context.Request, allowed))
            {
                return WriteProblem(context, StatusCodes.Status403Forbidden, "Origin not allowed.",
                    "This page's origin may not connect to the platform's live hub.");
            }

            return next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>No Origin (a non-browser client), the platform's own, or one of the allowed.</summary>
    public static bool OriginAllowed(HttpRequest request, IReadOnlySet<string> allowed)
    {
        var values = request.Headers.Origin;
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1)
        {
            return false;
        }

        var origin = SecuritySettings.NormalizeOrigin(values[0]);
        if (origin is null)
        {
            return false; // "null" (sandboxed or file pages) and anything malformed.
        }

        var own = SecuritySettings.NormalizeOrigin($"{request.Scheme}://{request.Host.Value}");
        return origin == own || allowed.Contains(origin);
    }

    private static void SetSecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        var host = context.Request.Host.HasValue ? context.Request.Host.Value : null;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReferencePath)
            ? ApiReferencePolicy(host)
            : context.Request.Path.StartsWithSegments(Telemetry.OrleansDashboard.Path)
                ? DashboardPolicy(host)
                : ContentSecurityPolicy(host);
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static RateLimitPartition<string> ByClientAddress(HttpContext http, Func<SecuritySettings, (int Permits, TimeSpan Window)> limit)
    {
        var (permits, window) = limit(http.RequestServices.GetRequiredService<SecuritySettings>());
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask WriteTooManyRequests(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<Telemetry.PlatformMetrics>().Refused("http", "rate_limit");
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await WriteProblem(context, StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"Too many attempts from your address. Try again in {seconds} seconds.");
    }

    internal static async Task WriteProblem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
