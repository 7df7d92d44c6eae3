using IgfPlatform.Contracts.Live;

namespace IgfPlatform.Grains.Live;

/// <summary>
/// A session's recent live history: numbers events contiguously within an epoch and keeps the last
/// <see cref="Capacity"/> of them so that a client that missed some can be given exactly those.
/// A plain class, so the numbering rules are tested without a cluster.
/// </summary>
public sealed class EventLog
{
    private readonly SessionEvent[] _ring;
    private int _count;

    public EventLog(long epoch, int capacity = LiveLimits.EventBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Epoch = epoch;
        _ring = new SessionEvent[capacity];
    }

    public long Epoch { get; }

    public int Capacity => _ring.Length;

    /// <summary>The sequence number of the newest event, 0 before the first.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The oldest sequence number still held, or <see cref="LastSeq"/> + 1 when empty.</summary>
    public long FirstHeldSeq => LastSeq - _count + 1;

    public SessionEvent Append(string type, object data, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(data);
        var evt = new SessionEvent(LastSeq + 1, at, type, data);
        _ring[(int)(evt.Seq % _ring.Length)] = evt;
        LastSeq = evt.Seq;
        _count = Math.Min(_count + 1, _ring.Length);
        return evt;
    }

    /// <summary>
    /// The events after <paramref name="afterSeq"/>, at most <paramref name="max"/>, when every one of
    /// them is still held; false when some have already left the buffer.
    /// </summary>
    public bool TryGetAfter(long afterSeq, int max, out IReadOnlyList<SessionEvent> events)
    {
        if (afterSeq < 0 || afterSeq > LastSeq || afterSeq + 1 < FirstHeldSeq)
        {
            events = [];
            return afterSeq == LastSeq;
        }

        var take = (int)Math.Min(LastSeq - afterSeq, max);
        var result = new SessionEvent[take];
        for (var i = 0; i < take; i++)
        {
            result[i] = _ring[(int)((afterSeq + 1 + i) % _ring.Length)];
        }

        events = result;
        return true;
    }

    /// <summary>All events after <paramref name="afterSeq"/> (unbounded), when all are held.</summary>
    public bool TryGetAfter(long afterSeq, out IReadOnlyList<SessionEvent> events) =>
        TryGetAfter(afterSeq, int.MaxValue, out events);
}
