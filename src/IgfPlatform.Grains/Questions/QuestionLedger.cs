using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Questions;

/// <summary>A question as stored: one record per question, written only when the question changes.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionRecord")]
public sealed record QuestionRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] string AskerId,
    [property: Id(3)] string AskerName,
    [property: Id(4)] StakeholderGroup StakeholderGroup,
    [property: Id(5)] Region Region,
    [property: Id(6)] bool Anonymous,
    [property: Id(7)] QuestionStatus Status,
    [property: Id(8)] bool Highlighted,
    [property: Id(9)] DateTimeOffset AskedAt,
    [property: Id(10)] DateTimeOffset? AnsweredAt,
    [property: Id(11)] string? HiddenReason,
    [property: Id(12)] string? HiddenBy,
    [property: Id(13)] string ClientRequestId,
    [property: Id(14)] bool WasApproved);

/// <summary>
/// One participant's vote on one question, as stored. <paramref name="Bucket"/> says which of the
/// question's vote buckets holds it (the board fills buckets in turn, so few are needed).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.VoteRecord")]
public sealed record VoteRecord(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string ParticipantId,
    [property: Id(2)] bool Up,
    [property: Id(3)] int Bucket = 0);

/// <summary>A board's settings as stored.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.BoardSettings")]
public sealed record BoardSettings(
    [property: Id(0)] bool PreModeration);

/// <summary>Everything stored of one board.</summary>
public sealed record LedgerContents(
    IReadOnlyList<QuestionRecord> Questions,
    IReadOnlyList<VoteRecord> Votes,
    BoardSettings? Settings);

/// <summary>
/// Where a board's questions and votes are stored, as separate small records, so that a write is
/// proportional to what changed. <see cref="Write"/> stores a group of records atomically (all or
/// none), at most <see cref="MaxRecordsPerWrite"/>, each record at most once.
/// </summary>
public interface IQuestionLedger
{
    /// <summary>The most voters one bucket holds (an Azure Table entity has at most 252 properties).</summary>
    public const int VotersPerBucket = 200;

    /// <summary>The most records one atomic write may hold (Azure Table's transaction limit).</summary>
    public const int MaxRecordsPerWrite = 100;

    Task<LedgerContents> Load(string sessionId, CancellationToken cancellationToken = default);

    Task Write(string sessionId, IReadOnlyList<object> records, CancellationToken cancellationToken = default);
}

/// <summary>How a board stores: many operations per write (the default) or one write per operation.</summary>
public sealed class QuestionStorageOptions
{
    /// <summary>
    /// Off: every vote and question is its own storage write, as a plain implementation would do.
    /// Kept to measure group commit against, in the same benchmark run.
    /// </summary>
    public bool GroupCommit { get; set; } = true;
}
