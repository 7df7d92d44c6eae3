using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Presence;

namespace IgfPlatform.Server.Telemetry;

/// <summary>
/// The platform's own meter (<c>IgfPlatform</c>). Labels are bounded and never personal: hub method names,
/// feed kinds, outcomes, and session ids (public, and only of sessions followed on this server).
/// </summary>
public sealed class PlatformMetrics
{
    public const string MeterName = "IgfPlatform";

    /// <summary>Buckets in seconds for hub acknowledgements: a grain call stored in Azure Storage takes milliseconds to a second.</summary>
    private static readonly double[] AcknowledgementBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _batches;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _events;
    private readonly Counter<long> _skipped;
    private readonly Histogram<double> _acknowledgements;
    private readonly Counter<long> _resyncs;
    private readonly Counter<long> _connectionsOpened;
    private readonly Counter<long> _connectionsClosed;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _refused;

    // The waiting line's length as last pushed to this server, per session (read off the relay's batches).
    private readonly ConcurrentDictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly LocalFollowers _followers;

    public PlatformMetrics(IMeterFactory meters, LocalFollowers followers)
    {
        _followers = followers;
        var meter = meters.Create(MeterName);
        _batches = meter.CreateCounter<long>("igf.relay.batches", "{batch}", "Event batches this server pushed to its followers of a feed.");
        _deliveries = meter.CreateCounter<long>("igf.relay.deliveries", "{delivery}", "Batches times the connections they were pushed to on this server.");
        _events = meter.CreateCounter<long>("igf.relay.events", "{event}", "Events received by this server's relay.");
        _skipped = meter.CreateCounter<long>("igf.relay.skipped", "{delivery}",
            "Batches a connection never got: more were waiting for it than it may hold, and the oldest gave way (its client resyncs).");
        _acknowledgements = meter.CreateHistogram("igf.hub.acknowledgement.duration", "s",
            "Time from a participant's or moderator's action reaching the hub to its acknowledgement (the grain call stored).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AcknowledgementBuckets });
        _resyncs = meter.CreateCounter<long>("igf.live.resyncs", "{resync}", "Resyncs asked of this server, by what repaired the gap: the missed events or a snapshot.");
        _connectionsOpened = meter.CreateCounter<long>("igf.hub.connections.opened", "{connection}", "Hub connections opened on this server.");
        _connectionsClosed = meter.CreateCounter<long>("igf.hub.connections.closed", "{connection}", "Hub connections closed on this server.");
        _signIns = meter.CreateCounter<long>("igf.identity.sign_ins", "{sign_in}", "Sign-ins started or refused, by method.");
        _refused = meter.CreateCounter<long>("igf.refused", "{call}", "Calls refused before doing anything, by surface (http, hub) and reason.");
        meter.CreateObservableGauge("igf.live.participants", ObserveParticipants, "{participant}",
            "People (and anonymous connections) following each session on this server.");
        meter.CreateObservableGauge("igf.floor.waiting", ObserveWaiting, "{request}",
            "Requests for the floor waiting in each session followed on this server, as last pushed.");
    }

    public void Batch(string feedId, int connections, int events)
    {
        var kind = new KeyValuePair<string, object?>("feed", FeedKind(feedId));
        _batches.Add(1, kind);
        _deliveries.Add(connections, kind);
        _events.Add(events, kind);
    }

    /// <summary>A batch waiting for a slow connection gave way to newer ones.</summary>
    public void Skipped() => _skipped.Add(1);

    /// <summary>Notes what a session's batch says of its waiting line (the last <c>queueChanged</c> wins).</summary>
    public void Observe(EventBatch batch)
    {
        for (var i = batch.Events.Count - 1; i >= 0; i--)
        {
            if (batch.Events[i].Data is Contracts.SpeakingQueue.QueueChanged queue)
            {
                _waiting[batch.SessionId] = queue.Waiting;
                return;
            }
        }
    }

    public void Acknowledged(string method, string outcome, TimeSpan elapsed) =>
        _acknowledgements.Record(elapsed.TotalSeconds, new("method", method), new("outcome", outcome));

    public void Resynced(string feed, bool snapshot) =>
        _resyncs.Add(1, new("feed", feed), new("outcome", snapshot ? "snapshot" : "events"));

    public void ConnectionOpened(bool signedIn) => _connectionsOpened.Add(1, new KeyValuePair<string, object?>("signed_in", signedIn));

    public void ConnectionClosed(bool signedIn) => _connectionsClosed.Add(1, new KeyValuePair<string, object?>("signed_in", signedIn));

    public void SignIn(string method, bool succeeded) =>
        _signIns.Add(1, new("method", method), new("outcome", succeeded ? "succeeded" : "refused"));

    public void Refused(string surface, string reason) => _refused.Add(1, new("surface", surface), new("reason", reason));

    public static string ReasonOf(ForumErrorKind kind) => kind switch
    {
        ForumErrorKind.Invalid => "invalid",
        ForumErrorKind.Forbidden => "forbidden",
        ForumErrorKind.NotFound => "not_found",
        ForumErrorKind.Conflict => "conflict",
        ForumErrorKind.Unauthenticated => "unauthenticated",
        ForumErrorKind.TooManyRequests => "rate_limit",
        ForumErrorKind.Unavailable => "unavailable",
        _ => "other",
    };

    private static string FeedKind(string feedId) =>
        LiveFeeds.IsSession(feedId) ? "session" : LiveFeeds.IsTopic(feedId) ? "topic" : "archive";

    private IEnumerable<Measurement<int>> ObserveParticipants()
    {
        foreach (var (sessionId, count) in _followers.Counts())
        {
            if (LiveFeeds.IsSession(sessionId))
            {
                yield return new Measurement<int>(count, new KeyValuePair<string, object?>("session", sessionId));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveWaiting()
    {
        foreach (var (sessionId, waiting) in _waiting)
        {
            // Only sessions someone here still follows: the label set stays that of the followed sessions.
            if (!_followers.HasFollowers(sessionId))
            {
                _waiting.TryRemove(sessionId, out _);
                continue;
            }

            yield return new Measurement<int>(waiting, new KeyValuePair<string, object?>("session", sessionId));
        }
    }

    /// <summary>Elapsed time since a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);
}
