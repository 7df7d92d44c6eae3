using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Questions;

/// <summary>
/// A session's questions and votes in memory, with the rules for asking, voting and moderating,
/// and the views each audience may have. Plain, so the rules are tested without a cluster; the
/// grain stores what this class decides before anyone is told.
/// </summary>
public sealed class QuestionBoard
{
    private readonly Dictionary<string, QuestionRecord> _questions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _votes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset At, string Text)>> _recentAsks = new(StringComparer.Ordinal);

    // Which bucket holds each voter's vote on each question, and how full each bucket is.
    private readonly Dictionary<string, Dictionary<string, int>> _voteBuckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _bucketFill = new(StringComparer.Ordinal);

    // Questions asked whose storing is under way: nobody sees, votes on or moderates them yet.
    private readonly HashSet<string> _unstored = new(StringComparer.Ordinal);

    public bool PreModeration { get; private set; }

    public int Count => _questions.Count;

    public void Load(LedgerContents contents)
    {
        foreach (var question in contents.Questions)
        {
            Apply(question);

            // The repeat and rate limits hold across activations.
            NoteAsked(question);
        }

        foreach (var vote in contents.Votes)
        {
            Apply(vote);
        }

        PreModeration = contents.Settings?.PreModeration ?? false;
    }

    public QuestionRecord? Find(string questionId) =>
        _unstored.Contains(questionId) ? null : _questions.GetValueOrDefault(questionId);

    /// <summary>Holds a new question while it is being stored: its asker's limits count it, nobody sees it.</summary>
    public void Hold(QuestionRecord question)
    {
        Apply(question);
        NoteAsked(question);
        _unstored.Add(question.Id);
    }

    /// <summary>The question is stored: from now on it is part of the board.</summary>
    public void Confirm(string questionId) => _unstored.Remove(questionId);

    /// <summary>The question an asker already created with this request id, if any.</summary>
    public QuestionRecord? FindRequest(string askerId, string clientRequestId) =>
        _requests.TryGetValue(RequestKey(askerId, clientRequestId), out var id) ? _questions[id] : null;

    /// <summary>Checks a new question against the limits and makes its record (not yet applied).</summary>
    public QuestionRecord PrepareAsk(ParticipantProfile asker, string clientRequestId, string? text, bool anonymous, DateTimeOffset now, string newId)
    {
        var clean = text?.Trim() ?? string.Empty;
        if (clean.Length == 0)
        {
            throw ForumException.Invalid("text", "A question needs some text.");
        }

        if (clean.Length > QuestionLimits.MaxTextLength)
        {
            throw ForumException.Invalid("text", $"A question has at most {QuestionLimits.MaxTextLength} characters.");
        }

        var recent = Recent(asker.ParticipantId, now);
        var normalized = Normalize(clean);
        if (recent.Any(r => r.Text == normalized))
        {
            throw ForumException.Conflict($"You asked the same question less than {QuestionLimits.RepeatWindow.TotalMinutes:0} minutes ago.");
        }

        if (recent.Count(r => now - r.At < QuestionLimits.RateWindow) >= QuestionLimits.MaxQuestionsPerWindow)
        {
            throw ForumException.TooManyRequests($"You can ask {QuestionLimits.MaxQuestionsPerWindow} questions a minute in a session; wait a moment.");
        }

        return new QuestionRecord(
            newId, clean, asker.ParticipantId, asker.DisplayName, asker.StakeholderGroup, asker.Region, anonymous,
            PreModeration ? QuestionStatus.Pending : QuestionStatus.Approved, false, now, null, null, null, clientRequestId,
            !PreModeration);
    }

    /// <summary>Counts the question against its asker's rate and repeat limits.</summary>
    public void NoteAsked(QuestionRecord question) =>
        Recent(question.AskerId, question.AskedAt).Add((question.AskedAt, Normalize(question.Text)));

    public void Apply(QuestionRecord question)
    {
        _questions[question.Id] = question;
        _requests[RequestKey(question.AskerId, question.ClientRequestId)] = question.Id;
    }

    /// <summary>Takes back a question whose storing failed.</summary>
    public void Forget(QuestionRecord question)
    {
        _unstored.Remove(question.Id);
        _questions.Remove(question.Id);
        _requests.Remove(RequestKey(question.AskerId, question.ClientRequestId));
        if (_recentAsks.TryGetValue(question.AskerId, out var recent))
        {
            recent.RemoveAll(r => r.At == question.AskedAt && r.Text == Normalize(question.Text));
        }
    }

    /// <summary>
    /// The bucket for a voter's vote on a question: the one it is in already, else the last one with
    /// room. Buckets fill in turn so that a question's votes take as few stored entities as possible.
    /// </summary>
    public int BucketFor(string questionId, string participantId)
    {
        if (_voteBuckets.TryGetValue(questionId, out var known) && known.TryGetValue(participantId, out var bucket))
        {
            return bucket;
        }

        var fill = _bucketFill.GetValueOrDefault(questionId);
        return fill is null || fill.Count == 0 ? 0
            : fill[^1] < IQuestionLedger.VotersPerBucket ? fill.Count - 1
            : fill.Count;
    }

    public void Apply(VoteRecord vote)
    {
        var buckets = _voteBuckets.TryGetValue(vote.QuestionId, out var b) ? b : _voteBuckets[vote.QuestionId] = new Dictionary<string, int>(StringComparer.Ordinal);
        if (buckets.TryAdd(vote.ParticipantId, vote.Bucket))
        {
            var fill = _bucketFill.TryGetValue(vote.QuestionId, out var f) ? f : _bucketFill[vote.QuestionId] = [];
            while (fill.Count <= vote.Bucket)
            {
                fill.Add(0);
            }

            fill[vote.Bucket]++;
        }

        var voters = _votes.TryGetValue(vote.QuestionId, out var set) ? set : _votes[vote.QuestionId] = new HashSet<string>(StringComparer.Ordinal);
        if (vote.Up)
        {
            voters.Add(vote.ParticipantId);
        }
        else
        {
            voters.Remove(vote.ParticipantId);
        }
    }

    /// <summary>The stored questions a person asked.</summary>
    public IReadOnlyList<QuestionRecord> AskedBy(string participantId) =>
        [.. Stored.Where(q => q.AskerId == participantId).OrderBy(q => q.AskedAt)];

    /// <summary>The questions a person's vote is on.</summary>
    public IReadOnlyList<string> VotedBy(string participantId) =>
        [.. _votes.Where(v => v.Value.Contains(participantId)).Select(v => v.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// What erasing a person changes: their visible questions keep their text under <see cref="FormerParticipant"/>;
    /// those nobody else sees (pending, hidden) lose their text too; questions they hid as a moderator lose
    /// who hid them. The request id goes as well (the question's own id replaces it).
    /// </summary>
    public IReadOnlyList<(QuestionRecord Before, QuestionRecord After)> Erasing(string participantId) =>
        [.. Stored.Where(q => q.AskerId == participantId || q.HiddenBy == participantId).Select(q =>
        {
            var after = q;
            if (q.AskerId == participantId)
            {
                after = after with { AskerId = FormerParticipant.Id, AskerName = FormerParticipant.Name, ClientRequestId = q.Id };
                if (!IsVisible(q))
                {
                    after = after with { Text = string.Empty, Status = QuestionStatus.Hidden, Highlighted = false, HiddenReason = ErasedReason };
                }
            }

            return (q, after.HiddenBy == participantId ? after with { HiddenBy = FormerParticipant.Id } : after);
        })];

    /// <summary>The reason shown to moderators for a question whose asker was erased before it was shown.</summary>
    public const string ErasedReason = "Its asker's account was erased.";

    /// <summary>Replaces a stored question with its erased form, forgetting the old request key.</summary>
    public void Replace(QuestionRecord before, QuestionRecord after)
    {
        _requests.Remove(RequestKey(before.AskerId, before.ClientRequestId));
        _recentAsks.Remove(before.AskerId);
        Apply(after);
    }

    public void SetPreModeration(bool on) => PreModeration = on;

    public bool HasVoted(string questionId, string participantId) =>
        _votes.TryGetValue(questionId, out var voters) && voters.Contains(participantId);

    public int Upvotes(string questionId) => _votes.TryGetValue(questionId, out var voters) ? voters.Count : 0;

    public int Pending => Stored.Count(q => q.Status == QuestionStatus.Pending);

    public QuestionRecord? Highlighted => Stored.FirstOrDefault(q => q.Highlighted);

    private IEnumerable<QuestionRecord> Stored => _questions.Values.Where(q => !_unstored.Contains(q.Id));

    /// <summary>A question everyone may see: approved or answered.</summary>
    public static bool IsVisible(QuestionRecord q) => q.Status is QuestionStatus.Approved or QuestionStatus.Answered;

    public QuestionView View(QuestionRecord q) => new(
        q.Id, q.Text, q.StakeholderGroup, q.Region, q.Anonymous, q.Anonymous ? null : q.AskerName,
        q.Status, q.Highlighted, Upvotes(q.Id), q.AskedAt, q.AnsweredAt);

    public QuestionBoardView Board(string? participantId, QuestionOrder order)
    {
        var visible = Stored.Where(IsVisible).Select(View);
        var ordered = order == QuestionOrder.Votes
            ? visible.OrderByDescending(q => q.Upvotes).ThenBy(q => q.AskedAt)
            : visible.OrderByDescending(q => q.AskedAt);
        var mine = participantId is null
            ? []
            : Stored.Where(q => q.AskerId == participantId).OrderByDescending(q => q.AskedAt)
                .Select(q => new OwnQuestion(View(q) with { AskerName = q.AskerName }, q.HiddenReason)).ToList();
        var votes = participantId is null
            ? []
            : _votes.Where(v => v.Value.Contains(participantId)).Select(v => v.Key).Order(StringComparer.Ordinal).ToList();
        return new QuestionBoardView(ordered.ToList(), mine, votes, PreModeration);
    }

    public IReadOnlyList<ModeratedQuestion> Moderation() =>
        Stored.OrderBy(q => q.Status == QuestionStatus.Pending ? 0 : 1).ThenBy(q => q.AskedAt)
            .Select(q => new ModeratedQuestion(View(q), q.AskerId, q.AskerName, q.HiddenReason, q.HiddenBy)).ToList();

    public QuestionFigures Figures()
    {
        var all = Stored.ToList();
        return new QuestionFigures(
            all.Count, all.Count(q => q.WasApproved), all.Count(q => q.Status == QuestionStatus.Answered),
            all.Count(q => q.Status == QuestionStatus.Hidden), _votes.Values.Sum(v => v.Count),
            Tally(all, q => WireNames.Name(q.StakeholderGroup)),
            Tally(all, q => WireNames.Name(q.Region)));
    }

    private static Dictionary<string, QuestionTally> Tally(List<QuestionRecord> questions, Func<QuestionRecord, string> key) =>
        questions.GroupBy(key, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new QuestionTally(g.Count(), g.Count(q => q.WasApproved), g.Count(q => q.Status == QuestionStatus.Answered), g.Count(q => q.Status == QuestionStatus.Hidden)),
            StringComparer.Ordinal);

    private List<(DateTimeOffset At, string Text)> Recent(string askerId, DateTimeOffset now)
    {
        var recent = _recentAsks.TryGetValue(askerId, out var list) ? list : _recentAsks[askerId] = [];
        recent.RemoveAll(r => now - r.At >= QuestionLimits.RepeatWindow);
        return recent;
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static string RequestKey(string askerId, string clientRequestId) => askerId + "\n" + clientRequestId;
}
