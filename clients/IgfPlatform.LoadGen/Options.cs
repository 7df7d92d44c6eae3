using System.Globalization;

namespace IgfPlatform.LoadGen;

/// <summary>The load generator's options: --name value pairs, each with a default.</summary>
public sealed record Options
{
    public const string Help = """
        IGF Platform load generator.
          votes   participants upvote questions of one live session as fast as asked; measures acknowledgement latency
          archive fills the archive with published proceedings (unless it holds them), then measures searches over it
        Options:
          --url URL[,URL...]     platforms to run against, one after another (default http://127.0.0.1:5000)
          --label NAME[,NAME..]  a name for each URL in the report (default: the URL)
          --participants N       demo participants used (participant001... of the demo data; default 200)
          --questions N          questions asked before voting (default 1000)
          --rate N               votes issued per second, open loop (default 2500)
          --duration S           seconds of voting (default 30)
          --warmup S             seconds of voting before measuring (default 5)
          --proceedings N        archive: proceedings the archive should hold; missing ones are made (default 6000)
          --parallelism N        archive: sessions made at once while seeding (default 12)
          --moderators N         archive: demo participants moderating the sessions made (default 100)
          --searches N           archive: searches sent one at a time (default 3000; a tenth more as warm-up)
          --concurrency N        archive: searches in flight at once in the concurrent phase (default 8; --warmup, --duration)
          --server-pid N         archive: the platform's process on this machine, to report its CPU time per search (default none)
          --password TEXT        the demo accounts' password (default IgfDemo!2026)
          --out DIR              where report.json and report.md go (default ./loadgen-report)
        """;

    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5000/")];

    public IReadOnlyList<string> Labels { get; init; } = [];

    public int Participants { get; init; } = 200;

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
                "--participants" => options with { Participants = Int(value) },
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
