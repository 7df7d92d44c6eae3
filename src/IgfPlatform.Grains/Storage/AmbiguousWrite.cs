using System.Text.Json;

namespace IgfPlatform.Grains.Storage;

/// <summary>
/// A write can fail and yet be stored: its answer was lost (a timeout, a connection dropped after the request
/// went out) and the storage client, retrying, met its own write as another writer's (a conflict on the ETag, or
/// "already exists"). Seen under load on Azurite. Before a grain reports that a change was not made, it reads
/// back what storage holds: telling a moderator "nothing was changed" when it was, and then letting a retry add
/// it twice, is worse than the extra read.
/// </summary>
public static class AmbiguousWrite
{
    /// <summary>
    /// Reads the stored state back after a failed write of <paramref name="written"/>. True when storage holds
    /// exactly that state (the write was stored; <paramref name="state"/> now carries its ETag). False otherwise,
    /// with <paramref name="state"/> holding what storage holds when it could be read, or left as it was.
    /// </summary>
    public static async Task<bool> WasStored<T>(IPersistentState<T> state, T written)
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception)
        {
            // Storage does not answer either: the outcome stays unknown, so the change is not reported as made.
            return false;
        }

        return SameContent(state.State, written);
    }

    /// <summary>
    /// Whether two states serialize alike. A state that cannot be compared so, or whose collections come back in
    /// another order, counts as different: the write is then reported failed, as it was before this check.
    /// </summary>
    public static bool SameContent<T>(T stored, T written)
    {
        if (ReferenceEquals(stored, written))
        {
            return true;
        }

        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(stored).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(written));
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
