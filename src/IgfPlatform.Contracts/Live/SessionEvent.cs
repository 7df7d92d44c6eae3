namespace IgfPlatform.Contracts.Live;

/// <summary>
/// One change in a session's live history. <see cref="Seq"/> is contiguous within an epoch, so a
/// client that sees a jump knows it missed something and resyncs.
/// </summary>
/// <param name="Seq">Position in the session's history within the current epoch, from 1.</param>
/// <param name="At">When the session's writer recorded the change (UTC).</param>
/// <param name="Type">One of <see cref="SessionEventTypes"/>.</param>
/// <param name="Data">The change itself; its shape is given by <see cref="Type"/>.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionEvent")]
public sealed record SessionEvent(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Type,
    [property: Id(3)] object Data);

/// <summary>
/// What a client receives through the hub method <c>events</c>: a contiguous run of one session's
/// events, <c>fromSeq..toSeq</c> inclusive.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.EventBatch")]
public sealed record EventBatch(
    [property: Id(0)] string SessionId,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long FromSeq,
    [property: Id(3)] long ToSeq,
    [property: Id(4)] IReadOnlyList<SessionEvent> Events);

/// <summary>
/// The answer to <c>Resync</c>: either the missed events (when they are still in the session's
/// buffer and the epoch is unchanged) or a full snapshot to start again from.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ResyncResult")]
public sealed record ResyncResult(
    [property: Id(0)] string SessionId,
    [property: Id(1)] long Epoch,
    [property: Id(2)] IReadOnlyList<SessionEvent>? Events,
    [property: Id(3)] Sessions.SessionSnapshot? Snapshot);

/// <summary>The names of the event types, as they appear on the wire.</summary>
public static class SessionEventTypes
{
    public const string AgendaChanged = "agendaChanged";
    public const string AgendaEdited = "agendaEdited";
    public const string CurrentItemChanged = "currentItemChanged";
    public const string SessionStatusChanged = "sessionStatusChanged";
    public const string SessionDetailsChanged = "sessionDetailsChanged";
    public const string PresenceChanged = "presenceChanged";
    public const string QuestionAdded = "questionAdded";
    public const string QuestionUpdated = "questionUpdated";
    public const string QueueChanged = "queueChanged";
    public const string SpeakerChanged = "speakerChanged";
    public const string ProceedingsPublished = "proceedingsPublished";
    public const string TimelineChanged = "timelineChanged";
    public const string QuestionVotesChanged = "questionVotesChanged";
    public const string ModerationQueueChanged = "moderationQueueChanged";
    public const string FloorLedgerChanged = "floorLedgerChanged";

    private static readonly Dictionary<string, Type> DataTypes = new(StringComparer.Ordinal)
    {
        [AgendaChanged] = typeof(Agenda.AgendaChanged),
        [AgendaEdited] = typeof(Agenda.AgendaEdited),
        [CurrentItemChanged] = typeof(Agenda.CurrentItemChanged),
        [SessionStatusChanged] = typeof(Sessions.SessionStatusChanged),
        [SessionDetailsChanged] = typeof(Sessions.SessionDetailsChanged),
        [TimelineChanged] = typeof(Agenda.TimelineChanged),
        [PresenceChanged] = typeof(Presence.PresenceChanged),
        [QuestionAdded] = typeof(Questions.QuestionAdded),
        [QuestionUpdated] = typeof(Questions.QuestionUpdated),
        [QuestionVotesChanged] = typeof(Questions.QuestionVotesChanged),
        [ModerationQueueChanged] = typeof(Questions.ModerationQueueChanged),
        [QueueChanged] = typeof(SpeakingQueue.QueueChanged),
        [SpeakerChanged] = typeof(SpeakingQueue.SpeakerChanged),
        [FloorLedgerChanged] = typeof(SpeakingQueue.FloorLedgerChanged),
        [ProceedingsPublished] = typeof(Proceedings.ProceedingsPublished),
    };

    /// <summary>The events of a session's question board.</summary>
    public static bool IsQuestionEvent(string type) =>
        type is QuestionAdded or QuestionUpdated or QuestionVotesChanged or ModerationQueueChanged;

    /// <summary>The events of a session's speaking queue.</summary>
    public static bool IsFloorEvent(string type) =>
        type is QueueChanged or SpeakerChanged or FloorLedgerChanged;

    /// <summary>The events the session's other grains (question board, speaking queue, proceedings) record in its history.</summary>
    public static bool IsDelegated(string type) => IsQuestionEvent(type) || IsFloorEvent(type) || type == ProceedingsPublished;

    /// <summary>The .NET type of an event's data, for clients that read events from JSON.</summary>
    public static Type? DataTypeOf(string type) => DataTypes.GetValueOrDefault(type);
}
