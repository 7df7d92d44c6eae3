using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IgfPlatform.Contracts.Proceedings;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) for records that hold no fractional numbers: object
/// members sorted by their names' UTF-16 code units, no insignificant whitespace, strings escaped
/// only where JSON requires it, integers in their shortest form. Anyone can recompute the bytes
/// (and so the hash) of a published record with any RFC 8785 implementation.
/// </summary>
public static class CanonicalJson
{
    /// <summary>How records become JSON before canonicalization: camelCase names, nulls kept.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize<T>(T value)
    {
        using var document = JsonSerializer.SerializeToDocument(value, Options);
        return Canonicalize(document.RootElement);
    }

    /// <summary>
    /// The canonical bytes of any JSON (integers only). Throws <see cref="FormatException"/> for what a
    /// canonical record cannot hold: fractions, integers beyond 2^53, a member named twice, broken Unicode.
    /// </summary>
    public static byte[] Canonicalize(JsonElement element)
    {
        var builder = new StringBuilder();
        try
        {
            Write(element, builder);
            return new UTF8Encoding(false, true).GetBytes(builder.ToString());
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a canonical record: {ex.Message}", ex);
        }
    }

    /// <summary>The canonical bytes of a JSON text: one value, nothing after it.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return Canonicalize(document.RootElement);
        }
    }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void Write(JsonElement element, StringBuilder into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                into.Append('{');
                string? previous = null;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (previous == property.Name)
                    {
                        throw new FormatException($"The member '{previous}' is named twice.");
                    }

                    if (previous is not null)
                    {
                        into.Append(',');
                    }

                    previous = property.Name;
                    WriteString(property.Name, into);
                    into.Append(':');
                    Write(property.Value, into);
                }

                into.Append('}');
                break;
            case JsonValueKind.Array:
                into.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        into.Append(',');
                    }

                    Write(item, into);
                }

                into.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, into);
                break;
            case JsonValueKind.Number:
                // Only integers within the range JavaScript holds exactly, so every implementation agrees.
                if (!element.TryGetInt64(out var number) || number > (1L << 53) || number < -(1L << 53))
                {
                    throw new FormatException($"A canonical record holds integers up to 2^53 only, not {element.GetRawText()}.");
                }

                into.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                into.Append("true");
                break;
            case JsonValueKind.False:
                into.Append("false");
                break;
            case JsonValueKind.Null:
                into.Append("null");
                break;
            default:
                throw new FormatException($"Unexpected JSON value {element.ValueKind}.");
        }
    }

    private static void WriteString(string value, StringBuilder into)
    {
        into.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    into.Append("\\\"");
                    break;
                case '\\':
                    into.Append("\\\\");
                    break;
                case '\b':
                    into.Append("\\b");
                    break;
                case '\f':
                    into.Append("\\f");
                    break;
                case '\n':
                    into.Append("\\n");
                    break;
                case '\r':
                    into.Append("\\r");
                    break;
                case '\t':
                    into.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        into.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        into.Append(c);
                    }

                    break;
            }
        }

        into.Append('"');
    }
}
