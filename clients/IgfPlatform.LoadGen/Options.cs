using System.Globalization;

namespace IgfPlatform.LoadGen;

/// <summary>The load generator's options: --name value pairs, each with a default.</summary>
public sealed record Options
{
    public const string Help = """
        IGF Platform load generator.
          votes   participants upvote questions of one live session as fast as asked; measures acknowledgement latency
          archive fills the archive with published proceedings (unless it holds them), then measures searches over it
          fanout  participants follow one live session while moderators change the agenda and approve questions: every
                  event to every participant, delivery latency, then saturated; the same against a bare SignalR hub
          join    a join storm: participants connect and join one live session, spread over --window seconds
          memory  the server's resident memory per idle participant joined to a session (needs --server-pid), and the bare hub's
        Options:
          --url URL[,URL...]     platforms to run against, one after another (default http://127.0.0.1:5000; fanout, join, memory: the first)
          --label NAME[,NAME..]  a name for each URL in the report (default: the URL)
          --participants N       votes: demo participants used (participant001... of the demo data; default 200);
                                 fanout, join, memory: participants connected (default 5000)
          --signed-in N          fanout, join, memory: how many of them sign in as demo participants (at most 200, default 200),
                                 each token on one connection; the others follow anonymously
          --ops N                fanout: moderator operations per second, open loop (default 10)
          --saturation S         fanout: seconds of operations back to back after the fixed rate (default 10; 0: none)
          --in-flight N          fanout: operations in flight at once when saturated (default 8)
          --moderator-connections N  fanout: the moderator's connections the operations are spread over (default 4; the
                                 platform allows 10 per person, and limits hub calls per connection: see bench-live.sh)
          --baseline BOOL        fanout, memory: also measure the bare SignalR hub in a child process (default true)
          --skip-negotiation BOOL  fanout, join, memory: participants open the WebSocket at once, without negotiating first
                                 (the SDK's SkipNegotiation; default false, as the web app does)
          --window S             join: seconds over which the arrivals are spread (default 30)
          --settle S             memory: most seconds to wait for resident memory to settle (default 120)
          --questions N          questions asked before voting (default 1000); fanout: asked beforehand, at most 5 per signed-in participant
          --rate N               votes issued per second, open loop (default 2500)
          --duration S           seconds of voting, or of fanout operations at the fixed rate (default 30)
          --warmup S             seconds of voting (fanout: operations) before measuring (default 5)
          --proceedings N        archive: proceedings the archive should hold; missing ones are made (default 6000)
          --parallelism N        archive: sessions made at once while seeding (default 12)
          --moderators N         archive: demo participants moderating the sessions made (default 100)
          --searches N           archive: searches sent one at a time (default 3000; a tenth more as warm-up)
          --concurrency N        archive: searches in flight at once in the concurrent phase (default 8; --warmup, --duration)
          --server-pid N         archive, fanout, join: the platform's process on this machine, to report its CPU time
                                 (default none); memory: required, the process whose memory is read
          --password TEXT        the demo accounts' password (default IgfDemo!2026)
          --out DIR              where the reports go (default ./loadgen-report): report.json and report.md (votes, archive),
                                 fanout.json/.md, join.json/.md, memory.json/.md
        Internal: baseline-hub --port P   the bare hub the fanout and memory scenarios start themselves (127.0.0.1 only).
        """;

    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5000/")];

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>--participants as given; each scenario has its own default.</summary>
    public int? ParticipantCount { get; init; }

    public int Participants => ParticipantCount ?? 200;

    /// <summary>Participants of the live scenarios (fanout, join, memory).</summary>
    public int LiveParticipants => ParticipantCount ?? 5000;

    public int SignedIn { get; init; } = 200;

    public int OpsRate { get; init; } = 10;

    public int SaturationSeconds { get; init; } = 10;

    public int InFlight { get; init; } = 8;

    public int ModeratorConnections { get; init; } = 4;

    public bool Baseline { get; init; } = true;

    /// <summary>Participants connect without the negotiation request (one request instead of two).</summary>
    public bool SkipNegotiation { get; init; }

    public int WindowSeconds { get; init; } = 30;

    public int SettleSeconds { get; init; } = 120;

    public int Port { get; init; }

    public int Questions { get; init; } = 1000;

    public int Rate { get; init; } = 2500;

    public int DurationSeconds { get; init; } = 30;

    public int WarmupSeconds { get; init; } = 5;

    public int Proceedings { get; init; } = 6000;

    public int Parallelism { get; init; } = 12;

    public int Moderators { get; init; } = 100;

    public int Searches { get; init; } = 3000;

    public int Concurrency { get; init; } = 8;

    public int ServerPid { get; init; }

    public string Password { get; init; } = "IgfDemo!2026";

    public string OutputDirectory { get; init; } = "loadgen-report";

    public string LabelOf(Uri url)
    {
        var index = Urls.ToList().IndexOf(url);
        return index >= 0 && index < Labels.Count ? Labels[index] : url.ToString();
    }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {args[i]} needs a value.");
            }

            var value = args[i + 1];
            options = args[i] switch
            {
                "--url" => options with { Urls = value.Split(',').Select(u => new Uri(u.EndsWith('/') ? u : u + "/")).ToList() },
                "--label" => options with { Labels = value.Split(',') },
                "--participants" => options with { ParticipantCount = Math.Max(1, Int(value)) },
                "--signed-in" => options with { SignedIn = Int(value) },
                "--ops" => options with { OpsRate = Math.Max(1, Int(value)) },
                "--saturation" => options with { SaturationSeconds = Int(value) },
                "--in-flight" => options with { InFlight = Math.Max(1, Int(value)) },
                "--moderator-connections" => options with { ModeratorConnections = Math.Clamp(Int(value), 1, 10) },
                "--baseline" => options with { Baseline = bool.Parse(value) },
                "--skip-negotiation" => options with { SkipNegotiation = bool.Parse(value) },
                "--window" => options with { WindowSeconds = Math.Max(1, Int(value)) },
                "--settle" => options with { SettleSeconds = Math.Max(5, Int(value)) },
                "--port" => options with { Port = Int(value) },
                "--questions" => options with { Questions = Int(value) },
                "--rate" => options with { Rate = Int(value) },
                "--duration" => options with { DurationSeconds = Int(value) },
                "--warmup" => options with { WarmupSeconds = Int(value) },
                "--proceedings" => options with { Proceedings = Int(value) },
                "--parallelism" => options with { Parallelism = Math.Max(1, Int(value)) },
                "--moderators" => options with { Moderators = Math.Max(1, Int(value)) },
                "--searches" => options with { Searches = Int(value) },
                "--concurrency" => options with { Concurrency = Math.Max(1, Int(value)) },
                "--server-pid" => options with { ServerPid = Int(value) },
                "--password" => options with { Password = value },
                "--out" => options with { OutputDirectory = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Help}"),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
}
