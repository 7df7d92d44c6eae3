namespace IgfPlatform.Client.Live;

/// <summary>Callers waiting for a condition on a live view; checked after every change of the view.</summary>
internal sealed class ConditionWaiters<T>(T view, Lock gate)
{
    private readonly List<(Func<T, bool> Condition, TaskCompletionSource Completion)> _waiting = [];

    public Task WaitUntilAsync(Func<T, bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(view))
            {
                return Task.CompletedTask;
            }

            _waiting.Add((condition, completion));
        }

        return completion.Task.WaitAsync(timeout, ct);
    }

    public void Notify()
    {
        List<TaskCompletionSource> done;
        lock (gate)
        {
            var met = _waiting.Where(w => w.Condition(view)).ToList();
            _waiting.RemoveAll(met.Contains);
            done = [.. met.Select(w => w.Completion)];
        }

        foreach (var completion in done)
        {
            completion.TrySetResult();
        }
    }
}
