using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Agenda;

/// <summary>Checks and normalizes an agenda as a moderator submits it.</summary>
public static class AgendaRules
{
    /// <summary>The N of an id of the platform's pattern <c>item-N</c>, or 0.</summary>
    public static int PlatformNumberOf(string id) =>
        id.StartsWith("item-", StringComparison.Ordinal) && int.TryParse(id.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : 0;

    /// <summary>
    /// Returns the agenda to store: trimmed text, ids given to new items. Throws
    /// <see cref="ForumException"/> naming every bad field, before anything changes.
    /// </summary>
    public static IReadOnlyList<AgendaItem> Normalize(IReadOnlyList<AgendaItem>? items, Func<string> newId)
    {
        if (items is null)
        {
            throw ForumException.Invalid("items", "The agenda is required (an empty list clears it).");
        }

        var errors = new Dictionary<string, string[]>();
        if (items.Count > AgendaLimits.MaxItems)
        {
            errors["items"] = [$"An agenda has at most {AgendaLimits.MaxItems} items."];
        }

        var result = new List<AgendaItem>(items.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);

        // Ids the moderator gave are never given again to a new item of the same agenda.
        var given = items.Select(i => i?.Id?.Trim()).OfType<string>().Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var prefix = $"items[{i}]";
            if (item is null)
            {
                errors[prefix] = ["An agenda item is required."];
                continue;
            }

            var title = item.Title?.Trim() ?? string.Empty;
            if (title.Length == 0)
            {
                errors[$"{prefix}.title"] = ["An agenda item needs a title."];
            }
            else if (title.Length > AgendaLimits.MaxTitleLength)
            {
                errors[$"{prefix}.title"] = [$"An agenda item's title has at most {AgendaLimits.MaxTitleLength} characters."];
            }

            if (item.Minutes < 1 || item.Minutes > AgendaLimits.MaxMinutes)
            {
                errors[$"{prefix}.minutes"] = [$"An agenda item lasts from 1 to {AgendaLimits.MaxMinutes} minutes."];
            }

            var speakers = (item.Speakers ?? []).Select(s => s?.Trim() ?? string.Empty).ToList();
            if (speakers.Count > AgendaLimits.MaxSpeakers)
            {
                errors[$"{prefix}.speakers"] = [$"An agenda item has at most {AgendaLimits.MaxSpeakers} speakers."];
            }
            else if (speakers.Any(s => s.Length == 0 || s.Length > AgendaLimits.MaxSpeakerNameLength))
            {
                errors[$"{prefix}.speakers"] = [$"A speaker's name has from 1 to {AgendaLimits.MaxSpeakerNameLength} characters."];
            }

            var id = item.Id?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                do
                {
                    id = newId();
                }
                while (given.Contains(id));
            }
            else if (id.Length > AgendaLimits.MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors[$"{prefix}.id"] = [$"An item id has at most {AgendaLimits.MaxIdLength} letters, digits, '-' or '_'."];
            }

            if (!ids.Add(id))
            {
                errors[$"{prefix}.id"] = [$"The item id '{id}' appears twice."];
            }

            result.Add(new AgendaItem(id, title, item.Minutes, speakers));
        }

        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The agenda is not valid.", errors);
        }

        return result;
    }
}
