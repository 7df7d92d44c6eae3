using System.Net;

namespace IgfPlatform.Proxy;

/// <summary>
/// Where the proxy listens and the platform servers behind it, from configuration, the environment
/// (<c>Proxy__Destinations=http://127.0.0.1:5001,http://127.0.0.1:5002</c>) or the command line
/// (<c>--Proxy:Destinations=…</c>); a list section (<c>Proxy:Destinations:0</c>, …) works too.
/// </summary>
public sealed record ProxySettings(Uri Url, IReadOnlyList<Uri> Destinations)
{
    public const string Section = "Proxy";

    public static ProxySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var url = Parse(section["Url"] ?? "http://127.0.0.1:8080", "Proxy:Url");
        if (!IPAddress.TryParse(url.Host, out var address) || !IPAddress.IsLoopback(address) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"Proxy:Url '{url}' must be http://127.0.0.1:port (or [::1]): the proxy is for this machine only.");
        }

        var destinations = section.GetSection("Destinations");
        var given = destinations.Value is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : destinations.GetChildren().Select(c => c.Value ?? string.Empty).ToArray();
        if (given.Length == 0)
        {
            throw new InvalidOperationException("Proxy:Destinations is empty: give the platform servers, e.g. --Proxy:Destinations=http://127.0.0.1:5001,http://127.0.0.1:5002.");
        }

        var parsed = given.Select(d => Parse(d, "Proxy:Destinations")).ToList();
        if (parsed.Distinct().Count() != parsed.Count)
        {
            throw new InvalidOperationException("Proxy:Destinations names a server twice.");
        }

        return new ProxySettings(url, parsed);
    }

    private static Uri Parse(string value, string setting) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{setting} has '{value}', which is not an http or https address.");
}
