using System.Text.Json;

namespace IgfPlatform.Server.Tests.Proceedings;

/// <summary>
/// Checks JSON against the published schemas in docs/ for what readers rely on: every object has
/// exactly the properties the schema lists (no more, no fewer), and values have the schema's types.
/// </summary>
internal static class SchemaConformance
{
    public static List<string> Problems(JsonElement schemaRoot, JsonElement value)
    {
        var problems = new List<string>();
        Check(schemaRoot, schemaRoot, value, "$", problems);
        return problems;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = Resolve(root, reference.GetString()!);
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var options = anyOf.EnumerateArray().ToList();
            if (!options.Any(o => { var p = new List<string>(); Check(root, o, value, path, p); return p.Count == 0; }))
            {
                problems.Add($"{path}: matches none of the schema's options");
            }

            return;
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            problems.Add($"{path}: {value.ValueKind} is not {type}");
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && value.ToString() != constant.ToString())
        {
            problems.Add($"{path}: {value} is not {constant}");
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.ToString() == value.ToString()))
        {
            problems.Add($"{path}: {value} is not one of {allowed}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("properties", out var properties))
            {
                var expected = properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var actual = value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                if (!expected.SequenceEqual(actual))
                {
                    problems.Add($"{path}: has [{string.Join(", ", actual)}], the schema lists [{string.Join(", ", expected)}]");
                }

                foreach (var p in value.EnumerateObject())
                {
                    if (properties.TryGetProperty(p.Name, out var child))
                    {
                        Check(root, child, p.Value, $"{path}.{p.Name}", problems);
                    }
                }
            }
            else if (schema.TryGetProperty("additionalProperties", out var each) && each.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in value.EnumerateObject())
                {
                    Check(root, each, p.Value, $"{path}.{p.Name}", problems);
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{path}[{i++}]", problems);
            }
        }
    }

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        var node = root;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part);
        }

        return node;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => Is(t.GetString()!, value))
        : Is(type.GetString()!, value);

    private static bool Is(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
