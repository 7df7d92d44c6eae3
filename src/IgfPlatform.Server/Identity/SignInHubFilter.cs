using IgfPlatform.Contracts.Identity;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Identity;

/// <summary>
/// Every call on a signed-in connection asks whether its sign-in still stands, so that a sign-out, a
/// replayed refresh token or an erasure stops the very next call, on any server.
/// </summary>
public sealed class SignInHubFilter(IGrainFactory grains) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var user = invocationContext.Context.User;
        if (user.ParticipantIdOrNull() is { } participantId
            && (TokenService.SignInOf(user) is not { } signInId || !await grains.GetGrain<IParticipantGrain>(participantId).AcceptsToken(signInId)))
        {
            invocationContext.Context.Abort();
            throw new HubException(TokenService.SignInAgain);
        }

        return await next(invocationContext);
    }
}
