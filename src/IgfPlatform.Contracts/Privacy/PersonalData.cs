namespace IgfPlatform.Contracts.Privacy;

/// <summary>
/// Where a person's data is: a grain of one <see cref="Kind"/> (see <see cref="PersonalDataKinds"/>) and its key.
/// A grain records it in the person's participant grain before it first stores anything of theirs, so that
/// an export or an erasure finds every place.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.DataFootprint")]
public sealed record DataFootprint(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Key);

/// <summary>The kinds of grain that hold personal data, as recorded in footprints.</summary>
public static class PersonalDataKinds
{
    public const string Questions = "questions";
    public const string Floor = "floor";
    public const string Consultation = "consultation";
    public const string Topic = "topic";
    public const string Session = "session";

    /// <summary>An account other than the e-mail address's (an identity provider's link): freed at erasure.</summary>
    public const string Account = "account";

    /// <summary>The person's own actions in the audit log (exported; kept at erasure under a pseudonymous id).</summary>
    public const string Audit = "audit";
}

/// <summary>
/// One grain's part of an export: what it holds of the person (<see cref="Data"/> is a serializable record
/// of that grain's kind, written as JSON as it is). Never another person's identity.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.PersonalDataPart")]
public sealed record PersonalDataPart(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] object Data);

/// <summary>A grain that holds personal data: it gives it for an export and erases it on request.</summary>
[Alias("igf.IHoldsPersonalData")]
public interface IHoldsPersonalData : IGrainWithStringKey
{
    /// <summary>What this grain holds of the person; null when nothing (any more).</summary>
    [Alias("ExportPersonalData")]
    Task<PersonalDataPart?> ExportPersonalData(string participantId);

    /// <summary>
    /// Erases or anonymizes what this grain holds of the person. Idempotent: erasing again (after a
    /// crash midway, or twice) finishes the job and changes nothing more.
    /// </summary>
    [Alias("ErasePersonalData")]
    Task ErasePersonalData(string participantId);
}

/// <summary>How erased people are shown where their contributions stay.</summary>
public static class FormerParticipant
{
    /// <summary>The name shown instead of an erased person's.</summary>
    public const string Name = "Former participant";

    /// <summary>The id that replaces an erased person's on what stays (questions, contributions).</summary>
    public const string Id = "former-participant";
}
