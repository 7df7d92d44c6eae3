using System.Text.Json;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Proceedings;

namespace IgfPlatform.Client.Proceedings;

/// <summary>What was found of one version.</summary>
public enum VersionCheck
{
    /// <summary>Its bytes are canonical, hash to the chain's hash, and name the version before by its hash.</summary>
    Verified,

    /// <summary>Taken down: its content is gone; its hash still links the chain.</summary>
    TakenDown,

    /// <summary>What is served is not what was published (wrong hash, not canonical, or a broken link).</summary>
    Failed,
}

public sealed record VersionReport(int Version, string Hash, VersionCheck Check, string? Problem);

public sealed record ChainReport(string SessionId, IReadOnlyList<VersionReport> Versions)
{
    /// <summary>True when no version failed (taken-down versions do not fail the chain).</summary>
    public bool Valid => Versions.Count > 0 && Versions.All(v => v.Check != VersionCheck.Failed);
}

/// <summary>
/// Checks a session's published proceedings as anyone can: every version's bytes are canonical JSON
/// (RFC 8785) whose SHA-256 is the hash in the chain, every version names the one before it by that
/// hash, and the chain runs 1, 2, … without a gap. Keep the latest hash you verified (or compare it
/// with one kept elsewhere) and a later rewrite of the whole chain shows too.
/// </summary>
public static class ArchiveVerifier
{
    public static async Task<ChainReport> VerifyAsync(ForumApi api, string sessionId, CancellationToken ct = default)
    {
        var chain = await api.GetProceedingsVersionsAsync(sessionId, ct);
        var reports = new List<VersionReport>();
        for (var i = 0; i < chain.Count; i++)
        {
            var link = chain[i];
            var expectedPrevious = i == 0 ? null : chain[i - 1].Hash;
            string? problem = null;
            if (link.Version != i + 1)
            {
                problem = $"the chain lists version {link.Version} in place {i + 1}";
            }
            else if (link.PreviousHash != expectedPrevious)
            {
                problem = $"it names {link.PreviousHash ?? "no version"} as the one before, not {expectedPrevious ?? "none"}";
            }

            if (problem is null && link.TakenDown is not null)
            {
                reports.Add(new VersionReport(link.Version, link.Hash, VersionCheck.TakenDown, null));
                continue;
            }

            if (problem is null)
            {
                try
                {
                    var bytes = await api.GetProceedingsBytesAsync(sessionId, link.Version, ct);
                    problem = bytes is null ? "it is gone without a takedown in the chain" : Check(bytes, sessionId, link, expectedPrevious);
                }
                catch (ForumApiException ex)
                {
                    problem = $"it could not be read: {ex.Message}";
                }
            }

            reports.Add(new VersionReport(link.Version, link.Hash, problem is null ? VersionCheck.Verified : VersionCheck.Failed, problem));
        }

        return new ChainReport(sessionId, reports);
    }

    /// <summary>Checks one version's bytes against its link of the chain; null when they verify, else what is wrong.</summary>
    public static string? Check(byte[] bytes, string sessionId, ProceedingsVersionInfo link, string? expectedPrevious)
    {
        var hash = CanonicalJson.Sha256(bytes);
        if (hash != link.Hash)
        {
            return $"its SHA-256 is {hash}, not {link.Hash}";
        }

        byte[] canonical;
        ProceedingsRecord? record;
        try
        {
            canonical = CanonicalJson.Canonicalize(bytes);
            record = JsonSerializer.Deserialize<ProceedingsRecord>(bytes, CanonicalJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return $"it is not a readable record: {ex.Message}";
        }

        if (!canonical.AsSpan().SequenceEqual(bytes))
        {
            return "its bytes are not in canonical form (RFC 8785)";
        }

        if (record is null || record.SessionId != sessionId || record.Version != link.Version || record.PreviousHash != expectedPrevious)
        {
            return "its content names another session, version or previous hash than the chain";
        }

        return null;
    }
}
