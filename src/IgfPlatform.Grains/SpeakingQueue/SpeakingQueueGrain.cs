using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Sessions;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>
/// A session's speaking queue. Reentrant so that requests arriving together are stored in one
/// write (<see cref="BatchedStateWriter{TState}"/>); every decision is made by <see cref="FloorQueue"/>
/// and <see cref="BalancePolicy"/>. Events go into the session's history after the write.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed class SpeakingQueueGrain : Grain, ISpeakingQueueGrain
{
    private static readonly TimeSpan PresenceCache = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OverrunCheck = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<SpeakingQueueState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<SpeakingQueueGrain> _logger;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly List<ClosedEntry> _closed = [];
    private FloorQueue _queue = new();
    private BatchedStateWriter<SpeakingQueueState> _writer = null!;
    private SessionGate _gate = null!;
    private DateTimeOffset _presenceAt = DateTimeOffset.MinValue;
    private bool _queueDirty;
    private bool _speakerDirty;
    private bool _ledgerDirty;
    private SpeechRecord? _ended;
    private DateTimeOffset _lastQueuePush = DateTimeOffset.MinValue;
    private IGrainTimer? _queueTimer;
    private IGrainTimer? _overrunTimer;
    private IReadOnlyList<long>? _pushedOrder;

    public SpeakingQueueGrain(
        [PersistentState("floor", StorageNames.Blob)] IPersistentState<SpeakingQueueState> state,
        TimeProvider time,
        ILogger<SpeakingQueueGrain> logger)
    {
        _state = state;
        _time = time;
        _logger = logger;
    }

    private string SessionId => this.GetPrimaryKeyString();

    private ISessionGrain Session => GrainFactory.GetGrain<ISessionGrain>(SessionId);

    private DateTimeOffset Now => _time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _queue.Load(_state.State);
        _writer = new BatchedStateWriter<SpeakingQueueState>(_state, () => _queue.ToState(), Restore, Announce, _logger);
        _gate = new SessionGate(() => Session, SessionId, _time);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<MyFloorEntry> RequestFloor(string participantId, string clientRequestId, FloorKind kind, string? note, RemoteHub? hub, bool inRoom)
    {
        RequireSignedIn(participantId);
        if (Known(participantId, clientRequestId) is { } known)
        {
            return known;
        }

        await EnsureStatus("Requests for the floor are taken", SessionStatus.Scheduled, SessionStatus.Live);
        var who = await GrainFactory.GetGrain<IParticipantGrain>(participantId).GetProfile()
            ?? throw ForumException.Unauthenticated("Your account no longer exists.");
        await RefreshPresence();
        await GrainFactory.GetGrain<IParticipantGrain>(participantId).RecordFootprint(new DataFootprint(PersonalDataKinds.Floor, SessionId));
        var entryId = await _writer.Run(() =>
        {
            // The same request may have been stored while this one waited for the profile.
            if (_queue.FindRequest(participantId, clientRequestId) is { } again)
            {
                return again.EntryId;
            }

            var entry = _queue.PrepareRequest(who, clientRequestId, kind, note, hub, inRoom, Now);
            _queue.Add(entry);
            _queueDirty = true;
            return entry.EntryId;
        });

        // The position once stored: the line's order is worked out once for all the requests stored together.
        return _queue.MineOf(_queue.Find(entryId)!, Now);
    }

    public async Task WithdrawFloor(string participantId, long entryId)
    {
        RequireSignedIn(participantId);
        await _writer.Run(() =>
        {
            var closed = _queue.PrepareWithdraw(participantId, entryId, Now);
            _queue.Close(closed);
            Closed(closed.EntryId, FloorOutcomes.Withdrawn);
            return true;
        });
    }

    public async Task<FloorEntry> AddEntry(string moderatorId, string clientRequestId, FloorEntryDraft draft)
    {
        await EnsureModerator(moderatorId);
        await EnsureStatus("Requests for the floor are taken", SessionStatus.Scheduled, SessionStatus.Live);
        await RefreshPresence();
        var id = await _writer.Run(() =>
        {
            if (_queue.FindRequest(moderatorId, clientRequestId) is { } again)
            {
                return again.EntryId;
            }

            var entry = _queue.PrepareAdd(moderatorId, clientRequestId, draft, Now);
            _queue.Add(entry);
            _queueDirty = true;
            return entry.EntryId;
        });
        return _queue.ViewFor(_queue.Find(id)!, Now);
    }

    public async Task DismissEntry(string moderatorId, long entryId, string reason)
    {
        var name = await EnsureModerator(moderatorId);
        await _writer.Run(() =>
        {
            var closed = _queue.PrepareDismiss(moderatorId, name, entryId, reason, Now);
            _queue.Close(closed);
            Closed(closed.EntryId, FloorOutcomes.Dismissed);
            _ledgerDirty = true;
            return true;
        });
    }

    public async Task<FloorSuggestion?> SuggestNextSpeaker(string moderatorId)
    {
        await EnsureModerator(moderatorId);
        await RefreshPresence();
        var now = Now;
        return _queue.Suggest(now) is { } pick
            ? new FloorSuggestion(_queue.ViewFor(_queue.Find(pick.Candidate.EntryId)!, now), pick.Rule, pick.Reasons)
            : null;
    }

    public async Task<Speech> GiveFloor(string moderatorId, long entryId, string? reason)
    {
        var name = await EnsureModerator(moderatorId);
        await EnsureStatus("The floor is given", SessionStatus.Live);
        await RefreshPresence();
        var speech = await _writer.Run(() =>
        {
            var speech = _queue.PrepareGive(moderatorId, name, entryId, reason, Now);
            _ended = _queue.Give(speech) ?? _ended;
            Closed(entryId, FloorOutcomes.Spoke);
            _speakerDirty = _ledgerDirty = true;
            return speech;
        });
        return FloorQueue.SpeechOf(speech);
    }

    public async Task<Speech> EndSpeech(string moderatorId)
    {
        await EnsureModerator(moderatorId);
        var ended = await _writer.Run(() =>
        {
            _queue.RequireCurrent();
            _ended = _queue.EndCurrent(Now);
            _speakerDirty = _ledgerDirty = _queueDirty = true;
            return _ended!;
        });
        return FloorQueue.SpeechOf(ended);
    }

    public async Task SetQueueOpen(string moderatorId, bool open)
    {
        await EnsureModerator(moderatorId);
        await _writer.Run(() =>
        {
            if (_queue.Open != open)
            {
                _queue.SetOpen(open);
                _queueDirty = true;
            }

            return true;
        });
    }

    public async Task<FloorSettings> SetSettings(string organizerId, FloorSettings settings)
    {
        if (string.IsNullOrEmpty(organizerId))
        {
            throw ForumException.Unauthenticated("Sign in as an organizer to do this.");
        }

        if (!await GrainFactory.GetGrain<IParticipantGrain>(organizerId).IsOrganizer())
        {
            throw ForumException.Forbidden("Only organizers may set a session's floor targets and budgets.");
        }

        var details = await Session.GetDetails() ?? throw ForumException.NotFound($"There is no session '{SessionId}'.");
        var clean = FloorQueue.Normalize(settings);

        // Once ended, the queue refuses new settings: its record keeps the ones it ended with.
        await CatchUpWithEnd(details);

        return await _writer.Run(() =>
        {
            _queue.SetSettings(clean);
            _queueDirty = _ledgerDirty = true;
            return clean;
        });
    }

    public async Task<FloorView> GetView()
    {
        await CatchUpWithEnd();
        await RefreshPresence();
        return _queue.View(Now);
    }

    public Task<MyFloorEntry?> GetMine(string participantId) =>
        Task.FromResult(string.IsNullOrEmpty(participantId) ? null : _queue.Mine(participantId, Now));

    public async Task<IReadOnlyList<FloorEntry>> GetQueue(string moderatorId)
    {
        await EnsureModerator(moderatorId);
        await RefreshPresence();
        return _queue.Queue(Now);
    }

    public async Task<FloorFigures> GetFigures()
    {
        await CatchUpWithEnd();
        await RefreshPresence();
        return _queue.Figures(SessionId, Now);
    }

    public Task<PersonalDataPart?> ExportPersonalData(string participantId)
    {
        var state = _queue.ToState();
        var requests = state.Entries.Where(e => e.ParticipantId == participantId && e.AddedBy is null)
            .Select(e => new ExportedFloorRequest(e.EntryId, e.Kind, e.Name, e.Note, e.InRoom, e.Hub?.Name, e.RequestedAt, e.Status.ToString().ToLowerInvariant(), e.ClosedAt))
            .ToList();
        var speeches = state.Speeches.Where(s => s.Entry.ParticipantId == participantId && s.Entry.AddedBy is null)
            .Select(s => new ExportedSpeech(s.SpeechId, s.Entry.EntryId, s.StartedAt, s.EndedAt, s.AllottedSeconds))
            .ToList();
        return Task.FromResult(requests.Count == 0 && speeches.Count == 0
            ? null
            : new PersonalDataPart(PersonalDataKinds.Floor, SessionId, new FloorExport(SessionId, requests, speeches)));
    }

    public async Task ErasePersonalData(string participantId)
    {
        RequireSignedIn(participantId);
        if (!FloorErasure.Holds(_queue.ToState(), participantId))
        {
            _names.Remove(participantId);
            return;
        }

        var name = (await GrainFactory.GetGrain<IParticipantGrain>(participantId).GetProfile())?.DisplayName ?? _names.GetValueOrDefault(participantId);
        await _writer.Run(() =>
        {
            var presence = _queue.Presence;
            var erased = FloorErasure.Erase(_queue.ToState(), participantId, name);
            _queue = new FloorQueue();
            _queue.Load(erased);
            _queue.SetPresence(presence);
            _queueDirty = _speakerDirty = _ledgerDirty = true;
            return true;
        });
        _names.Remove(participantId);
    }

    public Task<IReadOnlyList<SpeechOnRecord>> GetSpeechesOnRecord() => Task.FromResult(_queue.SpeechesOnRecord());

    public async Task<FloorLedger> CloseWithSession(DateTimeOffset endedAt)
    {
        _gate.Know(SessionStatus.Ended);
        if (_queue.ClosedWithSessionAt is not null)
        {
            return _queue.Ledger(_queue.ClosedWithSessionAt.Value);
        }

        if (!_queue.Used)
        {
            // A floor never used stores nothing and announces nothing: the ended session refuses requests by itself.
            _queue.CloseWithSession(endedAt);
            return _queue.Ledger(endedAt);
        }

        // The targets are kept as they stand now: with who follows the session at its end, not a while before.
        await RefreshPresence(force: true);
        await _writer.Run(() =>
        {
            var waiting = _queue.Waiting > 0 || _queue.Open;
            var ended = _queue.CloseWithSession(endedAt);
            if (ended is not null)
            {
                _ended = ended;
                _speakerDirty = _ledgerDirty = true;
            }

            _queueDirty |= waiting;
            return true;
        });
        return _queue.Ledger(endedAt);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A queue push held back by the push interval goes out now rather than never.
        if (_queueDirty && !_writer.Writing)
        {
            try
            {
                await PushQueue();
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not push the speaking queue of session {SessionId} while deactivating", SessionId);
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>
    /// After a write: tells the session's followers what changed, in order speaker, queue, ledger, as one
    /// batch (one message per follower for the whole change). What could not be recorded is announced again.
    /// </summary>
    private async Task Announce()
    {
        var now = Now;
        var changes = new List<FeedChange>(3);
        var ended = _ended;
        var speaker = _speakerDirty;
        if (speaker)
        {
            _speakerDirty = false;
            _ended = null;
            changes.Add(new FeedChange(SessionEventTypes.SpeakerChanged, new SpeakerChanged(
                _queue.Current is { } c ? FloorQueue.SpeechOf(c) : null, ended is null ? null : FloorQueue.SpeechOf(ended))));
        }

        QueueAnnouncement? queue = null;
        if (_queueDirty)
        {
            if (now - _lastQueuePush >= FloorLimits.PushInterval)
            {
                queue = TakeQueue();
                changes.Add(queue.Change);
            }
            else
            {
                // Each push carries the whole line: at most one per interval, however fast requests come.
                ArmQueueTimer(FloorLimits.PushInterval - (now - _lastQueuePush));
            }
        }

        var ledger = _ledgerDirty;
        if (ledger)
        {
            _ledgerDirty = false;
            changes.Add(new FeedChange(SessionEventTypes.FloorLedgerChanged, new FloorLedgerChanged(_queue.Ledger(now))));
        }

        try
        {
            await Record(changes);
        }
        catch
        {
            _speakerDirty |= speaker;
            _ended ??= ended;
            _ledgerDirty |= ledger;
            if (queue is not null)
            {
                GiveBack(queue);
            }

            throw;
        }

        if (queue is not null)
        {
            _pushedOrder = queue.Order;
        }

        WatchOverrun();
    }

    /// <summary>
    /// While someone speaks: an overrunning speech adds to its group's floor time, which may reorder
    /// the line; the line is pushed again when it does, so positions stay true.
    /// </summary>
    private void WatchOverrun()
    {
        if (_queue.Current is null)
        {
            _overrunTimer?.Dispose();
            _overrunTimer = null;
        }
        else
        {
            _overrunTimer ??= this.RegisterGrainTimer(_ =>
            {
                if (_queue.Current is not null && !_writer.Writing && _pushedOrder is { } pushed && !pushed.SequenceEqual(_queue.Order(Now)))
                {
                    _queueDirty = true;
                    return PushQueueLater();
                }

                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(OverrunCheck, OverrunCheck) { Interleave = true });
        }
    }

    /// <summary>
    /// The delayed push. While a write is under way memory holds changes not yet stored; the push then
    /// waits for that write's announcement instead.
    /// </summary>
    private Task PushQueueLater()
    {
        _queueTimer?.Dispose();
        _queueTimer = null;
        if (_writer.Writing)
        {
            ArmQueueTimer(FloorLimits.PushInterval);
            return Task.CompletedTask;
        }

        return PushQueue();
    }

    private void ArmQueueTimer(TimeSpan due) =>
        _queueTimer ??= this.RegisterGrainTimer(_ => PushQueueLater(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true });

    private async Task PushQueue()
    {
        if (!_queueDirty)
        {
            return;
        }

        var queue = TakeQueue();
        try
        {
            await Record([queue.Change]);
        }
        catch
        {
            GiveBack(queue);
            throw;
        }

        _pushedOrder = queue.Order;
    }

    /// <summary>The line as it stands, to push; the entries closed since the last push go with it.</summary>
    private QueueAnnouncement TakeQueue()
    {
        _queueDirty = false;
        _lastQueuePush = Now;
        var closed = _closed.ToList();
        _closed.Clear();
        var order = _queue.Order(Now);
        return new QueueAnnouncement(
            new FeedChange(SessionEventTypes.QueueChanged, new QueueChanged(_queue.Open, _queue.Waiting, order, _queue.Head(Now), closed)), order, closed);
    }

    /// <summary>A push that was not recorded: the line is pushed again, with the entries it closed.</summary>
    private void GiveBack(QueueAnnouncement queue)
    {
        _queueDirty = true;
        _closed.InsertRange(0, queue.Closed);
    }

    private sealed record QueueAnnouncement(FeedChange Change, IReadOnlyList<long> Order, IReadOnlyList<ClosedEntry> Closed);

    private void Closed(long entryId, string outcome)
    {
        _closed.Add(new ClosedEntry(entryId, outcome));
        _queueDirty = true;
    }

    /// <summary>A failed write: back to what is stored; announce it afresh.</summary>
    private void Restore(SpeakingQueueState stored)
    {
        var presence = _queue.Presence;
        _queue = new FloorQueue();
        _queue.Load(stored);
        _queue.SetPresence(presence);
        _closed.Clear();
        _ended = null;
        _queueDirty = _speakerDirty = _ledgerDirty = true;
    }

    private MyFloorEntry? Known(string participantId, string clientRequestId) =>
        _queue.FindRequest(participantId, clientRequestId) is { } e ? _queue.MineOf(e, Now) : null;

    private Task Record(List<FeedChange> changes) => changes.Count == 0 ? Task.CompletedTask : Session.RecordEvents(changes);

    private async Task RefreshPresence(bool force = false)
    {
        // After the end presence no longer counts (the targets are those of the end): no need to ask.
        if (_queue.ClosedWithSessionAt is not null || (!force && Now - _presenceAt < PresenceCache))
        {
            return;
        }

        _presenceAt = Now;
        try
        {
            _queue.SetPresence(await Session.GetPresence());
        }
        catch (ForumException)
        {
            _queue.SetPresence(PresenceCounts.Empty);
        }
    }

    /// <summary>
    /// A floor never used stores nothing when its session ends, so a new activation asks the session whether it
    /// has ended, and then closes as the floor did at the end (in memory; its ledger is the same).
    /// </summary>
    /// <param name="known">The session's details when the caller has just read them.</param>
    private async Task CatchUpWithEnd(SessionDetails? known = null)
    {
        if (_queue.ClosedWithSessionAt is null && !_queue.Used
            && (known ?? await Session.GetDetails()) is { Status: SessionStatus.Ended or SessionStatus.Published, EndedAt: { } endedAt }
            && _queue.ClosedWithSessionAt is null)
        {
            _queue.CloseWithSession(endedAt);
        }
    }

    private Task EnsureStatus(string what, params SessionStatus[] allowed) => _gate.EnsureStatus(what, allowed);

    /// <summary>Checks the caller moderates the session now and returns their name.</summary>
    private async Task<string> EnsureModerator(string moderatorId)
    {
        await _gate.EnsureModerator(moderatorId, "Sign in to moderate the speaking queue.");
        if (!_names.TryGetValue(moderatorId, out var name))
        {
            name = (await GrainFactory.GetGrain<IParticipantGrain>(moderatorId).GetProfile())?.DisplayName ?? "a moderator";
            _names[moderatorId] = name;
        }

        return name;
    }

    private static void RequireSignedIn(string participantId)
    {
        if (string.IsNullOrEmpty(participantId))
        {
            throw ForumException.Unauthenticated("Sign in to ask for the floor.");
        }
    }
}
