using System.Text;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Proceedings;

/// <summary>Checks and tidies what moderators write: lengths, counts, and text a canonical record can hold.</summary>
public static class ProceedingsTextRules
{
    public static ProceedingsText Empty { get; } = new(string.Empty, [], []);

    public static ProceedingsText Clean(ProceedingsText? text)
    {
        if (text is null)
        {
            throw ForumException.Invalid("A text with a summary, takeaways and calls to action is required.");
        }

        var errors = new Dictionary<string, string[]>();
        var summary = Tidy(text.Summary, "summary", ProceedingsLimits.MaxSummaryLength, errors, allowEmpty: true);
        var takeaways = Items(text.Takeaways, "takeaways", errors);
        var calls = Items(text.CallsToAction, "callsToAction", errors);
        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The proceedings text is not valid.", errors);
        }

        return new ProceedingsText(summary, takeaways, calls);
    }

    /// <summary>A note of what a version changed, or a takedown's reason: one line or a few, bounded.</summary>
    public static string? Note(string? note, string field, bool required)
    {
        var errors = new Dictionary<string, string[]>();
        var clean = Tidy(note, field, ProceedingsLimits.MaxNoteLength, errors, allowEmpty: !required);
        if (errors.Count > 0)
        {
            throw ForumException.Invalid(field, errors[field][0]);
        }

        return clean.Length == 0 ? null : clean;
    }

    private static List<string> Items(IReadOnlyList<string>? items, string field, Dictionary<string, string[]> errors)
    {
        var list = items ?? [];
        if (list.Count > ProceedingsLimits.MaxItems)
        {
            errors[field] = [$"At most {ProceedingsLimits.MaxItems} items."];
            return [];
        }

        var clean = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var item = Tidy(list[i], $"{field}[{i}]", ProceedingsLimits.MaxItemLength, errors, allowEmpty: false);
            clean.Add(item);
        }

        return clean;
    }

    private static string Tidy(string? value, string field, int max, Dictionary<string, string[]> errors, bool allowEmpty)
    {
        var text = (value ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (!IsValidText(text))
        {
            errors[field] = ["Holds characters that are not text (control characters or broken Unicode)."];
            return text;
        }

        // Limits apply to what is kept: the text in its composed form.
        text = text.Normalize(NormalizationForm.FormC);
        if (text.Length == 0 && !allowEmpty)
        {
            errors[field] = ["Must not be empty."];
        }
        else if (text.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }

        return text;
    }

    private static bool IsValidText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\t')))
            {
                return false;
            }
        }

        return true;
    }
}
