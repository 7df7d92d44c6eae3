using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Proceedings;

namespace IgfPlatform.Domain.Tests.Proceedings;

/// <summary><see cref="ProceedingsTextRules"/>: what moderators write is bounded, is text, and is tidied the same way every time.</summary>
public sealed class ProceedingsTextRulesTests
{
    private const string Summary = "The session weighed **shared fibre** against satellite links for landlocked countries.";

    private static ProceedingsText Text(string? summary = null, IReadOnlyList<string>? takeaways = null, IReadOnlyList<string>? calls = null) =>
        new(summary ?? Summary, takeaways ?? ["Transit costs fall where exchange points are shared."], calls ?? ["Publish wholesale transit prices."]);

    private static ForumException Refused(ProceedingsText? text)
    {
        var ex = Assert.Throws<ForumException>(() => ProceedingsTextRules.Clean(text));
        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        return ex;
    }

    [Fact]
    public void A_valid_text_is_kept_as_written()
    {
        var clean = ProceedingsTextRules.Clean(Text());

        Assert.Equal(Summary, clean.Summary);
        Assert.Equal(["Transit costs fall where exchange points are shared."], clean.Takeaways);
        Assert.Equal(["Publish wholesale transit prices."], clean.CallsToAction);
    }

    [Fact]
    public void A_missing_text_is_refused()
    {
        Refused(null);
    }

    [Fact]
    public void Summary_lists_and_items_may_be_empty_but_not_an_item()
    {
        var clean = ProceedingsTextRules.Clean(new ProceedingsText(string.Empty, [], []));
        Assert.Equal((string.Empty, 0, 0), (clean.Summary, clean.Takeaways.Count, clean.CallsToAction.Count));

        var ex = Refused(Text(takeaways: ["Shared fibre", " \n\t "], calls: [string.Empty]));
        Assert.Equal(["callsToAction[0]", "takeaways[1]"], ex.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_limits_are_inclusive()
    {
        var clean = ProceedingsTextRules.Clean(Text(
            new string('s', ProceedingsLimits.MaxSummaryLength),
            [.. Enumerable.Range(1, ProceedingsLimits.MaxItems).Select(i => $"Takeaway {i}")],
            [new string('c', ProceedingsLimits.MaxItemLength)]));

        Assert.Equal(ProceedingsLimits.MaxSummaryLength, clean.Summary.Length);
        Assert.Equal(ProceedingsLimits.MaxItems, clean.Takeaways.Count);
        Assert.Equal(ProceedingsLimits.MaxItemLength, clean.CallsToAction[0].Length);
    }

    [Fact]
    public void Beyond_the_limits_every_field_over_is_named()
    {
        var ex = Refused(Text(
            new string('s', ProceedingsLimits.MaxSummaryLength + 1),
            [.. Enumerable.Range(1, ProceedingsLimits.MaxItems + 1).Select(i => $"Takeaway {i}")],
            ["Fine", new string('c', ProceedingsLimits.MaxItemLength + 1)]));

        Assert.Equal(["callsToAction[1]", "summary", "takeaways"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(ex.Errors.Values, messages => Assert.False(string.IsNullOrWhiteSpace(Assert.Single(messages))));
    }

    [Fact]
    public void Length_is_counted_after_trimming()
    {
        var clean = ProceedingsTextRules.Clean(Text("  \n" + new string('s', ProceedingsLimits.MaxSummaryLength) + "\r\n  "));

        Assert.Equal(new string('s', ProceedingsLimits.MaxSummaryLength), clean.Summary);
    }

    [Theory]
    [InlineData("Bell \u0007 in the text")]
    [InlineData("Escape \u001b[31m red")]
    [InlineData("Nul \u0000 byte")]
    [InlineData("Delete \u007f")]
    [InlineData("C1 control \u0085 next line")]
    [InlineData("Form feed \f page")]
    [InlineData("Vertical \v tab")]
    public void Control_characters_are_refused(string text)
    {
        Assert.True(Refused(Text(summary: text)).Errors.ContainsKey("summary"));
        Assert.True(Refused(Text(takeaways: ["Fine", text])).Errors.ContainsKey("takeaways[1]"));
        Assert.True(Refused(Text(calls: [text])).Errors.ContainsKey("callsToAction[0]"));
    }

    /// <summary>Built in code: an attribute's strings are stored as UTF-8, where a lone surrogate cannot be.</summary>
    [Fact]
    public void Broken_unicode_is_refused()
    {
        foreach (var text in new[] { "A lone high surrogate \ud83d here", "A lone low surrogate \ude00 here", "Reversed \ude00\ud83d pair", "Ends on a high surrogate \ud83d" })
        {
            Assert.True(Refused(Text(summary: text)).Errors.ContainsKey("summary"));
            Assert.True(Refused(Text(takeaways: [text])).Errors.ContainsKey("takeaways[0]"));
        }
    }

    [Fact]
    public void Tabs_newlines_and_characters_beyond_the_bmp_are_text()
    {
        var clean = ProceedingsTextRules.Clean(Text("Agreed:\n\t- shared fibre 🌍\n\t- 互联网 exchange points 𠀀"));

        Assert.Equal("Agreed:\n\t- shared fibre 🌍\n\t- 互联网 exchange points 𠀀", clean.Summary);
    }

    [Fact]
    public void Line_ends_become_newlines_and_outer_whitespace_goes()
    {
        var clean = ProceedingsTextRules.Clean(Text(" First line\r\nsecond line\rthird line\n\n ", ["\r\n Shared fibre \r\n"], ["Publish prices\r"]));

        Assert.Equal("First line\nsecond line\nthird line", clean.Summary);
        Assert.Equal(["Shared fibre"], clean.Takeaways);
        Assert.Equal(["Publish prices"], clean.CallsToAction);
    }

    [Fact]
    public void Text_is_normalized_to_composed_form_so_equal_text_gives_equal_bytes()
    {
        var clean = ProceedingsTextRules.Clean(Text("Re\u0301sume\u0301 de la se\u0301ance", ["Gouvernance de l\u2019Internet"]));

        Assert.Equal("Résumé de la séance", clean.Summary);
        Assert.Equal(CanonicalJson.Serialize(ProceedingsTextRules.Clean(Text("Résumé de la séance", ["Gouvernance de l\u2019Internet"]))), CanonicalJson.Serialize(clean));
    }

    [Fact]
    public void Cleaning_clean_text_changes_nothing()
    {
        var once = ProceedingsTextRules.Clean(Text(" Re\u0301sume\u0301\r\n", [" a\rb "], ["c\r\n"]));
        var twice = ProceedingsTextRules.Clean(once);

        Assert.Equal(CanonicalJson.Serialize(once), CanonicalJson.Serialize(twice));
    }

    /// <summary>
    /// Regression (fixed; the text says what went wrong before): <c>ProceedingsTextRules.Tidy</c> records "at most … characters" for a text too long, then still calls
    /// <c>string.Normalize</c> on it, which throws <see cref="ArgumentException"/> when the text also holds a lone
    /// surrogate; a save of such a text fails with a server error instead of the field's validation error.
    /// </summary>
    [Fact]
    public void A_text_too_long_and_broken_is_refused_as_invalid()
    {
        var ex = Refused(Text(summary: new string('s', ProceedingsLimits.MaxSummaryLength) + "\ud83d"));

        Assert.True(ex.Errors.ContainsKey("summary"));
    }

    /// <summary>
    /// Regression (fixed; the text says what went wrong before): lengths are checked before the text is normalized (NFC), and NFC lengthens some characters: U+FB2C
    /// (Hebrew shin with dagesh and shin dot) is one UTF-16 unit and three after NFC. A call to action of 1,000 of them
    /// passes the check and is stored as 3,000 characters, beyond <see cref="ProceedingsLimits.MaxItemLength"/>.
    /// </summary>
    [Fact]
    public void What_is_kept_is_within_the_limits()
    {
        ProceedingsText clean;
        try
        {
            clean = ProceedingsTextRules.Clean(Text(calls: [new string('\uFB2C', ProceedingsLimits.MaxItemLength)]));
        }
        catch (ForumException)
        {
            return;
        }

        Assert.InRange(clean.CallsToAction[0].Length, 1, ProceedingsLimits.MaxItemLength);
    }

    [Fact]
    public void A_note_is_optional_for_the_first_version_and_required_after()
    {
        Assert.Null(ProceedingsTextRules.Note(null, "note", required: false));
        Assert.Null(ProceedingsTextRules.Note(" \r\n ", "note", required: false));
        Assert.Equal("Corrected the hub headcount", ProceedingsTextRules.Note("  Corrected the hub headcount\r\n", "note", required: false));

        foreach (var missing in new[] { null, string.Empty, " \n " })
        {
            var ex = Assert.Throws<ForumException>(() => ProceedingsTextRules.Note(missing, "note", required: true));
            Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
            Assert.Equal(["note"], ex.Errors.Keys);
        }
    }

    [Fact]
    public void A_note_or_a_reason_is_bounded_and_is_text()
    {
        Assert.Equal(ProceedingsLimits.MaxNoteLength, ProceedingsTextRules.Note(new string('n', ProceedingsLimits.MaxNoteLength), "reason", required: true)!.Length);

        foreach (var bad in new[] { new string('n', ProceedingsLimits.MaxReasonLength + 1), "Court order \u0007", "Court order \udc00" })
        {
            var ex = Assert.Throws<ForumException>(() => ProceedingsTextRules.Note(bad, "reason", required: true));
            Assert.Equal(["reason"], ex.Errors.Keys);
        }
    }
}
