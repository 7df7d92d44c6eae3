using System.Globalization;
using System.Text.RegularExpressions;

namespace IgfPlatform.Server.Tests.Telemetry;

/// <summary>A Prometheus text exposition, read into samples.</summary>
internal sealed partial class Scrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public string Text { get; private init; } = string.Empty;

    public IEnumerable<string> Names => _samples.Select(s => s.Name).Distinct();

    public static Scrape Parse(string text)
    {
        var scrape = new Scrape { Text = text };
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#' || SampleLine().Match(line) is not { Success: true } m)
            {
                continue;
            }

            var labels = LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            if (double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                scrape._samples.Add((m.Groups["name"].Value, labels, value));
            }
        }

        return scrape;
    }

    /// <summary>The sum of the samples of a name whose labels include these.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Sum(s => s.Value);

    /// <summary>The platform's own lines, and the names of the rest.</summary>
    public override string ToString() =>
        string.Join('\n', Text.Split('\n').Where(l => l.StartsWith("igf_", StringComparison.Ordinal))) + "\nand: " + string.Join(", ", Names.Where(n => !n.StartsWith("igf_", StringComparison.Ordinal)));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(\w+)="((?:[^"\\]|\\.)*)"(,|$)""")]
    private static partial Regex LabelPair();
}
