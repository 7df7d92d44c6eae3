using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Proceedings;
using IgfPlatform.Server.Sessions;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>
/// Real route values and valid bodies, so that a bad request gets as far as it can: a case fails on the one
/// thing that is wrong with it. A route parameter or body type without an entry here fails the catalog test.
/// </summary>
public static partial class Samples
{
    /// <summary>The route values of the demo data for a parameter of an endpoint; null when unknown.</summary>
    public static string? RouteValue(HttpEndpoint endpoint, string parameter, BadInputServer server) => parameter switch
    {
        "id" when endpoint.Pattern.StartsWith("/api/consultations/", StringComparison.Ordinal) => server.ConsultationId,
        "id" when endpoint.Pattern.Contains("/proceedings", StringComparison.Ordinal) => BadInputServer.PublishedSessionId,
        "id" when endpoint.Pattern.StartsWith("/api/sessions/", StringComparison.Ordinal) => BadInputServer.LiveSessionId,
        "slug" => BadInputServer.Topic,
        "cid" => server.BobContributionId,
        "participantId" => server.AliceAuth.ParticipantId,
        "sessionId" => BadInputServer.PublishedSessionId,
        "version" => "1",
        "group" => WireNames.Name(StakeholderGroup.CivilSociety),
        "path" => "no-such-route",
        "documentName" => "v1",

        // The Orleans dashboard's own routes (organizers, with the dashboard's pass).
        "page" => "1",
        "address" => "127.0.0.1:11111@1",
        "grainName" => "IgfPlatform.Grains.Sessions.SessionGrain",
        _ => null,
    };

    /// <summary>An id of the same kind that exists nowhere.</summary>
    public static string MissingValue(string parameter) => parameter switch
    {
        "version" => "999",
        "group" => "no-such-group",
        _ => "no-such-" + Guid.NewGuid().ToString("N")[..8],
    };

    public static string Path(HttpEndpoint endpoint, BadInputServer server, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var path = endpoint.Pattern;
        foreach (var name in endpoint.RouteParameters)
        {
            var value = overrides?.GetValueOrDefault(name) ?? RouteValue(endpoint, name, server)
                ?? throw new InvalidOperationException($"{endpoint}: no demo value for route parameter '{name}'.");
            path = Regex.Replace(path, @"\{\**" + Regex.Escape(name) + @"(:[^}]*)?\??\}", Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal));
        }

        return path.TrimEnd('/');
    }

    /// <summary>A valid body of the given type (every property present), or null when none is known.</summary>
    public static JsonNode? Body(Type type, BadInputServer server)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        object? body =
            type == typeof(RegisterRequest) ? new RegisterRequest($"bad-input-{unique}@test.igf.example", "a long enough password", "Bad Input",
                StakeholderGroup.CivilSociety, Region.Africa, Gender.Undisclosed, "Org", "Senegal")
            : type == typeof(LoginRequest) ? new LoginRequest($"nobody-{unique}@test.igf.example", "not the password")
            // A refresh token of nobody: a real one would be spent (and its replay end the sign-in).
            // A wrong password: the sample must never erase the account it is sent with.
            : type == typeof(ErasureRequest) ? new ErasureRequest("not the password of anyone")
            : type == typeof(RefreshRequest) ? new RefreshRequest($"p-{unique}.AAAAAAAAAAAAAAAA.{unique}")
            : type == typeof(OidcSignInRequest) ? new OidcSignInRequest("not.an.id-token",
                new OidcRegistration("Bad Input", StakeholderGroup.CivilSociety, Region.Africa, Gender.Undisclosed, "Org", "Senegal"))
            : type == typeof(CreateSessionRequest) ? new CreateSessionRequest($"bad-input-{unique}", "Bad input session", new Dictionary<string, string> { ["fr"] = "Session" },
                SessionType.Workshop, [BadInputServer.Topic], DateTimeOffset.UtcNow.AddDays(30), 60, "About bad input.", new Dictionary<string, string> { ["fr"] = "Description" })
            : type == typeof(UpdateSessionRequest) ? new UpdateSessionRequest("Renamed", new Dictionary<string, string> { ["fr"] = "Renommée" },
                SessionType.Workshop, [BadInputServer.Topic], DateTimeOffset.UtcNow.AddDays(30), 60, "About bad input.", new Dictionary<string, string> { ["fr"] = "Description" })
            : type == typeof(SetModeratorsRequest) ? new SetModeratorsRequest([server.AliceAuth.ParticipantId])
            : type == typeof(IReadOnlyList<AgendaItem>) ? new List<AgendaItem> { new("item-x", "Opening", 10, ["Chair"]) }
            : type == typeof(FloorSettings) ? new FloorSettings(120, 60, new Dictionary<string, int> { ["civilSociety"] = 30 }, new Dictionary<string, int> { ["civilSociety"] = 20 })
            : type == typeof(NewConsultation) ? new NewConsultation($"bad-input-{unique}", "A consultation", ["One paragraph."], DateTimeOffset.UtcNow.AddDays(7))
            : type == typeof(ContributionDraft) ? new ContributionDraft($"bad-input-{unique}", 1, Stance.Agree, "A contribution.", null)
            : type == typeof(ContributionReview) ? new ContributionReview(false, "Off topic.")
            : type == typeof(PublishedText) ? new PublishedText(["The final paragraph."])
            : type == typeof(TopicDetails) ? new TopicDetails($"bad-input-{unique}", "A topic", new Dictionary<string, string> { ["fr"] = "Un sujet" }, "About it.",
                new Dictionary<string, string> { ["fr"] = "À son sujet." }, [new SourceParagraph("Tunis Agenda", "72", "A quotation.", "en")], [BadInputServer.Topic])
            : type == typeof(SaveProceedingsText) ? new SaveProceedingsText(new ProceedingsText("A summary.", ["A takeaway."], ["A call."]), 1)
            : type == typeof(PublishProceedings) ? new PublishProceedings("A correction.")
            : type == typeof(TakeDownVersion) ? new TakeDownVersion("A court order.")
            : null;
        return body is null ? null : JsonSerializer.SerializeToNode(body, type, ForumJson.Options);
    }

    /// <summary>The wire names of a type's properties (the element's for a list), to check a sample has them all.</summary>
    public static IReadOnlyList<string> WireProperties(Type type)
    {
        var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : type;
        return [.. element.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];
    }

    /// <summary>Each property of the sample in turn, replaced by values of every other JSON type.</summary>
    public static IEnumerable<(string Case, string Json)> WrongTypes(JsonNode sample)
    {
        foreach (var wrong in WrongValuesFor(sample))
        {
            yield return ($"the body as {Describe(wrong)}", wrong?.ToJsonString() ?? "null");
        }

        foreach (var (path, value, set) in Properties(sample))
        {
            foreach (var wrong in WrongValuesFor(value))
            {
                var copy = sample.DeepClone();
                set(copy, wrong);
                yield return ($"{path} as {Describe(wrong)}", copy.ToJsonString());
            }
        }
    }

    /// <summary>The sample with its first string (value, or dictionary key) replaced.</summary>
    public static byte[] WithFirstString(JsonNode sample, byte[] replacement)
    {
        const string Marker = "BADINPUTMARKER";
        var copy = sample.DeepClone();
        if (!ReplaceFirstString(copy, Marker))
        {
            throw new InvalidOperationException("The sample has no string to replace: " + sample.ToJsonString());
        }

        var bytes = Encoding.UTF8.GetBytes(copy.ToJsonString());
        var marker = Encoding.UTF8.GetBytes(Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        return [.. bytes[..at], .. replacement, .. bytes[(at + marker.Length)..]];
    }

    private static bool ReplaceFirstString(JsonNode node, string marker)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        o[key] = marker;
                        return true;
                    }

                    if (value is not null && ReplaceFirstString(value, marker))
                    {
                        return true;
                    }
                }

                // No string value: a key of this object (a dictionary's key is read as a string too).
                if (o.Count > 0 && node.Parent is not null)
                {
                    var (first, firstValue) = o.First();
                    o.Remove(first);
                    o[marker] = firstValue;
                    return true;
                }

                return false;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        a[i] = marker;
                        return true;
                    }

                    if (a[i] is { } item && ReplaceFirstString(item, marker))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Every property (and the first element of every array) with a way to set it in a copy.</summary>
    private static List<(string Path, JsonNode? Value, Action<JsonNode, JsonNode?> Set)> Properties(JsonNode root)
    {
        var found = new List<(string, JsonNode?, Action<JsonNode, JsonNode?>)>();
        Walk(root, "$", [], found);
        return found;

        static void Walk(JsonNode? node, string path, List<object> steps, List<(string, JsonNode?, Action<JsonNode, JsonNode?>)> found)
        {
            var children = node switch
            {
                JsonObject o => o.Select(p => ((object)p.Key, p.Value, $"{path}.{p.Key}")).ToList(),
                JsonArray a when a.Count > 0 => [((object)0, a[0], $"{path}[0]")],
                _ => [],
            };
            foreach (var (step, child, childPath) in children)
            {
                List<object> childSteps = [.. steps, step];
                found.Add((childPath, child, (copy, value) => SetAt(copy, childSteps, value)));
                Walk(child, childPath, childSteps, found);
            }
        }

        static void SetAt(JsonNode root, List<object> steps, JsonNode? value)
        {
            var node = root;
            foreach (var step in steps.SkipLast(1))
            {
                node = step is string key ? node[key]! : node[(int)step]!;
            }

            if (steps[^1] is string last)
            {
                node[last] = value;
            }
            else
            {
                node[(int)steps[^1]] = value;
            }
        }
    }

    private static IEnumerable<JsonNode?> WrongValuesFor(JsonNode? value) => (value?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.String => [JsonValue.Create(12345), new JsonArray("a"), new JsonObject { ["a"] = 1 }, JsonValue.Create(true)],
        JsonValueKind.Number => [JsonValue.Create("twelve"), new JsonArray(1), new JsonObject { ["a"] = 1 }, JsonValue.Create(1e300), JsonValue.Create(true)],
        JsonValueKind.True or JsonValueKind.False => [JsonValue.Create("yes"), JsonValue.Create(1), new JsonArray(true)],
        JsonValueKind.Array => [JsonValue.Create("a"), JsonValue.Create(1), new JsonObject { ["a"] = 1 }],
        JsonValueKind.Object => [JsonValue.Create("a"), JsonValue.Create(1), new JsonArray(1)],
        _ => [JsonValue.Create(1), new JsonArray(1), new JsonObject { ["a"] = 1 }],
    };

    private static string Describe(JsonNode? value) => value?.GetValueKind() switch
    {
        null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "a boolean",
    };
}
