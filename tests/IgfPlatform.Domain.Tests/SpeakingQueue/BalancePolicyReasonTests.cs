using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>The suggestion in words: the rule that decided and each reason, as moderators read them.</summary>
public sealed class BalancePolicyReasonTests
{
    private static readonly DateTimeOffset Now = Situations.Start.AddHours(1);

    private static readonly Region[] AllRegions = Enum.GetValues<Region>();

    private static readonly Gender[] WomenAndMen = [Gender.Female, Gender.Male];

    private static FloorCandidate Waiting(long id, StakeholderGroup group, Region region, Gender? gender, int secondsAgo, FloorKind kind = FloorKind.Intervention, long? repliesTo = null) =>
        new(id, kind, group, region, gender, Now.AddSeconds(-secondsAgo), repliesTo);

    private static FloorTally Tally(params (StakeholderGroup Group, Region Region, Gender? Gender, int Seconds)[] speeches)
    {
        var tally = new FloorTally();
        foreach (var (group, region, gender, seconds) in speeches)
        {
            tally.Add(group, region, gender, seconds * 1000L);
        }

        return tally;
    }

    private static FloorPick Suggest(FloorTargets targets, FloorTally tally, params FloorCandidate[] waiting) =>
        SuggestAnswering(targets, tally, null, 0, waiting);

    private static FloorPick SuggestAnswering(FloorTargets targets, FloorTally tally, long? answered, int taken, params FloorCandidate[] waiting)
    {
        var line = new WaitingLine();
        foreach (var c in waiting)
        {
            line.Add(c);
        }

        return BalancePolicy.Suggest(new FloorSituation(line, tally, targets, answered, taken, 180_000, 60_000, Now))!;
    }

    private static FloorTargets WithBudgets(FloorTargets targets, params (StakeholderGroup Group, int Minutes)[] budgets)
    {
        var ms = new long?[FloorTally.Groups];
        foreach (var (group, minutes) in budgets)
        {
            ms[(int)group] = minutes * 60_000L;
        }

        return new FloorTargets(targets.GroupWeights, ms, targets.RegionsPresent, targets.GendersPresent);
    }

    [Fact]
    public void A_group_without_floor_time_below_its_equal_share_is_suggested_with_its_share_and_target()
    {
        var targets = FloorTargets.Equal(
            [StakeholderGroup.Government, StakeholderGroup.PrivateSector, StakeholderGroup.CivilSociety, StakeholderGroup.TechnicalAcademic], AllRegions, WomenAndMen);
        var tally = Tally(
            (StakeholderGroup.Government, Region.WesternEuropeOthers, Gender.Male, 60),
            (StakeholderGroup.PrivateSector, Region.AsiaPacific, Gender.Female, 60),
            (StakeholderGroup.TechnicalAcademic, Region.LatinAmericaCaribbean, Gender.Male, 60));

        var pick = Suggest(targets, tally,
            Waiting(1, StakeholderGroup.Government, Region.EasternEurope, Gender.Male, 200),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 125));

        Assert.Equal(2, pick.Candidate.EntryId);
        Assert.Equal(BalancePolicy.BalanceRule, pick.Rule);
        Assert.Equal(
            [
                new FloorReason("groupShare", "Civil society: 0 % of floor time, target 25 %."),
                new FloorReason("groupBalance", "Of the 2 groups waiting, this brings the floor closest to the targets (others waiting: government 33 %)."),
                new FloorReason("waiting", "Waiting 2 min 5 s."),
            ],
            pick.Reasons);
    }

    [Fact]
    public void A_group_the_organizers_gave_no_share_is_said_to_have_no_target()
    {
        var targets = new FloorTargets([50, 0, 50, 0, 0, 0], new long?[FloorTally.Groups], new bool[FloorTally.Regions], new bool[FloorTally.Genders]);

        var pick = Suggest(targets, Tally((StakeholderGroup.Government, Region.Africa, null, 30)),
            Waiting(1, StakeholderGroup.PrivateSector, Region.Africa, null, 45));

        Assert.Equal("Private sector: 0 % of floor time, no target set.", pick.Reasons[0].Text);
        Assert.Equal(["groupShare", "waiting"], pick.Reasons.Select(r => r.Code));
        Assert.Equal("Waiting 45 s.", pick.Reasons[^1].Text);
    }

    [Fact]
    public void A_point_of_order_is_said_to_come_before_everything_else()
    {
        var targets = FloorTargets.Equal([StakeholderGroup.CivilSociety, StakeholderGroup.Government]);

        var one = Suggest(targets, Tally(),
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 300),
            Waiting(2, StakeholderGroup.Government, Region.Africa, Gender.Male, 90, FloorKind.PointOfOrder));
        var two = Suggest(targets, Tally(),
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 30, FloorKind.PointOfOrder),
            Waiting(2, StakeholderGroup.Government, Region.Africa, Gender.Male, 90, FloorKind.PointOfOrder));

        Assert.Equal((2L, BalancePolicy.PointOfOrderRule), (one.Candidate.EntryId, one.Rule));
        Assert.Equal(
            [new FloorReason("pointOfOrder", "Point of order: points of order come before everything else."), new FloorReason("waiting", "Waiting 1 min 30 s.")],
            one.Reasons);
        Assert.Equal(2, two.Candidate.EntryId);
        Assert.Equal("Waiting 1 min 30 s, the longest among those alike.", two.Reasons[^1].Text);
    }

    [Fact]
    public void A_reply_is_said_to_answer_its_speech_and_which_reply_it_is()
    {
        var targets = FloorTargets.Equal([StakeholderGroup.CivilSociety, StakeholderGroup.Government]);

        var pick = SuggestAnswering(targets, Tally((StakeholderGroup.Government, Region.Africa, Gender.Male, 120)), answered: 7, taken: 1,
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 300),
            Waiting(2, StakeholderGroup.Government, Region.Africa, Gender.Male, 200, FloorKind.Reply, repliesTo: 6),
            Waiting(3, StakeholderGroup.Government, Region.Africa, Gender.Male, 45, FloorKind.Reply, repliesTo: 7));

        Assert.Equal((3L, BalancePolicy.ReplyRule), (pick.Candidate.EntryId, pick.Rule));
        Assert.Equal(
            [
                new FloorReason("reply", "Reply to speech 7: replies go straight after the speech they answer (reply 2 of at most 3)."),
                new FloorReason("waiting", "Waiting 45 s."),
            ],
            pick.Reasons);
    }

    [Fact]
    public void A_group_past_its_budget_is_passed_over_and_said_to_be()
    {
        var targets = WithBudgets(FloorTargets.Equal([StakeholderGroup.CivilSociety, StakeholderGroup.Government]), (StakeholderGroup.Government, 1));
        var tally = Tally((StakeholderGroup.Government, Region.Africa, Gender.Male, 120), (StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 600));

        var pick = Suggest(targets, tally,
            Waiting(1, StakeholderGroup.Government, Region.Africa, Gender.Male, 300),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 60));

        Assert.Equal((2L, BalancePolicy.BalanceRule), (pick.Candidate.EntryId, pick.Rule));
        Assert.Contains(new FloorReason("budgetUsed", "Government has used its time budget of 1 min 0 s."), pick.Reasons);
        Assert.Equal("Civil society: 83 % of floor time, target 50 %.", pick.Reasons[0].Text);
    }

    [Fact]
    public void When_every_group_waiting_is_past_its_budget_the_floor_goes_by_balance_among_them()
    {
        var targets = WithBudgets(FloorTargets.Equal([StakeholderGroup.CivilSociety, StakeholderGroup.Government]), (StakeholderGroup.Government, 1), (StakeholderGroup.CivilSociety, 5));
        var tally = Tally((StakeholderGroup.Government, Region.Africa, Gender.Male, 120), (StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 600));

        var pick = Suggest(targets, tally,
            Waiting(1, StakeholderGroup.Government, Region.Africa, Gender.Male, 300),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 60));

        Assert.Equal((1L, BalancePolicy.OverBudgetRule), (pick.Candidate.EntryId, pick.Rule));
        Assert.Contains(new FloorReason("overBudget", "Every group waiting has used its time budget; the floor goes by balance among them."), pick.Reasons);
        Assert.DoesNotContain(pick.Reasons, r => r.Code == "budgetUsed");
    }

    [Fact]
    public void Within_a_group_the_region_with_least_floor_time_is_suggested_and_said_to_be()
    {
        var targets = FloorTargets.Equal([StakeholderGroup.CivilSociety], AllRegions, WomenAndMen);

        var pick = Suggest(targets, Tally((StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 300)),
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 600),
            Waiting(2, StakeholderGroup.CivilSociety, Region.AsiaPacific, Gender.Female, 20));

        Assert.Equal(2, pick.Candidate.EntryId);
        Assert.Equal(
            [
                new FloorReason("groupShare", "Civil society: 100 % of floor time, target 100 %."),
                new FloorReason("regionBalance", "Asia-Pacific: 0 % of floor time, the least among the regions waiting (target 20 %)."),
                new FloorReason("waiting", "Waiting 20 s."),
            ],
            pick.Reasons);
    }

    [Fact]
    public void Within_a_group_and_region_the_declared_gender_with_least_floor_time_is_suggested_and_said_to_be()
    {
        var targets = FloorTargets.Equal([StakeholderGroup.CivilSociety], AllRegions, WomenAndMen);
        var tally = Tally((StakeholderGroup.CivilSociety, Region.Africa, Gender.Male, 240), (StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 60));

        var pick = Suggest(targets, tally,
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Male, 600),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 20));

        Assert.Equal(2, pick.Candidate.EntryId);
        Assert.Equal(["groupShare", "genderBalance", "waiting"], pick.Reasons.Select(r => r.Code));
        Assert.Equal("Women: 20 % of the floor time of speakers who declared a gender, the least among those waiting.", pick.Reasons[1].Text);
    }

    [Fact]
    public void An_undisclosed_gender_counts_as_the_average_and_is_said_to()
    {
        var targets = FloorTargets.Equal([StakeholderGroup.CivilSociety], AllRegions, WomenAndMen);
        var tally = Tally((StakeholderGroup.CivilSociety, Region.Africa, Gender.Male, 240), (StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 60));

        // Men have more than the average of the declared genders (150 s), women less: undisclosed goes between.
        var overMen = Suggest(targets, tally,
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Male, 600),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, null, 20));
        var afterWomen = Suggest(targets, tally,
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Undisclosed, 600),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 20));

        Assert.Equal(2, overMen.Candidate.EntryId);
        Assert.Equal(new FloorReason("genderBalance", "Gender undisclosed: counted as neither above nor below the gender balance."), overMen.Reasons[1]);
        Assert.Equal(2, afterWomen.Candidate.EntryId);
    }

    [Fact]
    public void Among_entries_alike_the_longest_waiting_is_suggested_and_said_to_be()
    {
        var targets = FloorTargets.Equal([StakeholderGroup.CivilSociety], AllRegions, WomenAndMen);

        var sameClass = Suggest(targets, Tally(),
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 30),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 95));
        var sameKeys = Suggest(targets, Tally(),
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 30),
            Waiting(2, StakeholderGroup.CivilSociety, Region.AsiaPacific, Gender.Male, 95));
        var sameTime = Suggest(targets, Tally(),
            Waiting(2, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 30),
            Waiting(1, StakeholderGroup.CivilSociety, Region.Africa, Gender.Female, 30));

        Assert.Equal(2, sameClass.Candidate.EntryId);
        Assert.Equal(["groupShare", "waiting"], sameClass.Reasons.Select(r => r.Code));
        Assert.Equal("Waiting 1 min 35 s, the longest among those alike.", sameClass.Reasons[^1].Text);
        Assert.Equal(2, sameKeys.Candidate.EntryId);
        Assert.Equal("Waiting 1 min 35 s, the longest among those alike.", sameKeys.Reasons[^1].Text);
        // Asked at the same moment: the earlier entry.
        Assert.Equal(1, sameTime.Candidate.EntryId);
    }

    [Fact]
    public void Nobody_waiting_means_no_suggestion_and_an_empty_order()
    {
        var situation = new FloorSituation(new WaitingLine(), new FloorTally(), FloorTargets.Equal([]), 3, 0, 180_000, 60_000, Now);

        Assert.Null(BalancePolicy.Suggest(situation));
        Assert.Empty(BalancePolicy.Project(situation));
    }
}
