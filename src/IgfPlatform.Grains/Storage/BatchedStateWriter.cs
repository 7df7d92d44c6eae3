using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace IgfPlatform.Grains.Storage;

/// <summary>
/// Group commit for a grain whose whole state is written at once (for a reentrant grain). Commands
/// queue their change; while one write is under way the next changes wait, then are applied together
/// and stored in one write. Nothing changes in memory while a write is under way, so what is
/// announced after a write is exactly what was stored. When a write fails, the grain is put back
/// to the last stored state and every command of that write fails; each command's change must
/// check everything before it changes anything. A writer made to merge (for states that gather
/// independent entries: calendars, members) instead reloads what another writer stored and applies
/// the write's changes again on top of it, once.
/// </summary>
public sealed class BatchedStateWriter<TState>
{
    private readonly IPersistentState<TState> _state;
    private readonly Func<TState> _capture;
    private readonly Action<TState> _restore;
    private readonly Func<Task> _afterWrite;
    private readonly ILogger _logger;
    private readonly bool _mergeOnConflict;
    private List<Pending> _queue = [];
    private bool _running;
    private TState _stored;

    /// <param name="capture">Builds a new state object from the grain's model (never mutated afterwards).</param>
    /// <param name="restore">Rebuilds the model from the last stored state.</param>
    /// <param name="afterWrite">Announces what was stored (events); runs before commands are answered.</param>
    /// <param name="mergeOnConflict">When another writer stored first, apply the changes again on top of its state.</param>
    public BatchedStateWriter(IPersistentState<TState> state, Func<TState> capture, Action<TState> restore, Func<Task> afterWrite, ILogger logger, bool mergeOnConflict = false)
    {
        _mergeOnConflict = mergeOnConflict;
        _state = state;
        _capture = capture;
        _restore = restore;
        _afterWrite = afterWrite;
        _logger = logger;
        _stored = state.State;
    }

    /// <summary>True while changes are applied and written: memory then holds what is not yet stored.</summary>
    public bool Writing => _running;

    /// <summary>The last state stored: what reads answer from, never a change still being written.</summary>
    public TState Stored => _stored;

    /// <summary>Applies <paramref name="change"/> with the next write; answers its result once stored.</summary>
    public Task<T> Run<T>(Func<T> change)
    {
        var pending = new Pending<T>(change);
        _queue.Add(pending);
        if (!_running)
        {
            _running = true;
            _ = Loop();
        }

        return pending.Task;
    }

    private async Task Loop()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var batch = _queue;
                _queue = [];
                var applied = batch.Where(p => p.TryApply()).ToList();
                if (applied.Count == 0)
                {
                    continue;
                }

                var failure = await TryWrite();
                if (failure is InconsistentStateException && _mergeOnConflict)
                {
                    await PutBack(failure);
                    applied = applied.Where(p => p.TryApply()).ToList();
                    failure = applied.Count == 0 ? null : await TryWrite();
                }

                if (failure is not null)
                {
                    await PutBack(failure);
                    foreach (var p in applied)
                    {
                        p.Fail(failure);
                    }

                    continue;
                }

                try
                {
                    await _afterWrite();
                }
                catch (Exception ex)
                {
                    // Stored is stored: the commands succeed; the next announcement or a snapshot carries the change.
                    _logger.LogWarning(ex, "Could not announce a stored change");
                }

                foreach (var p in applied)
                {
                    p.Succeed();
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    private async Task<Exception?> TryWrite()
    {
        var written = _capture();
        try
        {
            _state.State = written;
            await _state.WriteStateAsync();
            _stored = _state.State;
            return null;
        }
        catch (Exception ex)
        {
            if (await AmbiguousWrite.WasStored(_state, written))
            {
                _logger.LogWarning(ex, "A write reported failed had been stored (its answer was lost); its changes stand");
                _stored = _state.State;
                return null;
            }

            return ex;
        }
    }

    private async Task PutBack(Exception ex)
    {
        if (ex is InconsistentStateException)
        {
            // Another activation wrote: start again from what it stored.
            try
            {
                await _state.ReadStateAsync();
                _stored = _state.State;
            }
            catch (Exception readFailure)
            {
                _logger.LogWarning(readFailure, "Could not reload the state after a conflicting write");
            }
        }

        _state.State = _stored;
        _restore(_stored);
    }

    private abstract class Pending
    {
        public abstract bool TryApply();

        public abstract void Succeed();

        public abstract void Fail(Exception ex);
    }

    private sealed class Pending<T>(Func<T> change) : Pending
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override bool TryApply()
        {
            try
            {
                _result = change();
                return true;
            }
            catch (Exception ex)
            {
                _done.SetException(ex);
                return false;
            }
        }

        public override void Succeed() => _done.SetResult(_result);

        public override void Fail(Exception ex) => _done.SetException(ex is InconsistentStateException
            ? Contracts.Vocabulary.ForumException.Conflict("This was changed elsewhere at the same moment; nothing was changed. Try again.")
            : ex);
    }
}
