using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>Where an entry stands.</summary>
public enum EntryStatus
{
    Waiting = 0,
    Spoke = 1,
    Withdrawn = 2,
    Dismissed = 3,
}

/// <summary>A request for the floor as stored, from the moment it is made to how it closed.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorEntryRecord")]
public sealed record FloorEntryRecord(
    [property: Id(0)] long EntryId,
    [property: Id(1)] FloorKind Kind,
    [property: Id(2)] string? ParticipantId,
    [property: Id(3)] string ClientRequestId,
    [property: Id(4)] string Name,
    [property: Id(5)] StakeholderGroup Group,
    [property: Id(6)] Region Region,
    [property: Id(7)] Gender? Gender,
    [property: Id(8)] bool InRoom,
    [property: Id(9)] RemoteHub? Hub,
    [property: Id(10)] string? Note,
    [property: Id(11)] DateTimeOffset RequestedAt,
    [property: Id(12)] long? RepliesTo,
    [property: Id(13)] string? AddedBy,
    [property: Id(14)] EntryStatus Status = EntryStatus.Waiting,
    [property: Id(15)] DateTimeOffset? ClosedAt = null,
    [property: Id(16)] string? ClosedBy = null,
    [property: Id(17)] string? ClosedReason = null,
    [property: Id(18)] int Overtaken = 0)
{
    public FloorCandidate Candidate => new(EntryId, Kind, Group, Region, Gender, RequestedAt, RepliesTo, Overtaken);
}

/// <summary>
/// A speech as stored: who, when, for how long, and how the moderator chose them (the suggestion,
/// or another entry with the reason).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SpeechRecord")]
public sealed record SpeechRecord(
    [property: Id(0)] long SpeechId,
    [property: Id(1)] FloorEntryRecord Entry,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] int AllottedSeconds,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] string ModeratorId,
    [property: Id(6)] string ModeratorName,
    [property: Id(7)] long? SuggestedEntryId,
    [property: Id(8)] StakeholderGroup? SuggestedGroup,
    [property: Id(9)] string? OverrideReason,
    [property: Id(10)] bool AnswersSpeech)
{
    public long MillisecondsAt(DateTimeOffset now) => (long)Math.Max(0, ((EndedAt ?? now) - StartedAt).TotalMilliseconds);
}

/// <summary>
/// The targets the ledger stood against when the session ended, as stored: who was present then is
/// kept nowhere else. Indexed like <see cref="FloorTargets"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorTargetsRecord")]
public sealed record FloorTargetsRecord(
    [property: Id(0)] int[] GroupWeights,
    [property: Id(1)] long?[] BudgetMs,
    [property: Id(2)] bool[] RegionsPresent,
    [property: Id(3)] bool[] GendersPresent);

/// <summary>
/// What a session's speaking queue stores (in Blob storage: a session's speeches and requests grow).
/// Built afresh for every write, so a write in progress never sees a later change.
/// </summary>
[GenerateSerializer]
[Alias("igf.SpeakingQueueState")]
public sealed class SpeakingQueueState
{
    [Id(0)]
    public bool Open { get; set; } = true;

    [Id(1)]
    public FloorSettings? Settings { get; set; }

    [Id(2)]
    public long LastEntryId { get; set; }

    [Id(3)]
    public List<FloorEntryRecord> Entries { get; set; } = [];

    [Id(4)]
    public List<SpeechRecord> Speeches { get; set; } = [];

    /// <summary>Set when the session ended: nothing more is taken.</summary>
    [Id(5)]
    public DateTimeOffset? ClosedWithSessionAt { get; set; }

    /// <summary>
    /// The targets when the session ended, so its ledger no longer moves with who follows it later. Null
    /// before the end, and for a queue ended before they were kept.
    /// </summary>
    [Id(6)]
    public FloorTargetsRecord? TargetsAtEnd { get; set; }
}
