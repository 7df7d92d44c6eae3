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
    [property: Id(4)] long Seq);

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
