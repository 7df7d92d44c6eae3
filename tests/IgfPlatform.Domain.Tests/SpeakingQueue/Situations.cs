using System.Globalization;
using System.Text;
using CsCheck;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>A speech already on the tally.</summary>
public sealed record Spoken(StakeholderGroup Group, Region Region, Gender? Gender, long Milliseconds);

/// <summary>
/// The plain data a <see cref="FloorSituation"/> is built from, so that the same situation can be
/// built again (in another insertion order) and printed when a property fails.
/// </summary>
/// <param name="Percents">Organizers' targets by group index (summing to 100); null for equal targets among the groups present.</param>
/// <param name="Shuffle">Seeds the insertion order of a rebuilt situation.</param>
public sealed record SituationData(
    FloorCandidate[] Entries,
    Spoken[] Spoken,
    int[]? Percents,
    long?[] BudgetMs,
    long? AnsweredSpeechId,
    int RepliesTaken,
    long AllotmentMs,
    long ReplyAllotmentMs,
    int Shuffle)
{
    public static readonly DateTimeOffset Now = Situations.Start.AddHours(1);

    public FloorTally Tally()
    {
        var tally = new FloorTally();
        foreach (var s in Spoken)
        {
            tally.Add(s.Group, s.Region, s.Gender, s.Milliseconds);
        }

        return tally;
    }

    /// <summary>Equal weights (1) for the groups waiting or having spoken, or the organizers' percentages; regions and genders present likewise.</summary>
    public FloorTargets Targets()
    {
        var weights = new int[FloorTally.Groups];
        var regions = new bool[FloorTally.Regions];
        var genders = new bool[FloorTally.Genders];
        foreach (var (g, r, s) in Entries.Select(e => (e.Group, e.Region, e.Gender)).Concat(Spoken.Select(s => (s.Group, s.Region, s.Gender))))
        {
            weights[(int)g] = 1;
            regions[(int)r] = true;
            genders[FloorTally.GenderIndex(s)] = true;
        }

        return new FloorTargets(Percents is null ? weights : [.. Percents], [.. BudgetMs], regions, genders);
    }

    public FloorSituation Build()
    {
        var line = new WaitingLine();
        foreach (var e in Entries)
        {
            line.Add(e);
        }

        return Situation(line, Tally(), Targets());
    }

    /// <summary>
    /// The same situation built another way: entries added in a shuffled order among others added and
    /// taken out again, the tally summed in reverse order, fresh targets.
    /// </summary>
    public FloorSituation Rebuild()
    {
        var random = new Random(Shuffle);
        var order = Entries.ToArray();
        random.Shuffle(order);
        var line = new WaitingLine();
        var noise = Enumerable.Range(0, 8)
            .Select(i => new FloorCandidate(1_000_000 + i, FloorKind.Intervention, (StakeholderGroup)(i % FloorTally.Groups), (Region)(i % FloorTally.Regions), null, Situations.Start))
            .ToList();
        foreach (var (e, i) in order.Select((e, i) => (e, i)))
        {
            if (i < noise.Count)
            {
                line.Add(noise[i]);
            }

            line.Add(e);
        }

        foreach (var n in noise.Where(n => line.Contains(n.EntryId)))
        {
            line.Remove(n.EntryId);
        }

        var tally = new FloorTally();
        foreach (var s in Spoken.Reverse())
        {
            tally.Add(s.Group, s.Region, s.Gender, s.Milliseconds);
        }

        return Situation(line, tally, Targets());
    }

    private FloorSituation Situation(WaitingLine line, FloorTally tally, FloorTargets targets) =>
        new(line, tally, targets, AnsweredSpeechId, RepliesTaken, AllotmentMs, ReplyAllotmentMs, Now);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"answered {AnsweredSpeechId?.ToString(CultureInfo.InvariantCulture) ?? "none"}, taken {RepliesTaken}, allotment {AllotmentMs} ms, reply {ReplyAllotmentMs} ms, shuffle {Shuffle}");
        text.Append(CultureInfo.InvariantCulture, $", targets [{(Percents is null ? "equal" : string.Join(' ', Percents))}], budgets [{string.Join(' ', BudgetMs.Select(b => b?.ToString(CultureInfo.InvariantCulture) ?? "-"))}]");
        text.Append("\nspoken: ").AppendJoin("; ", Spoken.Select(s => $"{s.Group}/{s.Region}/{s.Gender?.ToString() ?? "null"} {s.Milliseconds}"));
        text.Append("\nwaiting: ").AppendJoin("; ", Entries.Select(e =>
            $"#{e.EntryId} {e.Kind}{(e.RepliesTo is { } to ? $"→{to}" : string.Empty)} {e.Group}/{e.Region}/{e.Gender?.ToString() ?? "null"} +{(e.RequestedAt - Situations.Start).TotalSeconds}s"));
        return text.ToString();
    }
}

/// <summary>Generators of realistic floor situations.</summary>
public static class Situations
{
    public static readonly DateTimeOffset Start = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Iterations per property: each is a few hundred microseconds, so a property takes well under a second.</summary>
    public const long Iterations = 400;

    /// <summary>Civil society and governments ask most, intergovernmental and international organizations least.</summary>
    public static readonly Gen<StakeholderGroup> Group = Gen.Frequency(
        (4, StakeholderGroup.Government), (3, StakeholderGroup.PrivateSector), (5, StakeholderGroup.CivilSociety),
        (1, StakeholderGroup.IntergovernmentalOrganization), (1, StakeholderGroup.InternationalOrganization), (3, StakeholderGroup.TechnicalAcademic));

    public static readonly Gen<Region> Region = Gen.Frequency(
        (4, Contracts.Vocabulary.Region.Africa), (3, Contracts.Vocabulary.Region.AsiaPacific), (2, Contracts.Vocabulary.Region.EasternEurope),
        (3, Contracts.Vocabulary.Region.LatinAmericaCaribbean), (4, Contracts.Vocabulary.Region.WesternEuropeOthers));

    /// <summary>Declared or not: null and <see cref="Gender.Undisclosed"/> both count as undeclared.</summary>
    public static readonly Gen<Gender?> Gender = Gen.Frequency(
        (5, (Gender?)Contracts.Vocabulary.Gender.Female), (5, (Gender?)Contracts.Vocabulary.Gender.Male), (1, (Gender?)Contracts.Vocabulary.Gender.NonBinary),
        (1, (Gender?)Contracts.Vocabulary.Gender.Undisclosed), (2, (Gender?)null));

    public static readonly Gen<FloorKind> AnyKind = Gen.Frequency((10, FloorKind.Intervention), (4, FloorKind.Reply), (1, FloorKind.PointOfOrder));

    public static readonly Gen<FloorKind> NoPointOfOrder = Gen.Frequency((10, FloorKind.Intervention), (4, FloorKind.Reply));

    public static readonly Gen<FloorKind> InterventionsOnly = Gen.Const(FloorKind.Intervention);

    /// <summary>Entries numbered 1, 2, … requested in the first quarter hour (equal times happen: the entry id settles them); replies answer speech 1, 2 or 3.</summary>
    public static Gen<FloorCandidate[]> Entries(Gen<FloorKind> kind, int min, int max) =>
        Gen.Select(kind, Group, Region, Gender, Gen.Int[0, 900], Gen.Long[1, 3],
                (k, g, r, s, seconds, to) => new FloorCandidate(0, k, g, r, s, Start.AddSeconds(seconds), k == FloorKind.Reply ? to : null))
            .Array[min, max]
            .Select(a => a.Select((e, i) => e with { EntryId = i + 1 }).ToArray());

    public static readonly Gen<Spoken[]> Tally =
        Gen.Select(Group, Region, Gender, Gen.Long[15_000, 600_000], (g, r, s, ms) => new Spoken(g, r, s, ms)).Array[0, 25];

    /// <summary>Organizers' percentages from raw weights (each positive weight gives at least 1 %), the rest to the largest.</summary>
    public static int[] Percents(int[] raw)
    {
        var sum = raw.Sum();
        if (sum == 0)
        {
            raw = [.. raw];
            raw[(int)StakeholderGroup.CivilSociety] = 1;
            sum = 1;
        }

        var percents = raw.Select(w => w * 100 / sum).ToArray();
        percents[Array.IndexOf(raw, raw.Max())] += 100 - percents.Sum();
        return percents;
    }

    /// <summary>Equal targets, or organizers' percentages where some groups may have none.</summary>
    public static readonly Gen<int[]?> AnyTargets = Gen.Frequency(
        (1, Gen.Const((int[]?)null)),
        (1, Gen.Int[0, 10].Array[FloorTally.Groups].Select(raw => (int[]?)Percents(raw))));

    /// <summary>Equal targets, or organizers' percentages positive for every group.</summary>
    public static readonly Gen<int[]?> PositiveTargets = Gen.Frequency(
        (1, Gen.Const((int[]?)null)),
        (1, Gen.Int[1, 10].Array[FloorTally.Groups].Select(raw => (int[]?)Percents(raw))));

    public static readonly Gen<long?[]> NoBudgets = Gen.Const(() => new long?[FloorTally.Groups]);

    /// <summary>About a third of the groups with a budget of 1 to 20 minutes.</summary>
    public static readonly Gen<long?[]> Budgets = Gen.Frequency(
            (2, Gen.Const((long?)null)),
            (1, Gen.Int[1, 20].Select(m => (long?)(m * 60_000L))))
        .Array[FloorTally.Groups];

    public static readonly Gen<long?> Answered = Gen.Frequency((1, Gen.Const((long?)null)), (3, Gen.Long[1, 3].Select(id => (long?)id)));

    public static Gen<SituationData> Data(
        Gen<FloorKind> kind, Gen<int[]?> targets, Gen<long?[]> budgets, Gen<long?> answered, int min = 0, int max = 40) =>
        Gen.Select(
            Entries(kind, min, max), Tally, targets, budgets, answered, Gen.Int[0, FloorLimits.MaxRepliesPerSpeech + 1],
            Gen.Int[15, 600], Gen.Int[15, 300], Gen.Int,
            (entries, spoken, percents, budgetMs, answeredId, taken, allotted, reply, shuffle) =>
                new SituationData(entries, spoken, percents, budgetMs, answeredId, taken, allotted * 1000L, reply * 1000L, shuffle));

    /// <summary>Anything: points of order, replies due and stale, budgets, targets equal or set.</summary>
    public static readonly Gen<SituationData> Any = Data(AnyKind, AnyTargets, Budgets, Answered);

    public static void Check(this Gen<SituationData> gen, Action<SituationData> property, long iter = Iterations) =>
        gen.Sample(property, iter: iter, print: d => d.ToString());

    /// <summary>Below its target share, by the targets' exact definition (a share, not the policy's arithmetic).</summary>
    public static bool BelowTarget(FloorTargets targets, FloorTally tally, int group) =>
        targets.GroupWeights[group] > 0
        && (tally.TotalMs == 0 || (decimal)tally.GroupMs[group] / tally.TotalMs < (decimal)targets.GroupWeights[group] / targets.WeightSum);
}
