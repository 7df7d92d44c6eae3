using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests;

/// <summary>Sessions made for a test, through the HTTP API of one server (so their grains start there).</summary>
internal static class LiveSessions
{
    /// <summary>A new scheduled session whose moderator is a newly registered participant.</summary>
    public static async Task<(string Session, ForumApi Moderator)> ScheduleWithNewModerator(PlatformServer server)
    {
        var organizer = server.CreateApi();
        await organizer.LoginAsync(PlatformFixture.OrganizerEmail, PlatformFixture.DemoPassword);
        var moderator = server.CreateApi();
        await moderator.RegisterAsync(ForumFaker.Person());
        var created = await organizer.CreateSessionAsync(ForumFaker.Session());
        await organizer.SetModeratorsAsync(created.Id, [(await moderator.GetMeAsync()).ParticipantId]);
        await organizer.ScheduleSessionAsync(created.Id);
        return (created.Id, moderator);
    }

    /// <summary>The same, started, with its moderator connected to the hub.</summary>
    public static async Task<(string Session, ForumClient Moderator)> StartWithNewModerator(PlatformServer server)
    {
        var (session, moderatorApi) = await ScheduleWithNewModerator(server);
        var moderator = await server.ConnectAsync(moderatorApi.AccessToken);
        await moderator.StartSessionAsync(session);
        return (session, moderator);
    }
}
