using IgfPlatform.Contracts.Agenda;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Tests.Security;

/// <summary>Roles take effect at once: a moderator removed from a session cannot act on their next call, on a connection already open.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RoleChangeTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_moderator_removed_from_a_session_is_refused_on_the_next_call_of_their_open_connection()
    {
        var (session, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(platform.Server);
        await using var moderator = await platform.Server.ConnectAsync(moderatorApi.AccessToken);
        await moderator.StartSessionAsync(session);
        await moderator.AddAgendaItemAsync(session, new AgendaItem("first", "Opening", 5, []));

        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        await organizer.SetModeratorsAsync(session, []);

        // The same connection, the same token that still says nothing new: refused, and nothing changed.
        await Assert.ThrowsAsync<HubException>(() => moderator.AddAgendaItemAsync(session, new AgendaItem("second", "After removal", 5, [])));
        await Assert.ThrowsAsync<HubException>(() => moderator.SetQueueOpenAsync(session, false));
        var agenda = await platform.Server.CreateApi().GetAgendaAsync(session);
        Assert.Equal(["first"], agenda.Select(i => i.Id));

        // Given back, at once too.
        await organizer.SetModeratorsAsync(session, [(await moderatorApi.GetMeAsync()).ParticipantId]);
        await moderator.AddAgendaItemAsync(session, new AgendaItem("second", "After return", 5, []));
    }
}
