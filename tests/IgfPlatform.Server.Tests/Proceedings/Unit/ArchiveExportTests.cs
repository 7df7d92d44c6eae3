using System.Text;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Proceedings;

namespace IgfPlatform.Server.Tests.Proceedings.Unit;

/// <summary>
/// <see cref="ProceedingsEndpoints.Csv"/>: one cell of the open-data CSV export (RFC 4180), which a spreadsheet never
/// runs as a formula; and <see cref="ProceedingsEndpoints.Query"/>, the archive search's input checks.
/// </summary>
public sealed class ArchiveExportTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Capacity building", "Capacity building")]
    [InlineData("ws-42-access", "ws-42-access")]
    [InlineData("互联网治理 😀", "互联网治理 😀")]
    [InlineData("It's fine", "It's fine")]
    [InlineData("Fibre, satellite", "\"Fibre, satellite\"")]
    [InlineData("The \"last mile\"", "\"The \"\"last mile\"\"\"")]
    [InlineData("First takeaway\nSecond takeaway", "\"First takeaway\nSecond takeaway\"")]
    [InlineData("Windows\r\nline", "\"Windows\r\nline\"")]
    [InlineData("\"", "\"\"\"\"")]
    public void Cells_are_quoted_when_they_hold_a_comma_a_quote_or_a_line_break(string value, string cell)
    {
        Assert.Equal(cell, ProceedingsEndpoints.Csv(value));
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@x", "'@x")]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"Report\")", "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Report\"\")\"")]
    [InlineData("=1+1,2", "\"'=1+1,2\"")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    [InlineData("-", "'-")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(string value, string cell)
    {
        Assert.Equal(cell, ProceedingsEndpoints.Csv(value));
    }

    [Theory]
    [InlineData("a=1")]
    [InlineData("Budget: -5 %")]
    [InlineData("email@example.org")]
    public void Formula_characters_after_the_first_are_left_alone(string value)
    {
        Assert.Equal(value, ProceedingsEndpoints.Csv(value));
    }

    [Fact]
    public void A_row_of_cells_reads_back_as_the_same_values()
    {
        string[] values = ["ws-1", "Workshop: \"access\", \"cost\"", "First\nSecond\r\nThird", "=cmd|' /C calc'!A0", "plain", string.Empty, "互联网"];

        var row = string.Join(',', values.Select(ProceedingsEndpoints.Csv)) + "\r\n";

        Assert.Equal(values.Select(v => v.Length > 0 && v[0] == '=' ? "'" + v : v), ReadRow(row));
    }

    /// <summary>Reads one RFC 4180 record (quoted fields may hold commas, quotes doubled, line breaks).</summary>
    private static List<string> ReadRow(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' && i + 2 == text.Length)
            {
                break;
            }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"Unquoted '{c}' at {i}.");
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static ForumException Refused(string? q = null, string? topic = null, string? group = null, int? year = null, string? type = null, int? page = null, int? pageSize = null)
    {
        var ex = Assert.Throws<ForumException>(() => ProceedingsEndpoints.Query(q, topic, group, year, type, page, pageSize));
        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        return ex;
    }

    [Fact]
    public void A_search_with_nothing_given_is_the_first_page_of_everything()
    {
        var query = ProceedingsEndpoints.Query(null, null, null, null, null, null, null);

        Assert.Equal(new ArchiveQuery(null, null, null, null, null, 1, ArchiveQuery.DefaultPageSize), query);
    }

    [Fact]
    public void A_valid_search_is_kept_with_its_words_trimmed_and_blank_parts_dropped()
    {
        var query = ProceedingsEndpoints.Query("  gouvernance de l'Internet ", "  ", "civilSociety", 2025, "openForum", 3, 100);

        Assert.Equal(new ArchiveQuery("gouvernance de l'Internet", null, "civilSociety", 2025, "openForum", 3, 100), query);
        Assert.Null(ProceedingsEndpoints.Query(" \t ", null, null, null, null, null, null).Words);
    }

    [Theory]
    [InlineData("civil-society")]
    [InlineData("CivilSociety")]
    [InlineData("civilsociety")]
    [InlineData("")]
    public void An_unknown_stakeholder_group_is_refused(string group)
    {
        Assert.Equal(["group"], Refused(group: group).Errors.Keys);
    }

    [Theory]
    [InlineData("Workshop")]
    [InlineData("panel")]
    [InlineData("open-forum")]
    public void An_unknown_session_type_is_refused(string type)
    {
        Assert.Equal(["type"], Refused(type: type).Errors.Keys);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2201)]
    [InlineData(-2025)]
    public void A_year_out_of_range_is_refused(int year)
    {
        Assert.Equal(["year"], Refused(year: year).Errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void A_page_out_of_range_is_refused(int page)
    {
        Assert.Equal(["page"], Refused(page: page).Errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_page_size_out_of_range_is_refused(int pageSize)
    {
        Assert.Equal(["pageSize"], Refused(pageSize: pageSize).Errors.Keys);
    }

    [Fact]
    public void Words_beyond_the_limit_are_refused()
    {
        Assert.Equal(["q"], Refused(q: new string('w', ArchiveQuery.MaxWordsLength + 1)).Errors.Keys);
        Assert.NotNull(ProceedingsEndpoints.Query(new string('w', ArchiveQuery.MaxWordsLength), null, null, null, null, null, null).Words);
    }

    [Fact]
    public void The_bounds_themselves_are_accepted()
    {
        var low = ProceedingsEndpoints.Query(null, null, "government", 2000, "mainSession", 1, 1);
        var high = ProceedingsEndpoints.Query(null, null, "technicalAcademic", 2200, "lightningTalk", 10_000, ArchiveQuery.MaxPageSize);

        Assert.Equal((2000, 1, 1), (low.Year, low.Page, low.PageSize));
        Assert.Equal((2200, 10_000, 100), (high.Year, high.Page, high.PageSize));
    }

    [Fact]
    public void Every_wrong_part_is_named_at_once()
    {
        var ex = Refused(new string('w', 201), null, "citizens", 1990, "keynote", 0, 500);

        Assert.Equal(["group", "page", "pageSize", "q", "type", "year"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(ex.Errors.Values, m => Assert.False(string.IsNullOrWhiteSpace(Assert.Single(m))));
        Assert.Contains("civilSociety", ex.Errors["group"][0], StringComparison.Ordinal);
        Assert.Contains("workshop", ex.Errors["type"][0], StringComparison.Ordinal);
    }
}
