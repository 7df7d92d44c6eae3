using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Live;

namespace IgfPlatform.Contracts.Topics;

/// <summary>Where a topic's feed stands: a follower receives every event after <see cref="LastSeq"/> of <see cref="Epoch"/>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.TopicFeedPosition")]
public sealed record TopicFeedPosition(
    [property: Id(0)] string Topic,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long LastSeq);

/// <summary>
/// What a client receives through the hub method <c>topicEvents</c>: a contiguous run of one topic's
/// events, <c>fromSeq..toSeq</c> inclusive.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.TopicEventBatch")]
public sealed record TopicEventBatch(
    [property: Id(0)] string Topic,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long FromSeq,
    [property: Id(3)] long ToSeq,
    [property: Id(4)] IReadOnlyList<SessionEvent> Events);

/// <summary>
/// The answer to <c>ResyncTopic</c>: the missed events, or null events when they cannot be given
/// (another epoch, or older than the feed keeps): the client then reads the consultations again over HTTP.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.TopicResync")]
public sealed record TopicResync(
    [property: Id(0)] string Topic,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long LastSeq,
    [property: Id(3)] IReadOnlyList<SessionEvent>? Events);

/// <summary>A contribution everyone may see was added (a reply carries its parent's id).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ContributionAdded")]
public sealed record ContributionAdded(
    [property: Id(0)] string ConsultationId,
    [property: Id(1)] Contribution Contribution);

/// <summary>
/// A contribution was hidden from the public (after reports, or by review) or shown again.
/// <see cref="Contribution"/> is its public thread when shown, null when hidden: remove it and its replies.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ContributionChanged")]
public sealed record ContributionChanged(
    [property: Id(0)] string ConsultationId,
    [property: Id(1)] string ContributionId,
    [property: Id(2)] Contribution? Contribution);

/// <summary>The figures of a consultation after a change (at most one per stored write).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationSummaryChanged")]
public sealed record ConsultationSummaryChanged(
    [property: Id(0)] ConsultationSummary Summary);

/// <summary>A consultation was opened on the topic, or its final text published.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ConsultationChanged")]
public sealed record ConsultationChanged(
    [property: Id(0)] ConsultationDetails Consultation);

/// <summary>The names of a topic feed's event types, as they appear on the wire.</summary>
public static class TopicEventTypes
{
    public const string ContributionAdded = "contributionAdded";
    public const string ContributionChanged = "contributionChanged";
    public const string ConsultationSummaryChanged = "consultationSummaryChanged";
    public const string ConsultationChanged = "consultationChanged";

    private static readonly Dictionary<string, Type> DataTypes = new(StringComparer.Ordinal)
    {
        [ContributionAdded] = typeof(Topics.ContributionAdded),
        [ContributionChanged] = typeof(Topics.ContributionChanged),
        [ConsultationSummaryChanged] = typeof(Topics.ConsultationSummaryChanged),
        [ConsultationChanged] = typeof(Topics.ConsultationChanged),
    };

    public static bool IsKnown(string type) => DataTypes.ContainsKey(type);

    /// <summary>The .NET type of an event's data, for clients that read events from JSON.</summary>
    public static Type? DataTypeOf(string type) => DataTypes.GetValueOrDefault(type);
}
