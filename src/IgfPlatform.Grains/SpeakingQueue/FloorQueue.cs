using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>
/// A session's speaking queue as plain logic: requests, speeches, the ledger and the rules that
/// guard them. The grain stores it and tells clients; everything decided is decided here, so it
/// is tested without a cluster. <c>Prepare…</c> methods check and build a change without applying it.
/// </summary>
public sealed class FloorQueue
{
    private readonly Dictionary<long, FloorEntryRecord> _entries = [];
    private readonly List<SpeechRecord> _speeches = [];
    private readonly WaitingLine _line = new();
    private readonly Dictionary<string, long> _waitingByParticipant = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), long> _requests = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recentRequests = new(StringComparer.Ordinal);
    private readonly FloorTally _ended = new();
    private IReadOnlyList<long>? _order;
    private Dictionary<long, int>? _positions;
    private long _orderRunningMs;
    private FloorTargets? _targetsAtEnd;

    public bool Open { get; private set; } = true;

    public FloorSettings Settings { get; private set; } = FloorSettings.Default;

    public DateTimeOffset? ClosedWithSessionAt { get; private set; }

    public long LastEntryId { get; private set; }

    /// <summary>Who follows the session (for equal targets among the groups present) until it ends; not stored.</summary>
    public PresenceCounts Presence { get; private set; } = PresenceCounts.Empty;

    public int Waiting => _line.Count;

    /// <summary>Whether anyone ever asked for or had the floor (a floor never used stores nothing when its session ends).</summary>
    public bool Used => LastEntryId > 0 || _speeches.Count > 0;

    public SpeechRecord? Current => _speeches.Count > 0 && _speeches[^1].EndedAt is null ? _speeches[^1] : null;

    public IReadOnlyList<SpeechRecord> Speeches => _speeches;

    public void Load(SpeakingQueueState state)
    {
        Open = state.Open;
        Settings = state.Settings ?? FloorSettings.Default;
        ClosedWithSessionAt = state.ClosedWithSessionAt;
        LastEntryId = state.LastEntryId;
        _targetsAtEnd = state.TargetsAtEnd is { } atEnd ? FloorTargets.From(atEnd) : null;
        foreach (var entry in state.Entries)
        {
            Put(entry);
            CountRequest(entry);
        }

        foreach (var speech in state.Speeches)
        {
            _speeches.Add(speech);
            if (speech.EndedAt is not null)
            {
                _ended.Add(speech.Entry.Group, speech.Entry.Region, speech.Entry.Gender, speech.MillisecondsAt(speech.EndedAt.Value));
            }
        }

        Changed();
    }

    /// <summary>A new state object holding everything: the grain writes it while this queue moves on.</summary>
    public SpeakingQueueState ToState() => new()
    {
        Open = Open,
        Settings = ReferenceEquals(Settings, FloorSettings.Default) ? null : Settings,
        LastEntryId = LastEntryId,
        Entries = [.. _entries.Values.OrderBy(e => e.EntryId)],
        Speeches = [.. _speeches],
        ClosedWithSessionAt = ClosedWithSessionAt,
        TargetsAtEnd = _targetsAtEnd?.ToRecord(),
    };

    public void SetPresence(PresenceCounts presence)
    {
        // Once the session has ended, whoever opens its page no longer counts.
        if (ClosedWithSessionAt is null && !presence.SameAs(Presence))
        {
            Presence = presence;
            Changed();
        }
    }

    public FloorEntryRecord? Find(long entryId) => _entries.GetValueOrDefault(entryId);

    public FloorEntryRecord? FindRequest(string participantId, string clientRequestId) =>
        _requests.TryGetValue((participantId, clientRequestId), out var id) ? _entries[id] : null;

    /// <summary>Checks a participant's request and builds the entry (not yet in the queue).</summary>
    public FloorEntryRecord PrepareRequest(ParticipantProfile who, string clientRequestId, FloorKind kind, string? note, RemoteHub? hub, bool inRoom, DateTimeOffset now)
    {
        ClientRequestIds.Require(clientRequestId);
        EnsureTaking();
        if (_waitingByParticipant.TryGetValue(who.ParticipantId, out var open))
        {
            throw ForumException.Conflict($"You already wait for the floor (request {open}); withdraw it to ask again.");
        }

        if (Current?.Entry.ParticipantId == who.ParticipantId && kind != FloorKind.PointOfOrder)
        {
            throw ForumException.Conflict("You have the floor now; ask again when your speech has ended.");
        }

        var recent = _recentRequests.TryGetValue(who.ParticipantId, out var times) ? times : null;
        while (recent is { Count: > 0 } && now - recent.Peek() >= FloorLimits.RequestWindow)
        {
            recent.Dequeue();
        }

        if (recent?.Count >= FloorLimits.MaxRequestsPerWindow)
        {
            throw ForumException.TooManyRequests($"At most {FloorLimits.MaxRequestsPerWindow} requests for the floor a minute; wait a moment.");
        }

        var repliesTo = RepliesTo(kind, who.ParticipantId);
        return new FloorEntryRecord(
            LastEntryId + 1, kind, who.ParticipantId, clientRequestId, who.DisplayName, who.StakeholderGroup,
            CleanHub(hub)?.Region ?? who.Region, who.Gender, hub is null && inRoom, CleanHub(hub), CleanNote(note), now, repliesTo, null);
    }

    /// <summary>Checks a moderator's addition (someone in the room without the app, or a remote hub).</summary>
    public FloorEntryRecord PrepareAdd(string moderatorId, string clientRequestId, FloorEntryDraft draft, DateTimeOffset now)
    {
        ClientRequestIds.Require(clientRequestId);
        ArgumentNullException.ThrowIfNull(draft);
        EnsureTaking(byModerator: true);
        var name = draft.Name?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Length > FloorLimits.MaxNameLength)
        {
            throw ForumException.Invalid("name", $"A name of 1 to {FloorLimits.MaxNameLength} characters is required.");
        }

        if (!Enum.IsDefined(draft.Group) || !Enum.IsDefined(draft.Region) || (draft.Gender is { } g && !Enum.IsDefined(g)) || !Enum.IsDefined(draft.Kind))
        {
            throw ForumException.Invalid("entry", "Unknown stakeholder group, region, gender or kind.");
        }

        var hub = CleanHub(draft.Hub);
        var repliesTo = RepliesTo(draft.Kind, null);
        return new FloorEntryRecord(
            LastEntryId + 1, draft.Kind, null, clientRequestId, name, draft.Group, hub?.Region ?? draft.Region, draft.Gender,
            hub is null && draft.InRoom, hub, CleanNote(draft.Note), now, repliesTo, moderatorId);
    }

    /// <summary>Puts a prepared entry in the queue.</summary>
    public void Add(FloorEntryRecord entry)
    {
        LastEntryId = Math.Max(LastEntryId, entry.EntryId);
        Put(entry);
        CountRequest(entry);
        Changed();
    }

    /// <summary>Counts a participant's request towards their rate limit (also when loading: the limit survives a new activation).</summary>
    private void CountRequest(FloorEntryRecord entry)
    {
        if (entry.ParticipantId is { } pid && entry.AddedBy is null)
        {
            if (!_recentRequests.TryGetValue(pid, out var times))
            {
                _recentRequests[pid] = times = new Queue<DateTimeOffset>();
            }

            times.Enqueue(entry.RequestedAt);
            while (times.Count > FloorLimits.MaxRequestsPerWindow)
            {
                times.Dequeue();
            }
        }
    }

    /// <summary>Checks taking back a participant's own waiting entry and builds it withdrawn.</summary>
    public FloorEntryRecord PrepareWithdraw(string participantId, long entryId, DateTimeOffset now)
    {
        var entry = _entries.GetValueOrDefault(entryId);
        if (entry is null || entry.ParticipantId != participantId)
        {
            throw ForumException.NotFound($"You have no request {entryId} for the floor.");
        }

        EnsureNotEnded();
        if (entry.Status != EntryStatus.Waiting)
        {
            throw ForumException.Conflict($"Request {entryId} is no longer waiting (it {Words(entry.Status)}).");
        }

        return entry with { Status = EntryStatus.Withdrawn, ClosedAt = now, ClosedBy = participantId };
    }

    public FloorEntryRecord PrepareDismiss(string moderatorId, string moderatorName, long entryId, string reason, DateTimeOffset now)
    {
        EnsureNotEnded();
        var clean = RequireReason(reason, "Say why the request is taken out of the queue");
        var entry = RequireWaiting(entryId);
        return entry with { Status = EntryStatus.Dismissed, ClosedAt = now, ClosedBy = moderatorName, ClosedReason = clean };
    }

    /// <summary>Applies a closed entry (withdrawn or dismissed).</summary>
    public void Close(FloorEntryRecord closed)
    {
        Put(closed);
        Changed();
    }

    public FloorPick? Suggest(DateTimeOffset now) => BalancePolicy.Suggest(Situation(now));

    /// <summary>Checks giving the floor and builds the speech (and the end of the running one).</summary>
    public SpeechRecord PrepareGive(string moderatorId, string moderatorName, long entryId, string? reason, DateTimeOffset now)
    {
        EnsureNotEnded();
        var entry = RequireWaiting(entryId);
        var suggestion = Suggest(now);
        var overrides = suggestion is null || suggestion.Candidate.EntryId != entryId;

        // A reason is only kept for an override, but one over the limit is refused either way, not silently dropped.
        if (reason?.Trim().Length > FloorLimits.MaxReasonLength)
        {
            throw ForumException.Invalid("reason", $"A reason has at most {FloorLimits.MaxReasonLength} characters.");
        }

        var clean = overrides
            ? RequireReason(reason, $"Request {entryId} is not the suggestion{(suggestion is null ? string.Empty : $" (request {suggestion.Candidate.EntryId})")}; say why it has the floor instead")
            : null;
        // A reply answers (and is timed as a reply) only while replies to its speech are still taken first.
        var situation = Situation(now);
        var answers = entry.Kind == FloorKind.Reply && entry.RepliesTo == situation.AnsweredSpeechId
            && situation.RepliesTaken < FloorLimits.MaxRepliesPerSpeech;
        var allotted = entry.Kind == FloorKind.Intervention || (entry.Kind == FloorKind.Reply && !answers) ? Settings.AllottedSeconds : Settings.ReplySeconds;
        var suggested = suggestion is null ? null : _entries[suggestion.Candidate.EntryId];
        return new SpeechRecord(
            _speeches.Count == 0 ? 1 : _speeches[^1].SpeechId + 1,
            entry with { Status = EntryStatus.Spoke, ClosedAt = now, ClosedBy = moderatorName },
            now, allotted, null, moderatorId, moderatorName,
            overrides ? suggested?.EntryId : null, overrides ? suggested?.Group : null, clean, answers);
    }

    /// <summary>Ends the running speech (if any) when <paramref name="speech"/> starts, and starts it; returns the ended one.</summary>
    public SpeechRecord? Give(SpeechRecord speech)
    {
        var ended = EndCurrent(speech.StartedAt);
        Put(speech.Entry);
        _speeches.Add(speech);

        // Earlier requests of the same group that this one went before were passed over once more.
        var given = speech.Entry.Candidate;
        foreach (var waiting in _line.All.Where(c => c.Group == given.Group && FloorCandidate.ByWait.Compare(c, given) < 0).ToList())
        {
            var entry = _entries[waiting.EntryId] with { Overtaken = waiting.Overtaken + 1 };
            _entries[entry.EntryId] = entry;
            _line.Replace(entry.Candidate);
        }

        Changed();
        return ended;
    }

    public SpeechRecord RequireCurrent() =>
        Current ?? throw ForumException.Conflict("Nobody has the floor.");

    /// <summary>Ends the running speech; returns it ended, or null when nobody spoke.</summary>
    public SpeechRecord? EndCurrent(DateTimeOffset now)
    {
        if (Current is not { } current)
        {
            return null;
        }

        var ended = current with { EndedAt = now < current.StartedAt ? current.StartedAt : now };
        _speeches[^1] = ended;
        _ended.Add(ended.Entry.Group, ended.Entry.Region, ended.Entry.Gender, ended.MillisecondsAt(now));
        Changed();
        return ended;
    }

    public void SetOpen(bool open)
    {
        if (ClosedWithSessionAt is not null && open)
        {
            throw ForumException.Conflict("The session has ended; the queue stays closed.");
        }

        Open = open;
        Changed();
    }

    public void SetSettings(FloorSettings settings)
    {
        EnsureNotEnded();
        Settings = settings;
        Changed();
    }

    /// <summary>
    /// The session ended: no more requests or speeches; waiting entries stay on record as they were, and
    /// the targets as they stood.
    /// </summary>
    public SpeechRecord? CloseWithSession(DateTimeOffset endedAt)
    {
        var ended = EndCurrent(endedAt);
        // A floor never used stores nothing at the end, so who was present could not be kept: its targets come
        // from what is stored (Targets), the same before and after a new activation.
        _targetsAtEnd ??= Used ? Targets() : null;
        Open = false;
        ClosedWithSessionAt = endedAt;
        Changed();
        return ended;
    }

    /// <summary>Validates organizers' settings into their clean form.</summary>
    public static FloorSettings Normalize(FloorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, string[]>();
        if (settings.AllottedSeconds is < FloorLimits.MinAllottedSeconds or > FloorLimits.MaxAllottedSeconds)
        {
            errors["allottedSeconds"] = [$"Between {FloorLimits.MinAllottedSeconds} and {FloorLimits.MaxAllottedSeconds} seconds."];
        }

        if (settings.ReplySeconds is < FloorLimits.MinAllottedSeconds or > FloorLimits.MaxAllottedSeconds)
        {
            errors["replySeconds"] = [$"Between {FloorLimits.MinAllottedSeconds} and {FloorLimits.MaxAllottedSeconds} seconds."];
        }

        Dictionary<string, int>? targets = null;
        if (settings.Targets is { Count: > 0 } t)
        {
            if (t.Keys.FirstOrDefault(k => !WireNames.TryGroup(k, out _)) is { } unknown)
            {
                errors["targets"] = [$"'{unknown}' is not a stakeholder group ({WireNames.GroupList})."];
            }
            else if (t.Values.Any(v => v is < 0 or > 100) || t.Values.Sum() != 100)
            {
                errors["targets"] = ["Targets are whole percentages from 0 to 100 that add up to 100."];
            }
            else
            {
                targets = t.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            }
        }

        Dictionary<string, int>? budgets = null;
        if (settings.BudgetMinutes is { Count: > 0 } b)
        {
            if (b.Keys.FirstOrDefault(k => !WireNames.TryGroup(k, out _)) is { } unknown)
            {
                errors["budgetMinutes"] = [$"'{unknown}' is not a stakeholder group ({WireNames.GroupList})."];
            }
            else if (b.Values.Any(v => v is < 1 or > FloorLimits.MaxBudgetMinutes))
            {
                errors["budgetMinutes"] = [$"Budgets are whole minutes from 1 to {FloorLimits.MaxBudgetMinutes}."];
            }
            else
            {
                budgets = b.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            }
        }

        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The floor settings are not valid.", errors);
        }

        return new FloorSettings(settings.AllottedSeconds, settings.ReplySeconds, targets, budgets);
    }

    /// <summary>The speech replies now answer: the running or last speech that was neither a reply given as one nor a point of order.</summary>
    public long? AnsweredSpeechId =>
        _speeches.LastOrDefault(s => !s.AnswersSpeech && s.Entry.Kind != FloorKind.PointOfOrder)?.SpeechId;

    public FloorSituation Situation(DateTimeOffset now)
    {
        var tally = _ended.Clone();
        if (Current is { } current)
        {
            tally.Add(current.Entry.Group, current.Entry.Region, current.Entry.Gender, RunningMs(current, now));
        }

        var answered = AnsweredSpeechId;
        var taken = answered is null ? 0 : _speeches.Count(s => s.AnswersSpeech && s.Entry.RepliesTo == answered);
        return new FloorSituation(_line, tally, Targets(), answered, taken, Settings.AllottedSeconds * 1000L, Settings.ReplySeconds * 1000L, now);
    }

    /// <summary>
    /// The targets: the organizers' percentages, or equal shares for the groups present (following
    /// the session, waiting, or having spoken); regions and declared genders likewise. Once the session
    /// has ended, those of its end.
    /// </summary>
    public FloorTargets Targets()
    {
        if (_targetsAtEnd is { } atEnd)
        {
            return atEnd;
        }

        var weights = new int[FloorTally.Groups];
        var regions = new bool[FloorTally.Regions];
        var genders = new bool[FloorTally.Genders];
        // Who waits is counted by the line as entries come and go; who spoke, by the tally of ended speeches and the running one.
        for (var g = 0; g < weights.Length; g++)
        {
            weights[g] = _line.Waits((StakeholderGroup)g) || _ended.GroupSpeeches[g] > 0 ? 1 : 0;
        }

        for (var r = 0; r < regions.Length; r++)
        {
            regions[r] = _line.Waits((Region)r) || _ended.RegionSpeeches[r] > 0;
        }

        for (var g = 0; g < genders.Length; g++)
        {
            genders[g] = _line.WaitsGender(g) || _ended.GenderSpeeches[g] > 0;
        }

        if (Current is { } running)
        {
            weights[(int)running.Entry.Group] = 1;
            regions[(int)running.Entry.Region] = true;
            genders[FloorTally.GenderIndex(running.Entry.Gender)] = true;
        }

        // Ended without targets kept (a floor never used, or one ended before they were kept): who was present
        // then is unknown, and who follows now must not move the record, so only what is stored counts.
        if (ClosedWithSessionAt is null)
        {
            Mark<StakeholderGroup>(Presence.ByGroup, WireNames.TryGroup, g => weights[(int)g] = 1);
            Mark<Region>(Presence.ByRegion, WireNames.TryRegion, r => regions[(int)r] = true);
            Mark<Gender>(Presence.ByGender, WireNames.TryGender, g => genders[FloorTally.GenderIndex(g)] = true);
        }

        if (Settings.Targets is { Count: > 0 } targets)
        {
            weights = new int[FloorTally.Groups];
            foreach (var (name, percent) in targets)
            {
                if (WireNames.TryGroup(name, out var g))
                {
                    weights[(int)g] = percent;
                }
            }
        }

        var budgets = new long?[FloorTally.Groups];
        foreach (var (name, minutes) in Settings.BudgetMinutes ?? new Dictionary<string, int>())
        {
            if (WireNames.TryGroup(name, out var g))
            {
                budgets[(int)g] = minutes * 60_000L;
            }
        }

        return new FloorTargets(weights, budgets, regions, genders);
    }

    /// <summary>Every waiting entry in the order the policy would give the floor (cached until something changes).</summary>
    public IReadOnlyList<long> Order(DateTimeOffset now)
    {
        // The order holds until something changes, or the running speech overruns by another second.
        var running = Current is { } current ? RunningMs(current, now) : 0;
        if (_order is null || running != _orderRunningMs)
        {
            _order = BalancePolicy.Project(Situation(now));
            _orderRunningMs = running;
            _positions = null;
        }

        return _order;
    }

    /// <summary>
    /// The running speech counts at least at its allotment (the suggestion is for after it), and by
    /// whole seconds as it overruns, so the suggestion and the order agree within a second.
    /// </summary>
    private static long RunningMs(SpeechRecord current, DateTimeOffset now) =>
        Math.Max(current.MillisecondsAt(now) / 1000 * 1000, current.AllottedSeconds * 1000L);

    public int PositionOf(long entryId, DateTimeOffset now)
    {
        var order = Order(now);
        _positions ??= order.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i + 1);
        return _positions.GetValueOrDefault(entryId);
    }

    public FloorEntry ViewFor(FloorEntryRecord e, DateTimeOffset now) =>
        new(e.EntryId, e.Kind, e.ParticipantId, e.Name, e.Group, e.Region, e.Gender, e.InRoom, e.Hub, e.Note, e.RequestedAt, e.RepliesTo,
            e.Status == EntryStatus.Waiting ? PositionOf(e.EntryId, now) : 0);

    public MyFloorEntry MineOf(FloorEntryRecord e, DateTimeOffset now) =>
        new(e.EntryId, e.Kind, e.Status == EntryStatus.Waiting ? PositionOf(e.EntryId, now) : 0, Waiting, e.RequestedAt, e.Note, e.Hub,
            Current?.Entry.EntryId == e.EntryId);

    /// <summary>The participant's waiting entry, or the speech they are giving; null otherwise.</summary>
    public MyFloorEntry? Mine(string participantId, DateTimeOffset now)
    {
        if (_waitingByParticipant.TryGetValue(participantId, out var id))
        {
            return MineOf(_entries[id], now);
        }

        return Current is { } c && c.Entry.ParticipantId == participantId ? MineOf(c.Entry, now) : null;
    }

    public IReadOnlyList<FloorEntry> Queue(DateTimeOffset now) =>
        [.. Order(now).Select(id => ViewFor(_entries[id], now))];

    public IReadOnlyList<QueuedEntry> Head(DateTimeOffset now) =>
        [.. Order(now).Take(FloorLimits.HeadSize).Select(id => _entries[id]).Select(e => new QueuedEntry(e.EntryId, e.Kind, e.Group, e.InRoom, e.Hub, e.RequestedAt))];

    public FloorView View(DateTimeOffset now) =>
        new(Open, Settings, Current is { } c ? SpeechOf(c) : null, Waiting, Order(now), Head(now), Ledger(now));

    public FloorFigures Figures(string sessionId, DateTimeOffset now) =>
        new(sessionId, Settings, Ledger(now), [.. _speeches.Select(SpeechOf)]);

    /// <summary>Every speech with its speaker numbered by first speech (an account, or else the entry, is one speaker).</summary>
    public IReadOnlyList<SpeechOnRecord> SpeechesOnRecord()
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. _speeches.Select(s =>
        {
            var who = s.Entry.ParticipantId is { } p && s.Entry.AddedBy is null ? "p:" + p : "e:" + s.Entry.EntryId;
            if (!numbers.TryGetValue(who, out var number))
            {
                number = numbers[who] = numbers.Count + 1;
            }

            return new SpeechOnRecord(SpeechOf(s), number, s.Entry.Region, s.Entry.Gender);
        })];
    }

    public static Speech SpeechOf(SpeechRecord s) =>
        new(s.SpeechId, s.Entry.EntryId, s.Entry.Kind, s.Entry.Name, s.Entry.Group, s.Entry.InRoom, s.Entry.Hub, s.StartedAt, s.AllottedSeconds, s.EndedAt, s.Entry.RepliesTo);

    /// <summary>How the floor was shared so far (the running speech up to now), against the targets; once ended, as at the end.</summary>
    public FloorLedger Ledger(DateTimeOffset now) => FloorLedgerBuilder.Build(_speeches, _entries.Values, Targets(), ClosedWithSessionAt ?? now);

    private void Put(FloorEntryRecord entry)
    {
        _entries[entry.EntryId] = entry;
        // Requests are known by who made them: the participant, or the moderator who added someone.
        if ((entry.AddedBy ?? entry.ParticipantId) is { } by)
        {
            _requests[(by, entry.ClientRequestId)] = entry.EntryId;
        }

        if (entry.Status == EntryStatus.Waiting)
        {
            if (!_line.Contains(entry.EntryId))
            {
                _line.Add(entry.Candidate);
            }

            if (entry.ParticipantId is { } p && entry.AddedBy is null)
            {
                _waitingByParticipant[p] = entry.EntryId;
            }
        }
        else
        {
            _line.Remove(entry.EntryId);
            if (entry.ParticipantId is { } p && _waitingByParticipant.TryGetValue(p, out var id) && id == entry.EntryId)
            {
                _waitingByParticipant.Remove(p);
            }
        }
    }

    private void Changed()
    {
        _order = null;
        _positions = null;
    }

    /// <summary>After the end the record stays as it was: waiting entries are neither withdrawn nor dismissed, and nobody speaks.</summary>
    private void EnsureNotEnded()
    {
        if (ClosedWithSessionAt is not null)
        {
            throw ForumException.Conflict("The session has ended; the floor is closed.");
        }
    }

    private void EnsureTaking(bool byModerator = false)
    {
        EnsureNotEnded();
        if (!Open && !byModerator)
        {
            throw ForumException.Conflict("The speaking queue is closed; the moderators have stopped taking requests for the floor.");
        }

        if (_line.Count >= FloorLimits.MaxWaiting)
        {
            throw ForumException.Conflict($"The speaking queue is full ({FloorLimits.MaxWaiting} waiting).");
        }
    }

    private long? RepliesTo(FloorKind kind, string? participantId)
    {
        if (!Enum.IsDefined(kind))
        {
            throw ForumException.Invalid("kind", "The kind is intervention, reply or pointOfOrder.");
        }

        if (kind != FloorKind.Reply)
        {
            return null;
        }

        var answered = AnsweredSpeechId ?? throw ForumException.Invalid("kind", "There is no speech to reply to yet; ask for an intervention.");
        if (participantId is not null && _speeches.First(s => s.SpeechId == answered).Entry.ParticipantId == participantId)
        {
            throw ForumException.Invalid("kind", "You cannot reply to your own speech; ask for an intervention.");
        }

        return answered;
    }

    private FloorEntryRecord RequireWaiting(long entryId)
    {
        var entry = _entries.GetValueOrDefault(entryId) ?? throw ForumException.NotFound($"There is no request {entryId} for the floor.");
        return entry.Status == EntryStatus.Waiting ? entry : throw ForumException.Conflict($"Request {entryId} is no longer waiting (it {Words(entry.Status)}).");
    }

    private static string Words(EntryStatus status) => status switch
    {
        EntryStatus.Spoke => "was given the floor",
        EntryStatus.Withdrawn => "was withdrawn",
        EntryStatus.Dismissed => "was dismissed by a moderator",
        _ => "is waiting",
    };

    private static string RequireReason(string? reason, string what)
    {
        var clean = reason?.Trim() ?? string.Empty;
        if (clean.Length == 0 || clean.Length > FloorLimits.MaxReasonLength)
        {
            throw ForumException.Invalid("reason", $"{what}, in 1 to {FloorLimits.MaxReasonLength} characters; the reason is kept and shown in the session's figures.");
        }

        return clean;
    }

    private static string? CleanNote(string? note)
    {
        var clean = note?.Trim();
        if (clean is { Length: > FloorLimits.MaxNoteLength })
        {
            throw ForumException.Invalid("note", $"A note has at most {FloorLimits.MaxNoteLength} characters.");
        }

        return string.IsNullOrEmpty(clean) ? null : clean;
    }

    private static RemoteHub? CleanHub(RemoteHub? hub)
    {
        if (hub is null)
        {
            return null;
        }

        var name = hub.Name?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Length > FloorLimits.MaxHubNameLength)
        {
            throw ForumException.Invalid("hub.name", $"A remote hub has a name of 1 to {FloorLimits.MaxHubNameLength} characters.");
        }

        if (hub.Headcount is < 1 or > FloorLimits.MaxHubHeadcount)
        {
            throw ForumException.Invalid("hub.headcount", $"A remote hub's headcount is from 1 to {FloorLimits.MaxHubHeadcount}.");
        }

        if (hub.Region is { } r && !Enum.IsDefined(r))
        {
            throw ForumException.Invalid("hub.region", "Unknown region.");
        }

        return hub with { Name = name };
    }

    private delegate bool TryParse<T>(string name, out T value);

    private static void Mark<T>(IReadOnlyDictionary<string, int> counts, TryParse<T> parse, Action<T> mark)
    {
        foreach (var (name, count) in counts)
        {
            if (count > 0 && parse(name, out var value))
            {
                mark(value);
            }
        }
    }
}
