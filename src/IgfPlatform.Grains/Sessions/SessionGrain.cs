using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Agenda;
using IgfPlatform.Grains.Live;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace IgfPlatform.Grains.Sessions;

/// <summary>
/// A forum session: the single writer of its history. A command is checked, stored, and only then
/// numbered as an event and handed to the relays; so what a client is told has happened is stored.
/// </summary>
public sealed class SessionGrain : Grain, ISessionGrain
{
    private readonly IPersistentState<SessionState> _state;
    private readonly ILogger<SessionGrain> _logger;
    private readonly TimeProvider _time;
    private EventLog _log = null!;
    private RelayFanout _fanout = null!;

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
        Emit(SessionEventTypes.SessionDetailsChanged, new SessionDetailsChanged(details));
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
        await Commit(s => s.Details = details);
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

    public async Task<IReadOnlyList<AgendaItem>> SetAgenda(string moderatorId, IReadOnlyList<AgendaItem> items)
    {
        EnsureModerator(moderatorId);
        SessionRules.EnsureEditable(RequireDetails().Status);
        var number = State.LastItemNumber;
        var agenda = AgendaRules.Normalize(items, () => $"item-{++number}");
        var current = State.CurrentItemId is { } id && agenda.Any(i => i.Id == id) ? id : null;
        var currentChanged = current != State.CurrentItemId;
        await Commit(s =>
        {
            s.Agenda = agenda;
            s.LastItemNumber = number;
            s.CurrentItemId = current;
        });
        Emit(SessionEventTypes.AgendaChanged, new AgendaChanged(agenda));
        if (currentChanged)
        {
            Emit(SessionEventTypes.CurrentItemChanged, new CurrentItemChanged(current));
        }

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

        await Commit(s => s.CurrentItemId = itemId);
        Emit(SessionEventTypes.CurrentItemChanged, new CurrentItemChanged(itemId));
    }

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
        await Commit(s => s.Details = details);
        await Catalog.Upsert(ToSummary(details));
        Emit(SessionEventTypes.SessionStatusChanged, new SessionStatusChanged(target, current.Status));
        return details;
    }

    private void Emit(string type, object data)
    {
        _log.Append(type, data, _time.GetUtcNow());
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
        new(RequireDetails(), State.Agenda, State.CurrentItemId, _log.Epoch, _log.LastSeq);

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
