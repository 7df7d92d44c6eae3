using System.Text.Json;

namespace IgfPlatform.Contracts.Vocabulary;

/// <summary>The wire (camelCase) names of the vocabulary, both ways: the names on the wire and in figures' keys.</summary>
public static class WireNames
{
    private static readonly Dictionary<string, StakeholderGroup> Groups =
        Enum.GetValues<StakeholderGroup>().ToDictionary(Name, g => g, StringComparer.Ordinal);

    private static readonly Dictionary<string, Region> Regions =
        Enum.GetValues<Region>().ToDictionary(Name, r => r, StringComparer.Ordinal);

    private static readonly Dictionary<string, Gender> Genders =
        Enum.GetValues<Gender>().ToDictionary(Name, g => g, StringComparer.Ordinal);

    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool TryGroup(string name, out StakeholderGroup group) => Groups.TryGetValue(name, out group);

    public static bool TryRegion(string name, out Region region) => Regions.TryGetValue(name, out region);

    public static bool TryGender(string name, out Gender gender) => Genders.TryGetValue(name, out gender);

    public static string GroupList => string.Join(", ", Groups.Keys);
}

/// <summary>The idempotency key a client gives each command it may send again (after a reconnect, say).</summary>
public static class ClientRequestIds
{
    public const int MaxLength = 64;

    /// <summary>Refuses a missing or over-long client request id.</summary>
    public static void Require(string? clientRequestId)
    {
        if (string.IsNullOrWhiteSpace(clientRequestId) || clientRequestId.Length > MaxLength)
        {
            throw ForumException.Invalid("clientRequestId", $"A client request id of 1 to {MaxLength} characters is required.");
        }
    }
}
