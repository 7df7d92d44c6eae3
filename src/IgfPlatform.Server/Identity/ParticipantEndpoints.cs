using System.Security.Claims;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IgfPlatform.Server.Identity;

/// <summary>What an organizer sees of a person when assigning roles: no e-mail, no gender, no country.</summary>
public sealed record ParticipantSummary(
    string ParticipantId,
    string DisplayName,
    StakeholderGroup StakeholderGroup,
    Region Region,
    string? Organization);

/// <summary>Finding people to assign as moderators (organizers only).</summary>
public static class ParticipantEndpoints
{
    public static IEndpointRouteBuilder MapParticipants(this IEndpointRouteBuilder app)
    {
        var participants = app.MapGroup("/api/participants").WithTags("Identity").RequireAuthorization();

        participants.MapGet("/", async Task<Ok<ParticipantSummary>> (string? email, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await RequireOrganizer(user, grains);
            if (string.IsNullOrWhiteSpace(email) || email.Length > IdentityLimits.MaxEmailLength)
            {
                throw ForumException.Invalid("email", "Give the e-mail address the person registered with.");
            }

            var credentials = await grains.GetGrain<IAccountGrain>(AccountService.NormalizeEmail(email)).GetCredentials();
            return TypedResults.Ok(await Summary(credentials?.ParticipantId, grains));
        }).WithSummary("Find a registered person by e-mail address (organizers).");

        participants.MapGet("/{participantId}", async Task<Ok<ParticipantSummary>> (string participantId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await RequireOrganizer(user, grains);
            return TypedResults.Ok(await Summary(participantId, grains));
        }).WithSummary("A registered person's name, group and region (organizers).");

        return app;
    }

    private static async Task RequireOrganizer(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!await grains.GetGrain<IParticipantGrain>(user.ParticipantId()).IsOrganizer())
        {
            throw ForumException.Forbidden("Only organizers can look people up.");
        }
    }

    private static async Task<ParticipantSummary> Summary(string? participantId, IGrainFactory grains)
    {
        var profile = string.IsNullOrEmpty(participantId) || participantId.Length > 64
            ? null
            : await grains.GetGrain<IParticipantGrain>(participantId).GetProfile();
        return profile is null
            ? throw ForumException.NotFound("Nobody is registered with this address or id.")
            : new ParticipantSummary(profile.ParticipantId, profile.DisplayName, profile.StakeholderGroup, profile.Region, profile.Organization);
    }
}
