using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>Floor time so far, in milliseconds, by stakeholder group, region and gender.</summary>
public sealed class FloorTally
{
    public const int Groups = 6;
    public const int Regions = 5;
    public const int Genders = 4;

    public long[] GroupMs { get; } = new long[Groups];

    public long[] RegionMs { get; } = new long[Regions];

    /// <summary>By <see cref="Gender"/>; undeclared counts as <see cref="Gender.Undisclosed"/>.</summary>
    public long[] GenderMs { get; } = new long[Genders];

    public long TotalMs { get; private set; }

    /// <summary>Speeches counted, by group, region and gender (who has spoken, for the targets).</summary>
    public int[] GroupSpeeches { get; } = new int[Groups];

    public int[] RegionSpeeches { get; } = new int[Regions];

    public int[] GenderSpeeches { get; } = new int[Genders];

    /// <summary>Floor time of speakers who declared a gender (women, men, non-binary people).</summary>
    public long DeclaredMs { get; private set; }

    public void Add(StakeholderGroup group, Region region, Gender? gender, long milliseconds)
    {
        GroupMs[(int)group] += milliseconds;
        RegionMs[(int)region] += milliseconds;
        var g = GenderIndex(gender);
        GenderMs[g] += milliseconds;
        GroupSpeeches[(int)group]++;
        RegionSpeeches[(int)region]++;
        GenderSpeeches[g]++;
        TotalMs += milliseconds;
        if (g != (int)Gender.Undisclosed)
        {
            DeclaredMs += milliseconds;
        }
    }

    public void Add(FloorCandidate c, long milliseconds) => Add(c.Group, c.Region, c.Gender, milliseconds);

    public FloorTally Clone()
    {
        var copy = new FloorTally { TotalMs = TotalMs, DeclaredMs = DeclaredMs };
        GroupMs.CopyTo(copy.GroupMs, 0);
        RegionMs.CopyTo(copy.RegionMs, 0);
        GenderMs.CopyTo(copy.GenderMs, 0);
        GroupSpeeches.CopyTo(copy.GroupSpeeches, 0);
        RegionSpeeches.CopyTo(copy.RegionSpeeches, 0);
        GenderSpeeches.CopyTo(copy.GenderSpeeches, 0);
        return copy;
    }

    public static int GenderIndex(Gender? gender) => gender is { } g && g != Gender.Undisclosed ? (int)g : (int)Gender.Undisclosed;
}

/// <summary>
/// What the floor is balanced against. Group targets are integer weights (percentages set by the
/// organizers, or 1 each for equal shares), so comparisons are exact. Regions and declared genders
/// aim at equal shares among those present.
/// </summary>
public sealed class FloorTargets
{
    public FloorTargets(int[] groupWeights, long?[] budgetMs, bool[] regionsPresent, bool[] gendersPresent)
    {
        GroupWeights = groupWeights;
        WeightSum = groupWeights.Sum();
        BudgetMs = budgetMs;
        RegionsPresent = regionsPresent;
        GendersPresent = gendersPresent;
    }

    public int[] GroupWeights { get; }

    public int WeightSum { get; }

    public long?[] BudgetMs { get; }

    public bool[] RegionsPresent { get; }

    /// <summary>Which declared genders (by <see cref="Gender"/> index) are present.</summary>
    public bool[] GendersPresent { get; }

    public double? GroupTarget(StakeholderGroup group) =>
        WeightSum == 0 || GroupWeights[(int)group] == 0 ? null : (double)GroupWeights[(int)group] / WeightSum;

    public int RegionCount => Math.Max(1, RegionsPresent.Count(p => p));

    public int DeclaredGenderCount => Math.Max(1, GendersPresent.Take((int)Gender.Undisclosed).Count(p => p));

    /// <summary>Copies, so that what is stored and what the queue holds never share an array.</summary>
    public FloorTargetsRecord ToRecord() => new([.. GroupWeights], [.. BudgetMs], [.. RegionsPresent], [.. GendersPresent]);

    public static FloorTargets From(FloorTargetsRecord stored) =>
        new([.. stored.GroupWeights], [.. stored.BudgetMs], [.. stored.RegionsPresent], [.. stored.GendersPresent]);

    /// <summary>Equal targets for the given groups, no budgets; regions and genders as given.</summary>
    public static FloorTargets Equal(IEnumerable<StakeholderGroup> groups, IEnumerable<Region>? regions = null, IEnumerable<Gender>? genders = null)
    {
        var weights = new int[FloorTally.Groups];
        foreach (var g in groups)
        {
            weights[(int)g] = 1;
        }

        var r = new bool[FloorTally.Regions];
        foreach (var region in regions ?? [])
        {
            r[(int)region] = true;
        }

        var s = new bool[FloorTally.Genders];
        foreach (var gender in genders ?? [])
        {
            s[FloorTally.GenderIndex(gender)] = true;
        }

        return new FloorTargets(weights, new long?[FloorTally.Groups], r, s);
    }
}
