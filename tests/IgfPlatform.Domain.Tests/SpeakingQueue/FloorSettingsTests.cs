using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;
using static IgfPlatform.Domain.Tests.SpeakingQueue.Floors;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>Organizers' floor settings: <see cref="FloorQueue.Normalize"/>, and the targets the queue balances against.</summary>
public sealed class FloorSettingsTests
{
    private static Dictionary<string, int> Map(params (string Name, int Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    private static ForumException Invalid(FloorSettings settings, string field)
    {
        var ex = Refused(() => FloorQueue.Normalize(settings), ForumErrorKind.Invalid);
        Assert.True(ex.Errors.ContainsKey(field), $"errors: {string.Join(", ", ex.Errors.Keys)}");
        return ex;
    }

    [Fact]
    public void Targets_are_whole_percentages_adding_up_to_100_and_groups_without_a_share_are_left_out()
    {
        var clean = FloorQueue.Normalize(new FloorSettings(
            120, 45, Map(("government", 25), ("civilSociety", 40), ("privateSector", 0), ("technicalAcademic", 35)), Map(("government", 30))));

        Assert.Equal((120, 45), (clean.AllottedSeconds, clean.ReplySeconds));
        Assert.Equal(Map(("government", 25), ("civilSociety", 40), ("technicalAcademic", 35)), clean.Targets);
        Assert.Equal(Map(("government", 30)), clean.BudgetMinutes);
    }

    [Fact]
    public void No_targets_or_budgets_mean_equal_shares_and_no_limit()
    {
        var none = FloorQueue.Normalize(new FloorSettings(180, 60));
        var empty = FloorQueue.Normalize(new FloorSettings(180, 60, Map(), Map()));

        Assert.Null(none.Targets);
        Assert.Null(none.BudgetMinutes);
        Assert.Null(empty.Targets);
        Assert.Null(empty.BudgetMinutes);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(101)]
    public void Targets_must_add_up_to_100(int civilSociety)
    {
        Invalid(new FloorSettings(180, 60, Map(("civilSociety", civilSociety))), "targets");
        Invalid(new FloorSettings(180, 60, Map(("civilSociety", civilSociety - 50), ("government", 50))), "targets");
    }

    [Fact]
    public void Targets_are_from_0_to_100_each()
    {
        Invalid(new FloorSettings(180, 60, Map(("civilSociety", 110), ("government", -10))), "targets");
        Assert.NotNull(FloorQueue.Normalize(new FloorSettings(180, 60, Map(("civilSociety", 100), ("government", 0)))));
    }

    [Theory]
    [InlineData("media")]
    [InlineData("CivilSociety")]
    [InlineData("civil_society")]
    [InlineData("")]
    public void Targets_and_budgets_name_known_groups_by_their_camel_case_names(string name)
    {
        var targets = Invalid(new FloorSettings(180, 60, Map((name, 50), ("government", 50))), "targets");
        var budgets = Invalid(new FloorSettings(180, 60, null, Map((name, 10))), "budgetMinutes");

        Assert.Contains($"'{name}'", targets.Errors["targets"][0], StringComparison.Ordinal);
        Assert.Contains("civilSociety", targets.Errors["targets"][0], StringComparison.Ordinal);
        Assert.Contains($"'{name}'", budgets.Errors["budgetMinutes"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(FloorLimits.MaxBudgetMinutes + 1)]
    public void Budgets_are_from_1_to_1440_minutes(int minutes)
    {
        Invalid(new FloorSettings(180, 60, null, Map(("government", minutes))), "budgetMinutes");

        var edges = FloorQueue.Normalize(new FloorSettings(180, 60, null, Map(("government", 1), ("civilSociety", 1440))));
        Assert.Equal(1440, FloorLimits.MaxBudgetMinutes);
        Assert.Equal(Map(("government", 1), ("civilSociety", 1440)), edges.BudgetMinutes);
    }

    [Theory]
    [InlineData(14, 60, "allottedSeconds")]
    [InlineData(3601, 60, "allottedSeconds")]
    [InlineData(180, 14, "replySeconds")]
    [InlineData(180, 3601, "replySeconds")]
    public void Speaking_times_are_from_15_seconds_to_an_hour(int allotted, int reply, string field)
    {
        Invalid(new FloorSettings(allotted, reply), field);

        Assert.NotNull(FloorQueue.Normalize(new FloorSettings(15, 3600)));
        Assert.NotNull(FloorQueue.Normalize(new FloorSettings(3600, 15)));
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var ex = Refused(() => FloorQueue.Normalize(new FloorSettings(5, 5000, Map(("government", 60)), Map(("civilSociety", 0)))), ForumErrorKind.Invalid);

        Assert.Equal(["allottedSeconds", "budgetMinutes", "replySeconds", "targets"], ex.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_queue_balances_against_the_organizers_percentages_and_budgets()
    {
        var queue = new FloorQueue();
        queue.Request(Amina, Start);
        queue.SetSettings(FloorQueue.Normalize(new FloorSettings(120, 45, Map(("government", 60), ("civilSociety", 40)), Map(("privateSector", 5)))));

        var targets = queue.Targets();

        Assert.Equal([60, 0, 40, 0, 0, 0], targets.GroupWeights);
        Assert.Equal(100, targets.WeightSum);
        Assert.Equal(new long?[] { null, 300_000, null, null, null, null }, targets.BudgetMs);
        Assert.Equal(0.6, targets.GroupTarget(StakeholderGroup.Government));
        Assert.Null(targets.GroupTarget(StakeholderGroup.PrivateSector));
        Assert.Equal(120_000, queue.Situation(Start).AllotmentMs);
        Assert.Equal(45_000, queue.Situation(Start).ReplyAllotmentMs);
    }

    [Fact]
    public void Without_percentages_every_group_waiting_having_spoken_or_following_the_session_has_an_equal_share()
    {
        var queue = new FloorQueue();
        var amina = queue.Request(Amina, Start);
        queue.GiveFloor(amina.EntryId, Start.AddSeconds(1));
        queue.Request(Chen, Start.AddSeconds(2));
        queue.SetPresence(new PresenceCounts(
            3, 3, 0, 3, 0,
            Map(("privateSector", 2), ("government", 0), ("unknownGroup", 4)),
            Map(("easternEurope", 1)),
            Map(("nonBinary", 1), ("undisclosed", 2))));

        var targets = queue.Targets();

        Assert.Equal([0, 1, 1, 0, 0, 1], targets.GroupWeights);
        Assert.Equal(1.0 / 3, targets.GroupTarget(StakeholderGroup.CivilSociety));
        Assert.Equal([true, true, true, false, false], targets.RegionsPresent);
        Assert.Equal(3, targets.RegionCount);
        // Amina declared herself a woman, Chen declared nothing: women and non-binary people are the declared genders present.
        Assert.Equal([true, false, true, true], targets.GendersPresent);
        Assert.Equal(2, targets.DeclaredGenderCount);
        Assert.All(targets.BudgetMs, b => Assert.Null(b));
    }
}
