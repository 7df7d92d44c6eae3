using System.Collections.Concurrent;
using System.Net;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IgfPlatform.Client.Live;

public sealed class ForumClientOptions
{
    /// <summary>Gives the bearer token for the hub (null or empty: follow anonymously).</summary>
    public Func<Task<string?>>? AccessTokenProvider { get; set; }

    /// <summary>For tests: the handler that carries HTTP requests.</summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; set; }

    public HttpTransportType Transports { get; set; } = HttpTransportType.WebSockets | HttpTransportType.LongPolling;

    /// <summary>
    /// Opens the WebSocket at once, without the negotiation request first: one request per connect instead
    /// of two, and no need for both to reach the same server behind a proxy. For clients that know
    /// WebSockets get through (integrations, venue kiosks, the load generator); the transport is then
    /// WebSockets only, with no fallback.
    /// </summary>
    public bool SkipNegotiation { get; set; }

    /// <summary>
    /// How often the client tells the server it is there when it has nothing else to send; must be well
    /// inside the server's client timeout (<c>Live:ClientTimeout</c>). Null: SignalR's default (15 s).
    /// </summary>
    public TimeSpan? KeepAliveInterval { get; set; }

    /// <summary>Pauses between reconnect attempts; the last one repeats for ever.</summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; set; } =
        [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];
}

public enum ConnectionState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}

/// <summary>
/// A live connection to the platform's hub. Reconnects by itself, rejoins every followed session
/// (groups do not survive a reconnect) and resyncs each from its <c>(epoch, lastSeq)</c>.
/// </summary>
public sealed class ForumClient : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LiveSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LiveTopic> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TopicEventBatch>> _followingTopics = new(StringComparer.Ordinal);

    // Batches that arrive while JoinSession is still answering: kept and applied after the snapshot.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EventBatch>> _joining = new(StringComparer.Ordinal);
    private readonly List<TimeSpan> _rejoinDelays;

    private const string HubPath = "hubs/forum";

    public ForumClient(Uri baseUri, ForumClientOptions? options = null)
        : this([baseUri], options)
    {
    }

    /// <summary>
    /// A client of a platform served by several servers: it connects to the first it can reach, in
    /// the order given, and on a lost connection reconnects to the same one or, failing that, the next.
    /// </summary>
    public ForumClient(IEnumerable<Uri> baseUris, ForumClientOptions? options = null)
    {
        options ??= new ForumClientOptions();
        Endpoints = new PlatformEndpoints(baseUris);
        _rejoinDelays = options.ReconnectDelays.Where(d => d > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.FromSeconds(1)).ToList();
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(Endpoints.Current, HubPath), o =>
            {
                o.Transports = options.SkipNegotiation ? HttpTransportType.WebSockets : options.Transports;
                o.SkipNegotiation = options.SkipNegotiation;
                if (options.AccessTokenProvider is { } tokens)
                {
                    o.AccessTokenProvider = tokens;
                }

                if (options.HttpMessageHandlerFactory is { } handler)
                {
                    o.HttpMessageHandlerFactory = _ => handler();
                }
            })
            .WithAutomaticReconnect(new ForeverRetryPolicy(options.ReconnectDelays))
            .AddJsonProtocol(o => ForumJson.Configure(o.PayloadSerializerOptions));

        // The HTTP connection factory takes its address from each connect when its options carry
        // none: the rotation then picks the server every time the connection is (re)made.
        // (The connection's nominal endpoint, otherwise read from those options, is the first server.)
        builder.Services.PostConfigure<HttpConnectionOptions>(o => o.Url = null);
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(new Uri(Endpoints.Current, HubPath)));
        builder.Services.AddSingleton<HttpConnectionFactory>();
        builder.Services.AddSingleton<IConnectionFactory>(sp =>
            new EndpointRotation(sp.GetRequiredService<HttpConnectionFactory>(), Endpoints, HubPath));
        Connection = builder.Build();
        if (options.KeepAliveInterval is { } keepAlive)
        {
            Connection.KeepAliveInterval = keepAlive;
        }

        Connection.On<EventBatch>("events", batch =>
        {
            // Only queued here: awaiting a hub call inside a handler would block the receive loop.
            if (_sessions.TryGetValue(batch.SessionId, out var session))
            {
                session.Receive(batch);
            }
            else if (_joining.TryGetValue(batch.SessionId, out var early))
            {
                early.Enqueue(batch);
            }
        });
        Connection.On<TopicEventBatch>("topicEvents", batch =>
        {
            if (_topics.TryGetValue(batch.Topic, out var topic))
            {
                topic.Receive(batch);
            }
            else if (_followingTopics.TryGetValue(batch.Topic, out var early))
            {
                early.Enqueue(batch);
            }
        });
        Connection.Reconnecting += _ =>
        {
            State = ConnectionState.Reconnecting;
            return Task.CompletedTask;
        };
        Connection.Reconnected += _ =>
        {
            State = ConnectionState.Connected;
            Reconnects++;
            RejoinAll();
            return Task.CompletedTask;
        };
        Connection.Closed += _ =>
        {
            State = ConnectionState.Disconnected;
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    /// <summary>The servers this client may use and the one in use.</summary>
    public PlatformEndpoints Endpoints { get; }

    /// <summary>The server the connection goes to (or goes to next, while disconnected).</summary>
    public Uri Endpoint => Endpoints.Current;

    public ConnectionState State { get; private set; } = ConnectionState.Disconnected;

    /// <summary>Times the connection came back after being lost.</summary>
    public int Reconnects { get; private set; }

    public IReadOnlyCollection<LiveSession> Sessions => _sessions.Values.ToList();

    private void RejoinAll()
    {
        // Each followed session and topic is joined again on its own, and tried again until it
        // answers: after a server died, its sessions answer only once the cluster has declared it
        // dead, and a session not joined again would never hear of its events.
        foreach (var session in _sessions.Values)
        {
            _ = RejoinAsync(() => _sessions.TryGetValue(session.SessionId, out var now) && ReferenceEquals(now, session), async () =>
            {
                await Connection.InvokeAsync<SessionSnapshot>("JoinSession", session.SessionId);
                session.RequestResync();
            });
        }

        foreach (var topic in _topics.Values)
        {
            _ = RejoinAsync(() => _topics.TryGetValue(topic.Topic, out var now) && ReferenceEquals(now, topic), async () =>
            {
                await Connection.InvokeAsync<TopicFeedPosition>("FollowTopic", topic.Topic);
                topic.RequestResync();
            });
        }
    }

    /// <summary>Times joining a followed session or topic again after a reconnect failed and was tried again.</summary>
    public int RejoinRetries => Volatile.Read(ref _rejoinRetries);

    private int _rejoinRetries;

    private async Task RejoinAsync(Func<bool> stillFollowed, Func<Task> join)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Given up when it is no longer followed, or the connection was lost again (the next
            // reconnect starts over).
            if (!stillFollowed() || Connection.State != HubConnectionState.Connected)
            {
                return;
            }

            try
            {
                await join();
                return;
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _rejoinRetries);
                await Task.Delay(_rejoinDelays[Math.Min(attempt, _rejoinDelays.Count - 1)]);
            }
        }
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        State = ConnectionState.Connecting;
        await Connection.StartAsync(ct);
        State = ConnectionState.Connected;
    }

    /// <summary>Follows a session: its snapshot now, its events from then on.</summary>
    public async Task<LiveSession> JoinSessionAsync(string sessionId, CancellationToken ct = default)
    {
        if (_sessions.TryRemove(sessionId, out var previous))
        {
            previous.Stop();
        }

        var early = _joining.GetOrAdd(sessionId, _ => new ConcurrentQueue<EventBatch>());
        try
        {
            var snapshot = await Connection.InvokeAsync<SessionSnapshot>("JoinSession", sessionId, ct);
            var session = new LiveSession(snapshot, (id, epoch, lastSeq) => Connection.InvokeAsync<ResyncResult>("Resync", id, epoch, lastSeq));
            _sessions[sessionId] = session;
            _joining.TryRemove(sessionId, out _);
            while (early.TryDequeue(out var batch))
            {
                session.Receive(batch);
            }

            return session;
        }
        finally
        {
            _joining.TryRemove(sessionId, out _);
        }
    }

    public async Task LeaveSessionAsync(string sessionId, CancellationToken ct = default)
    {
        if (_sessions.TryRemove(sessionId, out var session))
        {
            session.Stop();
        }

        await Connection.InvokeAsync("LeaveSession", sessionId, ct);
    }

    /// <summary>Follows a topic live: every event after the returned position reaches the <see cref="LiveTopic"/>.</summary>
    public async Task<LiveTopic> FollowTopicAsync(string slug, CancellationToken ct = default)
    {
        if (_topics.TryRemove(slug, out var previous))
        {
            previous.Stop();
        }

        var early = _followingTopics.GetOrAdd(slug, _ => new ConcurrentQueue<TopicEventBatch>());
        try
        {
            var position = await Connection.InvokeAsync<TopicFeedPosition>("FollowTopic", slug, ct);
            var topic = new LiveTopic(position, (id, epoch, lastSeq) => Connection.InvokeAsync<TopicResync>("ResyncTopic", id, epoch, lastSeq));
            _topics[slug] = topic;
            while (early.TryDequeue(out var batch))
            {
                topic.Receive(batch);
            }

            return topic;
        }
        finally
        {
            _followingTopics.TryRemove(slug, out _);
        }
    }

    public async Task LeaveTopicAsync(string slug, CancellationToken ct = default)
    {
        if (_topics.TryRemove(slug, out var topic))
        {
            topic.Stop();
        }

        await Connection.InvokeAsync("LeaveTopic", slug, ct);
    }

    /// <summary>
    /// Contributes to a consultation (a reply with <see cref="ContributionDraft.ParentId"/>); the same
    /// <c>clientRequestId</c> again answers the first contribution.
    /// </summary>
    public Task<Contribution> ContributeAsync(string consultationId, ContributionDraft draft, CancellationToken ct = default) =>
        Connection.InvokeAsync<Contribution>(
            "Contribute", consultationId, draft.ClientRequestId, draft.Paragraph, draft.Stance is { } stance ? WireNames.Name(stance) : null, draft.Text, draft.ParentId, ct);

    public Task<ConsultationSummary> GetConsultationSummaryAsync(string consultationId, CancellationToken ct = default) =>
        Connection.InvokeAsync<ConsultationSummary>("GetConsultationSummary", consultationId, ct);

    public Task<ResyncResult> ResyncAsync(string sessionId, long epoch, long lastSeq, CancellationToken ct = default) =>
        Connection.InvokeAsync<ResyncResult>("Resync", sessionId, epoch, lastSeq, ct);

    public Task<SessionDetails> StartSessionAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<SessionDetails>("StartSession", sessionId, ct);

    public Task<SessionDetails> EndSessionAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<SessionDetails>("EndSession", sessionId, ct);

    public Task<IReadOnlyList<AgendaItem>> SetAgendaAsync(string sessionId, IReadOnlyList<AgendaItem> items, CancellationToken ct = default) =>
        Connection.InvokeAsync<IReadOnlyList<AgendaItem>>("SetAgenda", sessionId, items, ct);

    public Task SetCurrentItemAsync(string sessionId, string? itemId, CancellationToken ct = default) =>
        Connection.InvokeAsync("SetCurrentItem", sessionId, itemId, ct);

    public Task<IReadOnlyList<AgendaItem>> AddAgendaItemAsync(string sessionId, AgendaItem item, string? beforeItemId = null, CancellationToken ct = default) =>
        Connection.InvokeAsync<IReadOnlyList<AgendaItem>>("AddAgendaItem", sessionId, item, beforeItemId, ct);

    public Task<IReadOnlyList<AgendaItem>> RemoveAgendaItemAsync(string sessionId, string itemId, CancellationToken ct = default) =>
        Connection.InvokeAsync<IReadOnlyList<AgendaItem>>("RemoveAgendaItem", sessionId, itemId, ct);

    public Task<IReadOnlyList<AgendaItem>> MoveAgendaItemAsync(string sessionId, string itemId, int toIndex, CancellationToken ct = default) =>
        Connection.InvokeAsync<IReadOnlyList<AgendaItem>>("MoveAgendaItem", sessionId, itemId, toIndex, ct);

    public Task<IReadOnlyList<AgendaItem>> SetItemMinutesAsync(string sessionId, string itemId, int minutes, CancellationToken ct = default) =>
        Connection.InvokeAsync<IReadOnlyList<AgendaItem>>("SetItemMinutes", sessionId, itemId, minutes, ct);

    public Task SkipItemAsync(string sessionId, string itemId, CancellationToken ct = default) =>
        Connection.InvokeAsync("SkipItem", sessionId, itemId, ct);

    /// <summary>Asks a question; the same <paramref name="clientRequestId"/> again gives the first answer.</summary>
    public async Task<AskResult> AskQuestionAsync(string sessionId, string clientRequestId, string text, bool anonymous = false, CancellationToken ct = default)
    {
        var result = await Connection.InvokeAsync<AskResult>("AskQuestion", sessionId, clientRequestId, text, anonymous, ct);
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            session.NoteAsked(result.Question);
        }

        return result;
    }

    public Task<VoteResult> UpvoteAsync(string sessionId, string questionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<VoteResult>("Upvote", sessionId, questionId, ct);

    public Task<VoteResult> RemoveUpvoteAsync(string sessionId, string questionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<VoteResult>("RemoveUpvote", sessionId, questionId, ct);

    public Task ApproveQuestionAsync(string sessionId, string questionId, CancellationToken ct = default) =>
        Connection.InvokeAsync("ApproveQuestion", sessionId, questionId, ct);

    public Task HideQuestionAsync(string sessionId, string questionId, string reason, CancellationToken ct = default) =>
        Connection.InvokeAsync("HideQuestion", sessionId, questionId, reason, ct);

    public Task HighlightQuestionAsync(string sessionId, string? questionId, CancellationToken ct = default) =>
        Connection.InvokeAsync("HighlightQuestion", sessionId, questionId, ct);

    public Task MarkAnsweredAsync(string sessionId, string questionId, CancellationToken ct = default) =>
        Connection.InvokeAsync("MarkAnswered", sessionId, questionId, ct);

    public Task SetPreModerationAsync(string sessionId, bool on, CancellationToken ct = default) =>
        Connection.InvokeAsync("SetPreModeration", sessionId, on, ct);

    public Task<QuestionBoardView> GetQuestionsAsync(string sessionId, QuestionOrder order = QuestionOrder.Votes, CancellationToken ct = default) =>
        Connection.InvokeAsync<QuestionBoardView>("GetQuestions", sessionId, order, ct);

    public Task<IReadOnlyList<ModeratedQuestion>> GetModerationQueueAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<IReadOnlyList<ModeratedQuestion>>("GetModerationQueue", sessionId, ct);

    /// <summary>
    /// Asks for the floor (kind: intervention, reply or pointOfOrder); the same <paramref name="clientRequestId"/>
    /// again gives the same entry. The session then keeps the entry's position up to date.
    /// </summary>
    public async Task<MyFloorEntry> RequestFloorAsync(string sessionId, string clientRequestId, FloorKind kind, string? note = null, RemoteHub? hub = null, CancellationToken ct = default)
    {
        var entry = hub is null
            ? await Connection.InvokeAsync<MyFloorEntry>("RequestFloor", sessionId, clientRequestId, KindName(kind), note, ct)
            : await Connection.InvokeAsync<MyFloorEntry>("RequestFloorForHub", sessionId, clientRequestId, KindName(kind), note, hub, ct);
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            session.NoteFloorEntry(entry);
        }

        return entry;
    }

    public Task WithdrawFloorAsync(string sessionId, long entryId, CancellationToken ct = default) =>
        Connection.InvokeAsync("WithdrawFloor", sessionId, entryId, ct);

    public Task<MyFloorEntry?> GetMyFloorEntryAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<MyFloorEntry?>("GetMyFloorEntry", sessionId, ct);

    public Task<FloorView> GetFloorAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<FloorView>("GetFloor", sessionId, ct);

    public Task<IReadOnlyList<FloorEntry>> GetFloorQueueAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<IReadOnlyList<FloorEntry>>("GetFloorQueue", sessionId, ct);

    public Task<FloorEntry> AddFloorEntryAsync(string sessionId, string clientRequestId, FloorEntryDraft entry, CancellationToken ct = default) =>
        Connection.InvokeAsync<FloorEntry>("AddFloorEntry", sessionId, clientRequestId, entry, ct);

    public Task DismissFloorEntryAsync(string sessionId, long entryId, string reason, CancellationToken ct = default) =>
        Connection.InvokeAsync("DismissFloorEntry", sessionId, entryId, reason, ct);

    public Task<FloorSuggestion?> SuggestNextSpeakerAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<FloorSuggestion?>("SuggestNextSpeaker", sessionId, ct);

    /// <summary>Gives the floor; <paramref name="reason"/> is required unless the entry is the current suggestion.</summary>
    public Task<Speech> GiveFloorAsync(string sessionId, long entryId, string? reason = null, CancellationToken ct = default) =>
        Connection.InvokeAsync<Speech>("GiveFloor", sessionId, entryId, reason, ct);

    public Task<Speech> EndSpeechAsync(string sessionId, CancellationToken ct = default) =>
        Connection.InvokeAsync<Speech>("EndSpeech", sessionId, ct);

    public Task SetQueueOpenAsync(string sessionId, bool open, CancellationToken ct = default) =>
        Connection.InvokeAsync("SetQueueOpen", sessionId, open, ct);

    private static string KindName(FloorKind kind) => kind switch
    {
        FloorKind.Reply => "reply",
        FloorKind.PointOfOrder => "pointOfOrder",
        _ => "intervention",
    };

    /// <summary>Says whether the signed-in participant follows from the room or remotely.</summary>
    public Task SetAttendanceAsync(string sessionId, bool inRoom, CancellationToken ct = default) =>
        Connection.InvokeAsync("SetAttendance", sessionId, inRoom, ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            session.Stop();
        }

        foreach (var topic in _topics.Values)
        {
            topic.Stop();
        }

        await Connection.DisposeAsync();
    }

    /// <summary>Creates an HTTP API client for the same platform.</summary>
    public static ForumApi CreateApi(Uri baseUri, HttpMessageHandler? handler = null) =>
        new(handler is null ? new HttpClient { BaseAddress = baseUri } : new HttpClient(handler) { BaseAddress = baseUri });

    /// <summary>
    /// Creates an HTTP API client for a platform served by several servers: each request goes to the
    /// server in use, or to the next when that one cannot be reached.
    /// </summary>
    public static ForumApi CreateApi(IEnumerable<Uri> baseUris, HttpMessageHandler? handler = null)
    {
        var endpoints = new PlatformEndpoints(baseUris);
        var failover = new EndpointFailoverHandler(endpoints, handler ?? new SocketsHttpHandler());
        return new ForumApi(new HttpClient(failover) { BaseAddress = endpoints.BaseUris[0] });
    }

    private sealed class ForeverRetryPolicy(IReadOnlyList<TimeSpan> delays) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            delays.Count == 0 ? TimeSpan.FromSeconds(5) : delays[(int)Math.Min(retryContext.PreviousRetryCount, delays.Count - 1)];
    }
}
