namespace IgfPlatform.Contracts.Vocabulary;

/// <summary>Why a command was refused. Maps to an HTTP status and a hub error.</summary>
public enum ForumErrorKind
{
    Invalid = 0,
    Forbidden = 1,
    NotFound = 2,
    Conflict = 3,
    Unauthenticated = 4,
    TooManyRequests = 5,

    /// <summary>The platform cannot answer yet (storage not reachable, still starting): try again shortly.</summary>
    Unavailable = 6,
}

/// <summary>
/// A command the platform refuses for a reason the caller can act on. Thrown before any state
/// changes, so a refused command never alters what is stored.
/// </summary>
[GenerateSerializer]
[Alias("igf.ForumException")]
public sealed class ForumException : Exception
{
    public ForumException()
    {
    }

    public ForumException(string message)
        : base(message)
    {
    }

    public ForumException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ForumException(ForumErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    [Id(0)]
    public ForumErrorKind Kind { get; init; }

    /// <summary>Per-field messages for validation errors (field name → messages).</summary>
    [Id(1)]
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    [Id(2)]
    public string Detail { get; init; } = string.Empty;

    public override string Message => string.IsNullOrEmpty(Detail) ? base.Message : Detail;

    public static ForumException Invalid(string message, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(ForumErrorKind.Invalid, message, errors) { Detail = message };

    public static ForumException Invalid(string field, string message) =>
        Invalid(message, new Dictionary<string, string[]> { [field] = [message] });

    public static ForumException Forbidden(string message) => new(ForumErrorKind.Forbidden, message) { Detail = message };

    public static ForumException NotFound(string message) => new(ForumErrorKind.NotFound, message) { Detail = message };

    public static ForumException Conflict(string message) => new(ForumErrorKind.Conflict, message) { Detail = message };

    public static ForumException TooManyRequests(string message) => new(ForumErrorKind.TooManyRequests, message) { Detail = message };

    public static ForumException Unauthenticated(string message) => new(ForumErrorKind.Unauthenticated, message) { Detail = message };

    public static ForumException Unavailable(string message) => new(ForumErrorKind.Unavailable, message) { Detail = message };
}
