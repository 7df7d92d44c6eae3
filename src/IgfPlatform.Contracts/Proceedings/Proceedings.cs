using IgfPlatform.Contracts.Live;

namespace IgfPlatform.Contracts.Proceedings;

// The published record of a session. Everything in it is a string, an integer, a boolean, null, a
// list or a map, so that its canonical JSON (RFC 8785) is the same whoever computes it: times are
// UTC strings to the second (yyyy-MM-ddTHH:mm:ssZ), durations whole seconds, shares permille.
// People are named by handles ("Speaker 3") that identify nobody outside the session.

/// <summary>What the session's moderators write: Markdown (shown as text where it holds markup).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ProceedingsText")]
public sealed record ProceedingsText(
    [property: Id(0)] string Summary,
    [property: Id(1)] IReadOnlyList<string> Takeaways,
    [property: Id(2)] IReadOnlyList<string> CallsToAction);

[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedSession")]
public sealed record RecordedSession(
    [property: Id(0)] string Title,
    [property: Id(1)] IReadOnlyDictionary<string, string> Titles,
    [property: Id(2)] string Type,
    [property: Id(3)] IReadOnlyList<string> Topics,
    [property: Id(4)] string StartsAt,
    [property: Id(5)] int DurationMinutes,
    [property: Id(6)] string? StartedAt,
    [property: Id(7)] string? EndedAt,
    [property: Id(8)] string Description);

/// <summary>An agenda item as planned (in the agenda when the session started) and as held.</summary>
/// <param name="Planned">False for an item added during the session.</param>
/// <param name="Held">False for an item taken out during the session (it appears as planned only).</param>
/// <param name="Status"><c>done</c>, <c>skipped</c> (or, for an item not held, <c>removed</c>).</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedItem")]
public sealed record RecordedItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int Minutes,
    [property: Id(3)] IReadOnlyList<string> Speakers,
    [property: Id(4)] bool Planned,
    [property: Id(5)] bool Held,
    [property: Id(6)] string Status,
    [property: Id(7)] string? PlannedStart,
    [property: Id(8)] string? ActualStart,
    [property: Id(9)] string? ActualEnd);

/// <param name="Speaker">A handle for the person within this session (<c>Speaker 1</c>, …).</param>
/// <param name="Where"><c>inRoom</c>, <c>remote</c> or <c>remoteHub</c>.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedSpeech")]
public sealed record RecordedSpeech(
    [property: Id(0)] int Number,
    [property: Id(1)] string Speaker,
    [property: Id(2)] string Group,
    [property: Id(3)] string Region,
    [property: Id(4)] string? Gender,
    [property: Id(5)] string Kind,
    [property: Id(6)] string Where,
    [property: Id(7)] string? HubName,
    [property: Id(8)] int HubHeadcount,
    [property: Id(9)] string StartedAt,
    [property: Id(10)] long Seconds,
    [property: Id(11)] int AllottedSeconds,
    [property: Id(12)] int? RepliesTo);

/// <param name="TargetPermille">The organizers' target share, where one was set.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedShare")]
public sealed record RecordedShare(
    [property: Id(0)] int Speeches,
    [property: Id(1)] long Seconds,
    [property: Id(2)] int Permille,
    [property: Id(3)] int? TargetPermille);

/// <summary>The balance ledger: floor time by stakeholder group, region and declared gender; in the room and remote.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedFloor")]
public sealed record RecordedFloor(
    [property: Id(0)] int Speeches,
    [property: Id(1)] long Seconds,
    [property: Id(2)] IReadOnlyDictionary<string, RecordedShare> ByGroup,
    [property: Id(3)] IReadOnlyDictionary<string, RecordedShare> ByRegion,
    [property: Id(4)] IReadOnlyDictionary<string, RecordedShare> ByGender,
    [property: Id(5)] RecordedShare InRoom,
    [property: Id(6)] RecordedShare Remote,
    [property: Id(7)] RecordedShare RemoteHubs,
    [property: Id(8)] int RemoteHubHeadcount);

/// <summary>Attendance at its peak: the most people following at once, with who they were by group, region, gender.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedAttendance")]
public sealed record RecordedAttendance(
    [property: Id(0)] string? PeakAt,
    [property: Id(1)] int Total,
    [property: Id(2)] int Registered,
    [property: Id(3)] int Anonymous,
    [property: Id(4)] int InRoom,
    [property: Id(5)] int Remote,
    [property: Id(6)] IReadOnlyDictionary<string, int> ByGroup,
    [property: Id(7)] IReadOnlyDictionary<string, int> ByRegion,
    [property: Id(8)] IReadOnlyDictionary<string, int> ByGender);

[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedTally")]
public sealed record RecordedTally(
    [property: Id(0)] int Asked,
    [property: Id(1)] int Approved,
    [property: Id(2)] int Answered);

[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedQuestions")]
public sealed record RecordedQuestions(
    [property: Id(0)] int Asked,
    [property: Id(1)] int Approved,
    [property: Id(2)] int Answered,
    [property: Id(3)] int Hidden,
    [property: Id(4)] int Upvotes,
    [property: Id(5)] IReadOnlyDictionary<string, RecordedTally> ByGroup,
    [property: Id(6)] IReadOnlyDictionary<string, RecordedTally> ByRegion);

/// <summary>The floor given to someone other than the balanced suggestion, and why.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedOverride")]
public sealed record RecordedOverride(
    [property: Id(0)] string At,
    [property: Id(1)] int Speech,
    [property: Id(2)] string GivenToGroup,
    [property: Id(3)] string? SuggestedGroup,
    [property: Id(4)] string Reason);

[GenerateSerializer]
[Immutable]
[Alias("igf.RecordedDismissal")]
public sealed record RecordedDismissal(
    [property: Id(0)] string At,
    [property: Id(1)] string Group,
    [property: Id(2)] string Reason);

/// <summary>The proceedings of a session: built from its own log, completed by its moderators.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ProceedingsContent")]
public sealed record ProceedingsContent(
    [property: Id(0)] RecordedSession Session,
    [property: Id(1)] IReadOnlyList<RecordedItem> Agenda,
    [property: Id(2)] IReadOnlyList<RecordedSpeech> Speeches,
    [property: Id(3)] RecordedFloor Floor,
    [property: Id(4)] RecordedAttendance Attendance,
    [property: Id(5)] RecordedQuestions Questions,
    [property: Id(6)] IReadOnlyList<RecordedOverride> Overrides,
    [property: Id(7)] IReadOnlyList<RecordedDismissal> Dismissals,
    [property: Id(8)] string Summary,
    [property: Id(9)] IReadOnlyList<string> Takeaways,
    [property: Id(10)] IReadOnlyList<string> CallsToAction,
    [property: Id(11)] IReadOnlyDictionary<string, int>? ModeratorActions = null);

/// <summary>
/// One published version, exactly as stored and served: its canonical JSON is what the hash is of.
/// <see cref="PreviousHash"/> chains it to the version before (null for version 1).
/// </summary>
/// <param name="Format">The record's format and its version: <see cref="ProceedingsFormat.Current"/>.</param>
/// <param name="Note">What this version changed (required from version 2 on).</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.ProceedingsRecord")]
public sealed record ProceedingsRecord(
    [property: Id(0)] string Format,
    [property: Id(1)] string SessionId,
    [property: Id(2)] int Version,
    [property: Id(3)] string? PreviousHash,
    [property: Id(4)] string PublishedAt,
    [property: Id(5)] string? Note,
    [property: Id(6)] ProceedingsContent Proceedings);

public static class ProceedingsFormat
{
    /// <summary>Format 2 adds <c>moderatorActions</c>: the session's audited actions by kind.</summary>
    public const string Current = "igf-proceedings/2";
}

/// <summary>A version taken down for a legal reason: its content is gone, its hash stays in the chain.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.Takedown")]
public sealed record Takedown(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Reason);

/// <summary>A link of the chain: a version's SHA-256 (lower-case hex of its canonical JSON) and the one before it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ProceedingsVersionInfo")]
public sealed record ProceedingsVersionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] string Hash,
    [property: Id(2)] string? PreviousHash,
    [property: Id(3)] DateTimeOffset PublishedAt,
    [property: Id(4)] string? Note,
    [property: Id(5)] Takedown? TakenDown);

/// <summary>What the session's moderators work on before publishing: the record as it would be published now.</summary>
/// <param name="Revision">Increases with every saved text; a save names the revision it edits.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.ProceedingsDraft")]
public sealed record ProceedingsDraft(
    [property: Id(0)] string SessionId,
    [property: Id(1)] ProceedingsContent Proceedings,
    [property: Id(2)] int Revision,
    [property: Id(3)] DateTimeOffset? EditedAt,
    [property: Id(4)] IReadOnlyList<ProceedingsVersionInfo> Versions);

/// <summary>A version that was just published, pushed to the session's followers and to the archive's.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ProceedingsPublished")]
public sealed record ProceedingsPublished(
    [property: Id(0)] string SessionId,
    [property: Id(1)] int Version,
    [property: Id(2)] string Hash,
    [property: Id(3)] DateTimeOffset PublishedAt,
    [property: Id(4)] string Title,
    [property: Id(5)] string? Note,
    [property: Id(6)] string Url);

/// <summary>A version taken down, pushed to the archive's followers.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ProceedingsTakenDown")]
public sealed record ProceedingsTakenDown(
    [property: Id(0)] string SessionId,
    [property: Id(1)] int Version,
    [property: Id(2)] string Hash,
    [property: Id(3)] string Reason);

/// <summary>One line of the archive (the latest version of a session's proceedings that is not taken down).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ArchiveEntry")]
public sealed record ArchiveEntry(
    [property: Id(0)] string SessionId,
    [property: Id(1)] int Version,
    [property: Id(2)] string Hash,
    [property: Id(3)] string Title,
    [property: Id(4)] string Type,
    [property: Id(5)] IReadOnlyList<string> Topics,
    [property: Id(6)] IReadOnlyList<string> Groups,
    [property: Id(7)] DateTimeOffset StartsAt,
    [property: Id(8)] DateTimeOffset PublishedAt,
    [property: Id(9)] string Summary,
    [property: Id(10)] IReadOnlyList<string> Takeaways,
    [property: Id(11)] IReadOnlyList<string> CallsToAction,
    [property: Id(12)] int Speeches,
    [property: Id(13)] long FloorSeconds,
    [property: Id(14)] int PeakAttendance);

/// <summary>What the client receives through <c>archiveEvents</c>: a contiguous run of the archive's events.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ArchiveEventBatch")]
public sealed record ArchiveEventBatch(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long FromSeq,
    [property: Id(2)] long ToSeq,
    [property: Id(3)] IReadOnlyList<SessionEvent> Events);

public static class ArchiveEventTypes
{
    public const string ProceedingsPublished = SessionEventTypes.ProceedingsPublished;
    public const string ProceedingsTakenDown = "proceedingsTakenDown";

    public static bool IsKnown(string type) => type is ProceedingsPublished or ProceedingsTakenDown;

    public static Type? DataTypeOf(string type) => type switch
    {
        ProceedingsPublished => typeof(Proceedings.ProceedingsPublished),
        ProceedingsTakenDown => typeof(Proceedings.ProceedingsTakenDown),
        _ => null,
    };
}

/// <summary>Limits on what moderators write, stated in the docs.</summary>
public static class ProceedingsLimits
{
    public const int MaxSummaryLength = 10_000;
    public const int MaxItems = 10;
    public const int MaxItemLength = 1_000;
    public const int MaxNoteLength = 500;
    public const int MaxReasonLength = 500;
}

/// <summary>The proceedings of one session (keyed by the session id): the draft, publishing, the chain of versions.</summary>
[Alias("igf.IProceedingsGrain")]
public interface IProceedingsGrain : IGrainWithStringKey
{
    /// <summary>The record as it would be published now (the session's moderators and organizers).</summary>
    [Alias("GetDraft")]
    Task<ProceedingsDraft> GetDraft(string participantId);

    /// <summary>Saves the summary, takeaways and calls to action; refused when <paramref name="revision"/> is not the latest.</summary>
    [Alias("SaveText")]
    Task<ProceedingsDraft> SaveText(string participantId, ProceedingsText text, int revision);

    /// <summary>
    /// Freezes the draft into the next version (after the session ended): its canonical JSON, SHA-256 and the
    /// previous version's hash. A note of what changed is required from version 2 on.
    /// </summary>
    [Alias("Publish")]
    Task<ProceedingsVersionInfo> Publish(string participantId, string? note);

    /// <summary>Takes a version down for a legal reason (organizers): its content goes, its hash stays.</summary>
    [Alias("TakeDown")]
    Task<ProceedingsVersionInfo> TakeDown(string organizerId, int version, string reason);

    /// <summary>The chain, version 1 first (public).</summary>
    [Alias("GetVersions")]
    Task<IReadOnlyList<ProceedingsVersionInfo>> GetVersions();
}

/// <summary>One result of an archive search.</summary>
/// <param name="Snippet">Plain text from the summary around the first word searched for (Markdown not rendered).</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.ArchiveHit")]
public sealed record ArchiveHit(
    [property: Id(0)] string SessionId,
    [property: Id(1)] int Version,
    [property: Id(2)] string Title,
    [property: Id(3)] string Type,
    [property: Id(4)] IReadOnlyList<string> Topics,
    [property: Id(5)] IReadOnlyList<string> Groups,
    [property: Id(6)] int Year,
    [property: Id(7)] DateTimeOffset StartsAt,
    [property: Id(8)] DateTimeOffset PublishedAt,
    [property: Id(9)] string Snippet,
    [property: Id(10)] int Speeches,
    [property: Id(11)] long FloorSeconds,
    [property: Id(12)] int PeakAttendance,
    [property: Id(13)] string Hash,
    [property: Id(14)] string Url);

/// <summary>Counts of the matching proceedings by year, session type, stakeholder group that spoke, and topic.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ArchiveFacets")]
public sealed record ArchiveFacets(
    [property: Id(0)] IReadOnlyDictionary<string, int> Years,
    [property: Id(1)] IReadOnlyDictionary<string, int> Types,
    [property: Id(2)] IReadOnlyDictionary<string, int> Groups,
    [property: Id(3)] IReadOnlyDictionary<string, int> Topics);

/// <summary>A page of archive results: by relevance when searching words, else the newest sessions first.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ArchivePage")]
public sealed record ArchivePage(
    [property: Id(0)] int Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<ArchiveHit> Items,
    [property: Id(4)] ArchiveFacets Facets);

/// <summary>What an archive search asks for; every part optional.</summary>
public sealed record ArchiveQuery(string? Words, string? Topic, string? Group, int? Year, string? Type, int Page = 1, int PageSize = ArchiveQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxWordsLength = 200;
}
