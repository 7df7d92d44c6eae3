namespace IgfPlatform.LoadGen.Live;

/// <summary>One operation a moderator (or the bare hub's publisher) issued, with when.</summary>
public sealed class Operation(string kind, string key, int toIndex, int issuedAt, bool measured)
{
    /// <summary>add, move, current, remove, approve (platform) or publish (bare hub).</summary>
    public string Kind { get; } = kind;

    /// <summary>The agenda item's or question's id the operation is about.</summary>
    public string Key { get; } = key;

    public int ToIndex { get; } = toIndex;

    /// <summary>LiveClock micros when the call was made.</summary>
    public int IssuedAt { get; } = issuedAt;

    /// <summary>False during warm-up: delivered and counted, but not timed.</summary>
    public bool Measured { get; } = measured;
}

/// <summary>
/// Which operation each event of the feed came from, by seq. On the platform an observer fills it
/// from the events' content (item and question ids); on the bare hub the publisher numbers the events itself.
/// </summary>
public sealed class OperationLedger
{
    private readonly Lock _lock = new();
    private Operation?[] _bySeq = new Operation?[1024];

    public void Attribute(long seq, Operation operation)
    {
        lock (_lock)
        {
            if (seq >= _bySeq.Length)
            {
                Array.Resize(ref _bySeq, (int)Math.Max(_bySeq.Length * 2, seq + 1));
            }

            _bySeq[seq] = operation;
        }
    }

    public Operation? Of(long seq)
    {
        lock (_lock)
        {
            return seq >= 0 && seq < _bySeq.Length ? _bySeq[seq] : null;
        }
    }
}
