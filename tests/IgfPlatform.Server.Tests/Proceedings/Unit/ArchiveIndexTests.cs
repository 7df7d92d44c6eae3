using IgfPlatform.Server.Proceedings;
using static IgfPlatform.Server.Tests.Proceedings.Unit.Archived;

namespace IgfPlatform.Server.Tests.Proceedings.Unit;

/// <summary>
/// <see cref="ArchiveIndex"/>: words of titles, summaries, takeaways and calls to action, folded for case and accents,
/// Chinese by characters and pairs; every word required, the last one also as a prefix; filters, pages and facets.
/// </summary>
public sealed class ArchiveIndexTests
{
    [Fact]
    public void Words_are_found_in_titles_summaries_takeaways_and_calls_to_action()
    {
        var inTitle = Entry(title: "Open Forum: interconnection costs in landlocked countries");
        var inSummary = Entry(summary: "Regulators compared satellite links with terrestrial fibre.");
        var inTakeaway = Entry(takeaways: ["Spectrum auctions should favour rural coverage."]);
        var inCall = Entry(calls: ["Publish wholesale transit prices every quarter."]);
        using var index = Index(inTitle, inSummary, inTakeaway, inCall);

        Assert.Equal([inTitle.SessionId], index.Find("landlocked").Ids());
        Assert.Equal([inSummary.SessionId], index.Find("satellite").Ids());
        Assert.Equal([inTakeaway.SessionId], index.Find("auctions").Ids());
        Assert.Equal([inCall.SessionId], index.Find("wholesale").Ids());
        Assert.Empty(index.Find("blockchain").Items);
        Assert.Equal(0, index.Find("blockchain").Total);
    }

    [Fact]
    public void A_word_in_the_title_ranks_before_the_same_word_in_a_takeaway_before_the_summary()
    {
        var inSummary = Entry(summary: "Cybersecurity capacity was discussed at length.", startsAt: Lillestrom.AddDays(3));
        var inTakeaway = Entry(takeaways: ["Cybersecurity needs trained people."], startsAt: Lillestrom.AddDays(2));
        var inTitle = Entry(title: "Main session: cybersecurity in the Global South", startsAt: Lillestrom.AddDays(1));
        using var index = Index(inSummary, inTakeaway, inTitle);

        Assert.Equal([inTitle.SessionId, inTakeaway.SessionId, inSummary.SessionId], index.Find("cybersecurity").Ids());
    }

    [Theory]
    [InlineData("Gouvernance")]
    [InlineData("GOUVERNANCE")]
    [InlineData("gouvernance")]
    public void Case_is_folded(string query)
    {
        var french = Entry(summary: "La gouvernance de l'Internet au Sahel.");
        using var index = Index(french, Entry());

        Assert.Equal([french.SessionId], index.Find(query).Ids());
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("résumé")]
    [InlineData("RÉSUMÉ")]
    [InlineData("debats")]
    [InlineData("Sao Paulo")]
    [InlineData("são paulo")]
    public void Accents_are_folded_both_ways(string query)
    {
        var entry = Entry(summary: "Un résumé des débats tenus à São Paulo.");
        using var index = Index(entry, Entry());

        Assert.Equal([entry.SessionId], index.Find(query).Ids());
    }

    [Fact]
    public void Text_written_with_accents_is_found_from_text_written_without()
    {
        var plain = Entry(summary: "A resume of the cafe discussions.");
        using var index = Index(plain);

        Assert.Equal([plain.SessionId], index.Find("résumé café").Ids());
    }

    [Theory]
    [InlineData("互联")]
    [InlineData("互联网")]
    [InlineData("治理")]
    [InlineData("数字包容")]
    [InlineData("互联网 治理")]
    public void Chinese_words_are_found_inside_text_written_without_spaces(string query)
    {
        var chinese = Entry(summary: "互联网治理论坛讨论了数字包容和网络安全。");
        using var index = Index(chinese, Entry(summary: "联合国的会议。"));

        Assert.Equal([chinese.SessionId], index.Find(query).Ids());
    }

    [Fact]
    public void A_chinese_word_that_is_not_there_finds_nothing()
    {
        using var index = Index(Entry(summary: "互联网治理论坛讨论了数字包容和网络安全。"));

        Assert.Empty(index.Find("人工智能").Items);
    }

    [Fact]
    public void Japanese_kana_are_indexed_by_characters_and_pairs_too()
    {
        var japanese = Entry(summary: "インターネットガバナンスについての議論。");
        using var index = Index(japanese);

        Assert.Equal([japanese.SessionId], index.Find("ガバナンス ").Ids());
        Assert.Contains("議論", ArchiveIndex.Tokens("議論"));
    }

    /// <summary>
    /// Regression (fixed; the text says what went wrong before): Hangul is meant to be indexed by characters and pairs like Chinese and Japanese
    /// (<c>ArchiveIndex.IsDense</c> lists U+AC00–U+D7AF), but <c>ArchiveIndex.Tokens</c> first normalizes to NFKD,
    /// which decomposes every Hangul syllable into conjoining jamo (U+1100–U+11FF), which are not in that list. Korean
    /// text is then indexed as words of jamo, and a word followed by a particle (인터넷은, "the Internet" + topic
    /// marker) is not found by the word (인터넷) unless it is the last word searched.
    /// </summary>
    [Fact]
    public void Korean_words_are_found_inside_words_with_particles()
    {
        var korean = Entry(summary: "인터넷은 모두를 위한 것이다.");
        using var index = Index(korean);

        Assert.Contains("인터", ArchiveIndex.Tokens("인터넷"));
        Assert.Equal([korean.SessionId], index.Find("인터넷 모두").Ids());
    }

    [Theory]
    [InlineData("interconn")]
    [InlineData("landlocked interconn")]
    [InlineData("Landlocked COUNTR")]
    [InlineData("landl")]
    public void The_last_word_also_matches_as_the_start_of_a_word(string query)
    {
        var entry = Entry(summary: "Interconnection costs weigh on landlocked countries.");
        using var index = Index(entry, Entry());

        Assert.Equal([entry.SessionId], index.Find(query).Ids());
    }

    [Theory]
    [InlineData("interconn landlocked")]
    [InlineData("interconn ")]
    [InlineData("i")]
    public void Only_the_last_word_typed_so_far_is_a_prefix(string query)
    {
        using var index = Index(Entry(summary: "Interconnection costs weigh on landlocked countries."));

        Assert.Empty(index.Find(query).Items);
    }

    [Fact]
    public void Every_word_searched_for_is_required()
    {
        var both = Entry(summary: "Shared fibre or satellite links for the last mile.");
        var fibre = Entry(summary: "Shared fibre along railways.");
        var satellite = Entry(takeaways: ["Satellite links are costly."]);
        using var index = Index(both, fibre, satellite);

        Assert.Equal([both.SessionId], index.Find("satellite fibre").Ids());
        Assert.Equal(2, index.Find("fibre").Total);
        Assert.Empty(index.Find("fibre satellite blockchain").Items);
    }

    [Fact]
    public void Punctuation_separates_words_and_is_not_searched()
    {
        var entry = Entry(summary: "Multi-stakeholder, bottom-up: the IGF's model (since 2006).");
        using var index = Index(entry);

        Assert.Equal([entry.SessionId], index.Find("stakeholder bottom 2006").Ids());
        Assert.Equal([entry.SessionId], index.Find("multi-stakeholder!").Ids());
    }

    [Fact]
    public void Filters_by_topic_group_year_and_type_combine_with_words()
    {
        var a = Entry(title: "Workshop on cybersecurity", topics: ["cybersecurity"], groups: ["government"], startsAt: new DateTimeOffset(2024, 12, 16, 9, 0, 0, TimeSpan.Zero));
        var b = Entry(title: "Open forum on cybersecurity", type: "openForum", topics: ["cybersecurity", "capacity-building"], groups: ["civilSociety"], startsAt: Lillestrom);
        var c = Entry(title: "Main session on access", type: "mainSession", topics: ["affordable-access"], groups: ["civilSociety", "privateSector"], startsAt: Lillestrom.AddDays(1));
        using var index = Index(a, b, c);

        Assert.Equal([b.SessionId, a.SessionId], index.Find(null, topic: "cybersecurity").Ids());
        Assert.Equal([c.SessionId, b.SessionId], index.Find(null, group: "civilSociety").Ids());
        Assert.Equal([a.SessionId], index.Find(null, year: 2024).Ids());
        Assert.Equal([c.SessionId], index.Find(null, type: "mainSession").Ids());
        Assert.Equal([b.SessionId], index.Find("cybersecurity", group: "civilSociety", year: 2025).Ids());
        Assert.Empty(index.Find("cybersecurity", type: "mainSession").Items);
        Assert.Empty(index.Find(null, topic: "Cybersecurity").Items);
    }

    [Fact]
    public void The_year_is_the_year_of_the_start_in_utc()
    {
        // 23:30 on 31 December in New York is already the next year in UTC.
        var newYear = Entry(startsAt: new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5)));
        using var index = Index(newYear);

        Assert.Equal([newYear.SessionId], index.Find(null, year: 2026).Ids());
        Assert.Empty(index.Find(null, year: 2025).Items);
        Assert.Equal(2026, Assert.Single(index.Find(null).Items).Year);
    }

    [Fact]
    public void Pages_cover_every_result_once_newest_first_and_the_total_counts_them_all()
    {
        var entries = Enumerable.Range(0, 25).Select(i => Entry(summary: $"Session {i} on digital inclusion.", startsAt: Lillestrom.AddHours(i))).ToArray();
        using var index = Index([.. Enumerable.Reverse(entries), Entry(summary: "Unrelated.")]);

        var pages = Enumerable.Range(1, 4).Select(p => index.Find("inclusion", page: p, pageSize: 10)).ToList();

        Assert.All(pages, p => Assert.Equal((25, 10), (p.Total, p.PageSize)));
        Assert.Equal([10, 10, 5, 0], pages.Select(p => p.Items.Count));
        Assert.Equal([1, 2, 3, 4], pages.Select(p => p.Page));
        Assert.Equal(Enumerable.Reverse(entries).Select(e => e.SessionId), pages.SelectMany(p => p.Ids()));
    }

    [Fact]
    public void Facets_count_the_matching_entries_by_year_type_group_and_topic()
    {
        using var index = Index(
            Entry(summary: "Fibre.", type: "workshop", topics: ["access"], groups: ["government"], startsAt: new DateTimeOffset(2024, 12, 17, 9, 0, 0, TimeSpan.Zero)),
            Entry(summary: "Fibre.", type: "workshop", topics: ["access", "capacity-building"], groups: ["government", "civilSociety"]),
            Entry(summary: "Fibre.", type: "openForum", topics: ["access"], groups: ["technicalAcademic"]),
            Entry(summary: "Satellites.", type: "mainSession", topics: ["space"], groups: ["privateSector"]));

        var facets = index.Find("fibre", pageSize: 1).Facets;

        Assert.Equal(new Dictionary<string, int> { ["2024"] = 1, ["2025"] = 2 }, facets.Years);
        Assert.Equal(new Dictionary<string, int> { ["openForum"] = 1, ["workshop"] = 2 }, facets.Types);
        Assert.Equal(new Dictionary<string, int> { ["civilSociety"] = 1, ["government"] = 2, ["technicalAcademic"] = 1 }, facets.Groups);
        Assert.Equal(new Dictionary<string, int> { ["access"] = 3, ["capacity-building"] = 1 }, facets.Topics);
    }

    [Fact]
    public void Hits_carry_the_entry_with_its_year_and_the_address_of_its_version()
    {
        var entry = Entry(sessionId: "ws-42-access", title: "Workshop 42: affordable access", version: 3);
        using var index = Index(entry);

        var hit = Assert.Single(index.Find("affordable").Items);

        Assert.Equal(
            ("ws-42-access", 3, entry.Hash, entry.Title, "workshop", 2025, entry.StartsAt, entry.PublishedAt, "/api/archive/ws-42-access/v/3"),
            (hit.SessionId, hit.Version, hit.Hash, hit.Title, hit.Type, hit.Year, hit.StartsAt, hit.PublishedAt, hit.Url));
        Assert.Equal((entry.Speeches, entry.FloorSeconds, entry.PeakAttendance), (hit.Speeches, hit.FloorSeconds, hit.PeakAttendance));
    }

    [Fact]
    public void A_removed_entry_is_found_no_more()
    {
        var gone = Entry(summary: "Zero-rating and net neutrality.");
        var kept = Entry(summary: "Net neutrality in Latin America.");
        using var index = Index(gone, kept);

        index.Apply([Removal(gone.SessionId)]);

        Assert.Equal(1, index.Count);
        Assert.Empty(index.Find("zero").Items);
        Assert.Empty(index.Find("rating").Items);
        Assert.Equal([kept.SessionId], index.Find("neutrality").Ids());
        Assert.Equal([kept], index.All());

        // Removing what is not there changes nothing.
        var fingerprint = index.Fingerprint;
        index.Apply([Removal("s-never-published")]);
        Assert.Equal(fingerprint, index.Fingerprint);
    }

    [Fact]
    public void A_new_version_replaces_the_old_one_with_its_words()
    {
        var v1 = Entry(sessionId: "ws-replace", summary: "Draft figures on broadband prices.");
        using var index = Index(v1);
        var v2 = Entry(sessionId: "ws-replace", summary: "Corrected figures on mobile prices.", version: 2);

        index.Apply([Change(v2)]);

        Assert.Equal(1, index.Count);
        Assert.Empty(index.Find("broadband").Items);
        var hit = Assert.Single(index.Find("mobile prices").Items);
        Assert.Equal((2, v2.Hash), (hit.Version, hit.Hash));
        Assert.Equal(1, index.Find("prices").Total);
    }

    [Fact]
    public void The_same_entry_applied_again_changes_nothing()
    {
        var entry = Entry();
        using var index = Index(entry);
        var (revision, fingerprint) = (index.Revision, index.Fingerprint);

        index.Apply([Change(entry), Change(entry with { })]);

        Assert.Equal((revision, fingerprint), (index.Revision, index.Fingerprint));
    }

    [Fact]
    public void The_fingerprint_depends_on_the_entries_not_on_the_order_they_came_in()
    {
        var a = Entry(sessionId: "ws-a");
        var b = Entry(sessionId: "ws-b");
        var c = Entry(sessionId: "ws-c");
        var b2 = Entry(sessionId: "ws-b", version: 2, summary: "A second version.");

        using var one = Index(a, b, c);
        using var other = new ArchiveIndex();
        other.Apply([Change(c)]);
        other.Apply([Change(b2), Change(a)]);
        other.Apply([Removal("ws-b")]);
        other.Apply([Change(b)]);

        Assert.Equal(one.Fingerprint, other.Fingerprint);
        Assert.StartsWith("3-", one.Fingerprint, StringComparison.Ordinal);

        // A new version, a removal, or another hash for the same version: a different fingerprint.
        var before = one.Fingerprint;
        one.Apply([Change(b2)]);
        var afterNewVersion = one.Fingerprint;
        Assert.NotEqual(before, afterNewVersion);
        one.Apply([Change(b)]);
        Assert.Equal(before, one.Fingerprint);
        one.Apply([Change(c with { Hash = Hash("ws-c", 1, "tampered") })]);
        Assert.NotEqual(before, one.Fingerprint);
        one.Apply([Removal("ws-c")]);
        Assert.NotEqual(before, one.Fingerprint);
        Assert.StartsWith("2-", one.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void All_lists_every_entry_newest_session_first()
    {
        var older = Entry(startsAt: Lillestrom);
        var newer = Entry(startsAt: Lillestrom.AddDays(1));
        using var index = Index(older, newer);

        Assert.Equal([newer.SessionId, older.SessionId], index.All().Select(e => e.SessionId));
    }

    [Fact]
    public void A_snippet_of_a_short_summary_is_the_whole_summary_on_one_line()
    {
        Assert.Equal("First line second line third", ArchiveIndex.Snippet("First line\n\nsecond line\tthird\n", "line"));
    }

    [Fact]
    public void A_snippet_of_a_long_summary_is_taken_around_the_first_word_searched_for()
    {
        var summary = string.Join(' ', Enumerable.Repeat("Participants discussed affordable access in rural areas.", 20)) + " Finally spectrum was mentioned. " +
            string.Join(' ', Enumerable.Repeat("Remote hubs joined from Nairobi.", 20));

        var snippet = ArchiveIndex.Snippet(summary, "SPECTRUM");

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("spectrum was mentioned", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Length, 200, 245);

        var start = ArchiveIndex.Snippet(summary, "nothing-like-this");
        Assert.StartsWith("Participants discussed", start, StringComparison.Ordinal);
        Assert.EndsWith("…", start, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snippet_never_cuts_a_surrogate_pair()
    {
        // Emoji and CJK extension B characters (two UTF-16 units each) with single units between them, the word
        // searched for at every position, so that both ends of the snippet fall on every alignment.
        var pairs = string.Concat(Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? "x" : i % 2 == 0 ? "😀" : "𠀀"));
        foreach (var pad in new[] { string.Empty, "a" })
        {
            var units = pad + pairs;
            for (var at = 0; at < units.Length; at++)
            {
                if (char.IsLowSurrogate(units[at]))
                {
                    continue;
                }

                var snippet = ArchiveIndex.Snippet(units.Insert(at, " fibre "), "fibre");

                Assert.Contains("fibre", snippet, StringComparison.Ordinal);
                for (var i = 0; i < snippet.Length; i++)
                {
                    var lone = char.IsHighSurrogate(snippet[i])
                        ? i + 1 == snippet.Length || !char.IsLowSurrogate(snippet[i + 1])
                        : char.IsLowSurrogate(snippet[i]) && (i == 0 || !char.IsHighSurrogate(snippet[i - 1]));
                    Assert.False(lone, $"A lone surrogate at {i} of the snippet for the word at {at} (pad '{pad}').");
                }
            }
        }
    }

    [Fact]
    public void Searching_without_words_lists_everything_and_blank_words_are_no_words()
    {
        using var index = Index(Entry(), Entry(), Entry());

        Assert.Equal(3, index.Find(null).Total);
        Assert.Equal(3, index.Find("  !? ").Total);
    }
}
