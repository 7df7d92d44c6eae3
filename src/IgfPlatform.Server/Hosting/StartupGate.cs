using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IgfPlatform.Server.Hosting;

/// <summary>
/// Holds readiness back until the platform's start-up work (shipped topics, demo data) is done, so
/// that a ready server answers with complete data.
/// </summary>
public sealed class StartupGate : IHealthCheck
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failed = new(StringComparer.Ordinal);

    public void Begin(string task)
    {
        lock (_lock)
        {
            _pending.Add(task);
        }
    }

    public void Complete(string task)
    {
        lock (_lock)
        {
            _pending.Remove(task);
        }
    }

    public void Fail(string task, string reason)
    {
        lock (_lock)
        {
            _pending.Remove(task);
            _failed[task] = reason;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_failed.Count > 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy(
                    "Start-up failed: " + string.Join("; ", _failed.Select(f => $"{f.Key}: {f.Value}"))));
            }

            return Task.FromResult(_pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Starting: " + string.Join(", ", _pending)));
        }
    }
}
