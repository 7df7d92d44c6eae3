using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Server.Live;

namespace IgfPlatform.Server.Presence;

/// <summary>
/// Reports this server's follower counts to each session: the changes, at most every
/// <see cref="PresenceLimits.ReportInterval"/>, and every session's counts each
/// <see cref="PresenceLimits.Heartbeat"/>, so that the session can expire a server that goes silent.
/// </summary>
public sealed class PresenceReporter(LocalFollowers followers, RelayRegistrar relay, IGrainFactory grains, TimeProvider time, ILogger<PresenceReporter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextHeartbeat = time.GetUtcNow() + PresenceLimits.Heartbeat;
        using var timer = new PeriodicTimer(PresenceLimits.ReportInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var heartbeat = time.GetUtcNow() >= nextHeartbeat;
            if (heartbeat)
            {
                nextHeartbeat = time.GetUtcNow() + PresenceLimits.Heartbeat;
            }

            // Followers of a topic or of the archive are not a session's audience: only sessions count presence.
            await Task.WhenAll(followers.TakeChanged(all: heartbeat).Where(c => LiveFeeds.IsSession(c.SessionId)).Select(c => Report(c.SessionId, c.Counts)));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A graceful stop takes this server's followers out of the counts at once.
        var empty = PresenceCounts.Empty;
        await Task.WhenAll(followers.Sessions.Where(LiveFeeds.IsSession).ToList().Select(id => Report(id, empty)));
    }

    private async Task Report(string sessionId, PresenceCounts counts)
    {
        try
        {
            await grains.GetGrain<ISessionGrain>(sessionId).ReportPresence(relay.ServerId, counts);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report presence for session {SessionId}", sessionId);
        }
    }
}
