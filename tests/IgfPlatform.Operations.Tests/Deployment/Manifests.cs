using System.Text.Json;
using System.Text.RegularExpressions;
using IgfPlatform.Testing;
using YamlDotNet.RepresentationModel;

namespace IgfPlatform.Operations.Tests.Deployment;

/// <summary>The deployment files read as plain data (no kubectl, docker or az needed).</summary>
public static partial class Manifests
{
    public static string KubernetesFolder => Path.Combine(RepoPaths.Root, "infra", "k8s");

    public static string AzureFolder => Path.Combine(RepoPaths.Root, "infra", "azure");

    public static string Dockerfile => Path.Combine(RepoPaths.Root, "infra", "docker", "Dockerfile");

    /// <summary>Every Kubernetes object of every file in infra/k8s (maps, lists and strings).</summary>
    public static IReadOnlyList<Node> KubernetesObjects(bool withExamples = false) =>
        Directory.GetFiles(KubernetesFolder, "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml" && (withExamples || !f.EndsWith(".example.yaml", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .SelectMany(ReadYaml)
            .ToList();

    public static IReadOnlyList<Node> ReadYaml(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => Node.From(d.RootNode)).Where(n => n.IsMap).ToList();
    }

    public static Node OnlyOf(string kind) => Assert.Single(KubernetesObjects(), o => o["kind"].Text == kind);

    public static JsonDocument ArmTemplate() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AzureFolder, "azuredeploy.json")));

    /// <summary>The port of an http://host:port listen address.</summary>
    public static int PortOf(string url) => int.Parse(PortPattern().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@":(\d+)/?$")]
    private static partial Regex PortPattern();
}

/// <summary>A YAML value: a map, a list, a scalar, or missing (so that lookups chain without nulls).</summary>
public sealed class Node
{
    private readonly Dictionary<string, Node>? _map;
    private readonly List<Node>? _list;

    private Node(Dictionary<string, Node>? map, List<Node>? list, string? text)
    {
        _map = map;
        _list = list;
        Text = text;
    }

    public static Node Missing { get; } = new(null, null, null);

    public string? Text { get; }

    public bool IsMap => _map is not null;

    public bool Exists => _map is not null || _list is not null || Text is not null;

    public IReadOnlyList<Node> Items => _list ?? [];

    public IReadOnlyDictionary<string, Node> Entries => _map ?? [];

    public Node this[string key] => _map is not null && _map.TryGetValue(key, out var value) ? value : Missing;

    public static Node From(YamlNode node) => node switch
    {
        YamlMappingNode map => new Node(map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => From(c.Value)), null, null),
        YamlSequenceNode list => new Node(null, list.Children.Select(From).ToList(), null),
        YamlScalarNode scalar => new Node(null, null, scalar.Value),
        _ => Missing,
    };

    public override string ToString() => Text ?? (_map is not null ? "{" + string.Join(", ", _map.Keys) + "}" : $"[{Items.Count}]");
}
