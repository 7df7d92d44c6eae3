using System.Collections.Concurrent;
using System.Threading.Channels;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Server.Presence;
using IgfPlatform.Server.Security;
using IgfPlatform.Server.Telemetry;

namespace IgfPlatform.Server.Live;

/// <summary>
/// The one relay of this server: registered with every session that has followers here, it receives
/// each session's events once and hands them to the local SignalR group. <see cref="Deliver"/> only
/// queues, so the session's writer never waits on a client; one queue per session keeps the order.
/// </summary>
public sealed class SessionRelay : ISessionRelay
{
    private readonly FeedConnections _feeds;
    private readonly ParticipantConnections _connections;
    private readonly ILogger<SessionRelay> _logger;
    private readonly PlatformMetrics _metrics;
    private readonly ConcurrentDictionary<string, SessionOutbox> _outboxes = new(StringComparer.Ordinal);

    public SessionRelay(FeedConnections feeds, ParticipantConnections connections, PlatformMetrics metrics, ILogger<SessionRelay> logger)
    {
        _feeds = feeds;
        _connections = connections;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Events delivered to this server since it started (for metrics and tests).</summary>
    public long DeliveredEvents => Interlocked.Read(ref _deliveredEvents);

    private long _deliveredEvents;

    /// <summary>The SignalR group of a feed's followers on this server (a session id, or <c>topic:{slug}</c>).</summary>
    public static string GroupOf(string feedId) => FeedConnections.FeedGroupPrefix + feedId;

    public Task Deliver(EventBatch batch)
    {
        if (batch.SessionId == LiveFeeds.Accounts)
        {
            CloseSignedOut(batch);
            return Task.CompletedTask;
        }

        if (LiveFeeds.IsSession(batch.SessionId))
        {
            _metrics.Observe(batch);
        }

        var outbox = _outboxes.GetOrAdd(batch.SessionId, id => new SessionOutbox(id, this));
        outbox.Post(batch);
        Interlocked.Add(ref _deliveredEvents, batch.Events.Count);
        return Task.CompletedTask;
    }

    /// <summary>Stops the queue of a session nobody here follows any more.</summary>
    public void Forget(string sessionId)
    {
        if (_outboxes.TryRemove(sessionId, out var outbox))
        {
            outbox.Complete();
        }
    }

    // Ended sign-ins: their connections here close at once (a connection's later calls are refused anyway).
    private void CloseSignedOut(EventBatch batch)
    {
        foreach (var e in batch.Events)
        {
            if (e is { Type: LiveFeeds.SignedOutEvent, Data: SignedOut signedOut })
            {
                var closed = _connections.Close(signedOut.ParticipantId, signedOut.SignInId);
                _logger.LogInformation("Closed {Count} connections of an ended sign-in", closed);
            }
        }
    }

    private void Send(string sessionId, EventBatch batch)
    {
        try
        {
            object payload = LiveFeeds.IsSession(sessionId) ? batch
                : LiveFeeds.IsTopic(sessionId) ? new TopicEventBatch(LiveFeeds.TopicSlugOf(sessionId), batch.Epoch, batch.FromSeq, batch.ToSeq, batch.Events)
                : new ArchiveEventBatch(batch.Epoch, batch.FromSeq, batch.ToSeq, batch.Events);
            var method = LiveFeeds.IsSession(sessionId) ? ForumHub.EventsMethod
                : LiveFeeds.IsTopic(sessionId) ? ForumHub.TopicEventsMethod
                : ForumHub.ArchiveEventsMethod;

            // Never waits on a connection: a slow one gets the newest batch when it can take it, and resyncs.
            var connections = _feeds.Push(GroupOf(sessionId), method, payload);

            // Counted once per batch, never per connection.
            _metrics.Batch(sessionId, connections, batch.Events.Count);
        }
        catch (Exception ex)
        {
            // Clients that missed this batch see the gap in seq and resync.
            _logger.LogWarning(ex, "Could not push events {FromSeq}-{ToSeq} of session {SessionId}", batch.FromSeq, batch.ToSeq, sessionId);
        }
    }

    private sealed class SessionOutbox
    {
        private readonly Channel<EventBatch> _queue = Channel.CreateUnbounded<EventBatch>(new UnboundedChannelOptions { SingleReader = true });

        public SessionOutbox(string sessionId, SessionRelay relay)
        {
            _ = Task.Run(async () =>
            {
                await foreach (var batch in _queue.Reader.ReadAllAsync())
                {
                    relay.Send(sessionId, batch);
                }
            });
        }

        public void Post(EventBatch batch) => _queue.Writer.TryWrite(batch);

        public void Complete() => _queue.Writer.TryComplete();
    }
}

/// <summary>
/// Keeps this server's relay registered with the feeds (sessions and topics) its connections follow: registers on the
/// first follower, renews inside the lease, and unregisters when the last follower leaves.
/// </summary>
public sealed class RelayRegistrar : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly SessionRelay _relay;
    private readonly LocalFollowers _followers;
    private readonly ILogger<RelayRegistrar> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _attached = new(StringComparer.Ordinal);
    private ISessionRelay? _reference;

    public RelayRegistrar(IGrainFactory grains, SessionRelay relay, LocalFollowers followers, ILocalSiloDetails silo, ILogger<RelayRegistrar> logger)
    {
        _grains = grains;
        _relay = relay;
        _followers = followers;
        _logger = logger;
        ServerId = silo.SiloAddress.ToParsableString();
    }

    /// <summary>This server's identity in the cluster.</summary>
    public string ServerId { get; }

    private ISessionRelay Reference => _reference ??= _grains.CreateObjectReference<ISessionRelay>(_relay);

    /// <summary>Records a follower and makes sure the session delivers here before returning.</summary>
    public async Task Follow(string sessionId, Follower follower)
    {
        _followers.Add(sessionId, follower);
        var attach = _attached.GetOrAdd(sessionId, id => new Lazy<Task>(() => Attach(id)));
        try
        {
            await attach.Value;
        }
        catch
        {
            _attached.TryRemove(KeyValuePair.Create(sessionId, attach));
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await AttachAccounts();
        using var timer = new PeriodicTimer(LiveLimits.RelayRenewal);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await AttachAccounts();
            await Renew();
        }
    }

    // Every server hears every ended sign-in, whoever follows what.
    private async Task AttachAccounts()
    {
        try
        {
            await Attach(LiveFeeds.Accounts);
            _attached.TryAdd(LiveFeeds.Accounts, new Lazy<Task>(Task.CompletedTask));
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not listen for ended sign-ins");
        }
    }

    /// <summary>Renews the registrations of followed sessions and drops the rest.</summary>
    public async Task Renew()
    {
        foreach (var sessionId in _followers.Sessions.Concat(_attached.Keys).Distinct(StringComparer.Ordinal).ToList())
        {
            try
            {
                if (sessionId == LiveFeeds.Accounts)
                {
                    continue;
                }

                if (_followers.HasFollowers(sessionId))
                {
                    await Attach(sessionId);
                }
                else if (_followers.TryForget(sessionId))
                {
                    _attached.TryRemove(sessionId, out _);
                    _relay.Forget(sessionId);
                    await Feed(sessionId).DetachRelay(ServerId);
                    if (_followers.HasFollowers(sessionId))
                    {
                        // Someone followed the session while it was being dropped: register again.
                        await Attach(sessionId);
                    }
                }
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not renew the relay for session {SessionId}", sessionId);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A graceful stop tells the sessions at once instead of letting the lease run out.
        await Task.WhenAll(_attached.Keys.Select(async id =>
        {
            try
            {
                await Feed(id).DetachRelay(ServerId);
            }
            catch (Exception ex)
            {
                _logger.LogDebug(ex, "Could not detach from session {SessionId} while stopping", id);
            }
        }));
    }

    private Task Attach(string feedId) => Feed(feedId).AttachRelay(ServerId, Reference);

    private ILiveFeedGrain Feed(string feedId) => LiveFeeds.IsSession(feedId)
        ? _grains.GetGrain<ISessionGrain>(feedId)
        : _grains.GetGrain<IFeedGrain>(feedId);
}
