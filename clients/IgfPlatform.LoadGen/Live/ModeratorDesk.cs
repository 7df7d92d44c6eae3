using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;

namespace IgfPlatform.LoadGen.Live;

/// <summary>
/// The moderators of the session at work: they add an agenda item, move one, set the current item,
/// approve a question asked beforehand and remove an old item, in turn (so the agenda keeps its size),
/// over several connections. Each operation is remembered with the moment it was issued, and the
/// observer's events are matched back to it by item or question id.
/// </summary>
public sealed class ModeratorDesk
{
    /// <summary>The agenda never shrinks below this, so that moves and removals always have free items.</summary>
    public const int InitialItems = 20;

    private static readonly string[] Cycle = ["add", "move", "current", "approve", "remove"];

    // Operations matched to no event after this long are dropped (a move that left the agenda as it was).
    private const int StalePendingMicros = 10_000_000;

    private readonly Lock _lock = new();
    private readonly string _sessionId;
    private readonly IReadOnlyList<ForumClient> _moderators;
    private readonly OperationLedger _ledger;
    private readonly ErrorTally _errors;
    private readonly List<string> _agenda;
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);

    // Items the desk removed, answered: an older agenda event still listing one must not bring it back.
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Queue<string> _questions;
    private readonly List<(Operation Op, int? DoneAt)> _pending = [];
    private readonly Random _random = new(2026);
    private List<string> _observed;
    private string? _current;
    private int _turn;
    private int _items;
    private long _issued;
    private long _failed;

    public ModeratorDesk(string sessionId, IReadOnlyList<ForumClient> moderators, OperationLedger ledger, ErrorTally errors,
        IReadOnlyList<string> agenda, string? current, IEnumerable<string> questions)
    {
        _sessionId = sessionId;
        _moderators = moderators;
        _ledger = ledger;
        _errors = errors;
        _agenda = [.. agenda];
        _observed = [.. agenda];
        _current = current;
        _items = agenda.Count;
        _questions = new Queue<string>(questions);
    }

    public long Issued => Interlocked.Read(ref _issued);

    public long Failed => Interlocked.Read(ref _failed);

    public int QuestionsLeft
    {
        get
        {
            lock (_lock)
            {
                return _questions.Count;
            }
        }
    }

    /// <summary>The agenda the session starts the run with.</summary>
    public static IReadOnlyList<AgendaItem> InitialAgenda() =>
        [.. Enumerable.Range(1, InitialItems).Select(Item)];

    /// <summary>Issues the next operation; completes when the platform has answered it.</summary>
    public async Task Issue(bool measured)
    {
        Operation op;
        Func<ForumClient, Task> call;
        lock (_lock)
        {
            (op, call) = Choose(measured);
            _pending.Add((op, null));
            _busy.Add(op.Key);
        }

        var client = _moderators[(int)(Interlocked.Increment(ref _issued) % _moderators.Count)];
        try
        {
            await call(client);
            lock (_lock)
            {
                var i = _pending.FindIndex(p => p.Op == op);
                if (i >= 0)
                {
                    _pending[i] = (op, LiveClock.Micros);
                }

                if (op.Kind == "remove")
                {
                    _gone.Add(op.Key);
                }
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            _errors.Add(op.Kind, ex);
            lock (_lock)
            {
                _pending.RemoveAll(p => p.Op == op);
                if (op.Kind == "add")
                {
                    _agenda.Remove(op.Key);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _busy.Remove(op.Key);
            }
        }
    }

    /// <summary>
    /// The observer's events in seq order: the event that shows an operation's effect is attributed to
    /// it, and so are the timeline or moderation count that the same change records right after.
    /// </summary>
    public void Observe(SessionEvent evt)
    {
        var data = LiveSession.DataOf(evt);
        lock (_lock)
        {
            var now = LiveClock.Micros;
            _pending.RemoveAll(p => p.DoneAt is { } done && now - done > StalePendingMicros);
            Operation? op = null;
            switch (data)
            {
                case AgendaChanged changed:
                    op = ObserveAgenda([.. changed.Items.Select(i => i.Id)]);
                    break;
                case AgendaEdited edited:
                    op = ObserveAgenda([.. edited.Order]);
                    break;
                case CurrentItemChanged current:
                    op = Take(p => p.Kind == "current" && p.Key == current.ItemId);
                    break;
                case QuestionAdded question:
                    op = Take(p => p.Kind == "approve" && p.Key == question.Question.Id);
                    break;
                case QuestionUpdated question:
                    op = Take(p => p.Kind == "approve" && p.Key == question.QuestionId);
                    break;
                case TimelineChanged or ModerationQueueChanged:
                    op = _ledger.Of(evt.Seq - 1);
                    break;
                default:
                    break;
            }

            if (op is not null)
            {
                _ledger.Attribute(evt.Seq, op);
            }
        }
    }

    // The operation whose effect the agenda's new order shows (an item added, removed or moved).
    private Operation? ObserveAgenda(List<string> ids)
    {
        var added = ids.Except(_observed, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var removed = _observed.Except(ids, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var op = Take(p => (p.Kind == "add" && added.Contains(p.Key)) || (p.Kind == "remove" && removed.Contains(p.Key))
            || (p.Kind == "move" && added.Count == 0 && removed.Count == 0 && ids.IndexOf(p.Key) == p.ToIndex));
        _observed = ids;
        Adopt(ids);
        return op;
    }

    /// <summary>
    /// Items the session has and the desk does not know: an add that failed on the desk's side (a timeout)
    /// but was stored, or a removal that failed. Without this the desk never removes them and the agenda
    /// grows to its limit over a long run, changing what every batch weighs.
    /// </summary>
    private void Adopt(List<string> ids)
    {
        foreach (var id in ids)
        {
            if (!_busy.Contains(id) && !_gone.Contains(id) && !_agenda.Contains(id, StringComparer.Ordinal))
            {
                _agenda.Add(id);
            }
        }
    }

    private Operation? Take(Func<Operation, bool> matches)
    {
        var i = _pending.FindIndex(p => matches(p.Op));
        if (i < 0)
        {
            return null;
        }

        var op = _pending[i].Op;
        _pending.RemoveAt(i);
        return op;
    }

    private (Operation, Func<ForumClient, Task>) Choose(bool measured)
    {
        var session = _sessionId;
        for (var attempt = 0; attempt < Cycle.Length * 2; attempt++)
        {
            var kind = Cycle[_turn++ % Cycle.Length];
            var free = _agenda.Where(id => !_busy.Contains(id) && id != _current).ToList();
            switch (kind)
            {
                case "add":
                    var item = Item(++_items);
                    _agenda.Add(item.Id);
                    return (Op(kind, item.Id, -1, measured), c => c.AddAgendaItemAsync(session, item));
                case "move" when free.Count > 0:
                    // Never past the end as it may be once the removals in flight are done.
                    var moved = free[_random.Next(free.Count)];
                    var from = _agenda.IndexOf(moved);
                    var last = Math.Max(1, _agenda.Count - 1 - _busy.Count);
                    var to = _random.Next(last + 1);
                    if (to == from)
                    {
                        to = (to + 1) % (last + 1);
                    }

                    _agenda.RemoveAt(from);
                    _agenda.Insert(to, moved);
                    return (Op(kind, moved, to, measured), c => c.MoveAgendaItemAsync(session, moved, to));
                case "current" when free.Count > 0:
                    var next = free[_random.Next(free.Count)];
                    _current = next;
                    return (Op(kind, next, -1, measured), c => c.SetCurrentItemAsync(session, next));
                case "approve" when _questions.Count > 0:
                    var question = _questions.Dequeue();
                    return (Op(kind, question, -1, measured), c => c.ApproveQuestionAsync(session, question));
                case "remove" when _agenda.Count > InitialItems / 2 && free.Count > 0:
                    var oldest = free[0];
                    _agenda.Remove(oldest);
                    return (Op(kind, oldest, -1, measured), c => c.RemoveAgendaItemAsync(session, oldest));
                default:
                    continue;
            }
        }

        throw new InvalidOperationException("No operation can be issued: every agenda item is busy.");
    }

    private static Operation Op(string kind, string key, int toIndex, bool measured) => new(kind, key, toIndex, LiveClock.Micros, measured);

    private static AgendaItem Item(int n) =>
        new($"item-{n}", $"Item {n}: remote participation and the next billion users", 10, ["Speaker A", "Speaker B"]);
}
