using System.Text.Json;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>The wire (camelCase) names of groups, regions and genders, both ways.</summary>
public static class FloorNames
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
