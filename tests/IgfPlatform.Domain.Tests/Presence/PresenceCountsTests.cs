using IgfPlatform.Contracts.Presence;

namespace IgfPlatform.Domain.Tests.Presence;

/// <summary><see cref="PresenceCounts.Sum"/> and <see cref="PresenceCounts.SameAs"/>.</summary>
public sealed class PresenceCountsTests
{
    private static Dictionary<string, int> Counts(params (string Key, int Count)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);

    /// <summary>Server A: 5 followers, 3 registered (2 civil society, 1 government), 2 anonymous; 1 in the room.</summary>
    private static readonly PresenceCounts ServerA = new(
        5, 3, 2, 1, 4,
        Counts(("civilSociety", 2), ("government", 1)),
        Counts(("africa", 2), ("asiaPacific", 1)),
        Counts(("female", 2), ("male", 1)));

    /// <summary>Server B: 4 followers, all registered (3 civil society, 1 technical), 2 in the room.</summary>
    private static readonly PresenceCounts ServerB = new(
        4, 4, 0, 2, 2,
        Counts(("civilSociety", 3), ("technicalAcademic", 1)),
        Counts(("africa", 1), ("westernEuropeOthers", 3)),
        Counts(("female", 1), ("nonBinary", 1)));

    private static void AssertFigures(PresenceCounts expected, PresenceCounts actual)
    {
        Assert.Equal(
            (expected.Total, expected.Registered, expected.Anonymous, expected.InRoom, expected.Remote),
            (actual.Total, actual.Registered, actual.Anonymous, actual.InRoom, actual.Remote));
        Assert.Equal(expected.ByGroup.OrderBy(p => p.Key, StringComparer.Ordinal), actual.ByGroup.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.ByRegion.OrderBy(p => p.Key, StringComparer.Ordinal), actual.ByRegion.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.ByGender.OrderBy(p => p.Key, StringComparer.Ordinal), actual.ByGender.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Sum_adds_the_totals_and_merges_the_breakdowns_by_key()
    {
        var sum = PresenceCounts.Sum([ServerA, ServerB]);

        AssertFigures(
            new PresenceCounts(
                9, 7, 2, 3, 6,
                Counts(("civilSociety", 5), ("government", 1), ("technicalAcademic", 1)),
                Counts(("africa", 3), ("asiaPacific", 1), ("westernEuropeOthers", 3)),
                Counts(("female", 3), ("male", 1), ("nonBinary", 1))),
            sum);
        Assert.True(sum.SameAs(PresenceCounts.Sum([ServerB, ServerA])));
    }

    [Fact]
    public void The_sum_of_nothing_is_empty_and_of_one_is_itself()
    {
        var none = PresenceCounts.Sum([]);

        AssertFigures(PresenceCounts.Empty, none);
        Assert.True(none.SameAs(PresenceCounts.Empty));
        AssertFigures(ServerA, PresenceCounts.Sum([ServerA]));
        AssertFigures(ServerA, PresenceCounts.Sum([ServerA, PresenceCounts.Empty]));
    }

    [Fact]
    public void Sum_leaves_its_parts_as_they_were()
    {
        _ = PresenceCounts.Sum([ServerA, ServerB]);

        Assert.Equal(2, ServerA.ByGroup["civilSociety"]);
        Assert.Equal(2, ServerA.ByGroup.Count);
    }

    [Fact]
    public void SameAs_compares_contents_not_references_nor_key_order()
    {
        var copy = ServerA with
        {
            ByGroup = Counts(("government", 1), ("civilSociety", 2)),
            ByRegion = new Dictionary<string, int>(ServerA.ByRegion),
            ByGender = new Dictionary<string, int>(ServerA.ByGender),
        };

        Assert.NotEqual(ServerA, copy);
        Assert.True(ServerA.SameAs(copy));
        Assert.True(copy.SameAs(ServerA));
    }

    [Fact]
    public void SameAs_ignores_keys_counted_zero()
    {
        var withZeros = ServerA with { ByGroup = Counts(("civilSociety", 2), ("government", 1), ("privateSector", 0)) };

        Assert.True(ServerA.SameAs(withZeros));
        Assert.True(withZeros.SameAs(ServerA));
        Assert.True(PresenceCounts.Empty.SameAs(PresenceCounts.Empty with { ByGender = Counts(("female", 0)) }));
    }

    public static TheoryData<string> Differences => new()
    {
        "total", "registered", "anonymous", "inRoom", "remote", "byGroup", "byRegion", "byGender", "newKey", "keyRenamed",
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void SameAs_sees_any_difference(string field)
    {
        var other = field switch
        {
            "total" => ServerA with { Total = 6 },
            "registered" => ServerA with { Registered = 4 },
            "anonymous" => ServerA with { Anonymous = 1 },
            "inRoom" => ServerA with { InRoom = 2 },
            "remote" => ServerA with { Remote = 3 },
            "byGroup" => ServerA with { ByGroup = Counts(("civilSociety", 1), ("government", 1)) },
            "byRegion" => ServerA with { ByRegion = Counts(("africa", 2), ("asiaPacific", 2)) },
            "byGender" => ServerA with { ByGender = Counts(("female", 3)) },
            "newKey" => ServerA with { ByGroup = Counts(("civilSociety", 2), ("government", 1), ("privateSector", 1)) },
            "keyRenamed" => ServerA with { ByRegion = Counts(("africa", 2), ("easternEurope", 1)) },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.False(ServerA.SameAs(other));
        Assert.False(other.SameAs(ServerA));
    }
}
