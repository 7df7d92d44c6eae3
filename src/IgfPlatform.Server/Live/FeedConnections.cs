using System.Collections.Concurrent;
using IgfPlatform.Server.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace IgfPlatform.Server.Live;

/// <summary>
/// The hub's connections and who follows which feed, for the relay to push to without waiting on any one of
/// them. SignalR's own group send waits for every connection's write, so one participant on a poor
/// connection (whose buffers are full) would hold up the session for everybody on this server. Here each
/// connection has an outlet: one write in flight and up to <see cref="LiveSettings.MaxWaitingBatches"/> batches
/// waiting (references to messages serialized once for everyone, so waiting costs a connection little). A
/// connection further behind than that loses the oldest waiting batch, and its client, seeing the jump in
/// <c>seq</c>, asks for what it missed with Resync. Other groups and every other send are SignalR's as usual.
/// </summary>
public sealed class FeedConnections : DefaultHubLifetimeManager<ForumHub>
{
    /// <summary>The prefix of the groups of feeds (<see cref="SessionRelay.GroupOf"/>).</summary>
    public const string FeedGroupPrefix = "feed:";

    private readonly ConcurrentDictionary<string, Outlet> _outlets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Outlet>> _feeds = new(StringComparer.Ordinal);
    private readonly PlatformMetrics _metrics;
    private readonly int _maxWaiting;

    public FeedConnections(ILogger<DefaultHubLifetimeManager<ForumHub>> logger, PlatformMetrics metrics, LiveSettings live)
        : base(logger)
    {
        _metrics = metrics;
        _maxWaiting = live.MaxWaitingBatches;
    }

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _outlets[connection.ConnectionId] = new Outlet(connection, this);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_outlets.TryRemove(connection.ConnectionId, out var outlet))
        {
            foreach (var feed in outlet.TakeFeeds())
            {
                Leave(feed, connection.ConnectionId);
            }
        }

        return base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (!groupName.StartsWith(FeedGroupPrefix, StringComparison.Ordinal))
        {
            return base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        }

        if (_outlets.TryGetValue(connectionId, out var outlet))
        {
            _feeds.GetOrAdd(groupName, _ => new ConcurrentDictionary<string, Outlet>(StringComparer.Ordinal))[connectionId] = outlet;
            outlet.Follow(groupName);
            if (!_outlets.ContainsKey(connectionId))
            {
                // Disconnected meanwhile: its removal may have missed this feed.
                Leave(groupName, connectionId);
            }
        }

        return Task.CompletedTask;
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (!groupName.StartsWith(FeedGroupPrefix, StringComparison.Ordinal))
        {
            return base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        }

        if (_outlets.TryGetValue(connectionId, out var outlet))
        {
            outlet.Unfollow(groupName);
        }

        Leave(groupName, connectionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Pushes one message to every follower of the group and returns at once: the message is serialized once
    /// per protocol, and no connection's write is awaited. Returns the connections it was offered to.
    /// </summary>
    public int Push(string group, string method, object payload)
    {
        if (!_feeds.TryGetValue(group, out var members))
        {
            return 0;
        }

        var message = new SerializedHubMessage(new InvocationMessage(method, [payload]));
        var count = 0;
        foreach (var (_, outlet) in members)
        {
            outlet.Offer(message);
            count++;
        }

        return count;
    }

    private void Leave(string group, string connectionId)
    {
        if (_feeds.TryGetValue(group, out var members) && members.TryRemove(connectionId, out _) && members.IsEmpty)
        {
            // Dropped only while empty; a follower added at this moment re-creates it on its next join.
            _feeds.TryRemove(KeyValuePair.Create(group, members));
        }
    }

    /// <summary>One connection's way out: one write in flight, a bounded line of batches waiting behind it.</summary>
    private sealed class Outlet(HubConnectionContext connection, FeedConnections owner)
    {
        private readonly Lock _lock = new();
        private bool _writing;
        private Queue<SerializedHubMessage>? _waiting;

        // The feeds this connection follows, to leave them when it closes (a plain set: thousands of outlets).
        private readonly HashSet<string> _feeds = new(StringComparer.Ordinal);

        public void Follow(string group)
        {
            lock (_lock)
            {
                _feeds.Add(group);
            }
        }

        public void Unfollow(string group)
        {
            lock (_lock)
            {
                _feeds.Remove(group);
            }
        }

        public List<string> TakeFeeds()
        {
            lock (_lock)
            {
                var feeds = _feeds.ToList();
                _feeds.Clear();
                return feeds;
            }
        }

        public void Offer(SerializedHubMessage message)
        {
            lock (_lock)
            {
                if (_writing)
                {
                    // Made on the first wait only: most connections never have anything waiting.
                    _waiting ??= new Queue<SerializedHubMessage>();
                    if (_waiting.Count == owner._maxWaiting)
                    {
                        _waiting.Dequeue();
                        owner._metrics.Skipped();
                    }

                    _waiting.Enqueue(message);
                    return;
                }

                _writing = true;
            }

            Write(message);
        }

        private void Write(SerializedHubMessage? message)
        {
            while (message is not null)
            {
                ValueTask write;
                try
                {
                    write = connection.WriteAsync(message);
                }
                catch (Exception)
                {
                    // The connection is closing; SignalR removes it.
                    write = ValueTask.CompletedTask;
                }

                if (!write.IsCompleted)
                {
                    _ = WhenWritten(write);
                    return;
                }

                Observe(write);
                message = Next();
            }
        }

        private async Task WhenWritten(ValueTask write)
        {
            try
            {
                await write;
            }
            catch (Exception)
            {
                // As above: a closed connection ends here; its client reconnects and resyncs.
            }

            Write(Next());
        }

        private SerializedHubMessage? Next()
        {
            lock (_lock)
            {
                SerializedHubMessage? next = null;
                _waiting?.TryDequeue(out next);
                _writing = next is not null;
                return next;
            }
        }

        private static void Observe(ValueTask write)
        {
            try
            {
                write.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // As above.
            }
        }
    }
}
