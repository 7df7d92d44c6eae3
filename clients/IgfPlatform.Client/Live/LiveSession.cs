using System.Text.Json;
using System.Threading.Channels;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Client.Live;

/// <summary>
/// One followed session as this client sees it: the state drawn from the snapshot and the events
/// applied since, in order. Keeps <c>(epoch, lastSeq)</c>; on a gap or a new epoch it resyncs,
/// taking the missed events, or a snapshot when they are no longer held.
/// </summary>
public sealed class LiveSession
{
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<string, long, long, Task<ResyncResult>> _resync;
    private readonly Lock _lock = new();
    private readonly ConditionWaiters<LiveSession> _waiters;
    private SessionSnapshot _snapshot;

    internal LiveSession(SessionSnapshot snapshot, Func<string, long, long, Task<ResyncResult>> resync)
    {
        _snapshot = snapshot;
        _resync = resync;
        SessionId = snapshot.Session.Id;
        Epoch = snapshot.Epoch;
        LastSeq = snapshot.Seq;
        _waiters = new ConditionWaiters<LiveSession>(this, _lock);
        _ = Task.Run(ProcessAsync);
    }

    public string SessionId { get; }

    public long Epoch { get; private set; }

    public long LastSeq { get; private set; }

    /// <summary>The session as of <see cref="LastSeq"/>.</summary>
    public SessionSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _snapshot;
            }
        }
    }

    public SessionDetails Session => Current.Session;

    public IReadOnlyList<AgendaItem> Agenda => Current.Agenda;

    public string? CurrentItemId => Current.CurrentItemId;

    public AgendaTimeline Timeline => Current.Timeline;

    public PresenceCounts Presence => Current.Presence;

    /// <summary>The questions as this client may see them (visible ones, its own, its votes).</summary>
    public QuestionBoardView Questions => Current.Questions ?? new QuestionBoardView([], [], [], false);

    /// <summary>The speaking queue as everyone sees it: the line in order, the speech, the ledger.</summary>
    public FloorView? Floor => Current.Floor;

    /// <summary>This client's own request for the floor (position 1: next), or its speech; null when neither.</summary>
    public MyFloorEntry? MyFloorEntry => Current.MyFloorEntry;

    /// <summary>Times a gap in <c>seq</c> or a new epoch was seen.</summary>
    public int GapsDetected { get; private set; }

    /// <summary>Times <c>Resync</c> was called (after gaps and reconnects).</summary>
    public int Resyncs { get; private set; }

    /// <summary>Times the state was rebuilt from a snapshot because the events were no longer held.</summary>
    public int SnapshotsTaken { get; private set; }

    /// <summary>
    /// Times an event did not apply to the state held (an agenda edit keeping an item this client does not
    /// hold) and a snapshot was asked for instead: 0 unless the client or the platform is wrong.
    /// </summary>
    public int EventsNotApplicable { get; private set; }

    /// <summary>Events applied, in order, each exactly once.</summary>
    public long EventsApplied { get; private set; }

    /// <summary>Raised for every event applied, in <c>seq</c> order.</summary>
    public event Action<LiveSession, SessionEvent>? EventApplied;

    /// <summary>Raised when the state was replaced by a snapshot.</summary>
    public event Action<LiveSession, SessionSnapshot>? SnapshotApplied;

    /// <summary>Completes when <paramref name="condition"/> holds for the session (checked after every change).</summary>
    public Task WaitUntilAsync(Func<LiveSession, bool> condition, TimeSpan timeout, CancellationToken ct = default) =>
        _waiters.WaitUntilAsync(condition, timeout, ct);

    /// <summary>Adds the client's own new question to what it sees (its status comes by events).</summary>
    internal void NoteAsked(QuestionView question)
    {
        lock (_lock)
        {
            var board = Questions;
            if (board.Mine.All(m => m.Question.Id != question.Id))
            {
                _snapshot = _snapshot with { Questions = board with { Mine = [new OwnQuestion(question, null), .. board.Mine] } };
            }
        }

        Notify();
    }

    /// <summary>Tracks the client's own new request for the floor (its position then follows the line).</summary>
    internal void NoteFloorEntry(MyFloorEntry entry)
    {
        lock (_lock)
        {
            _snapshot = _snapshot with { MyFloorEntry = FloorReducer.Place(entry, _snapshot.Floor) };
        }

        Notify();
    }

    internal void Receive(EventBatch batch) => _work.Writer.TryWrite(new Work(batch, false));

    /// <summary>Asks for what was missed, for example after a reconnect.</summary>
    internal void RequestResync() => _work.Writer.TryWrite(new Work(null, true));

    // What is held cannot take the next event (it was not what the event was made on): start again from a snapshot.
    private void RequestSnapshot() => _work.Writer.TryWrite(new Work(null, true, Snapshot: true));

    internal void Stop() => _work.Writer.TryComplete();

    private async Task ProcessAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                if (work.Resync || (work.Batch is { } b && (b.Epoch != Epoch || b.FromSeq > LastSeq + 1)))
                {
                    if (!work.Resync)
                    {
                        GapsDetected++;
                    }

                    await ResyncAsync(work.Snapshot);
                }
                else if (work.Batch is { } batch)
                {
                    Apply(batch.Events);
                }
            }
            catch (Exception)
            {
                // The connection is down; the reconnect handler asks for a resync when it is back.
            }
        }
    }

    private async Task ResyncAsync(bool fresh = false)
    {
        Resyncs++;

        // Epochs start at 1: asking from epoch 0 is answered with a snapshot.
        var result = await _resync(SessionId, fresh ? 0 : Epoch, LastSeq);
        if (result.Snapshot is { } snapshot)
        {
            SnapshotsTaken++;
            lock (_lock)
            {
                _snapshot = snapshot;
                Epoch = snapshot.Epoch;
                LastSeq = snapshot.Seq;
            }

            SnapshotApplied?.Invoke(this, snapshot);
            Notify();
        }
        else
        {
            Apply(result.Events ?? []);
        }
    }

    private void Apply(IReadOnlyList<SessionEvent> events)
    {
        foreach (var evt in events)
        {
            if (evt.Seq <= LastSeq)
            {
                continue;
            }

            if (evt.Seq != LastSeq + 1)
            {
                // Never apply past a hole: the next batch or resync fills it.
                GapsDetected++;
                RequestResync();
                return;
            }

            lock (_lock)
            {
                if (Reduce(_snapshot, evt) is not { } next)
                {
                    EventsNotApplicable++;
                    RequestSnapshot();
                    return;
                }

                _snapshot = next with { Seq = evt.Seq };
                LastSeq = evt.Seq;
            }

            EventsApplied++;
            EventApplied?.Invoke(this, evt);
            Notify();
        }
    }

    /// <summary>How each event changes what the client shows; null when it cannot apply to what is held.</summary>
    private static SessionSnapshot? Reduce(SessionSnapshot state, SessionEvent evt) => DataOf(evt) switch
    {
        AgendaChanged a => state with { Agenda = a.Items },
        AgendaEdited e => e.ApplyTo(state.Agenda) is { } agenda ? state with { Agenda = agenda } : null,
        CurrentItemChanged c => state with { CurrentItemId = c.ItemId },
        SessionStatusChanged s => state with { Session = state.Session with { Status = s.Status } },
        SessionDetailsChanged d => state with { Session = d.Session },
        TimelineChanged t => state with { Timeline = t.Timeline },
        PresenceChanged p => state with { Presence = p.Presence },
        QuestionAdded or QuestionUpdated or QuestionVotesChanged or ModerationQueueChanged =>
            state with { Questions = QuestionReducer.Apply(state.Questions ?? new QuestionBoardView([], [], [], false), DataOf(evt)!) },
        QueueChanged or SpeakerChanged or FloorLedgerChanged => FloorReducer.Apply(state, DataOf(evt)!),
        _ => state,
    };

    /// <summary>The event's data as its contract type (over the hub it arrives as JSON).</summary>
    public static object? DataOf(SessionEvent evt)
    {
        if (evt.Data is JsonElement json)
        {
            return SessionEventTypes.DataTypeOf(evt.Type) is { } type ? json.Deserialize(type, ForumJson.Options) : json;
        }

        return evt.Data;
    }

    private void Notify() => _waiters.Notify();

    private sealed record Work(EventBatch? Batch, bool Resync, bool Snapshot = false);
}
