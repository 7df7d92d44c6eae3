using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.SpeakingQueue.Floor;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>What the queue stores is what a new activation of it knows: the line, the speeches, the ledger, the settings, the request ids.</summary>
[Collection(FloorCollection.Name)]
public sealed class FloorDurabilityTests(ShiftedClockClusterFixture fixture)
{
    private Task<FloorScenario> Live() => FloorScenario.Create(fixture);

    /// <summary>Everything the queue tells anyone, as JSON (the ledger without its clock reading).</summary>
    private static async Task<string> Everything(FloorScenario s, IEnumerable<ParticipantProfile> people)
    {
        var view = await s.Queue.GetView();
        var figures = await s.Queue.GetFigures();
        var mine = new List<MyFloorEntry?>();
        foreach (var p in people)
        {
            mine.Add(await s.Queue.GetMine(p.ParticipantId));
        }

        // The suggestion's reasons say how long people have waited: only whom it suggests, and why, are compared.
        var suggestion = await s.Queue.SuggestNextSpeaker(s.ModeratorId);
        return Forum.Json(new
        {
            view = view with { Ledger = Timeless(view.Ledger) },
            figures = figures with { Ledger = Timeless(figures.Ledger) },
            queue = await s.Queue.GetQueue(s.ModeratorId),
            suggestion = suggestion is null ? null : new { suggestion.Entry, suggestion.Rule, codes = suggestion.Reasons.Select(r => r.Code) },
            mine,
        });
    }

    [Fact]
    public async Task A_new_activation_has_the_same_queue_speeches_ledger_and_settings()
    {
        using var s = await Live();
        var gov1 = await s.Person(StakeholderGroup.Government);
        var gov2 = await s.Person(StakeholderGroup.Government, Region.EasternEurope, Gender.Male);
        var civil = await s.Person(StakeholderGroup.CivilSociety, Region.LatinAmericaCaribbean);
        var business = await s.Person(StakeholderGroup.PrivateSector, Region.AsiaPacific, null);
        var academic = await s.Person(StakeholderGroup.TechnicalAcademic, Region.WesternEuropeOthers, Gender.NonBinary);
        var hubSpeaker = await s.Person(StakeholderGroup.CivilSociety, Region.WesternEuropeOthers);
        var dismissed = await s.Person(StakeholderGroup.PrivateSector);
        var withdrawer = await s.Person(StakeholderGroup.IntergovernmentalOrganization);
        var people = new[] { gov1, gov2, civil, business, academic, hubSpeaker, dismissed, withdrawer };
        var settings = await s.Queue.SetSettings(s.OrganizerId, new FloorSettings(
            120, 45,
            new Dictionary<string, int> { ["government"] = 25, ["civilSociety"] = 25, ["privateSector"] = 25, ["technicalAcademic"] = 25 },
            new Dictionary<string, int> { ["government"] = 30 }));

        var a = await s.Request(gov1);
        var b = await s.Request(civil);
        var c = await s.Request(business);
        Assert.Equal(a.EntryId, (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!.Entry.EntryId);
        await s.Queue.GiveFloor(s.ModeratorId, a.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(30));
        var d = await s.Queue.RequestFloor(academic.ParticipantId, "req-reply", FloorKind.Reply, "On routing security", null, true);
        await s.Queue.GiveFloor(s.ModeratorId, b.EntryId, "Civil society has waited since the opening");
        await s.Advance(TimeSpan.FromSeconds(20));
        await s.Queue.EndSpeech(s.ModeratorId);
        var e = await s.Queue.RequestFloor(gov2.ParticipantId, "req-gov2", FloorKind.Intervention, null, null, true);
        var f = await s.Request(hubSpeaker, hub: new RemoteHub("Bogotá hub", 35, Region.LatinAmericaCaribbean));
        var g = await s.Request(dismissed);
        await s.Queue.DismissEntry(s.ModeratorId, g.EntryId, "Asked on behalf of the same company");
        var h = await s.Request(withdrawer);
        await s.Queue.WithdrawFloor(withdrawer.ParticipantId, h.EntryId);
        var added = await s.Queue.AddEntry(s.ModeratorId, "add-1", new FloorEntryDraft("Kwame Mensah", StakeholderGroup.Government, Region.Africa, Gender.Male, FloorKind.Intervention, true));
        await s.Queue.SetQueueOpen(s.ModeratorId, false);
        var before = await Everything(s, people);

        await fixture.Cluster.DeactivateAsync(s.Queue);
        var after = await Everything(s, people);

        Assert.Equal(before, after);
        var view = await s.Queue.GetView();
        Assert.False(view.Open);
        Assert.Equal(Forum.Json(settings), Forum.Json(view.Settings));
        Assert.Equal(
            new[] { c.EntryId, d.EntryId, e.EntryId, f.EntryId, added.EntryId }.Order(),
            view.Order.Order());
        var figures = await s.Queue.GetFigures();
        Assert.Equal(2, figures.Speeches.Count);
        Assert.Equal("Civil society has waited since the opening", Assert.Single(figures.Ledger.Overrides).Reason);
        Assert.Equal("Asked on behalf of the same company", Assert.Single(figures.Ledger.Dismissals).Reason);
        Assert.Equal(30 * 60_000L, figures.Ledger.ByGroup["government"].BudgetMilliseconds);

        // A speech running across a new activation runs on, and ends on the new one.
        await s.Queue.SetQueueOpen(s.ModeratorId, true);
        var next = (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!;
        var running = await s.Queue.GiveFloor(s.ModeratorId, next.Entry.EntryId, null);
        var standing = await s.Standing();
        await fixture.Cluster.DeactivateAsync(s.Queue);

        Assert.Equal(standing, await s.Standing());
        Assert.Equal(Forum.Json(running), Forum.Json((await s.Queue.GetView()).Current));
        await s.Advance(TimeSpan.FromSeconds(25));
        var ended = await s.Queue.EndSpeech(s.ModeratorId);
        Assert.Equal(running.SpeechId, ended.SpeechId);
        var ledger = (await s.Queue.GetFigures()).Ledger;
        Assert.Equal(3, ledger.Speeches);
        Assert.Equal((await s.Queue.GetFigures()).Speeches.Sum(Milliseconds), ledger.Milliseconds);
    }

    [Fact]
    public async Task Request_ids_and_the_one_entry_rule_hold_across_a_new_activation()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.CivilSociety);
        var first = await s.Queue.RequestFloor(asker.ParticipantId, "req-1", FloorKind.Intervention, "On data flows", null, true);
        var added = await s.Queue.AddEntry(s.ModeratorId, "add-1", new FloorEntryDraft("Lin Wei", StakeholderGroup.Government, Region.AsiaPacific, null, FloorKind.Intervention, true));

        await fixture.Cluster.DeactivateAsync(s.Queue);

        var again = await s.Queue.RequestFloor(asker.ParticipantId, "req-1", FloorKind.PointOfOrder, "Changed my mind", null, false);
        Assert.Equal(
            (first.EntryId, FloorKind.Intervention, "On data flows", first.RequestedAt, 1, 2),
            (again.EntryId, again.Kind, again.Note, again.RequestedAt, again.Position, again.Waiting));
        Assert.Equal(added.EntryId, (await s.Queue.AddEntry(s.ModeratorId, "add-1", new FloorEntryDraft("Someone else", StakeholderGroup.PrivateSector, Region.Africa, null, FloorKind.Intervention, true))).EntryId);
        await Refused(() => s.Queue.RequestFloor(asker.ParticipantId, "req-2", FloorKind.Intervention, null, null, true), ForumErrorKind.Conflict);
        Assert.Equal(2, (await s.Queue.GetView()).Waiting);

        // New entries go on from the last id given.
        var other = await s.Person(StakeholderGroup.PrivateSector);
        var next = await s.Request(other);
        Assert.Equal(Math.Max(first.EntryId, added.EntryId) + 1, next.EntryId);
    }

    [Fact]
    public async Task The_request_rate_limit_holds_across_a_new_activation()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.CivilSociety);
        for (var i = 0; i < FloorLimits.MaxRequestsPerWindow; i++)
        {
            var entry = await s.Request(asker);
            await s.Queue.WithdrawFloor(asker.ParticipantId, entry.EntryId);
        }

        await Refused(() => s.Request(asker), ForumErrorKind.TooManyRequests);

        await fixture.Cluster.DeactivateAsync(s.Queue);

        // Still within the minute: a sixth request is one too many, whichever activation takes it.
        var sixth = await Record.ExceptionAsync(() => s.Request(asker));
        Assert.True(
            sixth is ForumException { Kind: ForumErrorKind.TooManyRequests },
            $"A sixth request within the minute, after a new activation: {sixth?.Message ?? "accepted"}.");
        Assert.Null(await s.Queue.GetMine(asker.ParticipantId));
    }
}
