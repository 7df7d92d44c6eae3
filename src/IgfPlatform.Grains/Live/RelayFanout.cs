using IgfPlatform.Contracts.Live;
using Microsoft.Extensions.Logging;

namespace IgfPlatform.Grains.Live;

/// <summary>
/// Delivers a session's events to the relay of every server that has followers of the session.
/// Each relay has its own cursor and at most one batch in flight, so every server receives the
/// events in order and a slow or dead server holds up nobody else. Runs on the grain's scheduler.
/// </summary>
public sealed class RelayFanout
{
    private readonly string _sessionId;
    private readonly EventLog _log;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);

    public RelayFanout(string sessionId, EventLog log, ILogger logger)
    {
        _sessionId = sessionId;
        _log = log;
        _logger = logger;
    }

    public int Count => _subscribers.Count;

    public IEnumerable<KeyValuePair<string, ISessionRelay>> Relays =>
        _subscribers.Select(s => KeyValuePair.Create(s.Key, s.Value.Relay));

    /// <summary>Registers or renews a server's relay. True when the server was not registered before.</summary>
    public bool Attach(string serverId, ISessionRelay relay, DateTimeOffset now)
    {
        if (_subscribers.TryGetValue(serverId, out var existing))
        {
            existing.Relay = relay;
            existing.ExpiresAt = now + LiveLimits.RelayLease;
            return false;
        }

        // A new relay receives what is recorded from now on; its followers got the snapshot.
        _subscribers[serverId] = new Subscriber(relay, _log.LastSeq, now + LiveLimits.RelayLease);
        return true;
    }

    public bool Detach(string serverId) => _subscribers.Remove(serverId);

    /// <summary>Drops relays whose lease ran out (their server stopped renewing, or died).</summary>
    public int DropExpired(DateTimeOffset now)
    {
        var expired = _subscribers.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList();
        foreach (var serverId in expired)
        {
            _subscribers.Remove(serverId);
            _logger.LogInformation("Relay of server {ServerId} expired for session {SessionId}", serverId, _sessionId);
        }

        return expired.Count;
    }

    /// <summary>Starts delivery to every relay that is behind and not already sending.</summary>
    public void Publish()
    {
        foreach (var (serverId, subscriber) in _subscribers)
        {
            if (!subscriber.Sending && subscriber.SentSeq < _log.LastSeq)
            {
                subscriber.Sending = true;
                _ = PumpAsync(serverId, subscriber);
            }
        }
    }

    private async Task PumpAsync(string serverId, Subscriber subscriber)
    {
        try
        {
            while (subscriber.SentSeq < _log.LastSeq && _subscribers.TryGetValue(serverId, out var current) && current == subscriber)
            {
                if (!_log.TryGetAfter(subscriber.SentSeq, LiveLimits.MaxEventsPerBatch, out var events))
                {
                    // The relay fell behind the buffer: send what is held; its clients see the gap and resync.
                    _log.TryGetAfter(_log.FirstHeldSeq - 1, LiveLimits.MaxEventsPerBatch, out events);
                }

                var batch = new EventBatch(_sessionId, _log.Epoch, events[0].Seq, events[^1].Seq, events);
                await subscriber.Relay.Deliver(batch);
                subscriber.SentSeq = batch.ToSeq;
            }
        }
        catch (Exception ex)
        {
            // The server is gone or unreachable: stop sending to it. If it is alive it re-attaches
            // on its next renewal and its clients repair the gap with Resync.
            _logger.LogWarning(ex, "Relay of server {ServerId} failed for session {SessionId}; dropped", serverId, _sessionId);
            if (_subscribers.TryGetValue(serverId, out var current) && current == subscriber)
            {
                _subscribers.Remove(serverId);
            }
        }
        finally
        {
            subscriber.Sending = false;
        }
    }

    private sealed class Subscriber(ISessionRelay relay, long sentSeq, DateTimeOffset expiresAt)
    {
        public ISessionRelay Relay { get; set; } = relay;

        public long SentSeq { get; set; } = sentSeq;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public bool Sending { get; set; }
    }
}
