using IgfPlatform.Contracts.Audit;

namespace IgfPlatform.Grains.Audit;

/// <summary>
/// The append-only log of organizers' and moderators' actions. Entries are only ever added: there is no
/// call that changes or removes one.
/// </summary>
public interface IAuditLog
{
    /// <summary>Adds an entry to its session's log (or the forum's when it has no session).</summary>
    Task Append(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>A scope's entries, newest first, from <paramref name="after"/> (a page's <c>Next</c>) on.</summary>
    Task<(IReadOnlyList<AuditEntry> Entries, string? Next)> Read(string scope, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many actions of each kind a session's log holds.</summary>
    Task<IReadOnlyDictionary<string, int>> CountActions(string sessionId, CancellationToken cancellationToken = default);
}
