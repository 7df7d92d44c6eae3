using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Agenda;
using IgfPlatform.Grains.Live;
using IgfPlatform.Grains.Presence;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Storage;

namespace IgfPlatform.Grains.Sessions;

/// <summary>
/// A forum session: the single writer of its history. A command is checked, stored, and only then
/// numbered as an event and handed to the relays; so what a client is told has happened is stored.
/// </summary>
// Placed on the server that first uses it: usually the moderators' server, so their commands stay local.
[PreferLocalPlacement]
public sealed class SessionGrain : Grain, ISessionGrain
{
    private readonly IPersistentState<SessionState> _state;
    private readonly ILogger<SessionGrain> _logger;
    private readonly TimeProvider _time;
    private readonly SessionPresence _presence = new();

    private static readonly TimeSpan PeakStoreInterval = TimeSpan.FromSeconds(10);

    // A peak of attendance not stored yet, and when one was last stored.
    private (PresenceCounts Counts, DateTimeOffset At)? _peak;
    private DateTimeOffset _peakStoredAt = DateTimeOffset.MinValue;
    private EventLog _log = null!;
    private RelayFanout _fanout = null!;
    private IGrainTimer? _liveTimer;
    private DateTimeOffset _lastTimelineEnd;

    // Timelines of agenda changes that may go out at once (refilled one per interval), when they were last
    // counted, and whether a change still waits for its timeline.
    private double _timelineCredit = LiveLimits.TimelineBurst;
    private DateTimeOffset _timelineCreditAt = DateTimeOffset.MinValue;
    private bool _timelineOwed;

    public SessionGrain(
        [PersistentState("session", StorageNames.Table)] IPersistentState<SessionState> state,
        ILogger<SessionGrain> logger,
        TimeProvider time)
    {
        _state = state;
        _logger = logger;
        _time = time;
    }

    private string SessionId => this.GetPrimaryKeyString();

    private SessionState State => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A new epoch per activation: events numbered by an earlier activation may be unknown here,
        // so clients holding an older epoch are sent a snapshot. Random rather than the clock, which
        // two activations may read alike; below 2^53 so that JavaScript clients hold it exactly.
        _log = new EventLog(Random.Shared.NextInt64(1, 1L << 53));
        _fanout = new RelayFanout(SessionId, _log, _logger);
        var now = _time.GetUtcNow();
        foreach (var (serverId, relay) in State.Relays)
        {
            _fanout.Attach(serverId, relay, now);
        }

        if (State.Details is { } details)
        {
            // Repairs the calendar if an earlier activation stored the session but not its listing.
            await Catalog.Upsert(ToSummary(details));
            _lastTimelineEnd = Timeline().ExpectedEnd;
            EnsureLiveTimer();
        }

        await base.OnActivateAsync(cancellationToken);
    }

    private ISessionCatalogGrain Catalog => GrainFactory.GetGrain<ISessionCatalogGrain>(ISessionCatalogGrain.Key);

    public async Task<SessionDetails> Create(string organizerId, SessionDraft draft)
    {
        await EnsureOrganizer(organizerId);
        if (!SessionRules.IsSlug(SessionId))
        {
            throw ForumException.Invalid("id", "A session id has lower-case letters, digits and dashes, at most 64.");
        }

        if (State.Details is not null)
        {
            throw ForumException.Conflict($"The session '{SessionId}' already exists.");
        }

        var clean = SessionRules.Normalize(draft);
        var details = new SessionDetails(
            SessionId, clean.Title, clean.Titles!, clean.Type, SessionStatus.Draft, clean.Topics, clean.StartsAt,
            clean.DurationMinutes, clean.Description, clean.Descriptions!, [], null, null);
        await Commit(s => s.Details = details);
        await Catalog.Upsert(ToSummary(details));
        return details;
    }

    public async Task<SessionDetails> Update(string organizerId, SessionDraft draft)
    {
        await EnsureOrganizer(organizerId);
        var current = RequireDetails();
        SessionRules.EnsureEditable(current.Status);
        var clean = SessionRules.Normalize(draft);
        var details = current with
        {
            Title = clean.Title,
            Titles = clean.Titles!,
            Type = clean.Type,
            Topics = clean.Topics,
            StartsAt = clean.StartsAt,
            DurationMinutes = clean.DurationMinutes,
            Description = clean.Description,
            Descriptions = clean.Descriptions!,
        };
        await Commit(s => s.Details = details);
        await Catalog.Upsert(ToSummary(details));
        await SyncModerations([]);
        Emit(SessionEventTypes.SessionDetailsChanged, new SessionDetailsChanged(details), more: true);
        EmitTimeline();
        return details;
    }

    public async Task<SessionDetails> Schedule(string organizerId)
    {
        await EnsureOrganizer(organizerId);
        return await MoveTo(SessionStatus.Scheduled);
    }

    public async Task<SessionDetails> SetModerators(string organizerId, IReadOnlyList<string> participantIds)
    {
        await EnsureOrganizer(organizerId);
        var current = RequireDetails();
        SessionRules.EnsureEditable(current.Status);
        var ids = (participantIds ?? []).Select(p => p?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > SessionLimits.MaxModerators)
        {
            throw ForumException.Invalid("participantIds", $"A session has at most {SessionLimits.MaxModerators} moderators.");
        }

        var profiles = await Task.WhenAll(ids.Select(id => id.Length == 0
            ? Task.FromResult<ParticipantProfile?>(null)
            : GrainFactory.GetGrain<IParticipantGrain>(id).GetProfile()));
        var unknown = ids.Where((id, i) => profiles[i] is null).ToList();
        if (unknown.Count > 0)
        {
            throw ForumException.Invalid("participantIds", $"No participant has the id {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        }

        var details = current with { Moderators = ids };
        var removed = current.Moderators.Except(ids, StringComparer.Ordinal).ToList();
        await Commit(s => s.Details = details);
        await SyncModerations(removed);
        Emit(SessionEventTypes.SessionDetailsChanged, new SessionDetailsChanged(details));
        return details;
    }

    public async Task<SessionDetails> Start(string moderatorId)
    {
        EnsureModerator(moderatorId);
        return await MoveTo(SessionStatus.Live);
    }

    public async Task<SessionDetails> End(string moderatorId)
    {
        EnsureModerator(moderatorId);
        return await MoveTo(SessionStatus.Ended);
    }

    public Task<IReadOnlyList<AgendaItem>> SetAgenda(string moderatorId, IReadOnlyList<AgendaItem> items) =>
        ChangeAgenda(moderatorId, _ => items, whole: true);

    public Task<IReadOnlyList<AgendaItem>> AddAgendaItem(string moderatorId, AgendaItem item, string? beforeItemId) =>
        ChangeAgenda(moderatorId, agenda => AgendaEdits.Add(agenda, item, beforeItemId));

    public Task<IReadOnlyList<AgendaItem>> RemoveAgendaItem(string moderatorId, string itemId) =>
        ChangeAgenda(moderatorId, agenda => AgendaEdits.Remove(agenda, itemId));

    public Task<IReadOnlyList<AgendaItem>> MoveAgendaItem(string moderatorId, string itemId, int toIndex) =>
        ChangeAgenda(moderatorId, agenda => AgendaEdits.Move(agenda, itemId, toIndex));

    public Task<IReadOnlyList<AgendaItem>> SetItemMinutes(string moderatorId, string itemId, int minutes) =>
        ChangeAgenda(moderatorId, agenda => AgendaEdits.SetMinutes(agenda, itemId, minutes));

    /// <summary>
    /// Every agenda edit goes through here: checked against the agenda as it stands now, so two
    /// moderators editing at once never undo each other's items.
    /// </summary>
    private async Task<IReadOnlyList<AgendaItem>> ChangeAgenda(
        string moderatorId, Func<IReadOnlyList<AgendaItem>, IReadOnlyList<AgendaItem>> edit, bool whole = false)
    {
        EnsureModerator(moderatorId);
        SessionRules.EnsureEditable(RequireDetails().Status);
        var number = State.LastItemNumber;
        var agenda = AgendaRules.Normalize(edit(State.Agenda), () => $"item-{++number}");

        // Ids of the platform's pattern given by moderators count as used too: an id never comes back.
        number = Math.Max(number, agenda.Select(i => AgendaRules.PlatformNumberOf(i.Id)).DefaultIfEmpty(0).Max());
        var current = State.CurrentItemId is { } id && agenda.Any(i => i.Id == id) ? id : null;
        var currentChanged = current != State.CurrentItemId;
        var kept = agenda.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var before = State.Agenda;
        await Commit(s =>
        {
            s.Agenda = agenda;
            s.LastItemNumber = number;
            s.CurrentItemId = current;
            s.Progress = s.Progress.Where(p => kept.Contains(p.Key)).ToDictionary(StringComparer.Ordinal);
        });
        // A targeted edit sends what it changed (followers hold the rest); replacing the agenda sends it all.
        if (whole)
        {
            Emit(SessionEventTypes.AgendaChanged, new AgendaChanged(agenda), more: true);
        }
        else
        {
            Emit(SessionEventTypes.AgendaEdited, AgendaEdited.Between(before, agenda), more: true);
        }
        if (currentChanged)
        {
            Emit(SessionEventTypes.CurrentItemChanged, new CurrentItemChanged(current), more: true);
        }

        EmitTimeline(burst: true);
        return agenda;
    }

    public async Task SetCurrentItem(string moderatorId, string? itemId)
    {
        EnsureModerator(moderatorId);
        var status = RequireDetails().Status;
        if (status != SessionStatus.Live)
        {
            throw ForumException.Conflict($"The current item is set while the session is live; it is {SessionRules.Name(status)}.");
        }

        if (itemId is not null && State.Agenda.All(i => i.Id != itemId))
        {
            throw ForumException.Invalid("itemId", $"The agenda has no item '{itemId}'.");
        }

        if (itemId == State.CurrentItemId)
        {
            return;
        }

        var now = _time.GetUtcNow();
        await Commit(s =>
        {
            if (s.CurrentItemId is { } previous)
            {
                s.Progress[previous] = Progress(s, previous) with { EndedAt = now };
            }

            if (itemId is not null)
            {
                // Taking an item up again (or one that was skipped) resumes it.
                s.Progress[itemId] = Progress(s, itemId) is { StartedAt: { } started } ? new ItemProgress(started, null, false) : new ItemProgress(now, null, false);
            }

            s.CurrentItemId = itemId;
        });
        Emit(SessionEventTypes.CurrentItemChanged, new CurrentItemChanged(itemId), more: true);
        EmitTimeline(burst: true);
    }

    public async Task SkipItem(string moderatorId, string itemId)
    {
        EnsureModerator(moderatorId);
        var status = RequireDetails().Status;
        if (status != SessionStatus.Live)
        {
            throw ForumException.Conflict($"Items are skipped while the session is live; it is {SessionRules.Name(status)}.");
        }

        if (State.Agenda.All(i => i.Id != itemId))
        {
            throw ForumException.Invalid("itemId", $"The agenda has no item '{itemId}'.");
        }

        if (Progress(State, itemId).Skipped)
        {
            return;
        }

        var wasCurrent = State.CurrentItemId == itemId;
        var now = _time.GetUtcNow();
        await Commit(s =>
        {
            var p = Progress(s, itemId);
            s.Progress[itemId] = p with { Skipped = true, EndedAt = p.EndedAt ?? (p.StartedAt is null ? null : now) };
            if (wasCurrent)
            {
                s.CurrentItemId = null;
            }
        });
        if (wasCurrent)
        {
            Emit(SessionEventTypes.CurrentItemChanged, new CurrentItemChanged(null), more: true);
        }

        EmitTimeline();
    }

    public Task<AgendaTimeline> GetTimeline()
    {
        RequireDetails();
        return Task.FromResult(Timeline());
    }

    public async Task<IReadOnlyList<RoleClash>> GetRoleClashes(string organizerId)
    {
        await EnsureOrganizer(organizerId);
        var details = RequireDetails();
        var ends = details.StartsAt.AddMinutes(details.DurationMinutes);
        var clashes = new List<RoleClash>();
        if (details.Status is SessionStatus.Ended or SessionStatus.Published)
        {
            return clashes;
        }

        foreach (var moderatorId in details.Moderators)
        {
            var person = GrainFactory.GetGrain<IParticipantGrain>(moderatorId);
            var name = (await person.GetProfile())?.DisplayName ?? moderatorId;
            foreach (var other in await person.GetModerations())
            {
                if (other.SessionId != SessionId && other.Status is not (SessionStatus.Ended or SessionStatus.Published)
                    && other.StartsAt < ends && details.StartsAt < other.EndsAt)
                {
                    clashes.Add(new RoleClash(moderatorId, name, other.SessionId, other.Title, other.StartsAt, other.EndsAt,
                        $"{name} also moderates '{other.Title}' ({other.StartsAt:yyyy-MM-dd HH:mm}–{other.EndsAt:HH:mm} UTC), at the same time as this session."));
                }
            }
        }

        return clashes;
    }

    public Task ReportPresence(string serverId, PresenceCounts counts)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        ArgumentNullException.ThrowIfNull(counts);
        RequireDetails();
        _presence.Report(serverId, counts, _time.GetUtcNow() + PresenceLimits.ServerLease);
        EnsureLiveTimer();
        return Task.CompletedTask;
    }

    public Task RecordEvents(IReadOnlyList<FeedChange> changes)
    {
        if (changes is null || changes.Count == 0)
        {
            throw ForumException.Invalid("changes", "There is nothing to record.");
        }

        // All checked before any is recorded: a refused change records nothing.
        foreach (var change in changes)
        {
            if (change?.Data is null)
            {
                throw ForumException.Invalid("changes", "Every event needs its type and data.");
            }

            if (!SessionEventTypes.IsDelegated(change.Type))
            {
                throw ForumException.Invalid("type", $"'{change.Type}' is not an event the session's other grains record.");
            }
        }

        RequireDetails();
        for (var i = 0; i < changes.Count; i++)
        {
            Emit(changes[i].Type, changes[i].Data, more: i < changes.Count - 1);
        }

        return Task.CompletedTask;
    }

    public Task<PresenceCounts> GetPresence() => Task.FromResult(_presence.Pushed);

    public Task<SessionDetails?> GetDetails() => Task.FromResult(State.Details);

    public Task<IReadOnlyList<AgendaItem>> GetAgenda()
    {
        RequireDetails();
        return Task.FromResult(State.Agenda);
    }

    public Task<bool> IsModerator(string participantId) =>
        Task.FromResult(State.Details?.Moderators.Contains(participantId, StringComparer.Ordinal) == true);

    public Task<SessionSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<ResyncResult> Resync(long epoch, long lastSeq)
    {
        RequireDetails();
        if (epoch == _log.Epoch && _log.TryGetAfter(lastSeq, out var missed))
        {
            return Task.FromResult(new ResyncResult(SessionId, _log.Epoch, missed, null));
        }

        return Task.FromResult(new ResyncResult(SessionId, _log.Epoch, null, Snapshot()));
    }

    public async Task AttachRelay(string serverId, ISessionRelay relay)
    {
        RequireDetails();
        var now = _time.GetUtcNow();
        _fanout.DropExpired(now);
        var isNew = _fanout.Attach(serverId, relay, now);
        if (isNew || !State.Relays.TryGetValue(serverId, out var stored) || !stored.Equals(relay))
        {
            await Commit(s => s.Relays = _fanout.Relays.ToDictionary(StringComparer.Ordinal));
        }
    }

    public async Task DetachRelay(string serverId)
    {
        if (_fanout.Detach(serverId) || State.Relays.ContainsKey(serverId))
        {
            await Commit(s => s.Relays = _fanout.Relays.ToDictionary(StringComparer.Ordinal));
        }
    }

    private async Task<SessionDetails> MoveTo(SessionStatus target)
    {
        var current = RequireDetails();
        SessionRules.EnsureTransition(current.Status, target);
        var now = _time.GetUtcNow();
        var details = target switch
        {
            SessionStatus.Live => current with { Status = target, StartedAt = now },
            SessionStatus.Ended => current with { Status = target, EndedAt = now },
            _ => current with { Status = target },
        };
        var closing = target == SessionStatus.Ended ? State.CurrentItemId : null;
        var peak = _peak;
        await Commit(s =>
        {
            s.Details = details;
            if (target == SessionStatus.Live)
            {
                s.PlannedAgenda ??= s.Agenda;
            }

            if (peak is not null && target == SessionStatus.Ended)
            {
                (s.PeakPresence, s.PeakAt) = peak.Value;
            }

            if (closing is not null)
            {
                s.Progress[closing] = Progress(s, closing) with { EndedAt = now };
                s.CurrentItemId = null;
            }
        });
        await Catalog.Upsert(ToSummary(details));
        await SyncModerations([]);
        Emit(SessionEventTypes.SessionStatusChanged, new SessionStatusChanged(target, current.Status), more: closing is not null);
        if (closing is not null)
        {
            Emit(SessionEventTypes.CurrentItemChanged, new CurrentItemChanged(null));
        }

        if (target == SessionStatus.Ended)
        {
            await CloseFloor(now);
        }

        EmitTimeline();
        EnsureLiveTimer();
        return details;
    }

    /// <param name="more">
    /// Another event of the same change follows at once (its timeline, say): this one waits for it, so that the
    /// change leaves in one batch, one message per follower instead of one per event.
    /// </param>
    private void Emit(string type, object data, bool more = false)
    {
        _log.Append(type, data, _time.GetUtcNow());
        if (!more)
        {
            Publish();
        }
    }

    private void Publish()
    {
        _fanout.DropExpired(_time.GetUtcNow());
        _fanout.Publish();
    }

    /// <summary>Stores a change (undone in memory if storing fails) and handles a concurrent writer.</summary>
    private async Task Commit(Action<SessionState> change)
    {
        try
        {
            await _state.Apply(change);
        }
        catch (InconsistentStateException ex)
        {
            _logger.LogWarning(ex, "Session {SessionId} was written elsewhere; reloading", SessionId);
            // Another writer stored a newer version: take it, and start a fresh activation (new epoch)
            // so that every client rebuilds from what is actually stored.
            await _state.ReadStateAsync();
            DeactivateOnIdle();
            throw ForumException.Conflict("The session was changed elsewhere at the same moment; nothing was changed. Try again.");
        }
    }

    private SessionSnapshot Snapshot() =>
        new(RequireDetails(), State.Agenda, State.CurrentItemId, _log.Epoch, _log.LastSeq, Timeline(), _presence.Pushed);

    private AgendaTimeline Timeline() =>
        AgendaSchedule.Compute(RequireDetails(), State.Agenda, State.CurrentItemId, State.Progress, _time.GetUtcNow());

    /// <param name="burst">
    /// The change may come in a burst (agenda edits, the current item): past <see cref="LiveLimits.TimelineBurst"/>
    /// quick changes, the change leaves alone and the live tick pushes one timeline for all the changes since,
    /// <see cref="LiveLimits.TimelinePushInterval"/> after the last. Skips, status and details changes always
    /// carry their own.
    /// </param>
    private void EmitTimeline(bool burst = false)
    {
        var now = _time.GetUtcNow();
        if (burst && _liveTimer is not null && !TakeTimelineCredit(now))
        {
            _timelineOwed = true;
            Publish();
            return;
        }

        var timeline = Timeline();
        _lastTimelineEnd = timeline.ExpectedEnd;
        _timelineOwed = false;
        Emit(SessionEventTypes.TimelineChanged, new TimelineChanged(timeline));
    }

    private bool TakeTimelineCredit(DateTimeOffset now)
    {
        // The first time (counted from MinValue) the refill is far past the burst: the credit is full.
        var refill = (now - _timelineCreditAt) / LiveLimits.TimelinePushInterval;
        _timelineCredit = Math.Min(LiveLimits.TimelineBurst, _timelineCredit + Math.Max(0, refill));
        _timelineCreditAt = now;
        if (_timelineCredit < 1)
        {
            return false;
        }

        _timelineCredit--;
        return true;
    }

    private static ItemProgress Progress(SessionState state, string itemId) =>
        state.Progress.GetValueOrDefault(itemId) ?? new ItemProgress(null, null, false);

    /// <summary>
    /// While the session is live or has followers: pushes presence when it changed (coalesced to
    /// one push per interval), expires the counts of servers that stopped reporting, pushes the timeline
    /// a burst of agenda changes still waits for, and pushes it again when an overrunning item moves the
    /// expected end by a minute or more.
    /// </summary>
    private void EnsureLiveTimer()
    {
        var needed = State.Details?.Status == SessionStatus.Live || _presence.HasServers || _presence.HasChange || _timelineOwed;
        if (needed && _liveTimer is null)
        {
            _liveTimer = this.RegisterGrainTimer(_ => OnLiveTick(), PresenceLimits.PushInterval, PresenceLimits.PushInterval);
        }
        else if (!needed && _liveTimer is not null)
        {
            _liveTimer.Dispose();
            _liveTimer = null;
        }
    }

    private async Task OnLiveTick()
    {
        var now = _time.GetUtcNow();
        _presence.Expire(now);
        if (_presence.TakeChange() is { } presence)
        {
            Emit(SessionEventTypes.PresenceChanged, new PresenceChanged(presence));
            if (State.Details?.Status == SessionStatus.Live && presence.Total > (_peak?.Counts.Total ?? State.PeakPresence?.Total ?? 0))
            {
                _peak = (presence, now);
            }
        }

        await StorePeak(now);

        if (_timelineOwed ? TakeTimelineCredit(now)
            : State.Details?.Status == SessionStatus.Live && (Timeline().ExpectedEnd - _lastTimelineEnd).Duration() >= TimeSpan.FromMinutes(1))
        {
            EmitTimeline();
        }

        EnsureLiveTimer();
    }

    /// <summary>Stores a new peak of attendance, at most every <see cref="PeakStoreInterval"/> (and when the session ends).</summary>
    private async Task StorePeak(DateTimeOffset now)
    {
        if (_peak is not { } peak || now - _peakStoredAt < PeakStoreInterval || State.Details?.Status != SessionStatus.Live)
        {
            return;
        }

        try
        {
            await Commit(s => (s.PeakPresence, s.PeakAt) = peak);
            _peakStoredAt = now;
            if (_peak == peak)
            {
                _peak = null;
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not store the attendance peak of session {SessionId}", SessionId);
        }
    }

    /// <summary>Who the proceedings are built from: the session as planned and as held, with its peak attendance.</summary>
    // The person's moderations are in their own export (from their participant grain).
    public Task<PersonalDataPart?> ExportPersonalData(string participantId) => Task.FromResult<PersonalDataPart?>(null);

    // An erased moderator leaves the session's moderators, whatever its status: the list is public, and
    // the proceedings never name moderators, so a published record does not change.
    public async Task ErasePersonalData(string participantId)
    {
        if (State.Details is { } details && details.Moderators.Contains(participantId, StringComparer.Ordinal))
        {
            var after = details with { Moderators = [.. details.Moderators.Where(m => m != participantId)] };
            await Commit(s => s.Details = after);
            Emit(SessionEventTypes.SessionDetailsChanged, new SessionDetailsChanged(after));
        }
    }

    public Task<SessionHistory> GetHistory()
    {
        var details = RequireDetails();
        var peak = _peak is { } p ? p : State.PeakPresence is { } stored ? (stored, State.PeakAt ?? details.StartedAt ?? details.StartsAt) : ((PresenceCounts, DateTimeOffset)?)null;
        return Task.FromResult(new SessionHistory(details, State.PlannedAgenda ?? State.Agenda, State.Agenda, Timeline(), peak?.Item1, peak?.Item2));
    }

    public async Task MarkPublished()
    {
        var details = RequireDetails();
        if (details.Status != SessionStatus.Published)
        {
            await MoveTo(SessionStatus.Published);
        }
    }

    /// <summary>
    /// The speaking queue closes with the session (the running speech ends at the session's end), and
    /// the session's floor joins the forum's: the stakeholder groups' shares across the forum.
    /// </summary>
    private async Task CloseFloor(DateTimeOffset endedAt)
    {
        try
        {
            var ledger = await GrainFactory.GetGrain<ISpeakingQueueGrain>(SessionId).CloseWithSession(endedAt);
            if (ledger.Speeches > 0)
            {
                var byGroup = ledger.ByGroup.Where(g => g.Value.Speeches > 0)
                    .ToDictionary(g => g.Key, g => new GroupFloor(g.Value.Speeches, g.Value.Milliseconds), StringComparer.Ordinal);
                await GrainFactory.GetGrain<IForumFloorGrain>(IForumFloorGrain.Key)
                    .RecordSession(new SessionFloor(SessionId, RequireDetails().Title, endedAt, ledger.Milliseconds, ledger.Speeches, byGroup));
            }
        }
        catch (Exception ex)
        {
            // The session has ended either way; the queue refuses new speeches because the session is no longer live.
            _logger.LogWarning(ex, "Could not close the floor of session {SessionId} or count it in the forum's", SessionId);
        }
    }

    /// <summary>Keeps each moderator's list of moderated sessions in step, for clash warnings.</summary>
    private async Task SyncModerations(IReadOnlyList<string> removed)
    {
        var details = RequireDetails();
        var moderation = new Moderation(SessionId, details.Title, details.StartsAt, details.StartsAt.AddMinutes(details.DurationMinutes), details.Status);
        await Task.WhenAll(
            details.Moderators.Select(id => GrainFactory.GetGrain<IParticipantGrain>(id).SetModeration(moderation))
                .Concat(removed.Select(id => GrainFactory.GetGrain<IParticipantGrain>(id).RemoveModeration(SessionId))));
    }

    private SessionDetails RequireDetails() =>
        State.Details ?? throw ForumException.NotFound($"There is no session '{SessionId}'.");

    private void EnsureModerator(string moderatorId)
    {
        var details = RequireDetails();
        if (string.IsNullOrEmpty(moderatorId))
        {
            throw ForumException.Unauthenticated("Sign in to moderate a session.");
        }

        if (!details.Moderators.Contains(moderatorId, StringComparer.Ordinal))
        {
            throw ForumException.Forbidden("Only the session's moderators may do this.");
        }
    }

    private async Task EnsureOrganizer(string organizerId)
    {
        if (string.IsNullOrEmpty(organizerId))
        {
            throw ForumException.Unauthenticated("Sign in as an organizer to do this.");
        }

        if (!await GrainFactory.GetGrain<IParticipantGrain>(organizerId).IsOrganizer())
        {
            throw ForumException.Forbidden("Only organizers may do this.");
        }
    }

    private static SessionSummary ToSummary(SessionDetails d) =>
        new(d.Id, d.Title, d.Titles, d.Type, d.Status, d.Topics, d.StartsAt, d.DurationMinutes);
}
