using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IgfPlatform.Server.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Telemetry";

    /// <summary>Serve the Prometheus scraping endpoint <c>/metrics</c>.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// When set, <c>/metrics</c> answers only connections that arrive on this port (one of the server's own
    /// listening addresses, e.g. <c>ASPNETCORE_URLS=http://+:8080;http://+:9464</c> with the second reachable
    /// only from inside the cluster); on every other port it is 404.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>
    /// Where to send metrics and traces over OTLP; else <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; neither: nothing
    /// is sent anywhere (and traces are not recorded at all).
    /// </summary>
    [Url]
    public string? OtlpEndpoint { get; set; }

    /// <summary>The Orleans dashboard at <c>/admin/orleans</c>, for organizers.</summary>
    public bool Dashboard { get; set; } = true;

    public static TelemetrySettings Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TelemetrySettings>() ?? new TelemetrySettings();

    /// <summary>The OTLP endpoint in force: the platform's setting, or the OpenTelemetry environment variable.</summary>
    public string? OtlpEndpointIn(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(OtlpEndpoint) ? OtlpEndpoint
        : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;
}

/// <summary>
/// Metrics (the platform's own meter, Orleans', ASP.NET Core's, SignalR's, .NET's) for Prometheus and, when an
/// endpoint is configured, OTLP; traces only then. Nothing leaves the server unless an endpoint is set.
/// </summary>
public static class TelemetryHosting
{
    public const string ServiceName = "igf-platform";

    /// <summary>Meters beyond the platform's: Orleans' runtime, and the framework's (hosting, Kestrel, SignalR's connections, …).</summary>
    public static readonly string[] Meters =
    [
        PlatformMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "System.Net.Http",
    ];

    /// <summary>Activity sources: Orleans' grain calls (runtime and the platform's grains) and SignalR's hub invocations.</summary>
    public static readonly string[] Sources =
    [
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Application",
        "Microsoft.AspNetCore.SignalR.Server",
    ];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetrySettings>().BindConfiguration(TelemetrySettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = TelemetrySettings.Read(builder.Configuration);
        var otlp = settings.OtlpEndpointIn(builder.Configuration);

        builder.Services.AddSingleton<PlatformMetrics>();
        builder.Services.AddSingleton<HubMetricsFilter>();

        // Added before every other hub filter, so it is the outermost and times the whole acknowledgement.
        builder.Services.Configure<HubOptions>(o => o.AddFilter<HubMetricsFilter>());

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (settings.Metrics)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Point(o, settings));
                }
            });

        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHousekeeping(http.Request.Path))
                .AddHttpClientInstrumentation()
                // Before the exporter: grain ids can name people (accounts are keyed by e-mail address).
                .AddProcessor(new GrainIdRedaction())
                .AddOtlpExporter(o => Point(o, settings)));
        }

        return builder;
    }

    /// <summary>Whether grain calls should carry trace context (only when traces go somewhere).</summary>
    public static bool Tracing(IConfiguration configuration) => TelemetrySettings.Read(configuration).OtlpEndpointIn(configuration) is not null;

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var settings = TelemetrySettings.Read(app.Configuration);
        if (settings.Metrics)
        {
            // The port the connection arrived on, not the Host header (which the client chooses).
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, optionsName: null, configureBranchedPipeline: branch =>
                branch.Use(async (context, next) =>
                {
                    if (settings.MetricsPort is { } port && context.Connection.LocalPort != port)
                    {
                        await Security.SecurityHosting.WriteProblem(context, StatusCodes.Status404NotFound, "Not found.",
                            "Metrics are served on the platform's metrics port only.");
                        return;
                    }

                    await next();
                }));
        }

        return app;
    }

    public const string MetricsPath = "/metrics";

    private static bool IsHousekeeping(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.StartsWithSegments(OrleansDashboard.Path);

    private static void Point(OtlpExporterOptions options, TelemetrySettings settings)
    {
        // The OpenTelemetry variables (endpoint, protocol, headers) apply unless the platform's setting names the endpoint.
        if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            options.Endpoint = new Uri(settings.OtlpEndpoint);
        }
    }

    /// <summary>Keeps the grain type of an Orleans span's target and source, never the key (which may be an e-mail address or a person's id).</summary>
    private sealed class GrainIdRedaction : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (!data.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal))
            {
                return;
            }

            // orleans.rpc.target_id, orleans.rpc.source_id (Orleans 10), rpc.orleans.target_id (earlier): "type/key".
            List<(string Key, string Type)>? cut = null;
            foreach (var (key, value) in data.TagObjects)
            {
                if (key.EndsWith("_id", StringComparison.Ordinal) && key.Contains("orleans", StringComparison.Ordinal)
                    && value?.ToString() is { } id && id.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
                {
                    (cut ??= []).Add((key, id[..slash]));
                }
            }

            foreach (var (key, type) in cut ?? [])
            {
                data.SetTag(key, type);
            }
        }
    }
}
