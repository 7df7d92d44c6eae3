using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Hosting;

public sealed class RestartTests
{
    [Fact]
    public async Task A_restarted_platform_keeps_what_people_changed_and_makes_no_second_demo()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var options = new PlatformServerOptions { SeedDemoData = true };

        var first = await PlatformServer.StartAsync(azurite.ConnectionString, options);
        string added;
        IReadOnlyList<string> calendar;
        try
        {
            var organizer = first.CreateApi();
            await organizer.LoginAsync(PlatformFixture.OrganizerEmail, PlatformFixture.DemoPassword);
            var created = await organizer.CreateSessionAsync(ForumFaker.Session());
            added = created.Id;

            var moderator = first.CreateApi();
            await moderator.LoginAsync(PlatformFixture.ModeratorEmail, PlatformFixture.DemoPassword);
            var agenda = await moderator.GetAgendaAsync(PlatformFixture.LiveSessionId);
            await moderator.PutAgendaAsync(PlatformFixture.LiveSessionId, [.. agenda.Skip(1)]);
            calendar = (await organizer.GetSessionsAsync()).Select(s => s.Id).ToList();
        }
        finally
        {
            await first.StopAsync();
            await first.DisposeAsync();
        }

        // Same storage, same settings, demo seeding still on: nothing is made twice, nothing lost.
        await using var second = await PlatformServer.StartAsync(azurite.ConnectionString, options);
        var again = second.CreateApi();
        await again.LoginAsync(PlatformFixture.OrganizerEmail, PlatformFixture.DemoPassword);
        var sessions = await again.GetSessionsAsync();
        Assert.Equal(calendar, sessions.Select(s => s.Id));
        Assert.Contains(sessions, s => s.Id == added && s.Status == SessionStatus.Draft);
        Assert.DoesNotContain(await again.GetAgendaAsync(PlatformFixture.LiveSessionId), i => i.Id == "item-1");
        Assert.Single(sessions, s => s.Status == SessionStatus.Live);

        // The same demo sign-ins still work: the accounts were not made again.
        var moderatorAgain = second.CreateApi();
        await moderatorAgain.LoginAsync(PlatformFixture.ModeratorEmail, PlatformFixture.DemoPassword);
        Assert.Equal("Amina Diallo", (await moderatorAgain.GetMeAsync()).DisplayName);
        await second.StopAsync();
    }
}
