namespace IgfPlatform.Contracts.Questions;

/// <summary>How a board lists its questions.</summary>
public enum QuestionOrder
{
    Votes = 0,
    Time = 1,
}

/// <summary>
/// The questions of one session (keyed by the session id), with their votes. Every command is
/// answered only once what it changed is stored; votes are stored in groups (one storage
/// transaction for many votes) so that thousands a second reach one session.
/// </summary>
[Alias("igf.IQuestionBoardGrain")]
public interface IQuestionBoardGrain : Privacy.IHoldsPersonalData
{
    [Alias("Ask")]
    Task<AskResult> Ask(string participantId, string clientRequestId, string text, bool anonymous);

    [Alias("Upvote")]
    Task<VoteResult> Upvote(string participantId, string questionId);

    [Alias("RemoveUpvote")]
    Task<VoteResult> RemoveUpvote(string participantId, string questionId);

    [Alias("Approve")]
    Task Approve(string moderatorId, string questionId);

    [Alias("Hide")]
    Task Hide(string moderatorId, string questionId, string reason);

    /// <summary>The question being answered now; one at a time (null clears it).</summary>
    [Alias("Highlight")]
    Task Highlight(string moderatorId, string? questionId);

    [Alias("MarkAnswered")]
    Task MarkAnswered(string moderatorId, string questionId);

    [Alias("SetPreModeration")]
    Task SetPreModeration(string moderatorId, bool on);

    /// <summary>What a participant (or an anonymous follower, with a null id) sees.</summary>
    [Alias("GetBoard")]
    Task<QuestionBoardView> GetBoard(string? participantId, QuestionOrder order);

    /// <summary>Every question with its asker, for the session's moderators.</summary>
    [Alias("GetModeration")]
    Task<IReadOnlyList<ModeratedQuestion>> GetModeration(string moderatorId);

    [Alias("GetFigures")]
    Task<QuestionFigures> GetFigures();
}
