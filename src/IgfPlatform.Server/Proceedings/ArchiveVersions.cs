using System.Collections.Concurrent;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Grains.Proceedings;

namespace IgfPlatform.Server.Proceedings;

/// <summary>What a request for a version finds.</summary>
public abstract record VersionLookup
{
    public sealed record Found(ProceedingsVersionInfo Info, byte[] Bytes, string Digest) : VersionLookup;

    public sealed record Missing : VersionLookup;

    public sealed record TakenDown(ProceedingsVersionInfo Info) : VersionLookup;

    /// <summary>The stored bytes no longer have the hash recorded in the chain.</summary>
    public sealed record Altered(ProceedingsVersionInfo Info, string StoredHash) : VersionLookup;
}

/// <summary>
/// Serves published versions from memory. A version never changes, so its verified bytes are kept;
/// what can change is whether it may still be served (a takedown), so each session's chain is read
/// again from its grain at most every <see cref="ChainRecheck"/>. Every version read from storage is
/// checked against the hash in the chain before it is served.
/// </summary>
public sealed class ArchiveVersions(IGrainFactory grains, IArchiveStore store, TimeProvider time, ILogger<ArchiveVersions> logger)
{
    public static readonly TimeSpan ChainRecheck = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (IReadOnlyList<ProceedingsVersionInfo> Chain, DateTimeOffset ReadAt)> _chains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string SessionId, int Version), VersionLookup.Found> _bytes = new();

    public async ValueTask<IReadOnlyList<ProceedingsVersionInfo>> Chain(string sessionId)
    {
        var now = time.GetUtcNow();
        if (_chains.TryGetValue(sessionId, out var cached) && now - cached.ReadAt < ChainRecheck)
        {
            return cached.Chain;
        }

        var chain = await grains.GetGrain<IProceedingsGrain>(sessionId).GetVersions();
        _chains[sessionId] = (chain, now);
        return chain;
    }

    /// <summary>Version <paramref name="version"/>, or the latest not taken down when it is null.</summary>
    public async ValueTask<VersionLookup> Get(string sessionId, int? version)
    {
        var chain = await Chain(sessionId);
        var info = version is { } n
            ? (n >= 1 && n <= chain.Count ? chain[n - 1] : null)
            : chain.LastOrDefault(v => v.TakenDown is null) ?? (chain.Count > 0 ? chain[^1] : null);
        if (info is null)
        {
            return new VersionLookup.Missing();
        }

        if (info.TakenDown is not null)
        {
            _bytes.TryRemove((sessionId, info.Version), out _);
            return new VersionLookup.TakenDown(info);
        }

        if (_bytes.TryGetValue((sessionId, info.Version), out var found) && found.Info.Hash == info.Hash)
        {
            return found;
        }

        var bytes = await store.ReadVersion(sessionId, info.Version);
        if (bytes is null)
        {
            logger.LogError("Version {Version} of the proceedings of {SessionId} is in the chain but its bytes are gone", info.Version, sessionId);
            return new VersionLookup.Altered(info, string.Empty);
        }

        var hash = CanonicalJson.Sha256(bytes);
        if (hash != info.Hash)
        {
            logger.LogError(
                "Version {Version} of the proceedings of {SessionId} was altered in storage: SHA-256 {Stored}, chain {Expected}",
                info.Version, sessionId, hash, info.Hash);
            return new VersionLookup.Altered(info, hash);
        }

        found = new VersionLookup.Found(info, bytes, Convert.ToBase64String(Convert.FromHexString(hash)));
        _bytes[(sessionId, info.Version)] = found;
        return found;
    }

    /// <summary>Forgets what this server knows of a session's chain (after it changed here).</summary>
    public void Forget(string sessionId) => _chains.TryRemove(sessionId, out _);
}
