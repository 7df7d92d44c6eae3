namespace IgfPlatform.Contracts.Vocabulary;

// The names below are the public contract (camelCase on the wire). Never renumber or rename:
// stored grain state and clients depend on them. Add new values at the end.

/// <summary>The stakeholder groups of the Tunis Agenda (¶35 a–e, ¶36).</summary>
public enum StakeholderGroup
{
    Government = 0,
    PrivateSector = 1,
    CivilSociety = 2,
    IntergovernmentalOrganization = 3,
    InternationalOrganization = 4,
    TechnicalAcademic = 5,
}

/// <summary>The five UN regional groups.</summary>
public enum Region
{
    Africa = 0,
    AsiaPacific = 1,
    EasternEurope = 2,
    LatinAmericaCaribbean = 3,
    WesternEuropeOthers = 4,
}

/// <summary>Self-declared and optional.</summary>
public enum Gender
{
    Female = 0,
    Male = 1,
    NonBinary = 2,
    Undisclosed = 3,
}

public enum SessionType
{
    MainSession = 0,
    Workshop = 1,
    OpenForum = 2,
    DynamicCoalition = 3,
    BestPracticeForum = 4,
    Nri = 5,
    TownHall = 6,
    LightningTalk = 7,
}

/// <summary>A session moves forward only: draft → scheduled → live → ended → published.</summary>
public enum SessionStatus
{
    Draft = 0,
    Scheduled = 1,
    Live = 2,
    Ended = 3,
    Published = 4,
}

public enum FloorKind
{
    Intervention = 0,
    Reply = 1,
    PointOfOrder = 2,
}

/// <summary>Platform-wide roles. Moderator is held per session and lives on the session itself.</summary>
public static class Roles
{
    public const string Organizer = "organizer";
    public const string Moderator = "moderator";
    public const string Participant = "participant";
}

/// <summary>The interface languages of the platform: the six UN languages.</summary>
public static class Languages
{
    public const string Default = "en";

    public static readonly IReadOnlyList<string> All = ["ar", "zh", "en", "fr", "ru", "es"];

    public static bool IsSupported(string code) => All.Contains(code, StringComparer.Ordinal);
}
