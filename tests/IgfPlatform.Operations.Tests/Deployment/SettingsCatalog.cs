using System.Reflection;
using System.Text.RegularExpressions;
using IgfPlatform.Grains.Questions;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Live;
using IgfPlatform.Server.Security;
using IgfPlatform.Testing;

namespace IgfPlatform.Operations.Tests.Deployment;

/// <summary>The settings the server knows: the table in docs/operations.md, and the settings types it binds.</summary>
public static partial class SettingsCatalog
{
    /// <summary>Every settings type the server binds, with its section.</summary>
    public static IReadOnlyList<(string Section, Type Type)> BoundTypes { get; } =
    [
        (ClusterSettings.Section, typeof(ClusterSettings)),
        (AuthSettings.Section, typeof(AuthSettings)),
        (PlatformSettings.Section, typeof(PlatformSettings)),
        (DemoSettings.Section, typeof(DemoSettings)),
        (SecuritySettings.Section, typeof(SecuritySettings)),
        (LiveSettings.Section, typeof(LiveSettings)),
        ("Questions", typeof(QuestionStorageOptions)),
    ];

    /// <summary>Configuration keys (Section:Key) of every bindable property, nested sections included.</summary>
    public static IEnumerable<string> BoundKeys()
    {
        foreach (var (section, type) in BoundTypes)
        {
            foreach (var key in KeysOf(section, type))
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<string> KeysOf(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var t = property.PropertyType;
            if (t.IsClass && t != typeof(string) && !t.IsArray)
            {
                foreach (var nested in KeysOf(key, t))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    /// <summary>The names in the first column of docs/operations.md's settings table (Section:Key, or an environment variable).</summary>
    public static IReadOnlyList<string> Documented { get; } = ReadDocumented();

    /// <summary>Whether an environment variable a deployment sets is a documented setting.</summary>
    public static bool IsDocumented(string environmentVariable)
    {
        var key = ArrayIndex().Replace(environmentVariable, string.Empty).Replace("__", ":", StringComparison.Ordinal);
        return Documented.Any(d => d.EndsWith(":*", StringComparison.Ordinal)
            ? key.StartsWith(d[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(d, key, StringComparison.OrdinalIgnoreCase) || string.Equals(d, environmentVariable, StringComparison.Ordinal));
    }

    public static bool IsDocumentedKey(string key) =>
        Documented.Any(d => d.EndsWith(":*", StringComparison.Ordinal)
            ? key.StartsWith(d[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(d, key, StringComparison.OrdinalIgnoreCase));

    private static List<string> ReadDocumented()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "operations.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Settings", StringComparison.Ordinal));
        var names = new List<string>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            var firstCell = line.Split('|')[1];
            names.AddRange(Backticked().Matches(firstCell).Select(m => m.Groups[1].Value).Where(n => !n.StartsWith('-')));
        }

        return names;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"__\d+$")]
    private static partial Regex ArrayIndex();
}
