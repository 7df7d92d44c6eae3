using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Benchmarks;

/// <summary>
/// A busy session an hour in, the same for every run (fixed seed): entries spread over the stakeholder
/// groups, regions and genders as a large IGF session's are, requested over the last hour; about one in
/// sixteen a reply to an earlier speech (none due now) and no point of order waiting, so the suggestion
/// is decided by the balance rule; forty speeches on the tally; equal targets and a 20-minute budget for
/// governments (already used).
/// </summary>
public static class FloorScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);

    private static readonly (int Weight, StakeholderGroup Value)[] Groups =
    [
        (25, StakeholderGroup.Government), (15, StakeholderGroup.PrivateSector), (30, StakeholderGroup.CivilSociety),
        (5, StakeholderGroup.IntergovernmentalOrganization), (5, StakeholderGroup.InternationalOrganization), (20, StakeholderGroup.TechnicalAcademic),
    ];

    private static readonly (int Weight, Region Value)[] Regions =
    [
        (22, Region.Africa), (24, Region.AsiaPacific), (10, Region.EasternEurope), (16, Region.LatinAmericaCaribbean), (28, Region.WesternEuropeOthers),
    ];

    private static readonly (int Weight, Gender? Value)[] Genders =
    [
        (45, Gender.Female), (40, Gender.Male), (3, Gender.NonBinary), (4, Gender.Undisclosed), (8, null),
    ];

    public static FloorSituation Build(int waiting, int seed = 2026)
    {
        var random = new Random(seed);
        var line = new WaitingLine();
        // Entry ids follow the clock, as the queue gives them.
        var times = Enumerable.Range(0, waiting).Select(_ => random.Next(0, 3_600_000)).Order().ToArray();
        for (var i = 0; i < waiting; i++)
        {
            var reply = random.Next(16) == 0;
            line.Add(new FloorCandidate(
                i + 1, reply ? FloorKind.Reply : FloorKind.Intervention, Pick(random, Groups), Pick(random, Regions), Pick(random, Genders),
                Start.AddMilliseconds(times[i]), reply ? 30 + random.Next(10) : null));
        }

        var tally = new FloorTally();
        for (var i = 0; i < 40; i++)
        {
            tally.Add(Pick(random, Groups), Pick(random, Regions), Pick(random, Genders), random.Next(60, 300) * 1000L);
        }

        var budgets = new long?[FloorTally.Groups];
        budgets[(int)StakeholderGroup.Government] = 20 * 60_000L;
        var targets = new FloorTargets([1, 1, 1, 1, 1, 1], budgets, [true, true, true, true, true], [true, true, true, true]);
        return new FloorSituation(line, tally, targets, AnsweredSpeechId: 41, RepliesTaken: 0, AllotmentMs: 180_000, ReplyAllotmentMs: 60_000, Now: Start.AddHours(1));
    }

    private static T Pick<T>(Random random, (int Weight, T Value)[] choices)
    {
        var n = random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (n < weight)
            {
                return value;
            }

            n -= weight;
        }

        throw new InvalidOperationException("Unreachable.");
    }
}
