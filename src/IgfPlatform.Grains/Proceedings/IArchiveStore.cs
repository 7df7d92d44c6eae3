using IgfPlatform.Contracts.Proceedings;

namespace IgfPlatform.Grains.Proceedings;

/// <summary>
/// Where published proceedings are kept: each version's canonical bytes (never rewritten once its
/// version is acknowledged), and the archive's catalog (one entry per session, for browsing and search).
/// </summary>
public interface IArchiveStore
{
    /// <summary>Stores a version's bytes. Only versions not yet acknowledged are written.</summary>
    Task WriteVersion(string sessionId, int version, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <summary>A version's bytes as stored; null when there are none (never written, or taken down).</summary>
    Task<byte[]?> ReadVersion(string sessionId, int version, CancellationToken cancellationToken = default);

    /// <summary>Removes a version's bytes (a legal takedown).</summary>
    Task DeleteVersion(string sessionId, int version, CancellationToken cancellationToken = default);

    Task UpsertEntry(ArchiveEntry entry, CancellationToken cancellationToken = default);

    Task RemoveEntry(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every catalog entry changed since <paramref name="since"/> (all when null), with the store's time of
    /// each change, and the ids of entries removed since then.
    /// </summary>
    IAsyncEnumerable<ArchiveChange> ReadChanges(DateTimeOffset? since, CancellationToken cancellationToken = default);
}

/// <summary>One change of the catalog: an entry (added or replaced) or a removal (<see cref="Entry"/> null).</summary>
public sealed record ArchiveChange(string SessionId, ArchiveEntry? Entry, DateTimeOffset ChangedAt);
