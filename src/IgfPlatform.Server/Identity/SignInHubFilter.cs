using IgfPlatform.Contracts.Identity;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Identity;

/// <summary>
/// Every call on a signed-in connection asks whether its sign-in still stands, so that a sign-out, a
/// replayed refresh token or an erasure stops the very next call, on any server.
/// </summary>
public sealed class SignInHubFilter(IGrainFactory grains, ILogger<SignInGate> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var user = invocationContext.Context.User;
        if (user.ParticipantIdOrNull() is { } participantId
            && (TokenService.SignInOf(user) is not { } signInId || !await SignInGate.Accepts(grains, participantId, signInId, logger)))
        {
            invocationContext.Context.Abort();
            throw new HubException(TokenService.SignInAgain);
        }

        return await next(invocationContext);
    }
}

/// <summary>Asks the participant grain whether a token's sign-in still stands.</summary>
public sealed class SignInGate
{
    /// <summary>
    /// While the cluster recovers from a lost server (seconds) the grain may not answer: the token's
    /// signature and expiry stand, so it is accepted rather than sign everyone out or fail the request;
    /// the call it serves meets the same cluster anyway.
    /// </summary>
    public static async Task<bool> Accepts(IGrainFactory grains, string participantId, string signInId, ILogger logger)
    {
        try
        {
            return await grains.GetGrain<IParticipantGrain>(participantId).AcceptsToken(signInId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not check a sign-in; its signed token is accepted meanwhile");
            return true;
        }
    }
}
