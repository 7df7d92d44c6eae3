using System.Globalization;

namespace IgfPlatform.Failover;

/// <summary>The command line: <c>--urls a,b,c --victim 3 --victim-pid 1234 [--participants 300] …</c>.</summary>
public sealed record FailoverOptions(
    IReadOnlyList<Uri> Servers,
    int Victim,
    int VictimPid,
    int Participants,
    TimeSpan LoadBeforeKill,
    TimeSpan LoadAfterServed,
    Uri? Proxy)
{
    public const string Usage =
        "usage: IgfPlatform.Failover --urls http://127.0.0.1:5001,http://127.0.0.1:5002,http://127.0.0.1:5003 --victim 3 --victim-pid <pid>\n" +
        "       [--participants 300] [--before 20] [--after 10] [--proxy http://127.0.0.1:8080]\n" +
        "  --victim      which server (1-based, in --urls) is killed with SIGKILL mid-run; its process id is --victim-pid\n" +
        "  --before/--after  seconds of load before the kill, and after the victim's session answers again\n" +
        "  --proxy       participants connect through this proxy instead of to the servers directly";

    public static FailoverOptions Parse(string[] args)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"'{args[i]}' is not an option with a value.");
            }

            given[args[i][2..]] = args[++i];
        }

        var known = new[] { "urls", "victim", "victim-pid", "participants", "before", "after", "proxy" };
        if (given.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"--{unknown} is not an option.");
        }

        var servers = Required(given, "urls").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => Url(u, "urls")).ToList();
        if (servers.Count < 2)
        {
            throw new ArgumentException("--urls needs at least two servers: one is killed, the others carry on.");
        }

        var victim = Number(Required(given, "victim"), "victim", 1, servers.Count);
        return new FailoverOptions(
            servers,
            victim - 1,
            Number(Required(given, "victim-pid"), "victim-pid", 1, int.MaxValue),
            Number(given.GetValueOrDefault("participants", "300"), "participants", servers.Count, 100_000),
            TimeSpan.FromSeconds(Number(given.GetValueOrDefault("before", "20"), "before", 1, 3600)),
            TimeSpan.FromSeconds(Number(given.GetValueOrDefault("after", "10"), "after", 1, 3600)),
            given.TryGetValue("proxy", out var proxy) ? Url(proxy, "proxy") : null);
    }

    private static string Required(Dictionary<string, string> given, string name) =>
        given.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    private static int Number(string value, string name, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}; '{value}' is not.");

    private static Uri Url(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"--{name} has '{value}', which is not an http or https address.");
}
