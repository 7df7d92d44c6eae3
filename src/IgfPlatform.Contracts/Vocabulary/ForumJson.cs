using System.Text.Json;
using System.Text.Json.Serialization;

namespace IgfPlatform.Contracts.Vocabulary;

/// <summary>
/// The one JSON shape of the public contract (camelCase names, enums as camelCase strings),
/// shared by the HTTP API, the hub and every .NET client so that the two ends never disagree.
/// </summary>
public static class ForumJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;

        // Dictionary keys are data (question ids, languages), sent as they are; keys that name the
        // vocabulary (presence and figures by group) are written in camelCase where they are made.
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        }

        return options;
    }
}
