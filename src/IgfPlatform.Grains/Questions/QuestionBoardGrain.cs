using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace IgfPlatform.Grains.Questions;

/// <summary>
/// A session's questions. Reentrant so that votes arriving together are stored together (group
/// commit); everything about one question or one vote is done one operation at a time, and each
/// change is in memory before its write starts and taken back if the write fails. Events go into
/// the session's history only after the write.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed class QuestionBoardGrain(
    IQuestionLedger ledger,
    IOptions<QuestionStorageOptions> options,
    TimeProvider time,
    ILogger<QuestionBoardGrain> logger) : Grain, IQuestionBoardGrain
{
    // Moderators' commands run one at a time: highlighting one question changes another's record, and
    // each command must start from what the one before it stored. (Moderators are few; votes are not.)
    private const string ModerationKey = "moderation";
    private readonly QuestionBoard _board = new();
    private readonly Dictionary<string, Task> _busy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _votesChanged = new(StringComparer.Ordinal);

    // People whose footprint this activation recorded: a vote then costs no call to their participant grain.
    private readonly HashSet<string> _footprinted = new(StringComparer.Ordinal);

    // Votes per question applied in memory whose storing is under way, so answers give stored counts.
    private readonly Dictionary<string, int> _unstoredVotes = new(StringComparer.Ordinal);
    private GroupCommitter _committer = null!;
    private IGrainTimer? _voteTimer;
    private SessionGate _gate = null!;

    private string SessionId => this.GetPrimaryKeyString();

    private ISessionGrain Session => GrainFactory.GetGrain<ISessionGrain>(SessionId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _board.Load(await ledger.Load(SessionId, cancellationToken));
        _committer = new GroupCommitter(SessionId, ledger, options.Value.GroupCommit);
        _gate = new SessionGate(() => Session, SessionId, time);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<AskResult> Ask(string participantId, string clientRequestId, string text, bool anonymous)
    {
        RequireParticipant(participantId);
        ClientRequestIds.Require(clientRequestId);

        return await OneAtATime("ask|" + participantId + "|" + clientRequestId, async () =>
        {
            // The same request again: the first answer, and no second question.
            if (_board.FindRequest(participantId, clientRequestId) is { } known)
            {
                return Answer(known);
            }

            await EnsureOpen();
            var asker = await GrainFactory.GetGrain<IParticipantGrain>(participantId).GetProfile()
                ?? throw ForumException.Unauthenticated("Your account no longer exists.");
            var question = _board.PrepareAsk(asker, clientRequestId, text, anonymous, time.GetUtcNow(), "q-" + Guid.NewGuid().ToString("N")[..12]);
            await RecordFootprint(participantId);
            _board.Hold(question);
            try
            {
                await _committer.Submit([question]);
            }
            catch
            {
                _board.Forget(question);
                throw;
            }

            _board.Confirm(question.Id);

            await Record([QuestionBoard.IsVisible(question) ? Added(question) : QueueChange()]);

            return Answer(question);
        });
    }

    /// <summary>The asker's view of their question: with their name, even when shown anonymously to others.</summary>
    private AskResult Answer(QuestionRecord question) =>
        new(question.Id, question.Status, _board.View(question) with { AskerName = question.AskerName });

    public Task<VoteResult> Upvote(string participantId, string questionId) => Vote(participantId, questionId, up: true);

    public Task<VoteResult> RemoveUpvote(string participantId, string questionId) => Vote(participantId, questionId, up: false);

    public Task Approve(string moderatorId, string questionId) =>
        Moderate(moderatorId, questionId, q => q.Status is QuestionStatus.Pending or QuestionStatus.Hidden
            ? q with { Status = QuestionStatus.Approved, WasApproved = true, HiddenReason = null, HiddenBy = null }
            : throw ForumException.Conflict($"Only a pending or hidden question can be approved; this one is {Name(q.Status)}."));

    public Task Hide(string moderatorId, string questionId, string reason)
    {
        var clean = reason?.Trim() ?? string.Empty;
        if (clean.Length == 0 || clean.Length > QuestionLimits.MaxHiddenReasonLength)
        {
            throw ForumException.Invalid("reason", $"Say why the question is hidden, in 1 to {QuestionLimits.MaxHiddenReasonLength} characters; the reason is kept.");
        }

        return Moderate(moderatorId, questionId, q => q.Status == QuestionStatus.Hidden
            ? throw ForumException.Conflict("The question is already hidden.")
            : q with { Status = QuestionStatus.Hidden, Highlighted = false, HiddenReason = clean, HiddenBy = moderatorId });
    }

    public async Task Highlight(string moderatorId, string? questionId)
    {
        await EnsureModerator(moderatorId);
        await OneAtATime(ModerationKey, async () =>
        {
            var previous = _board.Highlighted;
            var next = questionId is null ? null : _board.Find(questionId) ?? throw NoSuchQuestion(questionId);
            if (next is not null && next.Status != QuestionStatus.Approved)
            {
                throw ForumException.Conflict($"Only an approved question can be the one answered now; this one is {Name(next.Status)}.");
            }

            if (previous?.Id == next?.Id)
            {
                return true;
            }

            var changes = new List<QuestionRecord>();
            if (previous is not null)
            {
                changes.Add(previous with { Highlighted = false });
            }

            if (next is not null)
            {
                changes.Add(next with { Highlighted = true });
            }

            await Store(changes);
            await Record([.. changes.Select(Updated)]);

            return true;
        });
    }

    public Task MarkAnswered(string moderatorId, string questionId) =>
        Moderate(moderatorId, questionId, q => q.Status == QuestionStatus.Approved
            ? q with { Status = QuestionStatus.Answered, Highlighted = false, AnsweredAt = time.GetUtcNow() }
            : throw ForumException.Conflict($"Only an approved question can be marked answered; this one is {Name(q.Status)}."));

    public async Task SetPreModeration(string moderatorId, bool on)
    {
        await EnsureModerator(moderatorId);
        await OneAtATime(ModerationKey, async () =>
        {
            if (_board.PreModeration == on)
            {
                return true;
            }

            await _committer.Submit([new BoardSettings(on)]);
            _board.SetPreModeration(on);
            await Record([QueueChange()]);
            return true;
        });
    }

    public Task<QuestionBoardView> GetBoard(string? participantId, QuestionOrder order) =>
        Task.FromResult(_board.Board(string.IsNullOrEmpty(participantId) ? null : participantId, order));

    public async Task<IReadOnlyList<ModeratedQuestion>> GetModeration(string moderatorId)
    {
        await EnsureModerator(moderatorId);
        return _board.Moderation();
    }

    public Task<QuestionFigures> GetFigures() => Task.FromResult(_board.Figures());

    public Task<PersonalDataPart?> ExportPersonalData(string participantId)
    {
        var asked = _board.AskedBy(participantId)
            .Select(q => new ExportedQuestion(q.Id, q.Text, q.Anonymous, q.Status, _board.Upvotes(q.Id), q.AskedAt, q.AnsweredAt, q.HiddenReason))
            .ToList();
        var votes = _board.VotedBy(participantId)
            .Select(id => _board.Find(id) is { } q ? new ExportedVote(id, q.Text) : null)
            .OfType<ExportedVote>()
            .ToList();
        return Task.FromResult(asked.Count == 0 && votes.Count == 0
            ? null
            : new PersonalDataPart(PersonalDataKinds.Questions, SessionId, new QuestionsExport(SessionId, asked, votes)));
    }

    public async Task ErasePersonalData(string participantId)
    {
        RequireParticipant(participantId);
        await OneAtATime(ModerationKey, async () =>
        {
            // Votes are withdrawn (stored as such), questions anonymized; stored before anyone is told.
            var votes = _board.VotedBy(participantId)
                .Select(id => (object)new VoteRecord(id, participantId, false, _board.BucketFor(id, participantId)))
                .ToList();
            var changes = _board.Erasing(participantId);
            foreach (var chunk in votes.Concat(changes.Select(c => c.After)).Chunk(IQuestionLedger.MaxRecordsPerWrite))
            {
                await _committer.Submit(chunk);
            }

            foreach (var vote in votes.Cast<VoteRecord>())
            {
                _board.Apply(vote);
                _votesChanged.Add(vote.QuestionId);
            }

            foreach (var (before, after) in changes)
            {
                _board.Replace(before, after);
            }

            _footprinted.Remove(participantId);
            var told = changes.Where(c => QuestionBoard.IsVisible(c.Before)).Select(c => Updated(c.After)).ToList();
            if (changes.Any(c => c.Before.Status == QuestionStatus.Pending))
            {
                told.Add(QueueChange());
            }

            await Record(told);

            if (votes.Count > 0)
            {
                _voteTimer ??= this.RegisterGrainTimer(_ => PushVotes(), QuestionLimits.VotePushInterval, QuestionLimits.VotePushInterval);
            }

            return true;
        });
    }

    /// <summary>Notes the board in the person's index before anything of theirs is stored here.</summary>
    private async Task RecordFootprint(string participantId)
    {
        if (_footprinted.Contains(participantId))
        {
            return;
        }

        await GrainFactory.GetGrain<IParticipantGrain>(participantId).RecordFootprint(new DataFootprint(PersonalDataKinds.Questions, SessionId));
        _footprinted.Add(participantId);
    }

    private async Task<VoteResult> Vote(string participantId, string questionId, bool up)
    {
        RequireParticipant(participantId);
        return await OneAtATime("vote|" + questionId + "|" + participantId, async () =>
        {
            // Awaited before looking at the question, so that nothing changes between the checks and the write.
            await EnsureOpen();
            var question = _board.Find(questionId);
            if (question is null || !QuestionBoard.IsVisible(question))
            {
                throw NoSuchQuestion(questionId);
            }

            if (_board.HasVoted(questionId, participantId) == up)
            {
                // Already so (a repeat): the stored answer.
                return new VoteResult(questionId, StoredUpvotes(questionId), up);
            }

            if (up)
            {
                await RecordFootprint(participantId);
            }

            var vote = new VoteRecord(questionId, participantId, up, _board.BucketFor(questionId, participantId));
            var delta = up ? 1 : -1;
            _board.Apply(vote);
            _unstoredVotes[questionId] = _unstoredVotes.GetValueOrDefault(questionId) + delta;
            try
            {
                await _committer.Submit([vote]);
            }
            catch
            {
                _board.Apply(vote with { Up = !up });
                throw;
            }
            finally
            {
                if ((_unstoredVotes[questionId] -= delta) == 0)
                {
                    _unstoredVotes.Remove(questionId);
                }
            }

            _votesChanged.Add(questionId);
            _voteTimer ??= this.RegisterGrainTimer(_ => PushVotes(), QuestionLimits.VotePushInterval, QuestionLimits.VotePushInterval);
            return new VoteResult(questionId, StoredUpvotes(questionId), up);
        });
    }

    /// <summary>The count as stored: without the votes whose storing is still under way.</summary>
    private int StoredUpvotes(string questionId) => _board.Upvotes(questionId) - _unstoredVotes.GetValueOrDefault(questionId);

    /// <summary>Vote counts go out at most every <see cref="QuestionLimits.VotePushInterval"/>, however fast votes come.</summary>
    private async Task PushVotes()
    {
        if (_votesChanged.Count == 0)
        {
            _voteTimer?.Dispose();
            _voteTimer = null;
            return;
        }

        var votes = _votesChanged.ToDictionary(id => id, _board.Upvotes, StringComparer.Ordinal);
        _votesChanged.Clear();
        try
        {
            await Record([new FeedChange(SessionEventTypes.QuestionVotesChanged, new QuestionVotesChanged(votes))]);
        }
        catch (Exception ex)
        {
            // Counts are stored; the next push (or a snapshot) carries them.
            logger.LogWarning(ex, "Could not push vote counts of session {SessionId}", SessionId);
            _votesChanged.UnionWith(votes.Keys);
        }
    }

    private async Task Moderate(string moderatorId, string questionId, Func<QuestionRecord, QuestionRecord> change)
    {
        await EnsureModerator(moderatorId);
        await OneAtATime(ModerationKey, async () =>
        {
            var before = _board.Find(questionId) ?? throw NoSuchQuestion(questionId);
            var after = change(before);
            await Store([after]);
            // The question and the moderators' count of pending ones leave together: one message per follower.
            List<FeedChange> told = [!QuestionBoard.IsVisible(before) && QuestionBoard.IsVisible(after) ? Added(after) : Updated(after)];
            if (before.Status == QuestionStatus.Pending || after.Status == QuestionStatus.Pending)
            {
                told.Add(QueueChange());
            }

            await Record(told);

            return true;
        });
    }

    /// <summary>Stores changed questions; only then does the board hold them.</summary>
    private async Task Store(IReadOnlyList<QuestionRecord> changes)
    {
        await _committer.Submit(changes);
        foreach (var change in changes)
        {
            _board.Apply(change);
        }
    }

    private FeedChange Updated(QuestionRecord q) => new(SessionEventTypes.QuestionUpdated,
        new QuestionUpdated(q.Id, q.Status, q.Highlighted, QuestionBoard.IsVisible(q) ? _board.View(q) : null));

    private FeedChange Added(QuestionRecord q) => new(SessionEventTypes.QuestionAdded, new QuestionAdded(_board.View(q)));

    private FeedChange QueueChange() =>
        new(SessionEventTypes.ModerationQueueChanged, new ModerationQueueChanged(_board.Pending, _board.PreModeration));

    /// <summary>Records the events of one change in the session's history, as one batch.</summary>
    private Task Record(List<FeedChange> changes) => changes.Count == 0 ? Task.CompletedTask : Session.RecordEvents(changes);

    /// <summary>Runs operations on the same key (one question, one vote) one after another.</summary>
    private async Task<T> OneAtATime<T>(string key, Func<Task<T>> operation)
    {
        while (_busy.TryGetValue(key, out var running))
        {
            await running.ContinueWith(_ => { }, TaskScheduler.Current);
        }

        var done = new TaskCompletionSource();
        _busy[key] = done.Task;
        try
        {
            return await operation();
        }
        finally
        {
            _busy.Remove(key);
            done.SetResult();
        }
    }

    /// <summary>Questions and votes are taken while the session is scheduled or live.</summary>
    private Task EnsureOpen() => _gate.EnsureStatus("Questions are taken", SessionStatus.Scheduled, SessionStatus.Live);

    private Task EnsureModerator(string moderatorId) => _gate.EnsureModerator(moderatorId, "Sign in to moderate questions.");

    private static void RequireParticipant(string participantId)
    {
        if (string.IsNullOrEmpty(participantId))
        {
            throw ForumException.Unauthenticated("Sign in to ask and vote.");
        }
    }

    private static ForumException NoSuchQuestion(string questionId) => ForumException.NotFound($"There is no question '{questionId}' to see here.");

    private static string Name(QuestionStatus status) => status.ToString().ToLowerInvariant();
}
