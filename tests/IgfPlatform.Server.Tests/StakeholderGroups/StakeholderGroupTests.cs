using System.Net;
using System.Net.Http.Json;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.StakeholderGroups;

/// <summary>Stakeholder groups as the public reads them: members counted, and the floor shared across the forum.</summary>
[Collection(PlatformCollection.Name)]
public sealed class StakeholderGroupTests(PlatformFixture platform) : IAsyncLifetime
{
    private readonly List<ForumClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Task.WhenAll(_clients.Select(c => c.DisposeAsync().AsTask()));

    [Fact]
    public async Task The_groups_floor_shares_are_the_sums_of_the_ended_sessions_ledgers()
    {
        var before = await Groups();
        var sessions = new List<string>();
        var speakers = new[]
        {
            new[] { StakeholderGroup.Government, StakeholderGroup.CivilSociety, StakeholderGroup.CivilSociety },
            new[] { StakeholderGroup.PrivateSector, StakeholderGroup.CivilSociety },
            new[] { StakeholderGroup.TechnicalAcademic },
        };
        foreach (var line in speakers)
        {
            var (session, moderator) = await LiveSessions.StartWithNewModerator(platform.Server);
            _clients.Add(moderator);
            foreach (var group in line)
            {
                var person = await Participant(group);
                var entry = await person.RequestFloorAsync(session, $"g-{group}", FloorKind.Intervention);
                await moderator.GiveFloorAsync(session, entry.EntryId, "In the order the test gives");
            }

            await moderator.EndSessionAsync(session);
            sessions.Add(session);
        }

        var ledgers = await Task.WhenAll(sessions.Select(s => platform.Server.CreateApi().GetFloorFiguresAsync(s)));
        Assert.All(ledgers, l => Assert.NotNull(l.Speeches[^1].EndedAt));
        var after = await Groups();
        foreach (var group in Enum.GetValues<StakeholderGroup>().Select(g => JsonName(g)))
        {
            var expected = ledgers.Sum(l => l.Ledger.ByGroup.GetValueOrDefault(group)?.Milliseconds ?? 0);
            var speeches = ledgers.Sum(l => l.Ledger.ByGroup.GetValueOrDefault(group)?.Speeches ?? 0);
            Assert.Equal(expected, after[group].Milliseconds - before[group].Milliseconds);
            Assert.Equal(speeches, after[group].Speeches - before[group].Speeches);
        }

        Assert.Equal(before.Values.First().SessionsEnded + 3, after.Values.First().SessionsEnded);
        var total = after.Values.Sum(g => g.Milliseconds);
        Assert.All(after.Values, g => Assert.Equal(total == 0 ? 0 : (double)g.Milliseconds / total, g.FloorShare, 6));

        // A group's page lists the sessions where it spoke, with its share of each.
        var civil = await platform.Server.CreateApi().Http.GetFromJsonAsync<StakeholderGroupView>("api/stakeholder-groups/civilSociety", ForumJson.Options);
        var mine = civil!.Sessions.Where(s => sessions.Contains(s.SessionId)).ToList();
        Assert.Equal(2, mine.Count);
        var first = mine.Single(s => s.SessionId == sessions[0]);
        Assert.Equal(2, first.Speeches);
        Assert.Equal((double)ledgers[0].Ledger.ByGroup["civilSociety"].Milliseconds / ledgers[0].Ledger.Milliseconds, first.Share, 6);
    }

    [Fact]
    public async Task Members_are_counted_by_region_and_gender_and_an_unknown_group_is_404()
    {
        var before = (await Groups())["internationalOrganization"].Members;
        var api = platform.Server.CreateApi();
        await api.RegisterAsync(ForumFaker.Person() with { StakeholderGroup = StakeholderGroup.InternationalOrganization, Region = Region.EasternEurope, Gender = Gender.NonBinary });
        var after = (await Groups())["internationalOrganization"].Members;

        Assert.Equal(before.Total + 1, after.Total);
        Assert.Equal(before.ByRegion.GetValueOrDefault("easternEurope") + 1, after.ByRegion["easternEurope"]);
        Assert.Equal(before.ByGender.GetValueOrDefault("nonBinary") + 1, after.ByGender["nonBinary"]);

        var missing = await platform.Server.CreateApi().Http.GetAsync("api/stakeholder-groups/lobbyists");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private async Task<Dictionary<string, StakeholderGroupView>> Groups()
    {
        var list = await platform.Server.CreateApi().Http.GetFromJsonAsync<List<StakeholderGroupView>>("api/stakeholder-groups", ForumJson.Options);
        Assert.Equal(6, list!.Count);
        return list.ToDictionary(g => g.Group);
    }

    private async Task<ForumClient> Participant(StakeholderGroup group)
    {
        var api = platform.Server.CreateApi();
        await api.RegisterAsync(ForumFaker.Person() with { StakeholderGroup = group });
        var client = await platform.Server.ConnectAsync(api.AccessToken);
        _clients.Add(client);
        return client;
    }

    private static string JsonName(StakeholderGroup group) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(group.ToString());
}
