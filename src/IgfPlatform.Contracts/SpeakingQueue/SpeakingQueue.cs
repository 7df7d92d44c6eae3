using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Contracts.SpeakingQueue;

/// <summary>
/// A room of remote participants (a remote hub) that asks for the floor as one: its spokesperson
/// speaks for the headcount gathered there. The region is where the hub is, when it differs from
/// the spokesperson's.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.RemoteHub")]
public sealed record RemoteHub(
    [property: Id(0)] string Name,
    [property: Id(1)] int Headcount,
    [property: Id(2)] Region? Region = null);

/// <summary>
/// A request for the floor as the session's moderators see it: who, from which group, region and
/// gender, and why. <see cref="ParticipantId"/> is null for someone a moderator added (in the room,
/// without the app).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorEntry")]
public sealed record FloorEntry(
    [property: Id(0)] long EntryId,
    [property: Id(1)] FloorKind Kind,
    [property: Id(2)] string? ParticipantId,
    [property: Id(3)] string Name,
    [property: Id(4)] StakeholderGroup Group,
    [property: Id(5)] Region Region,
    [property: Id(6)] Gender? Gender,
    [property: Id(7)] bool InRoom,
    [property: Id(8)] RemoteHub? Hub,
    [property: Id(9)] string? Note,
    [property: Id(10)] DateTimeOffset RequestedAt,
    [property: Id(11)] long? RepliesTo,
    [property: Id(12)] int Position);

/// <summary>
/// A waiting entry as everyone sees it: no name, region or gender, only what shows the balance of
/// the line (kind and stakeholder group) and where the speaker is.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QueuedEntry")]
public sealed record QueuedEntry(
    [property: Id(0)] long EntryId,
    [property: Id(1)] FloorKind Kind,
    [property: Id(2)] StakeholderGroup Group,
    [property: Id(3)] bool InRoom,
    [property: Id(4)] RemoteHub? Hub,
    [property: Id(5)] DateTimeOffset RequestedAt);

/// <summary>
/// A participant's own request: returned by <c>RequestFloor</c> and in the snapshot. Position 1
/// means "you are next" (the speaker the balance policy suggests after the current speech).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.MyFloorEntry")]
public sealed record MyFloorEntry(
    [property: Id(0)] long EntryId,
    [property: Id(1)] FloorKind Kind,
    [property: Id(2)] int Position,
    [property: Id(3)] int Waiting,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] string? Note,
    [property: Id(6)] RemoteHub? Hub,
    [property: Id(7)] bool Speaking);

/// <summary>
/// A speech: who has (or had) the floor, from when, for how long they were given. The name is
/// public, as a speaker's name is in the room; region and gender count only in the ledger.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.Speech")]
public sealed record Speech(
    [property: Id(0)] long SpeechId,
    [property: Id(1)] long EntryId,
    [property: Id(2)] FloorKind Kind,
    [property: Id(3)] string Name,
    [property: Id(4)] StakeholderGroup Group,
    [property: Id(5)] bool InRoom,
    [property: Id(6)] RemoteHub? Hub,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] int AllottedSeconds,
    [property: Id(9)] DateTimeOffset? EndedAt,
    [property: Id(10)] long? RepliesTo);

/// <summary>One reason for a suggestion, in words, with a code clients may translate.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorReason")]
public sealed record FloorReason(
    [property: Id(0)] string Code,
    [property: Id(1)] string Text);

/// <summary>The balance policy's suggestion for the next speaker, with why.</summary>
/// <param name="Rule">Which rule decided: <c>pointOfOrder</c>, <c>reply</c>, <c>balance</c>, <c>overBudget</c>.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorSuggestion")]
public sealed record FloorSuggestion(
    [property: Id(0)] FloorEntry Entry,
    [property: Id(1)] string Rule,
    [property: Id(2)] IReadOnlyList<FloorReason> Reasons);

/// <summary>
/// A session's floor settings, set by organizers. Targets are percentages of floor time per
/// stakeholder group (camelCase names) summing to 100; null means equal shares for the groups
/// present. Budgets are minutes of floor time per group; a group past its budget is suggested
/// only when no other group waits.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorSettings")]
public sealed record FloorSettings(
    [property: Id(0)] int AllottedSeconds,
    [property: Id(1)] int ReplySeconds,
    [property: Id(2)] IReadOnlyDictionary<string, int>? Targets = null,
    [property: Id(3)] IReadOnlyDictionary<string, int>? BudgetMinutes = null)
{
    public static FloorSettings Default { get; } = new(FloorLimits.DefaultAllottedSeconds, FloorLimits.DefaultReplySeconds);
}

/// <summary>
/// Floor time and speeches of one stakeholder group, region or gender. <see cref="Share"/> is of the
/// whole floor time (0–1); <see cref="Target"/> is the share aimed at, where there is one.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorShare")]
public sealed record FloorShare(
    [property: Id(0)] int Speeches,
    [property: Id(1)] long Milliseconds,
    [property: Id(2)] double Share,
    [property: Id(3)] double? Target,
    [property: Id(4)] long? BudgetMilliseconds);

/// <summary>A speech given to someone other than the suggestion: the reason is kept and public.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorOverride")]
public sealed record FloorOverride(
    [property: Id(0)] long SpeechId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ModeratorName,
    [property: Id(3)] string GivenTo,
    [property: Id(4)] StakeholderGroup GivenToGroup,
    [property: Id(5)] long? SuggestedEntryId,
    [property: Id(6)] StakeholderGroup? SuggestedGroup,
    [property: Id(7)] string Reason);

/// <summary>A request a moderator took out of the queue, with the reason (kept and public).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorDismissal")]
public sealed record FloorDismissal(
    [property: Id(0)] long EntryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ModeratorName,
    [property: Id(3)] StakeholderGroup Group,
    [property: Id(4)] string Reason);

/// <summary>
/// How the floor was shared in a session, against the targets: by stakeholder group, region and
/// gender (undeclared as <c>undisclosed</c>), in the room and remote, through remote hubs; with
/// every override and dismissal and its reason. Includes ended speeches and the running one so far.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorLedger")]
public sealed record FloorLedger(
    [property: Id(0)] int Speeches,
    [property: Id(1)] long Milliseconds,
    [property: Id(2)] IReadOnlyDictionary<string, FloorShare> ByGroup,
    [property: Id(3)] IReadOnlyDictionary<string, FloorShare> ByRegion,
    [property: Id(4)] IReadOnlyDictionary<string, FloorShare> ByGender,
    [property: Id(5)] FloorShare InRoom,
    [property: Id(6)] FloorShare Remote,
    [property: Id(7)] FloorShare RemoteHubs,
    [property: Id(8)] int RemoteHubHeadcount,
    [property: Id(9)] IReadOnlyList<FloorOverride> Overrides,
    [property: Id(10)] IReadOnlyList<FloorDismissal> Dismissals,
    [property: Id(11)] DateTimeOffset At);

/// <summary>The floor of a session as everyone may see it: in the snapshot and at <c>GET /api/sessions/{id}/floor</c>.</summary>
/// <param name="Order">Every waiting entry id, in the order the balance policy would give the floor now.</param>
/// <param name="Head">The first <see cref="FloorLimits.HeadSize"/> of them, described.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorView")]
public sealed record FloorView(
    [property: Id(0)] bool Open,
    [property: Id(1)] FloorSettings Settings,
    [property: Id(2)] Speech? Current,
    [property: Id(3)] int Waiting,
    [property: Id(4)] IReadOnlyList<long> Order,
    [property: Id(5)] IReadOnlyList<QueuedEntry> Head,
    [property: Id(6)] FloorLedger Ledger);

/// <summary>Everything the proceedings need of the floor: the ledger and every speech.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorFigures")]
public sealed record FloorFigures(
    [property: Id(0)] string SessionId,
    [property: Id(1)] FloorSettings Settings,
    [property: Id(2)] FloorLedger Ledger,
    [property: Id(3)] IReadOnlyList<Speech> Speeches);

/// <summary>Someone a moderator puts in the queue: in the room without the app, or a remote hub.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorEntryDraft")]
public sealed record FloorEntryDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] StakeholderGroup Group,
    [property: Id(2)] Region Region,
    [property: Id(3)] Gender? Gender,
    [property: Id(4)] FloorKind Kind,
    [property: Id(5)] bool InRoom,
    [property: Id(6)] RemoteHub? Hub = null,
    [property: Id(7)] string? Note = null);

/// <summary>How an entry left the queue.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ClosedEntry")]
public sealed record ClosedEntry(
    [property: Id(0)] long EntryId,
    [property: Id(1)] string Outcome);

/// <summary>The waiting line changed (coalesced): the whole order, the first entries described, and which entries left since the last push.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.QueueChanged")]
public sealed record QueueChanged(
    [property: Id(0)] bool Open,
    [property: Id(1)] int Waiting,
    [property: Id(2)] IReadOnlyList<long> Order,
    [property: Id(3)] IReadOnlyList<QueuedEntry> Head,
    [property: Id(4)] IReadOnlyList<ClosedEntry> Closed);

/// <summary>The floor changed hands: the speech now running (null when nobody speaks) and the one just ended.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SpeakerChanged")]
public sealed record SpeakerChanged(
    [property: Id(0)] Speech? Current,
    [property: Id(1)] Speech? Ended);

[GenerateSerializer]
[Immutable]
[Alias("igf.FloorLedgerChanged")]
public sealed record FloorLedgerChanged(
    [property: Id(0)] FloorLedger Ledger);

/// <summary>The outcomes of <see cref="ClosedEntry"/>.</summary>
public static class FloorOutcomes
{
    public const string Spoke = "spoke";
    public const string Withdrawn = "withdrawn";
    public const string Dismissed = "dismissed";
}

/// <summary>The bounds of the speaking queue, stated in docs/api.md.</summary>
public static class FloorLimits
{
    public const int DefaultAllottedSeconds = 180;
    public const int DefaultReplySeconds = 60;
    public const int MinAllottedSeconds = 15;
    public const int MaxAllottedSeconds = 3600;
    public const int MaxNoteLength = 200;
    public const int MaxReasonLength = 500;
    public const int MaxNameLength = 80;
    public const int MaxHubNameLength = 100;
    public const int MaxHubHeadcount = 100_000;
    public const int MaxClientRequestIdLength = ClientRequestIds.MaxLength;
    public const int MaxBudgetMinutes = 24 * 60;

    /// <summary>The most entries waiting at once in one session.</summary>
    public const int MaxWaiting = 10_000;

    /// <summary>How many waiting entries pushes and views describe; the rest are in the order only.</summary>
    public const int HeadSize = 25;

    /// <summary>Replies to one speech that go straight after it; later ones wait as interventions.</summary>
    public const int MaxRepliesPerSpeech = 3;

    /// <summary>
    /// A waiting request passed over this many times by later requests of its own stakeholder group
    /// goes first within its group (region and gender no longer put others before it): no one waits forever.
    /// </summary>
    public const int MaxOvertakenWithinGroup = 3;

    /// <summary>Requests one participant may make in <see cref="RequestWindow"/>.</summary>
    public const int MaxRequestsPerWindow = 5;

    public static readonly TimeSpan RequestWindow = TimeSpan.FromMinutes(1);

    /// <summary>Queue changes are pushed at most this often (each push carries the whole line).</summary>
    public static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(200);
}

/// <summary>A speech as the proceedings record it: its speaker as a number within the session, not a name.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SpeechOnRecord")]
public sealed record SpeechOnRecord(
    [property: Id(0)] Speech Speech,
    [property: Id(1)] int Speaker,
    [property: Id(2)] Region Region,
    [property: Id(3)] Gender? Gender);

/// <summary>In a person's export: their requests for the floor in one session and their speeches.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FloorExport")]
public sealed record FloorExport(
    [property: Id(0)] string SessionId,
    [property: Id(1)] IReadOnlyList<ExportedFloorRequest> Requests,
    [property: Id(2)] IReadOnlyList<ExportedSpeech> Speeches);

[GenerateSerializer]
[Immutable]
[Alias("igf.ExportedFloorRequest")]
public sealed record ExportedFloorRequest(
    [property: Id(0)] long EntryId,
    [property: Id(1)] FloorKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Note,
    [property: Id(4)] bool InRoom,
    [property: Id(5)] string? Hub,
    [property: Id(6)] DateTimeOffset RequestedAt,
    [property: Id(7)] string Status,
    [property: Id(8)] DateTimeOffset? ClosedAt);

[GenerateSerializer]
[Immutable]
[Alias("igf.ExportedSpeech")]
public sealed record ExportedSpeech(
    [property: Id(0)] long SpeechId,
    [property: Id(1)] long EntryId,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] int AllottedSeconds);
