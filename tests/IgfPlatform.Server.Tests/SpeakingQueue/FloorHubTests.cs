using System.Net;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.Server.Tests.SpeakingQueue;

/// <summary>The speaking queue through real hub connections, as participants and moderators use it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class FloorHubTests(PlatformFixture platform) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<ForumClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Task.WhenAll(_clients.Select(c => c.DisposeAsync().AsTask()));

    [Fact]
    public async Task Participants_see_their_position_the_moderator_follows_the_suggestion_and_everyone_sees_the_speaker()
    {
        var (session, moderator) = await NewLiveSession();
        var government = await Participant(StakeholderGroup.Government, Region.WesternEuropeOthers, Gender.Male);
        var civil = await Participant(StakeholderGroup.CivilSociety, Region.Africa, Gender.Female);
        var business = await Participant(StakeholderGroup.PrivateSector, Region.AsiaPacific, Gender.Female);
        var watcher = await (await Anonymous()).JoinSessionAsync(session);
        var views = new Dictionary<ForumClient, LiveSession>();
        foreach (var p in new[] { government, civil, business })
        {
            views[p] = await p.JoinSessionAsync(session);
        }

        var gov1 = await government.RequestFloorAsync(session, "g-1", FloorKind.Intervention, "On the root zone");
        Assert.Equal(1, gov1.Position);

        // Government speaks first (the only one waiting), then the line is civil society and private sector.
        var suggestion = await moderator.SuggestNextSpeakerAsync(session);
        Assert.NotNull(suggestion);
        Assert.Equal(gov1.EntryId, suggestion.Entry.EntryId);
        var speech = await moderator.GiveFloorAsync(session, gov1.EntryId);
        Assert.Equal(FloorLimits.DefaultAllottedSeconds, speech.AllottedSeconds);
        await views[government].WaitUntilAsync(s => s.MyFloorEntry is { Speaking: true }, Patience);
        await watcher.WaitUntilAsync(s => s.Floor?.Current?.EntryId == gov1.EntryId, Patience);
        Assert.Equal(StakeholderGroup.Government, watcher.Floor!.Current!.Group);

        var civ = await civil.RequestFloorAsync(session, "c-1", FloorKind.Intervention);
        var biz = await business.RequestFloorAsync(session, "b-1", FloorKind.Intervention);
        await views[civil].WaitUntilAsync(s => s.MyFloorEntry?.Position == 1, Patience);
        await views[business].WaitUntilAsync(s => s.MyFloorEntry?.Position == 2, Patience);
        await watcher.WaitUntilAsync(s => s.Floor?.Order.SequenceEqual([civ.EntryId, biz.EntryId]) == true, Patience);
        Assert.All(watcher.Floor!.Head, e => Assert.Contains(e.EntryId, new[] { civ.EntryId, biz.EntryId }));

        // Government has had the floor: of the two waiting, the first to ask (civil society) is suggested, with reasons in words.
        suggestion = await moderator.SuggestNextSpeakerAsync(session);
        Assert.Equal(civ.EntryId, suggestion!.Entry.EntryId);
        Assert.Equal("balance", suggestion.Rule);
        Assert.Contains(suggestion.Reasons, r => r.Text.StartsWith("Civil society: 0 % of floor time", StringComparison.Ordinal));
        var queue = await moderator.GetFloorQueueAsync(session);
        Assert.Equal([(civ.EntryId, 1, StakeholderGroup.CivilSociety), (biz.EntryId, 2, StakeholderGroup.PrivateSector)],
            queue.Select(e => (e.EntryId, e.Position, e.Group)));
        Assert.All(queue, e => Assert.False(string.IsNullOrEmpty(e.Name)));

        await moderator.GiveFloorAsync(session, civ.EntryId);
        await views[civil].WaitUntilAsync(s => s.MyFloorEntry is { Speaking: true }, Patience);
        await views[government].WaitUntilAsync(s => s.MyFloorEntry is null, Patience);
        await views[business].WaitUntilAsync(s => s.MyFloorEntry?.Position == 1, Patience);

        var ended = await moderator.EndSpeechAsync(session);
        Assert.NotNull(ended.EndedAt);
        await watcher.WaitUntilAsync(s => s.Floor is { Current: null, Ledger.Speeches: 2 }, Patience);
        var ledger = watcher.Floor!.Ledger;
        Assert.Equal(1, ledger.ByGroup["government"].Speeches);
        Assert.Equal(1, ledger.ByGroup["civilSociety"].Speeches);
        Assert.Equal(ledger.Milliseconds, ledger.ByGroup.Values.Sum(s => s.Milliseconds));
        Assert.Empty(ledger.Overrides);
    }

    [Fact]
    public async Task Giving_the_floor_past_the_suggestion_needs_a_reason_which_is_kept_in_the_figures()
    {
        var (session, moderator) = await NewLiveSession();
        var first = await Participant(StakeholderGroup.TechnicalAcademic, Region.EasternEurope, Gender.NonBinary);
        var second = await Participant(StakeholderGroup.Government, Region.LatinAmericaCaribbean, Gender.Female);
        var a = await first.RequestFloorAsync(session, "a", FloorKind.Intervention);
        var b = await second.RequestFloorAsync(session, "b", FloorKind.Intervention);
        var suggested = (await moderator.SuggestNextSpeakerAsync(session))!.Entry.EntryId;
        var other = suggested == a.EntryId ? b.EntryId : a.EntryId;
        var before = await moderator.GetFloorAsync(session);

        var refused = await Assert.ThrowsAsync<HubException>(() => moderator.GiveFloorAsync(session, other));
        Assert.Contains("not the suggestion", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => moderator.GiveFloorAsync(session, other, "   "));
        var after = await moderator.GetFloorAsync(session);
        Assert.Null(after.Current);
        Assert.Equal(before.Order, after.Order);

        await moderator.GiveFloorAsync(session, other, "The speaker from the remote hub in Montevideo has been waiting since the last session");
        var figures = await platform.Server.CreateApi().GetFloorFiguresAsync(session);
        var kept = Assert.Single(figures.Ledger.Overrides);
        Assert.Equal("The speaker from the remote hub in Montevideo has been waiting since the last session", kept.Reason);
        Assert.Equal(suggested, kept.SuggestedEntryId);
        Assert.Equal(Assert.Single(figures.Speeches).EntryId, other);
    }

    [Fact]
    public async Task A_point_of_order_goes_first_and_a_reply_straight_after_the_speech_it_answers()
    {
        var (session, moderator) = await NewLiveSession();
        var speaker = await Participant(StakeholderGroup.CivilSociety, Region.Africa, Gender.Female);
        var waiting = await Participant(StakeholderGroup.PrivateSector, Region.AsiaPacific, Gender.Male);
        var replier = await Participant(StakeholderGroup.Government, Region.Africa, Gender.Female);
        var chair = await Participant(StakeholderGroup.InternationalOrganization, Region.EasternEurope, Gender.Male);

        var s = await speaker.RequestFloorAsync(session, "s", FloorKind.Intervention);
        await moderator.GiveFloorAsync(session, s.EntryId);
        var w = await waiting.RequestFloorAsync(session, "w", FloorKind.Intervention);
        var r = await replier.RequestFloorAsync(session, "r", FloorKind.Reply, "On the cost figures just given");
        var p = await chair.RequestFloorAsync(session, "p", FloorKind.PointOfOrder);

        var order = (await moderator.GetFloorAsync(session)).Order;
        Assert.Equal([p.EntryId, r.EntryId, w.EntryId], order);
        var suggestion = await moderator.SuggestNextSpeakerAsync(session);
        Assert.Equal(("pointOfOrder", p.EntryId), (suggestion!.Rule, suggestion.Entry.EntryId));
        await moderator.GiveFloorAsync(session, p.EntryId);
        suggestion = await moderator.SuggestNextSpeakerAsync(session);
        Assert.Equal(("reply", r.EntryId), (suggestion!.Rule, suggestion.Entry.EntryId));
        var first = (await platform.Server.CreateApi().GetFloorFiguresAsync(session)).Speeches[0];
        var reply = await moderator.GiveFloorAsync(session, r.EntryId);
        Assert.Equal(FloorLimits.DefaultReplySeconds, reply.AllottedSeconds);
        Assert.Equal(first.SpeechId, reply.RepliesTo);
        Assert.Equal([w.EntryId], (await moderator.GetFloorAsync(session)).Order);
    }

    [Fact]
    public async Task Bad_requests_get_clear_refusals_and_change_nothing()
    {
        var (session, moderator) = await NewLiveSession();
        var person = await Participant(StakeholderGroup.CivilSociety, Region.Africa, Gender.Female);
        var other = await Participant(StakeholderGroup.Government, Region.Africa, Gender.Male);
        var anonymous = await Anonymous();

        Assert.Contains("intervention, reply or pointOfOrder", (await Assert.ThrowsAsync<HubException>(() =>
            person.Connection.InvokeAsync<MyFloorEntry>("RequestFloor", session, "x-1", "filibuster", null))).Message, StringComparison.Ordinal);
        Assert.Contains("Sign in", (await Assert.ThrowsAsync<HubException>(() =>
            anonymous.RequestFloorAsync(session, "x-2", FloorKind.Intervention))).Message, StringComparison.Ordinal);
        Assert.Contains("note", (await Assert.ThrowsAsync<HubException>(() =>
            person.RequestFloorAsync(session, "x-3", FloorKind.Intervention, new string('n', FloorLimits.MaxNoteLength + 1)))).Message, StringComparison.Ordinal);
        Assert.Contains("no speech to reply to", (await Assert.ThrowsAsync<HubException>(() =>
            person.RequestFloorAsync(session, "x-4", FloorKind.Reply))).Message, StringComparison.Ordinal);
        Assert.Contains("headcount", (await Assert.ThrowsAsync<HubException>(() =>
            person.RequestFloorAsync(session, "x-5", FloorKind.Intervention, hub: new RemoteHub("Dakar hub", 0)))).Message, StringComparison.Ordinal);
        Assert.Equal(0, (await moderator.GetFloorAsync(session)).Waiting);

        var mine = await person.RequestFloorAsync(session, "ok", FloorKind.Intervention);
        Assert.Contains("already wait", (await Assert.ThrowsAsync<HubException>(() =>
            person.RequestFloorAsync(session, "ok-2", FloorKind.Intervention))).Message, StringComparison.Ordinal);
        Assert.Equal(mine, await person.RequestFloorAsync(session, "ok", FloorKind.Intervention));
        await Assert.ThrowsAsync<HubException>(() => other.WithdrawFloorAsync(session, mine.EntryId));
        await Assert.ThrowsAsync<HubException>(() => other.GiveFloorAsync(session, mine.EntryId));
        await Assert.ThrowsAsync<HubException>(() => other.SuggestNextSpeakerAsync(session));
        await Assert.ThrowsAsync<HubException>(() => other.GetFloorQueueAsync(session));
        await Assert.ThrowsAsync<HubException>(() => moderator.DismissFloorEntryAsync(session, mine.EntryId, ""));
        await Assert.ThrowsAsync<HubException>(() => moderator.GiveFloorAsync(session, 9_999));
        Assert.Equal([mine.EntryId], (await moderator.GetFloorAsync(session)).Order);

        await moderator.SetQueueOpenAsync(session, false);
        Assert.Contains("closed", (await Assert.ThrowsAsync<HubException>(() =>
            other.RequestFloorAsync(session, "late", FloorKind.Intervention))).Message, StringComparison.Ordinal);
        var added = await moderator.AddFloorEntryAsync(session, "room-1",
            new FloorEntryDraft("Delegate at microphone 3", StakeholderGroup.Government, Region.AsiaPacific, null, FloorKind.Intervention, InRoom: true));
        Assert.True(added.InRoom);
        Assert.Null(added.ParticipantId);
        await person.WithdrawFloorAsync(session, mine.EntryId);
        Assert.Equal([added.EntryId], (await moderator.GetFloorAsync(session)).Order);
    }

    [Fact]
    public async Task Organizers_set_targets_and_budgets_over_http_and_bad_settings_are_problem_details()
    {
        var (session, moderator) = await NewLiveSession();
        var organizer = platform.Server.CreateApi();
        await organizer.LoginAsync(PlatformFixture.OrganizerEmail, PlatformFixture.DemoPassword);

        var bad = await Assert.ThrowsAsync<ForumApiException>(() => organizer.SetFloorSettingsAsync(session,
            new FloorSettings(120, 60, new Dictionary<string, int> { ["government"] = 60, ["civilSociety"] = 60 })));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("targets", bad.Errors.Keys);
        var notOrganizer = await platform.NewParticipantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<ForumApiException>(() =>
            notOrganizer.SetFloorSettingsAsync(session, new FloorSettings(120, 60)))).Status);

        var set = await organizer.SetFloorSettingsAsync(session, new FloorSettings(
            120, 45, new Dictionary<string, int> { ["government"] = 20, ["civilSociety"] = 50, ["privateSector"] = 30 },
            new Dictionary<string, int> { ["privateSector"] = 10 }));
        Assert.Equal(50, set.Targets!["civilSociety"]);
        var view = await platform.Server.CreateApi().GetFloorAsync(session);
        Assert.Equal(0.5, view.Ledger.ByGroup["civilSociety"].Target);
        Assert.Equal(600_000, view.Ledger.ByGroup["privateSector"].BudgetMilliseconds);

        var person = await Participant(StakeholderGroup.Government, Region.Africa, Gender.Female);
        var entry = await person.RequestFloorAsync(session, "t-1", FloorKind.Intervention);
        Assert.Equal(120, (await moderator.GiveFloorAsync(session, entry.EntryId)).AllottedSeconds);
    }

    private Task<(string Session, ForumClient Moderator)> NewLiveSession() => Track(LiveSessions.StartWithNewModerator(platform.Server));

    private async Task<(string Session, ForumClient Moderator)> Track(Task<(string Session, ForumClient Moderator)> started)
    {
        var result = await started;
        _clients.Add(result.Moderator);
        return result;
    }

    private async Task<ForumClient> Participant(StakeholderGroup group, Region region, Gender gender)
    {
        var api = platform.Server.CreateApi();
        await api.RegisterAsync(ForumFaker.Person() with { StakeholderGroup = group, Region = region, Gender = gender });
        var client = await platform.Server.ConnectAsync(api.AccessToken);
        _clients.Add(client);
        return client;
    }

    private async Task<ForumClient> Anonymous()
    {
        var client = await platform.Server.ConnectAsync(null);
        _clients.Add(client);
        return client;
    }
}
