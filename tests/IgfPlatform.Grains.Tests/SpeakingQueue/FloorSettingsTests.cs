using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.SpeakingQueue.Floor;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>Organizers set the allotted times, targets and budgets; the suggestion follows them.</summary>
[Collection(FloorCollection.Name)]
public sealed class FloorSettingsTests(ShiftedClockClusterFixture fixture)
{
    private Task<FloorScenario> Live() => FloorScenario.Create(fixture);

    private static Dictionary<string, int> Targets(params (string Group, int Percent)[] targets) =>
        targets.ToDictionary(t => t.Group, t => t.Percent, StringComparer.Ordinal);

    [Fact]
    public async Task Only_organizers_set_the_floor_settings_and_speeches_get_their_times()
    {
        using var s = await Live();
        var participant = await s.Person(StakeholderGroup.Government);
        var replier = await s.Person(StakeholderGroup.CivilSociety);
        var settings = new FloorSettings(120, 45, Targets(("government", 50), ("civilSociety", 50)));

        await Refused(() => s.Queue.SetSettings(s.ModeratorId, settings), ForumErrorKind.Forbidden);
        await Refused(() => s.Queue.SetSettings(participant.ParticipantId, settings), ForumErrorKind.Forbidden);
        await Refused(() => s.Queue.SetSettings(string.Empty, settings), ForumErrorKind.Unauthenticated);
        Assert.Equal(Forum.Json(FloorSettings.Default), Forum.Json((await s.Queue.GetView()).Settings));

        var set = await s.Queue.SetSettings(s.OrganizerId, settings);

        Assert.Equal(Forum.Json(settings), Forum.Json(set));
        Assert.Equal(Forum.Json(settings), Forum.Json((await s.Queue.GetView()).Settings));
        Assert.Equal(Forum.Json(settings), Forum.Json((await s.Queue.GetFigures()).Settings));
        var entry = await s.Request(participant);
        var speech = await s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null);
        var reply = await s.Request(replier, FloorKind.Reply);
        await s.Queue.EndSpeech(s.ModeratorId);
        var replied = await s.Queue.GiveFloor(s.ModeratorId, reply.EntryId, null);
        Assert.Equal((120, 45), (speech.AllottedSeconds, replied.AllottedSeconds));

        var nowhere = fixture.Cluster.Client.GetGrain<ISpeakingQueueGrain>(Forum.NewId("s"));
        await Refused(() => nowhere.SetSettings(s.OrganizerId, settings), ForumErrorKind.NotFound);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_and_change_nothing()
    {
        using var s = await Live();
        var invalid = new (string Field, FloorSettings Settings)[]
        {
            ("targets", new FloorSettings(180, 60, Targets(("government", 50), ("civilSociety", 40)))),
            ("targets", new FloorSettings(180, 60, Targets(("government", 50), ("civilSociety", 60)))),
            ("targets", new FloorSettings(180, 60, Targets(("government", 50), ("academia", 50)))),
            ("targets", new FloorSettings(180, 60, Targets(("Government", 50), ("civilSociety", 50)))),
            ("targets", new FloorSettings(180, 60, Targets(("government", 110), ("civilSociety", -10)))),
            ("allottedSeconds", new FloorSettings(FloorLimits.MinAllottedSeconds - 1, 60)),
            ("replySeconds", new FloorSettings(180, FloorLimits.MaxAllottedSeconds + 1)),
            ("budgetMinutes", new FloorSettings(180, 60, null, Targets(("parliament", 10)))),
            ("budgetMinutes", new FloorSettings(180, 60, null, Targets(("government", 0)))),
        };

        foreach (var (field, settings) in invalid)
        {
            var ex = await Refused(() => s.Queue.SetSettings(s.OrganizerId, settings), ForumErrorKind.Invalid);
            Assert.True(ex.Errors.ContainsKey(field), $"{Forum.Json(settings)} was refused for {string.Join(", ", ex.Errors.Keys)}, not {field}.");
        }

        Assert.Equal(Forum.Json(FloorSettings.Default), Forum.Json((await s.Queue.GetView()).Settings));
    }

    [Fact]
    public async Task Targets_change_the_suggestion()
    {
        using var s = await Live();
        var gov = await s.Person(StakeholderGroup.Government);
        var civil = await s.Person(StakeholderGroup.CivilSociety);
        var a = await s.Request(gov);
        var b = await s.Request(civil);

        // Equal shares: the two groups tie and the government speaker asked first.
        var equal = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal(a.EntryId, equal.Entry.EntryId);
        Assert.Equal("Government: 0 % of floor time, target 50 %.", equal.Reasons.Single(r => r.Code == "groupShare").Text);
        Assert.Equal([a.EntryId, b.EntryId], (await s.Queue.GetView()).Order);

        await s.Queue.SetSettings(s.OrganizerId, new FloorSettings(180, 60, Targets(("government", 20), ("civilSociety", 80))));

        var weighted = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal((b.EntryId, FloorRules.Balance), (weighted.Entry.EntryId, weighted.Rule));
        Assert.Equal("Civil society: 0 % of floor time, target 80 %.", weighted.Reasons.Single(r => r.Code == "groupShare").Text);
        Assert.Equal([b.EntryId, a.EntryId], (await s.Queue.GetView()).Order);
        Assert.Equal((1, 2), ((await s.Queue.GetMine(civil.ParticipantId))!.Position, (await s.Queue.GetMine(gov.ParticipantId))!.Position));
        var ledger = (await s.Queue.GetView()).Ledger;
        Assert.Equal((0.2, 0.8), (ledger.ByGroup["government"].Target!.Value, ledger.ByGroup["civilSociety"].Target!.Value));

        // Giving the floor to the government speaker now needs a reason.
        await Refused(() => s.Queue.GiveFloor(s.ModeratorId, a.EntryId, null), ForumErrorKind.Invalid);

        await s.Queue.SetSettings(s.OrganizerId, new FloorSettings(180, 60, Targets(("government", 80), ("civilSociety", 20))));
        Assert.Equal(a.EntryId, (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!.Entry.EntryId);
        Assert.Null((await s.Queue.GiveFloor(s.ModeratorId, a.EntryId, null)).EndedAt);
        Assert.Empty((await s.Queue.GetFigures()).Ledger.Overrides);
    }

    [Fact]
    public async Task A_group_past_its_budget_is_passed_over_while_another_group_waits()
    {
        using var s = await Live();
        var gov1 = await s.Person(StakeholderGroup.Government);
        var gov2 = await s.Person(StakeholderGroup.Government);
        var civil = await s.Person(StakeholderGroup.CivilSociety);
        await s.Queue.SetSettings(s.OrganizerId, new FloorSettings(180, 60, null, Targets(("government", 1))));
        var first = await s.Request(gov1);
        await s.Queue.GiveFloor(s.ModeratorId, first.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(90));
        await s.Queue.EndSpeech(s.ModeratorId);

        var a = await s.Request(gov2);
        var b = await s.Request(civil);

        var suggestion = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal(b.EntryId, suggestion.Entry.EntryId);
        Assert.Contains(suggestion.Reasons, r => r.Code == "budgetUsed" && r.Text.StartsWith("Government has used its time budget", StringComparison.Ordinal));
        Assert.Equal([b.EntryId, a.EntryId], (await s.Queue.GetView()).Order);
        Assert.Equal(60_000L, (await s.Queue.GetView()).Ledger.ByGroup["government"].BudgetMilliseconds);

        await s.Queue.GiveFloor(s.ModeratorId, b.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(10));
        await s.Queue.EndSpeech(s.ModeratorId);
        var overBudget = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal((a.EntryId, FloorRules.OverBudget), (overBudget.Entry.EntryId, overBudget.Rule));
        Assert.Contains(overBudget.Reasons, r => r.Code == "overBudget");
    }
}
