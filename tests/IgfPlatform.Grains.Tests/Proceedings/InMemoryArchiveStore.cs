using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Grains.Proceedings;

namespace IgfPlatform.Grains.Tests.Proceedings;

/// <summary>The archive's storage in memory, shared by the test cluster's silos as servers share an account.</summary>
public sealed class InMemoryArchiveStore : IArchiveStore
{
    private readonly ConcurrentDictionary<(string, int), byte[]> _versions = new();
    private readonly ConcurrentDictionary<string, ArchiveChange> _catalog = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, int), int> _writes = new();
    private readonly ConcurrentDictionary<string, Exception> _failures = new(StringComparer.Ordinal);

    public Task WriteVersion(string sessionId, int version, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        if (_failures.TryGetValue(sessionId, out var failure))
        {
            return Task.FromException(failure);
        }

        _writes.AddOrUpdate((sessionId, version), 1, (_, n) => n + 1);
        _versions[(sessionId, version)] = bytes.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadVersion(string sessionId, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_versions.TryGetValue((sessionId, version), out var bytes) ? bytes.ToArray() : null);

    public Task DeleteVersion(string sessionId, int version, CancellationToken cancellationToken = default)
    {
        _versions.TryRemove((sessionId, version), out _);
        return Task.CompletedTask;
    }

    public Task UpsertEntry(ArchiveEntry entry, CancellationToken cancellationToken = default)
    {
        _catalog[entry.SessionId] = new ArchiveChange(entry.SessionId, entry, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public Task RemoveEntry(string sessionId, CancellationToken cancellationToken = default)
    {
        _catalog[sessionId] = new ArchiveChange(sessionId, null, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ArchiveChange> ReadChanges(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var change in _catalog.Values.Where(c => since is null || c.ChangedAt >= since))
        {
            yield return change;
        }

        await Task.CompletedTask;
    }

    /// <summary>Alters stored bytes, as someone with access to the storage account could.</summary>
    public void Tamper(string sessionId, int version, Func<byte[], byte[]> change) => _versions[(sessionId, version)] = change(_versions[(sessionId, version)]);

    public ArchiveEntry? Entry(string sessionId) => _catalog.TryGetValue(sessionId, out var c) ? c.Entry : null;

    /// <summary>How many times a version's bytes were written (a version acknowledged is written once, never again).</summary>
    public int WritesOf(string sessionId, int version) => _writes.GetValueOrDefault((sessionId, version));

    /// <summary>The session's last catalog change (an entry, or its removal), or null when there was none.</summary>
    public ArchiveChange? LastChange(string sessionId) => _catalog.TryGetValue(sessionId, out var c) ? c : null;

    /// <summary>From now on writing the session's versions fails with <paramref name="failure"/> (a storage outage); null ends it.</summary>
    public void FailWrites(string sessionId, Exception? failure)
    {
        if (failure is null)
        {
            _failures.TryRemove(sessionId, out _);
        }
        else
        {
            _failures[sessionId] = failure;
        }
    }
}
