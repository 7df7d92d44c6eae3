namespace IgfPlatform.Contracts.Presence;

/// <summary>
/// Who follows a session right now, counted. Registered participants are counted once however many
/// connections they have, by their declared stakeholder group, region and (where declared) gender;
/// anonymous followers only in the totals. Keys are the contract's camelCase names.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.PresenceCounts")]
public sealed record PresenceCounts(
    [property: Id(0)] int Total,
    [property: Id(1)] int Registered,
    [property: Id(2)] int Anonymous,
    [property: Id(3)] int InRoom,
    [property: Id(4)] int Remote,
    [property: Id(5)] IReadOnlyDictionary<string, int> ByGroup,
    [property: Id(6)] IReadOnlyDictionary<string, int> ByRegion,
    [property: Id(7)] IReadOnlyDictionary<string, int> ByGender)
{
    public static PresenceCounts Empty { get; } = new(0, 0, 0, 0, 0, new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>());

    /// <summary>The sum of several servers' counts.</summary>
    public static PresenceCounts Sum(IEnumerable<PresenceCounts> parts)
    {
        var list = parts.ToList();
        return new PresenceCounts(
            list.Sum(p => p.Total), list.Sum(p => p.Registered), list.Sum(p => p.Anonymous),
            list.Sum(p => p.InRoom), list.Sum(p => p.Remote),
            Merge(list.Select(p => p.ByGroup)), Merge(list.Select(p => p.ByRegion)), Merge(list.Select(p => p.ByGender)));
    }

    /// <summary>Same figures (records compare dictionaries by reference, so this compares contents).</summary>
    public bool SameAs(PresenceCounts other) =>
        Total == other.Total && Registered == other.Registered && Anonymous == other.Anonymous
        && InRoom == other.InRoom && Remote == other.Remote
        && SameCounts(ByGroup, other.ByGroup) && SameCounts(ByRegion, other.ByRegion) && SameCounts(ByGender, other.ByGender);

    private static Dictionary<string, int> Merge(IEnumerable<IReadOnlyDictionary<string, int>> parts)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var (key, count) in part)
            {
                result[key] = result.GetValueOrDefault(key) + count;
            }
        }

        return result;
    }

    private static bool SameCounts(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SequenceEqual(b.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal));
}

[GenerateSerializer]
[Immutable]
[Alias("igf.PresenceChanged")]
public sealed record PresenceChanged(
    [property: Id(0)] PresenceCounts Presence);

/// <summary>The bounds of presence, stated in docs/architecture.md.</summary>
public static class PresenceLimits
{
    /// <summary>Each server reports its counts at least this often, changed or not.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    /// <summary>A server that has not reported for this long no longer counts (it died or lost the session).</summary>
    public static readonly TimeSpan ServerLease = TimeSpan.FromSeconds(30);

    /// <summary>Local changes are reported to the session at most this often.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>A session pushes presence at most this often.</summary>
    public static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(500);
}
