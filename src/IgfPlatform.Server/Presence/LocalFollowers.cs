using System.Collections.Concurrent;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Server.Hosting;

namespace IgfPlatform.Server.Presence;

/// <summary>One connection following a session on this server, with what presence counts of it.</summary>
public sealed record Follower(string ConnectionId, ParticipantProfile? Participant, bool InRoom);

/// <summary>
/// The connections of this server that follow each session. The relay registers with the sessions
/// listed here, and presence is counted from here; both stay right when a connection drops, since
/// SignalR removes it (after its keep-alive timeout when the drop was abrupt).
/// </summary>
public sealed class LocalFollowers
{
    private readonly ConcurrentDictionary<string, SessionFollowers> _sessions = new(StringComparer.Ordinal);

    public IEnumerable<string> Sessions => _sessions.Keys;

    /// <summary>Adds (or updates) a follower. True when it is the session's first one here.</summary>
    public bool Add(string sessionId, Follower follower)
    {
        var session = _sessions.GetOrAdd(sessionId, _ => new SessionFollowers());
        lock (session)
        {
            var first = session.Connections.Count == 0;
            // Joining again on the same connection keeps where the person said they follow from.
            session.Connections[follower.ConnectionId] = session.Connections.TryGetValue(follower.ConnectionId, out var known)
                ? follower with { InRoom = known.InRoom || follower.InRoom }
                : follower;
            session.Dirty = true;
            return first;
        }
    }

    public void Remove(string sessionId, string connectionId)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            lock (session)
            {
                session.Dirty |= session.Connections.Remove(connectionId);
            }
        }
    }

    public void RemoveConnection(string connectionId)
    {
        foreach (var sessionId in _sessions.Keys)
        {
            Remove(sessionId, connectionId);
        }
    }

    /// <summary>Marks whether a connection's participant is in the room; false when it does not follow the session.</summary>
    public bool SetInRoom(string sessionId, string connectionId, bool inRoom)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        lock (session)
        {
            if (!session.Connections.TryGetValue(connectionId, out var follower))
            {
                return false;
            }

            session.Connections[connectionId] = follower with { InRoom = inRoom };
            session.Dirty = true;
            return true;
        }
    }

    /// <summary>Whether this connection said it follows the session from the room.</summary>
    public bool IsInRoom(string sessionId, string connectionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        lock (session)
        {
            return session.Connections.TryGetValue(connectionId, out var follower) && follower.InRoom;
        }
    }

    public bool HasFollowers(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        lock (session)
        {
            return session.Connections.Count > 0;
        }
    }

    /// <summary>People (once each) and anonymous connections per followed feed, for metrics.</summary>
    public List<(string FeedId, int Total)> Counts()
    {
        var result = new List<(string, int)>();
        foreach (var (feedId, session) in _sessions)
        {
            lock (session)
            {
                if (session.Connections.Count > 0)
                {
                    result.Add((feedId, Count(session.Connections.Values).Total));
                }
            }
        }

        return result;
    }

    /// <summary>Forgets a session nobody here follows (false if someone followed it meanwhile).</summary>
    public bool TryForget(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return true;
        }

        lock (session)
        {
            return session.Connections.Count == 0 && _sessions.TryRemove(KeyValuePair.Create(sessionId, session));
        }
    }

    /// <summary>The sessions whose followers changed since the last call, with their counts now.</summary>
    public List<(string SessionId, PresenceCounts Counts)> TakeChanged(bool all)
    {
        var result = new List<(string, PresenceCounts)>();
        foreach (var (sessionId, session) in _sessions)
        {
            lock (session)
            {
                if (session.Dirty || all)
                {
                    session.Dirty = false;
                    result.Add((sessionId, Count(session.Connections.Values)));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Registered people once each, whatever their number of connections (in the room if any of
    /// them says so); anonymous connections only in the totals.
    /// </summary>
    public static PresenceCounts Count(IEnumerable<Follower> followers)
    {
        var list = followers.ToList();
        var people = list.Where(f => f.Participant is not null)
            .GroupBy(f => f.Participant!.ParticipantId, StringComparer.Ordinal)
            .Select(g => (Profile: g.First().Participant!, InRoom: g.Any(f => f.InRoom)))
            .ToList();
        var anonymous = list.Count(f => f.Participant is null);
        var inRoom = people.Count(p => p.InRoom);
        return new PresenceCounts(
            people.Count + anonymous, people.Count, anonymous, inRoom, people.Count - inRoom + anonymous,
            Tally(people.Select(p => QueryValues.Name(p.Profile.StakeholderGroup))),
            Tally(people.Select(p => QueryValues.Name(p.Profile.Region))),
            Tally(people.Where(p => p.Profile.Gender is not null).Select(p => QueryValues.Name(p.Profile.Gender!.Value))));
    }

    private static Dictionary<string, int> Tally(IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private sealed class SessionFollowers
    {
        public Dictionary<string, Follower> Connections { get; } = new(StringComparer.Ordinal);

        public bool Dirty { get; set; }
    }
}
