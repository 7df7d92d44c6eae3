using System.Collections.Frozen;
using System.Diagnostics;
using System.Reflection;
using IgfPlatform.Server.Audit;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Live;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Telemetry;

/// <summary>
/// The outermost hub filter: times each participant's or moderator's action until it is acknowledged
/// (its grain call stored, or refused), and counts connections. A clock read and a counter per call.
/// </summary>
public sealed class HubMetricsFilter(PlatformMetrics metrics) : IHubFilter
{
    /// <summary>Participants' actions, and every moderator or organizer action (those the audit log keeps).</summary>
    public static readonly FrozenSet<string> Measured = new[]
        {
            nameof(ForumHub.AskQuestion), nameof(ForumHub.Upvote), nameof(ForumHub.RemoveUpvote),
            nameof(ForumHub.RequestFloor), nameof(ForumHub.RequestFloorForHub), nameof(ForumHub.WithdrawFloor),
        }
        .Concat(typeof(ForumHub).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<AuditedAttribute>() is not null)
            .Select(m => m.Name))
        .ToFrozenSet(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        if (!Measured.Contains(method))
        {
            return await next(invocationContext);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await next(invocationContext);
            metrics.Acknowledged(method, "ok", Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (HubException ex)
        {
            metrics.Acknowledged(method, ex.Message == ForumHubFilter.Failed ? "failed" : "refused", Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch
        {
            metrics.Acknowledged(method, "failed", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        metrics.ConnectionOpened(context.Context.User.ParticipantIdOrNull() is not null);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            metrics.ConnectionClosed(context.Context.User.ParticipantIdOrNull() is not null);
        }
    }
}
