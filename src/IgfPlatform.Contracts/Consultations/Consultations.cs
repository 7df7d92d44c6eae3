using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Contracts.Consultations;

// The names below are the public contract (camelCase on the wire). Add new values at the end.

/// <summary>Where a contribution stands on the text (or paragraph) it speaks to.</summary>
public enum Stance
{
    Agree = 0,
    Disagree = 1,
    Neutral = 2,
}

/// <summary>Open until the closing date, then closed; published once a final text is published.</summary>
public enum ConsultationPhase
{
    Open = 0,
    Closed = 1,
    Published = 2,
}

/// <summary>How a contribution is shown: reports hide it until an organizer reviews it.</summary>
public enum ContributionStatus
{
    Visible = 0,

    /// <summary>Hidden by reports from different participants; waits for an organizer's review.</summary>
    HiddenPendingReview = 1,

    /// <summary>An organizer reviewed it and keeps it hidden (with a reason).</summary>
    KeptHidden = 2,

    /// <summary>An organizer reviewed it and restored it; further reports no longer hide it.</summary>
    Restored = 3,
}

/// <summary>One numbered paragraph of a text.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationParagraph")]
public sealed record ConsultationParagraph(
    [property: Id(0)] int Number,
    [property: Id(1)] string Text);

/// <summary>A version of the text: version 1 is the draft, 2 and up are published final texts. Never changes once stored.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationVersion")]
public sealed record ConsultationVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] bool Draft,
    [property: Id(2)] IReadOnlyList<ConsultationParagraph> Paragraphs,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string By);

/// <summary>What an organizer gives to open a consultation. The slug is made from the title when left out.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.NewConsultation")]
public sealed record NewConsultation(
    [property: Id(0)] string? Slug,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<string> Paragraphs,
    [property: Id(3)] DateTimeOffset ClosesAt);

/// <summary>A consultation: its text (draft and published versions) and where it stands.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationDetails")]
public sealed record ConsultationDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string TopicSlug,
    [property: Id(2)] string Slug,
    [property: Id(3)] string Title,
    [property: Id(4)] ConsultationPhase Phase,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset ClosesAt,
    [property: Id(7)] IReadOnlyList<ConsultationVersion> Versions,
    [property: Id(8)] int Contributions);

/// <summary>A consultation in its topic's list.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationListing")]
public sealed record ConsultationListing(
    [property: Id(0)] string Id,
    [property: Id(1)] string TopicSlug,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset ClosesAt);

/// <summary>
/// A contribution (level 1) or a reply (level 2 or 3). A reply speaks to the paragraph of its
/// thread; its stance is optional. <see cref="Reports"/>, <see cref="ReviewReason"/> are shown to
/// organizers and the author only (0 and null for everyone else).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.Contribution")]
public sealed record Contribution(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] int Level,
    [property: Id(3)] int? Paragraph,
    [property: Id(4)] Stance? Stance,
    [property: Id(5)] string Text,
    [property: Id(6)] string AuthorName,
    [property: Id(7)] StakeholderGroup StakeholderGroup,
    [property: Id(8)] Region Region,
    [property: Id(9)] DateTimeOffset At,
    [property: Id(10)] ContributionStatus Status,
    [property: Id(11)] bool Mine,
    [property: Id(12)] int Reports,
    [property: Id(13)] string? ReviewReason,
    [property: Id(14)] IReadOnlyList<Contribution> Replies);

/// <summary>A contribution or reply as a participant sends it. <c>parentId</c> makes it a reply.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ContributionDraft")]
public sealed record ContributionDraft(
    [property: Id(0)] string ClientRequestId,
    [property: Id(1)] int? Paragraph,
    [property: Id(2)] Stance? Stance,
    [property: Id(3)] string Text,
    [property: Id(4)] string? ParentId);

/// <summary>What a report led to: how many different participants reported, and whether it is hidden now.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ReportResult")]
public sealed record ReportResult(
    [property: Id(0)] string ContributionId,
    [property: Id(1)] int Reports,
    [property: Id(2)] ContributionStatus Status);

/// <summary>An organizer's review: restore (visible) or keep hidden (a reason is required then).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ContributionReview")]
public sealed record ContributionReview(
    [property: Id(0)] bool Visible,
    [property: Id(1)] string? Reason);

/// <summary>The final text an organizer publishes: paragraphs numbered 1..N in order.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.PublishedText")]
public sealed record PublishedText(
    [property: Id(0)] IReadOnlyList<string> Paragraphs);

[GenerateSerializer]
[Immutable]
[Alias("igf.StanceCounts")]
public sealed record StanceCounts(
    [property: Id(0)] int Agree,
    [property: Id(1)] int Disagree,
    [property: Id(2)] int Neutral);

/// <summary>Contributions (level 1), replies and stances (of both) of one stakeholder group.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.GroupContributions")]
public sealed record GroupContributions(
    [property: Id(0)] int Contributions,
    [property: Id(1)] int Replies,
    [property: Id(2)] StanceCounts Stances);

/// <summary>Contributions and replies on one paragraph (null: on the whole text), with their stances.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ParagraphContributions")]
public sealed record ParagraphContributions(
    [property: Id(0)] int? Paragraph,
    [property: Id(1)] int Contributions,
    [property: Id(2)] int Replies,
    [property: Id(3)] StanceCounts Stances);

/// <summary>
/// The figures of a consultation, computed from the stored contributions that are not hidden.
/// <see cref="ByGroup"/> is keyed by the camelCase stakeholder group and lists every group.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationSummary")]
public sealed record ConsultationSummary(
    [property: Id(0)] string ConsultationId,
    [property: Id(1)] int Contributions,
    [property: Id(2)] int Replies,
    [property: Id(3)] StanceCounts Stances,
    [property: Id(4)] IReadOnlyDictionary<string, GroupContributions> ByGroup,
    [property: Id(5)] IReadOnlyList<ParagraphContributions> ByParagraph,
    [property: Id(6)] int Hidden);

/// <summary>Limits on consultations, stated in the docs.</summary>
public static class ConsultationLimits
{
    public const int MaxTitleLength = 200;
    public const int MaxParagraphs = 200;
    public const int MaxParagraphLength = 4000;
    public const int MaxContributionLength = 5000;
    public const int MaxDepth = 3;
    public const int MaxClientRequestIdLength = ClientRequestIds.MaxLength;
    public const int MaxReasonLength = 500;
    public const int MaxSlugLength = 48;
    public const int ReportsToHide = 3;
    public const int MaxContributionsPerWindow = 10;
    public const int MaxContributions = 20_000;
    public static readonly TimeSpan ContributionWindow = TimeSpan.FromMinutes(1);
}

/// <summary>Consultation ids: <c>{topicSlug}--{slug}</c>.</summary>
public static class ConsultationIds
{
    public const string Separator = "--";

    public static string Of(string topicSlug, string slug) => topicSlug + Separator + slug;

    /// <summary>A slug made from a title: lower-case letters and digits joined by single dashes.</summary>
    public static string SlugFrom(string? title)
    {
        var chars = new System.Text.StringBuilder();
        foreach (var c in (title ?? string.Empty).Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                chars.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '/' or '.' or ',' or ':')
            {
                if (chars.Length > 0 && chars[^1] != '-')
                {
                    chars.Append('-');
                }
            }
        }

        var slug = chars.ToString();
        if (slug.Length > ConsultationLimits.MaxSlugLength)
        {
            slug = slug[..ConsultationLimits.MaxSlugLength];
        }

        return slug.Trim('-');
    }

    /// <summary>Lower-case letters, digits and single dashes, at most <see cref="ConsultationLimits.MaxSlugLength"/>.</summary>
    public static bool IsSlug(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= ConsultationLimits.MaxSlugLength
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && slug[0] != '-' && slug[^1] != '-' && !slug.Contains(Separator, StringComparison.Ordinal);
}

/// <summary>A consultation on a policy topic, keyed by <c>{topicSlug}--{slug}</c>.</summary>
[Alias("igf.IConsultationGrain")]
public interface IConsultationGrain : Privacy.IHoldsPersonalData
{
    /// <summary>An organizer opens the consultation on an existing topic; refused when it exists.</summary>
    [Alias("Open")]
    Task<ConsultationDetails> Open(string organizerId, string topicSlug, NewConsultation consultation);

    /// <summary>The text, versions and phase; null when never opened (public).</summary>
    [Alias("Get")]
    Task<ConsultationDetails?> Get();

    /// <summary>A contribution or reply; the same client request id again returns the first result.</summary>
    [Alias("Contribute")]
    Task<Contribution> Contribute(string participantId, ContributionDraft draft);

    /// <summary>The threads as the viewer may see them (hidden ones only for organizers and their authors).</summary>
    [Alias("GetContributions")]
    Task<IReadOnlyList<Contribution>> GetContributions(string? viewerId);

    [Alias("Report")]
    Task<ReportResult> Report(string participantId, string contributionId);

    [Alias("Review")]
    Task<Contribution> Review(string organizerId, string contributionId, ContributionReview review);

    [Alias("GetSummary")]
    Task<ConsultationSummary> GetSummary();

    /// <summary>After the closing date, an organizer publishes the final text as a new version.</summary>
    [Alias("Publish")]
    Task<ConsultationVersion> Publish(string organizerId, PublishedText text);
}

/// <summary>The consultations of one topic, keyed by the topic slug.</summary>
[Alias("igf.IConsultationIndexGrain")]
public interface IConsultationIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(ConsultationListing listing);

    [Alias("List")]
    Task<IReadOnlyList<ConsultationListing>> List();
}

/// <summary>In a person's export: their contributions to one consultation and the contributions they reported.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationExport")]
public sealed record ConsultationExport(
    [property: Id(0)] string ConsultationId,
    [property: Id(1)] IReadOnlyList<ExportedContribution> Contributions,
    [property: Id(2)] IReadOnlyList<string> Reported);

/// <summary>A contribution as its author's export gives it (reports as a count: who reported is not theirs to know).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ExportedContribution")]
public sealed record ExportedContribution(
    [property: Id(0)] string ContributionId,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] int? Paragraph,
    [property: Id(3)] Stance? Stance,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] ContributionStatus Status,
    [property: Id(7)] int Reports,
    [property: Id(8)] string? ReviewReason);
