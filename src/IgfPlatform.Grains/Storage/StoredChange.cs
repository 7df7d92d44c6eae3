using Orleans.Storage;

namespace IgfPlatform.Grains.Storage;

/// <summary>A grain state that can be copied, so a change can be undone when storing it fails.</summary>
public interface ICopyableState<out T>
{
    T Copy();
}

public static class StoredChange
{
    /// <summary>
    /// Applies <paramref name="change"/> and stores the state. If storing fails, the state in memory
    /// is put back as it was (or to what storage holds), so the grain never holds (or later reports) a
    /// change that was not stored; a write that failed but was stored after all (<see cref="AmbiguousWrite"/>)
    /// counts as stored.
    /// </summary>
    public static async Task Apply<T>(this IPersistentState<T> state, Action<T> change)
        where T : ICopyableState<T>
    {
        var before = state.State.Copy();
        change(state.State);
        var written = state.State;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            if (await AmbiguousWrite.WasStored(state, written))
            {
                return;
            }

            if (ReferenceEquals(state.State, written))
            {
                state.State = before;
            }

            throw;
        }
    }

    /// <summary>
    /// For states that gather independent entries (the calendars): when another writer stored a
    /// newer version, reload it and apply the change again on top, once.
    /// </summary>
    public static async Task ApplyMerging<T>(this IPersistentState<T> state, Action<T> change)
        where T : ICopyableState<T>
    {
        try
        {
            await state.Apply(change);
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            await state.Apply(change);
        }
    }
}
