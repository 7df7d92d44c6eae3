using System.Security.Claims;
using IgfPlatform.Contracts.Vocabulary;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IgfPlatform.Server.Identity;

/// <summary>Who is calling, read from the token. Roles in the token are hints; grains decide.</summary>
public static class Caller
{
    public static string? ParticipantIdOrNull(this ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? user.FindFirstValue(JwtRegisteredClaimNames.Sub)
            : null;

    public static string ParticipantId(this ClaimsPrincipal? user) =>
        user.ParticipantIdOrNull() ?? throw ForumException.Unauthenticated("Sign in to do this.");
}
