using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Presence;

/// <summary>A platform whose hub notices a silent connection within seconds, for presence tests.</summary>
public sealed class QuickTimeoutPlatform : SingleServerFixture
{
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(3);

    /// <summary>What this platform's clients send to say they are there (a third of the timeout).</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(1);

    protected override PlatformServerOptions Options => new()
    {
        SeedDemoData = true,
        Settings = new Dictionary<string, string>
        {
            ["Live__KeepAliveInterval"] = "00:00:01",
            ["Live__ClientTimeout"] = ClientTimeout.ToString(),
        },
    };
}

public sealed class PresenceTests(QuickTimeoutPlatform platform) : IClassFixture<QuickTimeoutPlatform>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Hundreds_of_followers_converge_on_the_agenda_and_are_counted_right_through_leaves_and_drops()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var observer = await moderator.JoinSessionAsync(session);

        // 160 registered participants of every group and region, 40 anonymous followers: 200 connections,
        // plus the moderator. A fifth of them go through a proxy that will cut them, another fifth through
        // one that will go silent.
        const int Registered = 160;
        const int Anonymous = 40;
        // Registered a few at a time: what is under test is presence, not a burst of password hashing on
        // two cores (a join storm is the load generator's to measure).
        var people = new (Registration Person, string Token)[Registered];
        await Parallel.ForEachAsync(Enumerable.Range(0, Registered), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var api = platform.Server.CreateApi();
            var person = ForumFaker.Person();
            await api.RegisterAsync(person, ct);
            people[i] = (person, api.AccessToken!);
        });
        await using var cut = new LoopbackProxy(platform.Server.BaseUri.Port);
        await using var silent = new LoopbackProxy(platform.Server.BaseUri.Port);
        var clients = new List<(ForumClient Client, Registration? Person, string Path)>();
        try
        {
            for (var i = 0; i < Registered + Anonymous; i++)
            {
                var path = (i % 5) switch { 0 => "cut", 1 => "silent", _ => "direct" };
                var baseUri = path switch { "cut" => cut.BaseUri, "silent" => silent.BaseUri, _ => platform.Server.BaseUri };
                var token = i < Registered ? people[i].Token : null;
                var client = new ForumClient(baseUri, new ForumClientOptions
                {
                    AccessTokenProvider = () => Task.FromResult(token),
                    // Dropped clients stay away for this test: no reconnect.
                    ReconnectDelays = [],

                    // Inside this platform's short client timeout, however long a phase of the test takes.
                    KeepAliveInterval = QuickTimeoutPlatform.KeepAlive,
                });
                clients.Add((client, i < Registered ? people[i].Person : null, path));
            }

            await Task.WhenAll(clients.Select(c => c.Client.StartAsync()));
            var views = await Task.WhenAll(clients.Select(c => c.Client.JoinSessionAsync(session)));
            await observer.WaitUntilAsync(v => v.Presence.Total == Registered + Anonymous + 1, Patience);
            AssertCounts(observer.Presence, clients.Select(c => c.Person), moderatorCounted: true);

            // Every follower sees every change, in order, and all end with the same agenda.
            for (var round = 0; round < 10; round++)
            {
                await moderator.AddAgendaItemAsync(session, ForumFaker.Item());
            }

            var agenda = (await moderator.ResyncAsync(session, 0, 0)).Snapshot!.Agenda.Select(a => a.Id).ToList();
            await Task.WhenAll(views.Select(v => v.WaitUntilAsync(s => s.Agenda.Select(a => a.Id).SequenceEqual(agenda), Patience)));
            Assert.All(views, v => Assert.Equal(0, v.GapsDetected));

            // Some leave, some lose their network abruptly, some silently: presence follows.
            var leaving = clients.Where(c => c.Path == "direct").Take(30).ToList();
            await Task.WhenAll(leaving.Select(c => c.Client.LeaveSessionAsync(session)));
            cut.DropAll();
            silent.Freeze();
            var staying = clients.Where(c => c.Path == "direct").Skip(30).ToList();
            var expected = staying.Count + 1;
            await observer.WaitUntilAsync(v => v.Presence.Total == expected, Patience);
            AssertCounts(observer.Presence, staying.Select(c => c.Person), moderatorCounted: true);
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.Client.DisposeAsync().AsTask()));
        }

        // Once everyone is gone, only the moderator is counted.
        await observer.WaitUntilAsync(v => v.Presence.Total == 1, Patience);
    }

    /// <summary>Clients of this platform say they are there well inside its short client timeout.</summary>
    private static void KeepingAlive(ForumClientOptions options) => options.KeepAliveInterval = QuickTimeoutPlatform.KeepAlive;

    [Fact]
    public async Task A_participant_in_the_room_is_counted_in_the_room()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var observer = await moderator.JoinSessionAsync(session);
        var api = platform.Server.CreateApi();
        await api.RegisterAsync(ForumFaker.Person() with { StakeholderGroup = StakeholderGroup.Government });
        await using var participant = await platform.Server.ConnectAsync(api.AccessToken, KeepingAlive);
        await participant.JoinSessionAsync(session);
        await using var anonymous = await platform.Server.ConnectAsync(null, KeepingAlive);
        await anonymous.JoinSessionAsync(session);

        await observer.WaitUntilAsync(v => v.Presence.Total == 3, Patience);
        Assert.Equal(0, observer.Presence.InRoom);
        await participant.SetAttendanceAsync(session, inRoom: true);
        await observer.WaitUntilAsync(v => v.Presence.InRoom == 1, Patience);
        Assert.Equal(2, observer.Presence.Remote);
        Assert.Equal(1, observer.Presence.Anonymous);

        // Anonymous followers cannot say they are in the room; followers must have joined first.
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => anonymous.SetAttendanceAsync(session, true));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => participant.SetAttendanceAsync("main-session-critical-internet-resources", true));
    }

    private static void AssertCounts(PresenceCounts presence, IEnumerable<Registration?> followers, bool moderatorCounted)
    {
        var people = followers.ToList();
        var registered = people.OfType<Registration>().ToList();
        var extra = moderatorCounted ? 1 : 0;
        Assert.Equal(people.Count + extra, presence.Total);
        Assert.Equal(registered.Count + extra, presence.Registered);
        Assert.Equal(people.Count - registered.Count, presence.Anonymous);
        foreach (var group in Enum.GetValues<StakeholderGroup>())
        {
            var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(group.ToString());
            var expected = registered.Count(p => p.StakeholderGroup == group);
            // The moderator is one more registered person, of whatever group they declared.
            Assert.InRange(presence.ByGroup.GetValueOrDefault(name), expected, expected + extra);
        }

        Assert.Equal(registered.Count + extra, presence.ByGroup.Values.Sum());
        Assert.Equal(registered.Count + extra, presence.ByRegion.Values.Sum());
    }

    private async Task<(string Session, ForumClient Moderator)> NewLiveSession()
    {
        var organizer = platform.Server.CreateApi();
        await organizer.LoginAsync(PlatformFixture.OrganizerEmail, PlatformFixture.DemoPassword);
        var moderatorApi = platform.Server.CreateApi();
        await moderatorApi.RegisterAsync(ForumFaker.Person());
        var created = await organizer.CreateSessionAsync(ForumFaker.Session());
        await organizer.SetModeratorsAsync(created.Id, [(await moderatorApi.GetMeAsync()).ParticipantId]);
        await organizer.ScheduleSessionAsync(created.Id);
        var moderator = await platform.Server.ConnectAsync(moderatorApi.AccessToken, KeepingAlive);
        await moderator.StartSessionAsync(created.Id);
        await moderator.SetAgendaAsync(created.Id, [ForumFaker.Item(), ForumFaker.Item()]);
        return (created.Id, moderator);
    }
}
