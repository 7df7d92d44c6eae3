using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary><see cref="ISessionGrain.GetRoleClashes"/>: a moderator committed to two sessions at once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoleClashTests(ClusterFixture fixture)
{
    /// <summary>A day of the forum, far enough ahead that every session can still be scheduled.</summary>
    private static readonly DateTimeOffset Day = new(DateTimeOffset.UtcNow.Year + 1, 11, 10, 0, 0, 0, TimeSpan.Zero);

    private readonly IGrainFactory _grains = fixture.Grains;

    private static DateTimeOffset At(int hour, int minute = 0) => Day.AddHours(hour).AddMinutes(minute);

    private Task<SessionScenario> Session(DateTimeOffset startsAt, int durationMinutes) =>
        SessionScenario.Create(_grains, SessionStatus.Scheduled, agendaItems: 1, draft: Forum.Draft(startsAt: startsAt, durationMinutes: durationMinutes));

    /// <summary>Two sessions whose moderators are their own, and the first's moderator also moderates the second.</summary>
    private async Task<(SessionScenario A, SessionScenario B)> SharedModerator(
        DateTimeOffset aStarts, int aMinutes, DateTimeOffset bStarts, int bMinutes)
    {
        var a = await Session(aStarts, aMinutes);
        var b = await Session(bStarts, bMinutes);
        await b.Grain.SetModerators(b.OrganizerId, [b.ModeratorId, a.ModeratorId]);
        return (a, b);
    }

    private static async Task<string> Title(SessionScenario s) => (await s.Grain.GetDetails())!.Title;

    [Fact]
    public async Task A_moderator_of_two_overlapping_sessions_is_a_clash_on_each()
    {
        var (a, b) = await SharedModerator(At(9), 90, At(10), 60);
        var person = a.Moderator;

        var onA = Assert.Single(await a.Grain.GetRoleClashes(a.OrganizerId));
        var onB = Assert.Single(await b.Grain.GetRoleClashes(b.OrganizerId));

        Assert.Equal(
            (person.ParticipantId, person.DisplayName, b.SessionId, await Title(b), At(10), At(11)),
            (onA.ParticipantId, onA.DisplayName, onA.OtherSessionId, onA.OtherSessionTitle, onA.OtherStartsAt, onA.OtherEndsAt));
        Assert.Contains(person.DisplayName, onA.Message, StringComparison.Ordinal);
        Assert.Contains(await Title(b), onA.Message, StringComparison.Ordinal);
        Assert.Equal(
            (person.ParticipantId, person.DisplayName, a.SessionId, await Title(a), At(9), At(10, 30)),
            (onB.ParticipantId, onB.DisplayName, onB.OtherSessionId, onB.OtherSessionTitle, onB.OtherStartsAt, onB.OtherEndsAt));
        Assert.Contains(await Title(a), onB.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await Title(b), onB.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_that_do_not_overlap_do_not_clash_until_one_moves_onto_the_other()
    {
        // Back to back: the first ends as the second starts.
        var (a, b) = await SharedModerator(At(9), 90, At(10, 30), 60);
        Assert.Empty(await a.Grain.GetRoleClashes(a.OrganizerId));
        Assert.Empty(await b.Grain.GetRoleClashes(b.OrganizerId));

        var moved = Forum.Draft(startsAt: At(10, 29), durationMinutes: 60);
        await b.Grain.Update(b.OrganizerId, moved);

        var onA = Assert.Single(await a.Grain.GetRoleClashes(a.OrganizerId));
        Assert.Equal((b.SessionId, moved.Title, At(10, 29), At(11, 29)), (onA.OtherSessionId, onA.OtherSessionTitle, onA.OtherStartsAt, onA.OtherEndsAt));
        Assert.Equal(a.SessionId, Assert.Single(await b.Grain.GetRoleClashes(b.OrganizerId)).OtherSessionId);

        // Moved away again, the clash is gone.
        await b.Grain.Update(b.OrganizerId, moved with { StartsAt = At(14) });
        Assert.Empty(await a.Grain.GetRoleClashes(a.OrganizerId));
        Assert.Empty(await b.Grain.GetRoleClashes(b.OrganizerId));
    }

    [Fact]
    public async Task Removing_the_person_from_one_session_clears_the_clash()
    {
        var (a, b) = await SharedModerator(At(9), 90, At(9, 30), 90);
        Assert.Single(await a.Grain.GetRoleClashes(a.OrganizerId));

        await b.Grain.SetModerators(b.OrganizerId, [b.ModeratorId]);

        Assert.Empty(await a.Grain.GetRoleClashes(a.OrganizerId));
        Assert.Empty(await b.Grain.GetRoleClashes(b.OrganizerId));
        var moderations = await _grains.GetGrain<IParticipantGrain>(a.ModeratorId).GetModerations();
        Assert.Equal([a.SessionId], moderations.Select(m => m.SessionId));
    }

    [Fact]
    public async Task A_live_session_still_clashes_and_an_ended_one_no_longer_does()
    {
        var (a, b) = await SharedModerator(At(9), 90, At(10), 60);
        await b.Grain.Start(b.ModeratorId);
        Assert.Equal(b.SessionId, Assert.Single(await a.Grain.GetRoleClashes(a.OrganizerId)).OtherSessionId);

        await b.Grain.End(b.ModeratorId);

        Assert.Empty(await a.Grain.GetRoleClashes(a.OrganizerId));
        var moderation = Assert.Single(await _grains.GetGrain<IParticipantGrain>(a.ModeratorId).GetModerations(), m => m.SessionId == b.SessionId);
        Assert.Equal(SessionStatus.Ended, moderation.Status);
    }

    /// <summary>
    /// Bug: the clash is cleared only on the session that did not end. Asked about the ended session,
    /// <c>SessionGrain.GetRoleClashes</c> still warns that its moderator "also moderates" the other session
    /// "at the same time as this session": it checks the other session's status, never its own.
    /// </summary>
    [Fact]
    public async Task An_ended_session_has_no_clash_with_the_one_still_to_come()
    {
        var (a, b) = await SharedModerator(At(9), 90, At(10), 60);
        await b.Grain.Start(b.ModeratorId);
        await b.Grain.End(b.ModeratorId);

        Assert.Empty(await b.Grain.GetRoleClashes(b.OrganizerId));
        Assert.Empty(await a.Grain.GetRoleClashes(a.OrganizerId));
    }

    [Fact]
    public async Task Only_organizers_may_ask()
    {
        var (a, _) = await SharedModerator(At(9), 90, At(10), 60);
        var stranger = await Forum.Register(_grains);

        var forbidden = await Assert.ThrowsAsync<ForumException>(() => a.Grain.GetRoleClashes(a.ModeratorId));
        var strangerRefused = await Assert.ThrowsAsync<ForumException>(() => a.Grain.GetRoleClashes(stranger.ParticipantId));
        var anonymous = await Assert.ThrowsAsync<ForumException>(() => a.Grain.GetRoleClashes(string.Empty));

        Assert.Equal(ForumErrorKind.Forbidden, forbidden.Kind);
        Assert.Equal(ForumErrorKind.Forbidden, strangerRefused.Kind);
        Assert.Equal(ForumErrorKind.Unauthenticated, anonymous.Kind);
        Assert.Single(await a.Grain.GetRoleClashes(a.OrganizerId));
    }

    [Fact]
    public async Task A_session_without_clashes_lists_none_and_an_unknown_session_is_not_found()
    {
        var a = await Session(At(9), 90);
        var unknown = _grains.GetGrain<ISessionGrain>(Forum.NewId("s"));

        Assert.Empty(await a.Grain.GetRoleClashes(a.OrganizerId));
        var ex = await Assert.ThrowsAsync<ForumException>(() => unknown.GetRoleClashes(a.OrganizerId));
        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
    }
}
