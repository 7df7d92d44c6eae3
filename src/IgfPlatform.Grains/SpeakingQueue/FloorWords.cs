using System.Globalization;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>The words the policy's reasons use (English; clients may translate by reason code).</summary>
public static class FloorWords
{
    public static string Of(StakeholderGroup group) => group switch
    {
        StakeholderGroup.Government => "government",
        StakeholderGroup.PrivateSector => "private sector",
        StakeholderGroup.CivilSociety => "civil society",
        StakeholderGroup.IntergovernmentalOrganization => "intergovernmental organizations",
        StakeholderGroup.InternationalOrganization => "international organizations",
        StakeholderGroup.TechnicalAcademic => "technical and academic community",
        _ => group.ToString(),
    };

    public static string Of(Region region) => region switch
    {
        Region.Africa => "Africa",
        Region.AsiaPacific => "Asia-Pacific",
        Region.EasternEurope => "Eastern Europe",
        Region.LatinAmericaCaribbean => "Latin America and the Caribbean",
        Region.WesternEuropeOthers => "Western Europe and others",
        _ => region.ToString(),
    };

    public static string Of(Gender? gender) => gender switch
    {
        Gender.Female => "women",
        Gender.Male => "men",
        Gender.NonBinary => "non-binary people",
        _ => "undisclosed",
    };

    public static string Percent(double share) =>
        (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Percent(long part, long whole) => Percent(whole == 0 ? 0 : (double)part / whole);

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalMinutes >= 1
            ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
            : $"{span.Seconds} s";
    }

    public static string Capital(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
