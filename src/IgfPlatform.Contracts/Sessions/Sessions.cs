using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Contracts.Sessions;

/// <summary>What an organizer writes when creating or editing a session.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionDraft")]
public sealed record SessionDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] IReadOnlyDictionary<string, string>? Titles,
    [property: Id(2)] SessionType Type,
    [property: Id(3)] IReadOnlyList<string> Topics,
    [property: Id(4)] DateTimeOffset StartsAt,
    [property: Id(5)] int DurationMinutes,
    [property: Id(6)] string Description,
    [property: Id(7)] IReadOnlyDictionary<string, string>? Descriptions = null);

/// <summary>A session as everyone may see it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionDetails")]
public sealed record SessionDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyDictionary<string, string> Titles,
    [property: Id(3)] SessionType Type,
    [property: Id(4)] SessionStatus Status,
    [property: Id(5)] IReadOnlyList<string> Topics,
    [property: Id(6)] DateTimeOffset StartsAt,
    [property: Id(7)] int DurationMinutes,
    [property: Id(8)] string Description,
    [property: Id(9)] IReadOnlyDictionary<string, string> Descriptions,
    [property: Id(10)] IReadOnlyList<string> Moderators,
    [property: Id(11)] DateTimeOffset? StartedAt,
    [property: Id(12)] DateTimeOffset? EndedAt);

/// <summary>A line of the session calendar.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionSummary")]
public sealed record SessionSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyDictionary<string, string> Titles,
    [property: Id(3)] SessionType Type,
    [property: Id(4)] SessionStatus Status,
    [property: Id(5)] IReadOnlyList<string> Topics,
    [property: Id(6)] DateTimeOffset StartsAt,
    [property: Id(7)] int DurationMinutes);

/// <summary>Filters of <c>GET /api/sessions</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionQuery")]
public sealed record SessionQuery(
    [property: Id(0)] SessionStatus? Status = null,
    [property: Id(1)] string? Topic = null,
    [property: Id(2)] SessionType? Type = null,
    [property: Id(3)] DateTimeOffset? From = null,
    [property: Id(4)] DateTimeOffset? To = null,
    [property: Id(5)] bool IncludeDrafts = false);

/// <summary>
/// Everything a client needs to draw a session, and the point in its history (<c>epoch</c>,
/// <c>seq</c>) from which the events that follow apply.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionSnapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] SessionDetails Session,
    [property: Id(1)] IReadOnlyList<AgendaItem> Agenda,
    [property: Id(2)] string? CurrentItemId,
    [property: Id(3)] long Epoch,
    [property: Id(4)] long Seq,
    [property: Id(5)] AgendaTimeline Timeline,
    [property: Id(6)] Presence.PresenceCounts Presence,
    [property: Id(7)] Questions.QuestionBoardView? Questions = null,
    [property: Id(8)] SpeakingQueue.FloorView? Floor = null,
    [property: Id(9)] SpeakingQueue.MyFloorEntry? MyFloorEntry = null);

[GenerateSerializer]
[Immutable]
[Alias("igf.SessionStatusChanged")]
public sealed record SessionStatusChanged(
    [property: Id(0)] SessionStatus Status,
    [property: Id(1)] SessionStatus Previous);

[GenerateSerializer]
[Immutable]
[Alias("igf.SessionDetailsChanged")]
public sealed record SessionDetailsChanged(
    [property: Id(0)] SessionDetails Session);

/// <summary>A person who holds roles that clash, for example moderator of two sessions at once.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.RoleClash")]
public sealed record RoleClash(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string OtherSessionId,
    [property: Id(3)] string OtherSessionTitle,
    [property: Id(4)] DateTimeOffset OtherStartsAt,
    [property: Id(5)] DateTimeOffset OtherEndsAt,
    [property: Id(6)] string Message);

/// <summary>A session with the warnings an organizer should see about it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionWithWarnings")]
public sealed record SessionWithWarnings(
    [property: Id(0)] SessionDetails Session,
    [property: Id(1)] IReadOnlyList<RoleClash> Warnings);

/// <summary>A stretch of time a person is committed to a session as its moderator.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.Moderation")]
public sealed record Moderation(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] SessionStatus Status);

/// <summary>A session as planned (the agenda when it started) and as held, with the most people that followed at once.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionHistory")]
public sealed record SessionHistory(
    [property: Id(0)] SessionDetails Details,
    [property: Id(1)] IReadOnlyList<Agenda.AgendaItem> PlannedAgenda,
    [property: Id(2)] IReadOnlyList<Agenda.AgendaItem> Agenda,
    [property: Id(3)] Agenda.AgendaTimeline Timeline,
    [property: Id(4)] Presence.PresenceCounts? PeakAttendance,
    [property: Id(5)] DateTimeOffset? PeakAt);
