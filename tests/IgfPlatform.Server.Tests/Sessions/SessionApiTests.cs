using System.Net;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Sessions;

[Collection(PlatformCollection.Name)]
public sealed class SessionApiTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_organizer_creates_schedules_and_assigns_moderators()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var moderator = await platform.NewParticipantAsync();
        var moderatorId = (await moderator.GetMeAsync()).ParticipantId;

        var created = await organizer.CreateSessionAsync(ForumFaker.Session(type: SessionType.Workshop));
        Assert.Equal(SessionStatus.Draft, created.Status);

        // A draft is the organizers' business: the public does not see it.
        var anonymous = platform.Server.CreateApi();
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<ForumApiException>(() => anonymous.GetSessionAsync(created.Id))).Status);
        Assert.DoesNotContain(await anonymous.GetSessionsAsync(), s => s.Id == created.Id);

        await organizer.SetModeratorsAsync(created.Id, [moderatorId]);
        var scheduled = await organizer.ScheduleSessionAsync(created.Id);
        Assert.Equal(SessionStatus.Scheduled, scheduled.Status);

        var seen = await anonymous.GetSessionAsync(created.Id);
        Assert.Equal([moderatorId], seen.Moderators);
        Assert.Contains(await anonymous.GetSessionsAsync($"?status=scheduled&type=workshop"), s => s.Id == created.Id);
        Assert.DoesNotContain(await anonymous.GetSessionsAsync("?status=live"), s => s.Id == created.Id);

        // Scheduling twice is refused with a reason.
        var again = await Assert.ThrowsAsync<ForumApiException>(() => organizer.ScheduleSessionAsync(created.Id));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already scheduled", again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_cannot_create_or_schedule_and_nothing_changes()
    {
        var participant = await platform.NewParticipantAsync();
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var before = (await organizer.GetSessionsAsync()).Count;

        var refused = await Assert.ThrowsAsync<ForumApiException>(() => participant.CreateSessionAsync(ForumFaker.Session()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

        var draft = await organizer.CreateSessionAsync(ForumFaker.Session());
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<ForumApiException>(() => participant.ScheduleSessionAsync(draft.Id))).Status);
        Assert.Equal(SessionStatus.Draft, (await organizer.GetSessionAsync(draft.Id)).Status);
        Assert.Equal(before + 1, (await organizer.GetSessionsAsync()).Count);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_stores_nothing()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var before = (await organizer.GetSessionsAsync()).Count;
        var bad = ForumFaker.Session() with { Title = new string('t', 201), DurationMinutes = 0, Topics = ["Not A Slug"] };

        var error = await Assert.ThrowsAsync<ForumApiException>(() => organizer.CreateSessionAsync(bad));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("title", error.Errors.Keys);
        Assert.Contains("durationMinutes", error.Errors.Keys);
        Assert.Contains("topics", error.Errors.Keys);
        Assert.Equal(before, (await organizer.GetSessionsAsync()).Count);
    }

    [Fact]
    public async Task The_agenda_is_public_and_only_moderators_replace_it()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var anonymous = platform.Server.CreateApi();
        var agenda = await anonymous.GetAgendaAsync(PlatformFixture.LiveSessionId);
        Assert.NotEmpty(agenda);

        // The organizer is not a moderator of the live demo session.
        var refused = await Assert.ThrowsAsync<ForumApiException>(() => organizer.PutAgendaAsync(PlatformFixture.LiveSessionId, [ForumFaker.Item()]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(agenda.Select(a => a.Id), (await anonymous.GetAgendaAsync(PlatformFixture.LiveSessionId)).Select(a => a.Id));
    }

    [Fact]
    public async Task Organizers_are_warned_when_a_moderator_is_booked_twice_at_the_same_time()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var busy = await platform.NewParticipantAsync();
        var busyId = (await busy.GetMeAsync()).ParticipantId;
        var at = DateTimeOffset.UtcNow.AddDays(7);
        var first = await organizer.CreateSessionAsync(ForumFaker.Session() with { StartsAt = at, DurationMinutes = 90 });
        var overlapping = await organizer.CreateSessionAsync(ForumFaker.Session() with { StartsAt = at.AddMinutes(60), DurationMinutes = 60 });
        var later = await organizer.CreateSessionAsync(ForumFaker.Session() with { StartsAt = at.AddHours(3), DurationMinutes = 60 });

        Assert.Empty((await organizer.SetModeratorsAsync(first.Id, [busyId])).Warnings);
        Assert.Empty((await organizer.SetModeratorsAsync(later.Id, [busyId])).Warnings);
        var clash = Assert.Single((await organizer.SetModeratorsAsync(overlapping.Id, [busyId])).Warnings);
        Assert.Equal(busyId, clash.ParticipantId);
        Assert.Equal(first.Id, clash.OtherSessionId);
        Assert.Contains(first.Title, clash.Message, StringComparison.Ordinal);
        Assert.Equal(overlapping.Id, Assert.Single(await organizer.GetWarningsAsync(first.Id)).OtherSessionId);

        // Moving the session away clears the warning on both sides; participants may not ask.
        await organizer.UpdateSessionAsync(overlapping.Id, new { startsAt = at.AddHours(5) });
        Assert.Empty(await organizer.GetWarningsAsync(first.Id));
        Assert.Empty(await organizer.GetWarningsAsync(overlapping.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<ForumApiException>(() => busy.GetWarningsAsync(first.Id))).Status);
    }

    [Fact]
    public async Task Refused_edits_leave_the_stored_session_as_it_was()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var participant = await platform.NewParticipantAsync();
        var created = await organizer.CreateSessionAsync(ForumFaker.Session());
        var before = await organizer.GetSessionAsync(created.Id);

        await Assert.ThrowsAsync<ForumApiException>(() => organizer.UpdateSessionAsync(created.Id, new { title = new string('x', 201) }));
        await Assert.ThrowsAsync<ForumApiException>(() => organizer.UpdateSessionAsync(created.Id, new { durationMinutes = 2 }));
        await Assert.ThrowsAsync<ForumApiException>(() => participant.UpdateSessionAsync(created.Id, new { title = "Taken over" }));
        await Assert.ThrowsAsync<ForumApiException>(() => organizer.SetModeratorsAsync(created.Id, ["p-nobody"]));
        await Assert.ThrowsAsync<ForumApiException>(() => participant.PutAgendaAsync(created.Id, [ForumFaker.Item()]));

        var after = await organizer.GetSessionAsync(created.Id);
        Assert.Equal(before.Title, after.Title);
        Assert.Equal(before.DurationMinutes, after.DurationMinutes);
        Assert.Equal(before.Moderators, after.Moderators);
        Assert.Empty(await organizer.GetAgendaAsync(created.Id));
    }
}
