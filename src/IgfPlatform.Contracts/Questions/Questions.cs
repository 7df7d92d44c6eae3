using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Contracts.Questions;

/// <summary>pending → approved → answered; hidden from pending or approved (with a reason, kept).</summary>
public enum QuestionStatus
{
    Pending = 0,
    Approved = 1,
    Answered = 2,
    Hidden = 3,
}

/// <summary>
/// A question as everyone may see it once approved. The asker's stakeholder group and region are
/// shown even for anonymous questions; the asker's name only when the question is not anonymous.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionView")]
public sealed record QuestionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] StakeholderGroup StakeholderGroup,
    [property: Id(3)] Region Region,
    [property: Id(4)] bool Anonymous,
    [property: Id(5)] string? AskerName,
    [property: Id(6)] QuestionStatus Status,
    [property: Id(7)] bool Highlighted,
    [property: Id(8)] int Upvotes,
    [property: Id(9)] DateTimeOffset AskedAt,
    [property: Id(10)] DateTimeOffset? AnsweredAt);

/// <summary>A question as the session's moderators see it: who asked, and why it was hidden.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ModeratedQuestion")]
public sealed record ModeratedQuestion(
    [property: Id(0)] QuestionView Question,
    [property: Id(1)] string AskerId,
    [property: Id(2)] string AskerName,
    [property: Id(3)] string? HiddenReason,
    [property: Id(4)] string? HiddenBy);

/// <summary>An asker's own question: its status, and the reason when it was hidden.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.OwnQuestion")]
public sealed record OwnQuestion(
    [property: Id(0)] QuestionView Question,
    [property: Id(1)] string? HiddenReason);

/// <summary>The answer to <c>AskQuestion</c>; the same for a repeat of the same client request id.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.AskResult")]
public sealed record AskResult(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] QuestionStatus Status,
    [property: Id(2)] QuestionView Question);

/// <summary>The answer to an upvote or its removal: the question's count as stored.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.VoteResult")]
public sealed record VoteResult(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] int Upvotes,
    [property: Id(2)] bool Voted);

/// <summary>What a participant sees of a session's questions: the visible ones, their own, their votes.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionBoardView")]
public sealed record QuestionBoardView(
    [property: Id(0)] IReadOnlyList<QuestionView> Questions,
    [property: Id(1)] IReadOnlyList<OwnQuestion> Mine,
    [property: Id(2)] IReadOnlyList<string> MyVotes,
    [property: Id(3)] bool PreModeration);

/// <summary>Question figures for the proceedings, by stakeholder group and region.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionFigures")]
public sealed record QuestionFigures(
    [property: Id(0)] int Asked,
    [property: Id(1)] int Approved,
    [property: Id(2)] int Answered,
    [property: Id(3)] int Hidden,
    [property: Id(4)] int Upvotes,
    [property: Id(5)] IReadOnlyDictionary<string, QuestionTally> ByGroup,
    [property: Id(6)] IReadOnlyDictionary<string, QuestionTally> ByRegion);

[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionTally")]
public sealed record QuestionTally(
    [property: Id(0)] int Asked,
    [property: Id(1)] int Approved,
    [property: Id(2)] int Answered,
    [property: Id(3)] int Hidden);

// Events of the session's public history.

/// <summary>A question became visible to everyone (approved, or asked without pre-moderation).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionAdded")]
public sealed record QuestionAdded(
    [property: Id(0)] QuestionView Question);

/// <summary>
/// A question's status changed. <c>Question</c> is given while it is visible; for a question that is
/// pending or hidden only its id and status go out (its asker is waiting for them; nobody else learns more).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionUpdated")]
public sealed record QuestionUpdated(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] QuestionStatus Status,
    [property: Id(2)] bool Highlighted,
    [property: Id(3)] QuestionView? Question);

/// <summary>New vote counts of the questions whose votes changed since the last push.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionVotesChanged")]
public sealed record QuestionVotesChanged(
    [property: Id(0)] IReadOnlyDictionary<string, int> Votes);

/// <summary>
/// The moderators' queue or the board's settings changed: how many questions wait for review, and
/// whether questions are reviewed before they are shown. Moderators fetch the queue itself.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ModerationQueueChanged")]
public sealed record ModerationQueueChanged(
    [property: Id(0)] int Pending,
    [property: Id(1)] bool PreModeration);

/// <summary>Limits on questions, stated in docs/api.md.</summary>
public static class QuestionLimits
{
    public const int MaxTextLength = 500;
    public const int MaxClientRequestIdLength = ClientRequestIds.MaxLength;
    public const int MaxHiddenReasonLength = 300;

    /// <summary>The same text from the same person within this time is refused as a repeat.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(5);

    /// <summary>A participant asks at most this many questions per <see cref="RateWindow"/> in one session.</summary>
    public const int MaxQuestionsPerWindow = 5;

    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    /// <summary>Vote counts are pushed at most this often per session.</summary>
    public static readonly TimeSpan VotePushInterval = TimeSpan.FromMilliseconds(250);
}

/// <summary>In a person's export: their questions in one session and the questions they voted for.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QuestionsExport")]
public sealed record QuestionsExport(
    [property: Id(0)] string SessionId,
    [property: Id(1)] IReadOnlyList<ExportedQuestion> Asked,
    [property: Id(2)] IReadOnlyList<ExportedVote> Votes);

/// <summary>A question as its asker's export gives it (the votes as a count: who voted is theirs to know).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ExportedQuestion")]
public sealed record ExportedQuestion(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string Text,
    [property: Id(2)] bool Anonymous,
    [property: Id(3)] QuestionStatus Status,
    [property: Id(4)] int VotesReceived,
    [property: Id(5)] DateTimeOffset AskedAt,
    [property: Id(6)] DateTimeOffset? AnsweredAt,
    [property: Id(7)] string? HiddenReason);

/// <summary>A vote of the person's, with the question's text (never its asker).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ExportedVote")]
public sealed record ExportedVote(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string QuestionText);
