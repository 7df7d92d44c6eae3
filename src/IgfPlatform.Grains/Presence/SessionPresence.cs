using IgfPlatform.Contracts.Presence;

namespace IgfPlatform.Grains.Presence;

/// <summary>
/// A session's followers as the servers count them: the sum of each server's latest report. A
/// server that stops reporting (it died, or lost its connections) stops counting when its lease
/// runs out. Changes are handed out at most once per push, however many reports arrive.
/// </summary>
public sealed class SessionPresence
{
    private readonly Dictionary<string, (PresenceCounts Counts, DateTimeOffset ExpiresAt)> _servers = new(StringComparer.Ordinal);
    private PresenceCounts? _pending;

    /// <summary>The figures last handed out (what clients were told).</summary>
    public PresenceCounts Pushed { get; private set; } = PresenceCounts.Empty;

    public bool HasServers => _servers.Count > 0;

    /// <summary>Whether figures are waiting to be pushed (the last followers leaving, say).</summary>
    public bool HasChange => _pending is not null;

    public void Report(string serverId, PresenceCounts counts, DateTimeOffset expiresAt)
    {
        if (counts.Total == 0)
        {
            _servers.Remove(serverId);
        }
        else
        {
            _servers[serverId] = (counts, expiresAt);
        }

        Recount();
    }

    public void Expire(DateTimeOffset now)
    {
        var gone = _servers.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList();
        foreach (var serverId in gone)
        {
            _servers.Remove(serverId);
        }

        if (gone.Count > 0)
        {
            Recount();
        }
    }

    /// <summary>The new figures if they differ from what was last pushed; null otherwise.</summary>
    public PresenceCounts? TakeChange()
    {
        if (_pending is not { } pending)
        {
            return null;
        }

        _pending = null;
        Pushed = pending;
        return pending;
    }

    private void Recount()
    {
        var sum = PresenceCounts.Sum(_servers.Values.Select(s => s.Counts));
        _pending = sum.SameAs(Pushed) ? null : sum;
    }
}
