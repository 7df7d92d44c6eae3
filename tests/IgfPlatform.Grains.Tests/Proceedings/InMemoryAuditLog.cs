using System.Collections.Concurrent;
using IgfPlatform.Contracts.Audit;
using IgfPlatform.Grains.Audit;

namespace IgfPlatform.Grains.Tests.Proceedings;

/// <summary>The audit log in memory, shared by the test cluster's silos; insert-only like the real one.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, AuditEntry>> _scopes = new(StringComparer.Ordinal);

    public Task Append(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var scope = _scopes.GetOrAdd(entry.SessionId ?? AuditLimits.Forum, _ => new(StringComparer.Ordinal));
        return scope.TryAdd(entry.Id, entry)
            ? Task.CompletedTask
            : Task.FromException(new InvalidOperationException($"Audit entry {entry.Id} exists: entries are never replaced."));
    }

    public Task<(IReadOnlyList<AuditEntry> Entries, string? Next)> Read(string scope, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var all = _scopes.TryGetValue(scope, out var entries)
            ? entries.Values.Where(e => after is null || string.CompareOrdinal(e.Id, after) > 0).OrderBy(e => e.Id, StringComparer.Ordinal).ToList()
            : [];
        var page = all.Take(limit).ToList();
        return Task.FromResult<(IReadOnlyList<AuditEntry>, string?)>((page, all.Count > limit ? page[^1].Id : null));
    }

    public Task<IReadOnlyDictionary<string, int>> CountActions(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(_scopes.TryGetValue(sessionId, out var entries)
            ? entries.Values.GroupBy(e => e.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)
            : new Dictionary<string, int>());
}
