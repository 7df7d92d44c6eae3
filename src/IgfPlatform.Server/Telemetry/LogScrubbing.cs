using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace IgfPlatform.Server.Telemetry;

/// <summary>
/// The last guard on the console log: every formatter (json, simple, systemd) writes through a scrubber that
/// replaces e-mail addresses and bearer tokens. The platform's own log calls never carry them, but others'
/// may: Orleans names grain ids in its warnings (an account grain's key is an e-mail address), and ASP.NET
/// Core at Information logs request URLs (a hub connection's carries its access token).
/// </summary>
public static partial class LogScrubbing
{
    public static WebApplicationBuilder AddLogScrubbing(this WebApplicationBuilder builder)
    {
        var formatters = builder.Services.Where(d => d.ServiceType == typeof(ConsoleFormatter) && d.ImplementationType is not null).ToList();
        foreach (var descriptor in formatters)
        {
            var type = descriptor.ImplementationType!;
            builder.Services.Remove(descriptor);
            builder.Services.AddSingleton<ConsoleFormatter>(sp => new Scrubbing((ConsoleFormatter)ActivatorUtilities.CreateInstance(sp, type)));
        }

        return builder;
    }

    public static string Scrub(string text) => Token().Replace(Email().Replace(text, "[e-mail]"), "[token]");

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // A JWT: three base64url parts, the first of which starts with {" encoded.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")]
    private static partial Regex Token();

    private sealed class Scrubbing(ConsoleFormatter inner) : ConsoleFormatter(inner.Name)
    {
        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            using var line = new StringWriter();
            inner.Write(logEntry, scopeProvider, line);
            textWriter.Write(Scrub(line.ToString()));
        }
    }
}
