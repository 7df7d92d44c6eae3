using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Consultations;

/// <summary>What a consultation is about and when it closes, as stored when it was opened.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationHeader")]
public sealed record ConsultationHeader(
    [property: Id(0)] string Id,
    [property: Id(1)] string TopicSlug,
    [property: Id(2)] string Slug,
    [property: Id(3)] string Title,
    [property: Id(4)] string OpenedBy,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset ClosesAt);

/// <summary>A contribution or reply as stored, with who reported it and how it was reviewed.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ContributionRecord")]
public sealed record ContributionRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] int Level,
    [property: Id(3)] int? Paragraph,
    [property: Id(4)] Stance? Stance,
    [property: Id(5)] string Text,
    [property: Id(6)] string AuthorId,
    [property: Id(7)] string AuthorName,
    [property: Id(8)] StakeholderGroup Group,
    [property: Id(9)] Region Region,
    [property: Id(10)] string ClientRequestId,
    [property: Id(11)] DateTimeOffset At,
    [property: Id(12)] IReadOnlyList<string> ReportedBy,
    [property: Id(13)] ContributionStatus Status = ContributionStatus.Visible,
    [property: Id(14)] string? ReviewedBy = null,
    [property: Id(15)] string? ReviewReason = null,
    [property: Id(16)] DateTimeOffset? ReviewedAt = null)
{
    public bool Hidden => Status is ContributionStatus.HiddenPendingReview or ContributionStatus.KeptHidden;
}

/// <summary>
/// What a consultation stores (in Blob storage: contributions grow). Built afresh for every write,
/// so a write in progress never sees a later change.
/// </summary>
[GenerateSerializer]
[Alias("igf.ConsultationState")]
public sealed class ConsultationState
{
    [Id(0)]
    public ConsultationHeader? Header { get; set; }

    /// <summary>The draft (version 1) and the published versions, in order.</summary>
    [Id(1)]
    public List<ConsultationVersion> Versions { get; set; } = [];

    [Id(2)]
    public List<ContributionRecord> Contributions { get; set; } = [];

    [Id(3)]
    public long LastNumber { get; set; }
}
