using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Audit;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Presence;
using IgfPlatform.Server.Security;
using IgfPlatform.Server.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Live;

/// <summary>
/// The hub at <c>/hubs/forum</c>. Thin: it checks the shape of the input, names the caller and asks
/// the grains, which decide. Events reach clients through the relay, never from here.
/// </summary>
public sealed partial class ForumHub(IGrainFactory grains, RelayRegistrar relay, LocalFollowers followers, PlatformMetrics metrics) : Hub
{
    public const string Path = "/hubs/forum";
    public const string EventsMethod = "events";

    private string? CallerId => Context.User.ParticipantIdOrNull();

    private string RequireCaller => Context.User.ParticipantId();

    /// <summary>Follow a session: returns its snapshot; the events after it follow through <c>events</c>.</summary>
    public async Task<SessionSnapshot> JoinSession(string sessionId)
    {
        var session = Session(sessionId);
        var details = await session.GetDetails() ?? throw NoSuchSession(sessionId);
        if (details.Status == SessionStatus.Draft && !await MayPrepare(session))
        {
            throw NoSuchSession(sessionId);
        }

        // Group, then relay, then snapshot: every event after the snapshot's seq reaches this connection.
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionRelay.GroupOf(sessionId));
        await relay.Follow(sessionId, new Follower(Context.ConnectionId, await Profile(), InRoom: false));
        return await WithQuestions(sessionId, await session.GetSnapshot());
    }

    public async Task LeaveSession(string sessionId)
    {
        ValidateSessionId(sessionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionRelay.GroupOf(sessionId));
        followers.Remove(sessionId, Context.ConnectionId);
    }

    /// <summary>A registered participant says whether they are in the room or following remotely.</summary>
    public void SetAttendance(string sessionId, bool inRoom)
    {
        ValidateSessionId(sessionId);
        _ = RequireCaller;
        if (!followers.SetInRoom(sessionId, Context.ConnectionId, inRoom))
        {
            throw new HubException("Join the session before saying where you follow it from.");
        }
    }

    /// <summary>The events after <paramref name="lastSeq"/> of <paramref name="epoch"/>, or a snapshot.</summary>
    public Task<ResyncResult> Resync(string sessionId, long epoch, long lastSeq)
    {
        if (lastSeq < 0)
        {
            throw new HubException("lastSeq cannot be negative.");
        }

        return ResyncWithQuestions(sessionId, epoch, lastSeq);
    }

    private async Task<ResyncResult> ResyncWithQuestions(string sessionId, long epoch, long lastSeq)
    {
        var result = await Session(sessionId).Resync(epoch, lastSeq);
        metrics.Resynced("session", snapshot: result.Snapshot is not null);
        return result.Snapshot is { } snapshot ? result with { Snapshot = await WithQuestions(sessionId, snapshot) } : result;
    }

    public Task<AskResult> AskQuestion(string sessionId, string clientRequestId, string text, bool anonymous) =>
        Board(sessionId).Ask(RequireCaller, clientRequestId, text, anonymous);

    public Task<VoteResult> Upvote(string sessionId, string questionId) => Board(sessionId).Upvote(RequireCaller, QuestionIdOf(questionId));

    public Task<VoteResult> RemoveUpvote(string sessionId, string questionId) => Board(sessionId).RemoveUpvote(RequireCaller, QuestionIdOf(questionId));

    [Audited("approveQuestion")]
    public Task ApproveQuestion(string sessionId, string questionId) => Board(sessionId).Approve(RequireCaller, QuestionIdOf(questionId));

    [Audited("hideQuestion")]
    public Task HideQuestion(string sessionId, string questionId, string reason) => Board(sessionId).Hide(RequireCaller, QuestionIdOf(questionId), reason);

    [Audited("highlightQuestion")]
    public Task HighlightQuestion(string sessionId, string? questionId) =>
        Board(sessionId).Highlight(RequireCaller, questionId is null ? null : QuestionIdOf(questionId));

    [Audited("markAnswered")]
    public Task MarkAnswered(string sessionId, string questionId) => Board(sessionId).MarkAnswered(RequireCaller, QuestionIdOf(questionId));

    [Audited("setPreModeration")]
    public Task SetPreModeration(string sessionId, bool on) => Board(sessionId).SetPreModeration(RequireCaller, on);

    /// <summary>The visible questions (by votes or by time), the caller's own and their votes.</summary>
    public Task<QuestionBoardView> GetQuestions(string sessionId, QuestionOrder order) => Board(sessionId).GetBoard(CallerId, order);

    /// <summary>Every question with its asker and status, for the session's moderators.</summary>
    public Task<IReadOnlyList<ModeratedQuestion>> GetModerationQueue(string sessionId) => Board(sessionId).GetModeration(RequireCaller);

    /// <summary>Asks for the floor: <paramref name="kind"/> is intervention, reply (to the current speech) or pointOfOrder.</summary>
    public Task<MyFloorEntry> RequestFloor(string sessionId, string clientRequestId, string kind, string? note) =>
        Floor(sessionId).RequestFloor(RequireCaller, clientRequestId, KindOf(kind), note, null, followers.IsInRoom(sessionId, Context.ConnectionId));

    /// <summary>Asks for the floor as the spokesperson of a remote hub (a room of remote participants).</summary>
    public Task<MyFloorEntry> RequestFloorForHub(string sessionId, string clientRequestId, string kind, string? note, RemoteHub hub)
    {
        if (hub is null)
        {
            throw new HubException("A remote hub with a name and a headcount is required.");
        }

        return Floor(sessionId).RequestFloor(RequireCaller, clientRequestId, KindOf(kind), note, hub, inRoom: false);
    }

    public Task WithdrawFloor(string sessionId, long entryId) => Floor(sessionId).WithdrawFloor(RequireCaller, entryId);

    /// <summary>The caller's waiting entry (with its position) or speech; null when neither.</summary>
    public Task<MyFloorEntry?> GetMyFloorEntry(string sessionId) =>
        CallerId is { } id ? Floor(sessionId).GetMine(id) : Task.FromResult<MyFloorEntry?>(null);

    /// <summary>The floor as everyone sees it: the line in order, the speech, the ledger.</summary>
    public async Task<FloorView> GetFloor(string sessionId)
    {
        await RequireVisible(sessionId);
        return await Floor(sessionId).GetView();
    }

    /// <summary>Every waiting entry in order with who they are (moderators).</summary>
    public Task<IReadOnlyList<FloorEntry>> GetFloorQueue(string sessionId) => Floor(sessionId).GetQueue(RequireCaller);

    /// <summary>A moderator puts someone in the queue: in the room without the app, or a remote hub.</summary>
    [Audited("addFloorEntry")]
    public Task<FloorEntry> AddFloorEntry(string sessionId, string clientRequestId, FloorEntryDraft entry)
    {
        if (entry is null)
        {
            throw new HubException("An entry with a name, stakeholder group, region and kind is required.");
        }

        return Floor(sessionId).AddEntry(RequireCaller, clientRequestId, entry);
    }

    [Audited("dismissFloorEntry")]
    public Task DismissFloorEntry(string sessionId, long entryId, string reason) => Floor(sessionId).DismissEntry(RequireCaller, entryId, reason);

    /// <summary>The balanced suggestion for the next speaker, with its reasons; null when nobody waits.</summary>
    public Task<FloorSuggestion?> SuggestNextSpeaker(string sessionId) => Floor(sessionId).SuggestNextSpeaker(RequireCaller);

    /// <summary>Gives the floor; a reason is required unless the entry is the current suggestion.</summary>
    [Audited("giveFloor")]
    public Task<Speech> GiveFloor(string sessionId, long entryId, string? reason) => Floor(sessionId).GiveFloor(RequireCaller, entryId, reason);

    [Audited("endSpeech")]
    public Task<Speech> EndSpeech(string sessionId) => Floor(sessionId).EndSpeech(RequireCaller);

    [Audited("setQueueOpen")]
    public Task SetQueueOpen(string sessionId, bool open) => Floor(sessionId).SetQueueOpen(RequireCaller, open);

    /// <summary>A snapshot carries the questions and the floor as this caller may see them.</summary>
    private async Task<SessionSnapshot> WithQuestions(string sessionId, SessionSnapshot snapshot)
    {
        var floor = Floor(sessionId);
        var questions = Board(sessionId).GetBoard(CallerId, QuestionOrder.Votes);
        var view = floor.GetView();
        var mine = CallerId is { } id ? floor.GetMine(id) : Task.FromResult<MyFloorEntry?>(null);
        return snapshot with { Questions = await questions, Floor = await view, MyFloorEntry = await mine };
    }

    private ISpeakingQueueGrain Floor(string sessionId)
    {
        ValidateSessionId(sessionId);
        return grains.GetGrain<ISpeakingQueueGrain>(sessionId);
    }

    private static FloorKind KindOf(string kind) => kind switch
    {
        "intervention" => FloorKind.Intervention,
        "reply" => FloorKind.Reply,
        "pointOfOrder" => FloorKind.PointOfOrder,
        _ => throw new HubException("The kind is intervention, reply or pointOfOrder."),
    };

    private async Task RequireVisible(string sessionId)
    {
        var session = Session(sessionId);
        var details = await session.GetDetails() ?? throw NoSuchSession(sessionId);
        if (details.Status == SessionStatus.Draft && !await MayPrepare(session))
        {
            throw NoSuchSession(sessionId);
        }
    }

    private IQuestionBoardGrain Board(string sessionId)
    {
        ValidateSessionId(sessionId);
        return grains.GetGrain<IQuestionBoardGrain>(sessionId);
    }

    [Audited("startSession")]
    public Task<SessionDetails> StartSession(string sessionId) => Session(sessionId).Start(RequireCaller);

    [Audited("endSession")]
    public Task<SessionDetails> EndSession(string sessionId) => Session(sessionId).End(RequireCaller);

    [Audited("setAgenda")]
    public Task<IReadOnlyList<AgendaItem>> SetAgenda(string sessionId, IReadOnlyList<AgendaItem> items) =>
        Session(sessionId).SetAgenda(RequireCaller, items);

    [Audited("setCurrentItem")]
    public Task SetCurrentItem(string sessionId, string? itemId) => Session(sessionId).SetCurrentItem(RequireCaller, itemId);

    [Audited("addAgendaItem")]
    public Task<IReadOnlyList<AgendaItem>> AddAgendaItem(string sessionId, AgendaItem item, string? beforeItemId) =>
        Session(sessionId).AddAgendaItem(RequireCaller, item, beforeItemId);

    [Audited("removeAgendaItem")]
    public Task<IReadOnlyList<AgendaItem>> RemoveAgendaItem(string sessionId, string itemId) =>
        Session(sessionId).RemoveAgendaItem(RequireCaller, itemId);

    [Audited("moveAgendaItem")]
    public Task<IReadOnlyList<AgendaItem>> MoveAgendaItem(string sessionId, string itemId, int toIndex) =>
        Session(sessionId).MoveAgendaItem(RequireCaller, itemId, toIndex);

    [Audited("setItemMinutes")]
    public Task<IReadOnlyList<AgendaItem>> SetItemMinutes(string sessionId, string itemId, int minutes) =>
        Session(sessionId).SetItemMinutes(RequireCaller, itemId, minutes);

    [Audited("skipItem")]
    public Task SkipItem(string sessionId, string itemId) => Session(sessionId).SkipItem(RequireCaller, itemId);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        followers.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The caller's profile, read once per connection; null when anonymous.</summary>
    private async Task<ParticipantProfile?> Profile()
    {
        if (CallerId is not { } id)
        {
            return null;
        }

        if (Context.Items.TryGetValue(nameof(Profile), out var cached))
        {
            return (ParticipantProfile?)cached;
        }

        var profile = await grains.GetGrain<IParticipantGrain>(id).GetProfile();
        Context.Items[nameof(Profile)] = profile;
        return profile;
    }

    private ISessionGrain Session(string sessionId)
    {
        ValidateSessionId(sessionId);
        return grains.GetGrain<ISessionGrain>(sessionId);
    }

    private async Task<bool> MayPrepare(ISessionGrain session) =>
        CallerId is { } id && (await session.IsModerator(id) || await grains.GetGrain<IParticipantGrain>(id).IsOrganizer());

    /// <summary>A null id failed inside the board as an unexpected error; a huge one was echoed back whole.</summary>
    private static string QuestionIdOf(string questionId) =>
        string.IsNullOrWhiteSpace(questionId) || questionId.Length > 64
            ? throw new HubException("A question id is required (at most 64 characters).")
            : questionId;

    private static void ValidateSessionId(string sessionId)
    {
        if (string.IsNullOrWhiteSpace(sessionId) || sessionId.Length > 64)
        {
            throw new HubException("A session id is required (at most 64 characters).");
        }
    }

    private static HubException NoSuchSession(string sessionId) => new($"There is no session '{sessionId}'.");
}

/// <summary>
/// Every hub call's refusal becomes a <see cref="HubException"/> whose message the caller sees;
/// any other failure is logged and reported without internals.
/// </summary>
public sealed class ForumHubFilter(PlatformMetrics metrics, ILogger<ForumHubFilter> logger) : IHubFilter
{
    public const string Failed = "The platform could not complete this request. Try again.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ForumException ex)
        {
            metrics.Refused("hub", PlatformMetrics.ReasonOf(ex.Kind));
            // The hub has no field list like problem details: the fields go into the message.
            // (A single-field refusal whose message is the field's own is said once.)
            var fields = ex.Errors.SelectMany(e => e.Value.Where(m => m != ex.Message).Select(m => $"{e.Key}: {m}")).ToList();
            throw new HubException(fields.Count == 0 ? ex.Message : $"{ex.Message} {string.Join(" ", fields)}");
        }
        catch (HubException ex)
        {
            // The hub's own checks of its arguments, and the call limit (a filter inside this one).
            metrics.Refused("hub", ex.Message == HubLimitsFilter.TooManyCalls ? "rate_limit" : "invalid");
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed", invocationContext.HubMethodName);
            throw new HubException(Failed);
        }
    }
}
