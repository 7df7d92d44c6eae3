using System.Globalization;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Server.Hosting;

/// <summary>Reads query-string values in the contract's spelling, with a clear error for a bad one.</summary>
public static class QueryValues
{
    public static TEnum? Enum<TEnum>(string? value, string field)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw ForumException.Invalid(field, $"'{value}' is not one of: {string.Join(", ", System.Enum.GetValues<TEnum>().Select(Name))}.");
    }

    public static DateTimeOffset? Time(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw ForumException.Invalid(field, $"'{value}' is not an ISO 8601 time.");
    }

    /// <summary>The wire name of an enum value (camelCase).</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, System.Enum => WireNames.Name(value);
}
