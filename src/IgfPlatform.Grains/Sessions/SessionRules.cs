using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Sessions;

/// <summary>Limits on session input, stated in docs/api.md.</summary>
public static class SessionLimits
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MinDurationMinutes = 5;
    public const int MaxDurationMinutes = 1440;
    public const int MaxTopics = 10;
    public const int MaxModerators = 10;
    public const int MaxIdLength = 64;
}

/// <summary>The rules of a session's lifecycle and of what organizers may write.</summary>
public static class SessionRules
{
    /// <summary>Session ids and topic slugs: lower-case letters, digits and dashes.</summary>
    public static bool IsSlug(string? value, int maxLength = SessionLimits.MaxIdLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && value[0] != '-' && value[^1] != '-';

    /// <summary>Checks a draft and returns it trimmed; throws naming every bad field.</summary>
    public static SessionDraft Normalize(SessionDraft? draft)
    {
        if (draft is null)
        {
            throw ForumException.Invalid("The session is required.");
        }

        var errors = new Dictionary<string, string[]>();
        var title = draft.Title?.Trim() ?? string.Empty;
        if (title.Length == 0)
        {
            errors["title"] = ["A session needs a title."];
        }
        else if (title.Length > SessionLimits.MaxTitleLength)
        {
            errors["title"] = [$"A title has at most {SessionLimits.MaxTitleLength} characters."];
        }

        var titles = NormalizeTranslations(draft.Titles, "titles", SessionLimits.MaxTitleLength, errors);
        var description = draft.Description?.Trim() ?? string.Empty;
        if (description.Length > SessionLimits.MaxDescriptionLength)
        {
            errors["description"] = [$"A description has at most {SessionLimits.MaxDescriptionLength} characters."];
        }

        var descriptions = NormalizeTranslations(draft.Descriptions, "descriptions", SessionLimits.MaxDescriptionLength, errors);
        if (!Enum.IsDefined(draft.Type))
        {
            errors["type"] = ["Unknown session type."];
        }

        var topics = (draft.Topics ?? []).Select(t => t?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Count > SessionLimits.MaxTopics)
        {
            errors["topics"] = [$"A session links at most {SessionLimits.MaxTopics} topics."];
        }
        else if (topics.Any(t => !IsSlug(t)))
        {
            errors["topics"] = ["Topics are given by their slugs (lower-case letters, digits and dashes)."];
        }

        if (draft.DurationMinutes < SessionLimits.MinDurationMinutes || draft.DurationMinutes > SessionLimits.MaxDurationMinutes)
        {
            errors["durationMinutes"] = [$"A session lasts from {SessionLimits.MinDurationMinutes} to {SessionLimits.MaxDurationMinutes} minutes."];
        }

        if (draft.StartsAt == default)
        {
            errors["startsAt"] = ["A session needs a start time."];
        }

        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The session is not valid.", errors);
        }

        return new SessionDraft(title, titles, draft.Type, topics, draft.StartsAt.ToUniversalTime(), draft.DurationMinutes, description, descriptions);
    }

    /// <summary>Throws unless the session may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static void EnsureTransition(SessionStatus from, SessionStatus to)
    {
        var allowed = (from, to) switch
        {
            (SessionStatus.Draft, SessionStatus.Scheduled) => true,
            (SessionStatus.Scheduled, SessionStatus.Live) => true,
            (SessionStatus.Live, SessionStatus.Ended) => true,
            (SessionStatus.Ended, SessionStatus.Published) => true,
            _ => false,
        };
        if (!allowed)
        {
            throw ForumException.Conflict(from == to
                ? $"The session is already {Name(from)}."
                : $"A session that is {Name(from)} cannot become {Name(to)}; sessions move draft → scheduled → live → ended → published.");
        }
    }

    /// <summary>Whether organizers may still edit the session's description.</summary>
    public static void EnsureEditable(SessionStatus status)
    {
        if (status is SessionStatus.Ended or SessionStatus.Published)
        {
            throw ForumException.Conflict($"A session that is {Name(status)} can no longer be edited; its record is kept as held.");
        }
    }

    public static string Name(SessionStatus status) => status switch
    {
        SessionStatus.Draft => "draft",
        SessionStatus.Scheduled => "scheduled",
        SessionStatus.Live => "live",
        SessionStatus.Ended => "ended",
        SessionStatus.Published => "published",
        _ => status.ToString(),
    };

    private static Dictionary<string, string> NormalizeTranslations(
        IReadOnlyDictionary<string, string>? source, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in source ?? new Dictionary<string, string>())
        {
            var trimmed = text?.Trim() ?? string.Empty;
            if (!Languages.IsSupported(language))
            {
                errors[$"{field}.{language}"] = [$"Translations are given in the UN languages: {string.Join(", ", Languages.All)}."];
            }
            else if (trimmed.Length == 0 || trimmed.Length > maxLength)
            {
                errors[$"{field}.{language}"] = [$"A translation has from 1 to {maxLength} characters."];
            }
            else
            {
                result[language] = trimmed;
            }
        }

        return result;
    }
}
