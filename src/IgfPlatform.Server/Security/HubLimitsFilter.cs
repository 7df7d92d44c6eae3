using System.Collections.Concurrent;
using IgfPlatform.Server.Identity;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Security;

/// <summary>
/// Per-connection limits on the hub: a token bucket on calls (a refused call leaves the connection
/// usable) and a cap on one participant's connections at once (the one over the cap is closed).
/// </summary>
public sealed class HubLimitsFilter(SecuritySettings settings, ParticipantConnections connections, Telemetry.PlatformMetrics metrics, TimeProvider time) : IHubFilter
{
    public const string TooManyCalls = "Too many requests: slow down and try again in a moment.";

    private static readonly object BucketKey = new();
    private static readonly object CountedKey = new();

    public static string TooManyConnections(int max) =>
        $"Too many connections: you are already connected {max} times (close another tab or device and try again).";

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocationContext.Context.Items;
        if (items[BucketKey] is not TokenBucket bucket)
        {
            bucket = new TokenBucket(settings.HubCallBurst, settings.HubCallsPerSecond, time);
            items[BucketKey] = bucket;
        }

        if (!bucket.TryTake())
        {
            throw new HubException(TooManyCalls);
        }

        return next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        context.Context.Items[BucketKey] = new TokenBucket(settings.HubCallBurst, settings.HubCallsPerSecond, time);
        var participantId = context.Context.User.ParticipantIdOrNull();
        if (participantId is not null)
        {
            if (!connections.TryAdd(participantId, context.Context, settings.MaxConnectionsPerParticipant))
            {
                metrics.Refused("hub", "connection_cap");
                throw new HubException(TooManyConnections(settings.MaxConnectionsPerParticipant));
            }

            context.Context.Items[CountedKey] = participantId;
        }

        try
        {
            await next(context);
        }
        catch
        {
            Release(context.Context);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            Release(context.Context);
        }
    }

    private void Release(HubCallerContext context)
    {
        if (context.Items.Remove(CountedKey, out var id) && id is string participantId)
        {
            connections.Remove(participantId, context.ConnectionId);
        }
    }
}

/// <summary>
/// The hub connections each signed-in participant holds on this server: counted for the cap, and kept so
/// that ending a sign-in (sign-out, a stolen token, erasure) closes them.
/// </summary>
public sealed class ParticipantConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byParticipant = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int CountOf(string participantId) =>
        _byParticipant.TryGetValue(participantId, out var connections) ? connections.Count : 0;

    public bool TryAdd(string participantId, HubCallerContext connection, int max)
    {
        lock (_lock)
        {
            var connections = _byParticipant.GetOrAdd(participantId, _ => new(StringComparer.Ordinal));
            if (connections.Count >= max)
            {
                return false;
            }

            connections[connection.ConnectionId] = connection;
            return true;
        }
    }

    public void Remove(string participantId, string connectionId)
    {
        lock (_lock)
        {
            if (_byParticipant.TryGetValue(participantId, out var connections)
                && connections.TryRemove(connectionId, out _)
                && connections.IsEmpty)
            {
                _byParticipant.TryRemove(participantId, out _);
            }
        }
    }

    /// <summary>Closes the person's connections of one sign-in (every one when <paramref name="signInId"/> is null).</summary>
    public int Close(string participantId, string? signInId)
    {
        if (!_byParticipant.TryGetValue(participantId, out var connections))
        {
            return 0;
        }

        var closing = connections.Values.Where(c => signInId is null || TokenService.SignInOf(c.User) == signInId).ToList();
        foreach (var connection in closing)
        {
            connection.Abort();
        }

        return closing.Count;
    }
}

/// <summary>A token bucket read against the clock when used: no timers.</summary>
public sealed class TokenBucket(int capacity, double perSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = capacity;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(capacity, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
