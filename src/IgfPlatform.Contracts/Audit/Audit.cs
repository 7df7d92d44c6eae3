namespace IgfPlatform.Contracts.Audit;

/// <summary>
/// One action of an organizer or a moderator, as the audit log keeps it: who (a participant id, the name
/// is looked up when read), when, what, on which session or forum-wide, and the reason they gave.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] string? SessionId,
    [property: Id(5)] string? Target,
    [property: Id(6)] string? Reason);

/// <summary>An entry as organizers read it: with the actor's name when the account still exists.</summary>
public sealed record AuditView(
    string Id,
    DateTimeOffset At,
    string ActorId,
    string? ActorName,
    string Action,
    string? SessionId,
    string? Target,
    string? Reason);

/// <summary>A page of the log, newest first; <see cref="Next"/> reads on (null at the start of the log).</summary>
public sealed record AuditPage(IReadOnlyList<AuditView> Entries, string? Next);

public static class AuditLimits
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    /// <summary>The scope of forum-wide actions (topics, consultations, roles); sessions' actions use the session id.</summary>
    public const string Forum = "forum";
}
