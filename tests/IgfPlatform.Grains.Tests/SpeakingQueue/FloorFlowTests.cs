using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.SpeakingQueue.Floor;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>
/// A session's floor from the first request to the ledger: the balanced suggestion and its reasons, giving the
/// floor to it or (with a reason) to someone else, points of order, replies, and floor time by group.
/// Everyone is of one region and gender, so that only the stakeholder group and the wait decide.
/// </summary>
[Collection(FloorCollection.Name)]
public sealed class FloorFlowTests(ShiftedClockClusterFixture fixture)
{
    private Task<FloorScenario> Live() => FloorScenario.Create(fixture);

    [Fact]
    public async Task The_floor_goes_round_the_stakeholder_groups_and_the_ledger_counts_it()
    {
        using var s = await Live();
        var gov1 = await s.Person(StakeholderGroup.Government);
        var gov2 = await s.Person(StakeholderGroup.Government);
        var civil = await s.Person(StakeholderGroup.CivilSociety);
        var business = await s.Person(StakeholderGroup.PrivateSector);
        var academic = await s.Person(StakeholderGroup.TechnicalAcademic);
        var orderer = await s.Person(StakeholderGroup.Government);

        // Requests in this order; the second government speaker waits behind the groups that have not spoken.
        var a = await s.Request(gov1);
        var a2 = await s.Request(gov2);
        var b = await s.Request(civil);
        var c = await s.Request(business);

        Assert.Equal([1, 2, 2, 3], new[] { a, a2, b, c }.Select(e => e.Position));
        Assert.Equal([a.EntryId, b.EntryId, c.EntryId, a2.EntryId], (await s.Queue.GetView()).Order);
        Assert.Equal(
            [(a.EntryId, 1), (b.EntryId, 2), (c.EntryId, 3), (a2.EntryId, 4)],
            (await s.Queue.GetQueue(s.ModeratorId)).Select(e => (e.EntryId, e.Position)));
        Assert.Equal(4, (await s.Queue.GetMine(gov2.ParticipantId))!.Position);

        var first = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal((a.EntryId, FloorRules.Balance, 1), (first.Entry.EntryId, first.Rule, first.Entry.Position));
        Assert.Equal("Government: 0 % of floor time, target 33 %.", Assert.Single(first.Reasons, r => r.Code == "groupShare").Text);
        Assert.Contains(first.Reasons, r => r.Code == "groupBalance" && r.Text.StartsWith("Of the 3 groups waiting", StringComparison.Ordinal));
        Assert.Contains(first.Reasons, r => r.Code == "waiting");
        Assert.All(first.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));

        var speech1 = await s.Queue.GiveFloor(s.ModeratorId, a.EntryId, null);
        Assert.Equal(
            (1L, a.EntryId, FloorKind.Intervention, gov1.DisplayName, StakeholderGroup.Government, true, FloorLimits.DefaultAllottedSeconds, (DateTimeOffset?)null),
            (speech1.SpeechId, speech1.EntryId, speech1.Kind, speech1.Name, speech1.Group, speech1.InRoom, speech1.AllottedSeconds, speech1.EndedAt));
        Assert.Equal(Forum.Json(speech1), Forum.Json((await s.Queue.GetView()).Current));
        Assert.True((await s.Queue.GetMine(gov1.ParticipantId))!.Speaking);
        Assert.Equal([b.EntryId, c.EntryId, a2.EntryId], (await s.Queue.GetView()).Order);
        await s.Advance(TimeSpan.FromSeconds(60));

        // A reply goes straight after the speech it answers; a point of order before everything.
        var d = await s.Request(academic, FloorKind.Reply);
        Assert.Equal(1, d.Position);
        Assert.Equal(1L, (await s.Queue.GetQueue(s.ModeratorId)).Single(e => e.EntryId == d.EntryId).RepliesTo);
        var reply = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal((d.EntryId, FloorRules.Reply), (reply.Entry.EntryId, reply.Rule));
        Assert.StartsWith("Reply to speech 1", Assert.Single(reply.Reasons, r => r.Code == "reply").Text, StringComparison.Ordinal);

        var e = await s.Request(orderer, FloorKind.PointOfOrder);
        Assert.Equal(1, e.Position);
        Assert.Equal([e.EntryId, d.EntryId, b.EntryId, c.EntryId, a2.EntryId], (await s.Queue.GetView()).Order);
        var order = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal((e.EntryId, FloorRules.PointOfOrder), (order.Entry.EntryId, order.Rule));

        // Giving the floor to the suggestion needs no reason, and ends the running speech.
        var speech2 = await s.Queue.GiveFloor(s.ModeratorId, e.EntryId, null);
        Assert.Equal((2L, FloorKind.PointOfOrder, FloorLimits.DefaultReplySeconds), (speech2.SpeechId, speech2.Kind, speech2.AllottedSeconds));
        Assert.Equal(speech2.StartedAt, (await s.Queue.GetFigures()).Speeches[0].EndedAt);
        await s.Advance(TimeSpan.FromSeconds(10));
        var ended2 = await s.Queue.EndSpeech(s.ModeratorId);
        Assert.Equal((2L, e.EntryId), (ended2.SpeechId, ended2.EntryId));
        Assert.NotNull(ended2.EndedAt);
        Assert.Null((await s.Queue.GetView()).Current);
        await Refused(() => s.Queue.EndSpeech(s.ModeratorId), ForumErrorKind.Conflict);

        // The point of order answered nothing: the reply still answers speech 1 and still comes next.
        Assert.Equal((d.EntryId, FloorRules.Reply), await Suggested(s));
        var speech3 = await s.Queue.GiveFloor(s.ModeratorId, d.EntryId, null);
        Assert.Equal((FloorKind.Reply, 1L, FloorLimits.DefaultReplySeconds), (speech3.Kind, speech3.RepliesTo, speech3.AllottedSeconds));
        await s.Advance(TimeSpan.FromSeconds(20));

        // Civil society and the private sector have had no floor time; civil society asked first.
        var balanced = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Equal((b.EntryId, FloorRules.Balance), (balanced.Entry.EntryId, balanced.Rule));
        Assert.Equal("Civil society: 0 % of floor time, target 25 %.", Assert.Single(balanced.Reasons, r => r.Code == "groupShare").Text);
        Assert.Contains(balanced.Reasons, r => r.Text.Contains("% of floor time", StringComparison.Ordinal));

        // Someone else than the suggestion: refused without a reason, and nothing changes.
        var before = await s.Standing();
        var refused = await Refused(() => s.Queue.GiveFloor(s.ModeratorId, c.EntryId, null), ForumErrorKind.Invalid);
        await Refused(() => s.Queue.GiveFloor(s.ModeratorId, c.EntryId, "   "), ForumErrorKind.Invalid);
        Assert.True(refused.Errors.ContainsKey("reason"));
        Assert.Equal(before, await s.Standing());
        Assert.Equal(speech3.SpeechId, (await s.Queue.GetView()).Current!.SpeechId);
        Assert.Equal([b.EntryId, c.EntryId, a2.EntryId], (await s.Queue.GetView()).Order);
        Assert.Empty((await s.Queue.GetFigures()).Ledger.Overrides);

        var speech4 = await s.Queue.GiveFloor(s.ModeratorId, c.EntryId, "  The regulator's representative leaves early  ");
        Assert.Equal((4L, c.EntryId, StakeholderGroup.PrivateSector), (speech4.SpeechId, speech4.EntryId, speech4.Group));
        var overridden = Assert.Single((await s.Queue.GetFigures()).Ledger.Overrides);
        Assert.Equal(
            (4L, speech4.StartedAt, s.Session.Moderator.DisplayName, business.DisplayName, StakeholderGroup.PrivateSector, (long?)b.EntryId, (StakeholderGroup?)StakeholderGroup.CivilSociety, "The regulator's representative leaves early"),
            (overridden.SpeechId, overridden.At, overridden.ModeratorName, overridden.GivenTo, overridden.GivenToGroup, overridden.SuggestedEntryId, overridden.SuggestedGroup, overridden.Reason));
        Assert.Equal([b.EntryId, a2.EntryId], (await s.Queue.GetView()).Order);
        await s.Advance(TimeSpan.FromSeconds(30));
        await s.Queue.EndSpeech(s.ModeratorId);

        Assert.Equal((b.EntryId, FloorRules.Balance), await Suggested(s));
        await s.Queue.GiveFloor(s.ModeratorId, b.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(a2.EntryId, (await Suggested(s)).EntryId);
        await s.Queue.GiveFloor(s.ModeratorId, a2.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(15));
        await s.Queue.EndSpeech(s.ModeratorId);

        Assert.Null(await s.Queue.SuggestNextSpeaker(s.ModeratorId));
        var figures = await s.Queue.GetFigures();
        var view = await s.Queue.GetView();
        Assert.Null(view.Current);
        Assert.Equal(0, view.Waiting);
        Assert.Equal(
            [gov1.DisplayName, orderer.DisplayName, academic.DisplayName, business.DisplayName, civil.DisplayName, gov2.DisplayName],
            figures.Speeches.Select(sp => sp.Name));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], figures.Speeches.Select(sp => sp.SpeechId));
        Assert.All(figures.Speeches.Zip(figures.Speeches.Skip(1)), p => Assert.True(p.First.EndedAt <= p.Second.StartedAt));

        var ledger = figures.Ledger;
        Assert.Equal(6, ledger.Speeches);
        Assert.Equal(figures.Speeches.Sum(Milliseconds), ledger.Milliseconds);
        var expected = new (StakeholderGroup Group, int Speeches, int AtLeastSeconds)[]
        {
            (StakeholderGroup.Government, 3, 60 + 10 + 15),
            (StakeholderGroup.CivilSociety, 1, 45),
            (StakeholderGroup.PrivateSector, 1, 30),
            (StakeholderGroup.TechnicalAcademic, 1, 20),
        };
        Assert.Equal(expected.Select(x => GroupName(x.Group)).Order(StringComparer.Ordinal), ledger.ByGroup.Keys.Order(StringComparer.Ordinal));
        foreach (var (group, speeches, atLeast) in expected)
        {
            var share = ledger.ByGroup[GroupName(group)];
            var ms = figures.Speeches.Where(sp => sp.Group == group).Sum(Milliseconds);
            Assert.Equal((speeches, ms), (share.Speeches, share.Milliseconds));
            Assert.InRange(share.Milliseconds, atLeast * 1000L, (atLeast + (15 * speeches)) * 1000L);
            Assert.Equal((double)ms / ledger.Milliseconds, share.Share, 9);
            Assert.Equal(0.25, share.Target!.Value, 9);
        }

        Assert.Equal((6, ledger.Milliseconds, 0), (ledger.InRoom.Speeches, ledger.InRoom.Milliseconds, ledger.Remote.Speeches));
        Assert.Equal(Forum.Json(Timeless(ledger)), Forum.Json(Timeless(view.Ledger)));
    }

    [Fact]
    public async Task A_point_of_order_jumps_the_queue_and_points_of_order_go_in_turn()
    {
        using var s = await Live();
        var waiting = await s.People(3, StakeholderGroup.CivilSociety);
        var orderers = await s.People(2, StakeholderGroup.PrivateSector);
        var entries = new List<MyFloorEntry>();
        foreach (var p in waiting)
        {
            entries.Add(await s.Request(p));
        }

        var first = await s.Request(orderers[0], FloorKind.PointOfOrder);
        var second = await s.Request(orderers[1], FloorKind.PointOfOrder);

        Assert.Equal((1, 2), (first.Position, second.Position));
        Assert.Equal([first.EntryId, second.EntryId, .. entries.Select(e => e.EntryId)], (await s.Queue.GetView()).Order);
        Assert.Equal((first.EntryId, FloorRules.PointOfOrder), await Suggested(s));
        var suggestion = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        Assert.Contains(suggestion.Reasons, r => r.Code == "pointOfOrder");

        await s.Queue.GiveFloor(s.ModeratorId, first.EntryId, null);
        Assert.Equal((second.EntryId, FloorRules.PointOfOrder), await Suggested(s));
        await s.Queue.GiveFloor(s.ModeratorId, second.EntryId, null);
        Assert.Equal((entries[0].EntryId, FloorRules.Balance), await Suggested(s));
    }

    [Fact]
    public async Task At_most_three_replies_go_straight_after_a_speech_and_later_ones_wait_their_turn()
    {
        using var s = await Live();
        var speaker = await s.Person(StakeholderGroup.Government);
        var waiting = await s.Person(StakeholderGroup.CivilSociety);
        var repliers = await s.People(FloorLimits.MaxRepliesPerSpeech + 1, StakeholderGroup.PrivateSector);
        var spoke = await s.Request(speaker);
        var answered = await s.Queue.GiveFloor(s.ModeratorId, spoke.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(30));
        var intervention = await s.Request(waiting);
        var replies = new List<MyFloorEntry>();
        foreach (var p in repliers)
        {
            replies.Add(await s.Request(p, FloorKind.Reply));
        }

        var positions = new List<int>();
        foreach (var p in repliers)
        {
            positions.Add((await s.Queue.GetMine(p.ParticipantId))!.Position);
        }

        Assert.Equal([1, 2, 3, 5], positions);
        var order = (await s.Queue.GetView()).Order;
        Assert.Equal(replies.Take(FloorLimits.MaxRepliesPerSpeech).Select(r => r.EntryId), order.Take(FloorLimits.MaxRepliesPerSpeech));
        Assert.Equal(5, order.Count);

        for (var i = 0; i < FloorLimits.MaxRepliesPerSpeech; i++)
        {
            Assert.Equal((replies[i].EntryId, FloorRules.Reply), await Suggested(s));
            var given = await s.Queue.GiveFloor(s.ModeratorId, replies[i].EntryId, null);
            Assert.Equal(((long?)answered.SpeechId, FloorLimits.DefaultReplySeconds), (given.RepliesTo, given.AllottedSeconds));
            await s.Advance(TimeSpan.FromSeconds(5));
        }

        // The fourth waits as an intervention: civil society, with no floor time yet, goes first.
        Assert.Equal((intervention.EntryId, FloorRules.Balance), await Suggested(s));
        await s.Queue.GiveFloor(s.ModeratorId, intervention.EntryId, null);
        Assert.Equal((replies[^1].EntryId, FloorRules.Balance), await Suggested(s));
        var late = await s.Queue.GiveFloor(s.ModeratorId, replies[^1].EntryId, null);
        Assert.Equal(FloorLimits.DefaultAllottedSeconds, late.AllottedSeconds);
    }

    private static async Task<(long EntryId, string Rule)> Suggested(FloorScenario s)
    {
        var suggestion = await s.Queue.SuggestNextSpeaker(s.ModeratorId) ?? throw new InvalidOperationException("Nobody was suggested.");
        Assert.Equal(1, suggestion.Entry.Position);
        Assert.Equal(suggestion.Entry.EntryId, (await s.Queue.GetView()).Order[0]);
        return (suggestion.Entry.EntryId, suggestion.Rule);
    }
}

/// <summary>The rules of <see cref="FloorSuggestion.Rule"/>, as the contract names them.</summary>
public static class FloorRules
{
    public const string PointOfOrder = "pointOfOrder";
    public const string Reply = "reply";
    public const string Balance = "balance";
    public const string OverBudget = "overBudget";
}
