using System.Text.Json;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Agenda;
using IgfPlatform.Server.Consultations;
using IgfPlatform.Server.Demo;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Live;
using IgfPlatform.Server.Proceedings;
using IgfPlatform.Server.Questions;
using IgfPlatform.Server.Security;
using IgfPlatform.Server.Sessions;
using IgfPlatform.Server.SpeakingQueue;
using IgfPlatform.Server.StakeholderGroups;
using IgfPlatform.Server.Topics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using IgfPlatform.Server.Audit;
using IgfPlatform.Server.Telemetry;

namespace IgfPlatform.Server.Hosting;

/// <summary>The composition of the platform, one feature at a time.</summary>
public static class PlatformHosting
{
    public static WebApplicationBuilder AddForumPlatform(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetConnectionString("Storage");
        if (string.IsNullOrWhiteSpace(storage))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Storage is not set. Locally use 'UseDevelopmentStorage=true' with Azurite running (./run.sh starts it).");
        }

        CheckUrls(builder.Configuration["urls"]);
        builder.AddLogScrubbing();
        builder.Services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AuthSettings>().BindConfiguration(AuthSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PlatformSettings>().BindConfiguration(PlatformSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddForumSilo(storage);

        builder.Services.Configure<JsonOptions>(o => ForumJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Fill);

        // A body or query value that cannot be read reaches ForumExceptionHandler, which says what to change;
        // otherwise the framework answers a bare "Bad Request" with no detail.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ForumExceptionHandler>();
        builder.Services.AddOpenApi();

        var gate = new StartupGate();
        builder.Services.AddSingleton(gate);
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck("startup", gate, tags: ["ready"]);

        // First: its hub filter must be the outermost one.
        builder.AddTelemetry();
        builder.AddSecurity();
        builder.AddIdentity();
        builder.AddOidcSignIn();
        builder.AddPrivacy();
        builder.AddLive();
        builder.AddTopics();
        builder.AddQuestions();
        builder.AddProceedings();
        builder.AddAudit();
        builder.AddDemoData();
        if (TelemetrySettings.Read(builder.Configuration).Dashboard)
        {
            builder.AddOrleansDashboard();
        }

        return builder;
    }

    public static WebApplication UseForumPlatform(this WebApplication app)
    {
        // Settings that are only read on first use are checked now, so a bad value stops the start.
        app.Services.GetRequiredService<SigningKey>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurity();
        app.UseRouteValueLimit();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRejectedTokens();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("IGF Platform API"));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteHealth,
        });

        app.MapIdentity();
        app.MapOidcSignIn();
        app.MapPrivacy();
        app.MapParticipants();
        app.MapSessions();
        app.MapAgenda();
        app.MapTopics();
        app.MapQuestions();
        app.MapFloor();
        app.MapConsultations();
        app.MapStakeholderGroups();
        app.MapProceedings();
        app.MapAudit();
        app.MapLive();
        app.MapTelemetry();
        if (TelemetrySettings.Read(app.Configuration).Dashboard)
        {
            app.MapDashboard();
        }

        // An unknown API route is an error, never the web app's page.
        app.Map("/api/{**path}", (string path) => Results.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no API route '/api/{path}'."))
            .ExcludeFromDescription();

        // Browsers ask for /favicon.ico on pages that name no icon (the Orleans dashboard's); the web app's is an SVG.
        app.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg", permanent: true)).ExcludeFromDescription();

        // Everything else that is not an API, hub or health path is a page of the web app.
        app.MapFallbackToFile("index.html").Add(e => ((RouteEndpointBuilder)e).Order = int.MaxValue);
        return app;
    }

    /// <summary>
    /// The listen addresses (ASPNETCORE_URLS, --urls): checked here so that a typo is named as the
    /// setting it is, not reported by the web server as a bare format error.
    /// </summary>
    public static void CheckUrls(string? urls)
    {
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "+" and "*" (every interface) are what Kestrel accepts and Uri does not.
            var probe = url.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || uri.Port is < 0 or > 65535)
            {
                throw new InvalidOperationException(
                    $"ASPNETCORE_URLS (or --urls) has '{url}', which is not a listen address such as http://0.0.0.0:8080 or http://127.0.0.1:5000.");
            }
        }
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
