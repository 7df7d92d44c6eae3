using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Identity;

[Collection(ClusterCollection.Name)]
public sealed class ParticipantGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_registered_participant_is_not_an_organizer_until_made_one()
    {
        var profile = await Forum.Register(_grains);
        var participant = _grains.GetGrain<IParticipantGrain>(profile.ParticipantId);
        Assert.False(await participant.IsOrganizer());

        var promoted = await participant.SetOrganizer(true);

        Assert.True(await participant.IsOrganizer());
        Assert.Equal([Roles.Organizer, Roles.Participant], promoted.Roles);
        Assert.Equal(Forum.Json(promoted), Forum.Json(await participant.GetProfile()));
    }

    [Fact]
    public async Task SetOrganizer_is_idempotent_and_can_be_withdrawn()
    {
        var profile = await Forum.Register(_grains, organizer: true);
        var participant = _grains.GetGrain<IParticipantGrain>(profile.ParticipantId);

        var again = await participant.SetOrganizer(true);
        Assert.Equal([Roles.Organizer, Roles.Participant], again.Roles);

        var withdrawn = await participant.SetOrganizer(false);

        Assert.False(await participant.IsOrganizer());
        Assert.Equal([Roles.Participant], withdrawn.Roles);
        Assert.Equal(profile.DisplayName, withdrawn.DisplayName);
    }

    [Fact]
    public async Task An_unknown_participant_is_not_found_and_not_an_organizer()
    {
        var participant = _grains.GetGrain<IParticipantGrain>(Forum.NewId("p"));

        Assert.Null(await participant.GetProfile());
        Assert.False(await participant.IsOrganizer());
        var ex = await Assert.ThrowsAsync<ForumException>(() => participant.SetOrganizer(true));
        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
        Assert.Null(await participant.GetProfile());
    }

    [Fact]
    public async Task Create_refuses_a_profile_of_someone_else()
    {
        var participant = _grains.GetGrain<IParticipantGrain>(Forum.NewId("p"));

        var ex = await Assert.ThrowsAsync<ForumException>(() => participant.Create(Forum.Profile()));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Contains("participantId", ex.Errors.Keys);
        Assert.Null(await participant.GetProfile());
    }

    [Fact]
    public async Task Create_answers_a_repeat_with_what_exists_and_refuses_another_address()
    {
        var profile = Forum.Profile();
        var participant = _grains.GetGrain<IParticipantGrain>(profile.ParticipantId);
        var created = await participant.Create(profile with { Roles = [Roles.Organizer] });

        var repeated = await participant.Create(profile with { DisplayName = "Someone Else" });
        var ex = await Assert.ThrowsAsync<ForumException>(() => participant.Create(profile with { Email = "other@test.igf.example" }));

        Assert.Equal(Forum.Json(created), Forum.Json(repeated));
        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Equal(Forum.Json(created), Forum.Json(await participant.GetProfile()));
    }

    [Fact]
    public async Task GetModerations_lists_the_sessions_a_person_moderates_with_their_times_in_order()
    {
        var person = await Forum.Register(_grains);
        var participant = _grains.GetGrain<IParticipantGrain>(person.ParticipantId);
        Assert.Empty(await participant.GetModerations());
        var day = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(30), TimeSpan.Zero);
        var afternoon = await SessionScenario.Create(_grains, SessionStatus.Scheduled, draft: Forum.Draft(startsAt: day.AddHours(15), durationMinutes: 60));
        var morning = await SessionScenario.Create(_grains, SessionStatus.Draft, draft: Forum.Draft(startsAt: day.AddHours(9), durationMinutes: 120));

        await afternoon.Grain.SetModerators(afternoon.OrganizerId, [afternoon.ModeratorId, person.ParticipantId]);
        await morning.Grain.SetModerators(morning.OrganizerId, [person.ParticipantId]);

        var moderations = await participant.GetModerations();
        Assert.Equal(
            [
                new Moderation(morning.SessionId, (await morning.Grain.GetDetails())!.Title, day.AddHours(9), day.AddHours(11), SessionStatus.Draft),
                new Moderation(afternoon.SessionId, (await afternoon.Grain.GetDetails())!.Title, day.AddHours(15), day.AddHours(16), SessionStatus.Scheduled),
            ],
            moderations);

        // The session keeps it in step: a new status, then the person no longer moderating.
        await morning.Grain.Schedule(morning.OrganizerId);
        Assert.Equal(SessionStatus.Scheduled, (await participant.GetModerations())[0].Status);
        await morning.Grain.SetModerators(morning.OrganizerId, [morning.ModeratorId]);
        Assert.Equal([afternoon.SessionId], (await participant.GetModerations()).Select(m => m.SessionId));
    }
}
