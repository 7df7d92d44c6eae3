using Microsoft.Extensions.Logging;

namespace IgfPlatform.Grains.Storage;

/// <summary>
/// The state of a forum-wide grain that gathers independent entries (the calendar, the forum's floor, a
/// stakeholder group): changes arriving together are stored in one write, merged on top of what another
/// writer stored if one did (<see cref="BatchedStateWriter{TState}"/>); reads answer from what is stored.
/// For a reentrant grain, made in its activation.
/// </summary>
public sealed class GatheredState<TState>
    where TState : class, ICopyableState<TState>
{
    private readonly BatchedStateWriter<TState> _writer;
    private TState _model;

    public GatheredState(IPersistentState<TState> state, ILogger logger)
    {
        _model = state.State.Copy();
        _writer = new BatchedStateWriter<TState>(
            state, () => _model.Copy(), stored => _model = stored.Copy(), () => Task.CompletedTask, logger, mergeOnConflict: true);
    }

    /// <summary>The last state stored.</summary>
    public TState Stored => _writer.Stored;

    /// <summary>Applies <paramref name="change"/> with the next write; returns once it is stored.</summary>
    public Task Change(Action<TState> change) => _writer.Run(() =>
    {
        change(_model);
        return true;
    });
}
