using System.Globalization;
using System.Text;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Grains.Proceedings;

namespace IgfPlatform.Server.Proceedings;

/// <summary>
/// This server's index of the archive, in memory: an inverted index over titles, summaries,
/// takeaways and calls to action (words folded to lower case without accents; Chinese, Japanese and
/// Korean text by single characters and pairs), with filters by topic, stakeholder group, year and
/// session type. Kept current from the catalog (<see cref="ArchiveIndexRefresher"/>). Many readers, one writer.
/// </summary>
public sealed class ArchiveIndex : IDisposable
{
    private const byte TitleField = 1, TextField = 2, SummaryField = 4;

    // Raw HTML in a summary stays text in the snippet, as everywhere.
    private static readonly Markdig.MarkdownPipeline PlainText = Markdig.MarkdownExtensions.DisableHtml(new Markdig.MarkdownPipelineBuilder()).Build();

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, Doc> _docs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<Doc, byte>> _postings = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _vocabulary = new(StringComparer.Ordinal);
    private long _revision;
    private ulong _fingerprint;

    /// <summary>Changes with every change applied (for this server's own use).</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <summary>
    /// What the index holds, as a number every server computes alike from the same entries (each
    /// session's latest version hash, combined in any order): the archive's ETags.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return $"{_docs.Count:x}-{_fingerprint:x16}";
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _docs.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Apply(IEnumerable<ArchiveChange> changes)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var change in changes)
            {
                if (_docs.TryGetValue(change.SessionId, out var old))
                {
                    if (change.Entry is { } same && old.Entry.Hash == same.Hash && old.Entry.Version == same.Version)
                    {
                        continue;
                    }

                    Remove(old);
                }

                if (change.Entry is { } entry)
                {
                    Add(entry);
                }

                Interlocked.Increment(ref _revision);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>Every entry, the newest sessions first (for the open-data exports).</summary>
    public IReadOnlyList<ArchiveEntry> All()
    {
        _lock.EnterReadLock();
        try
        {
            return [.. _docs.Values.OrderByDescending(d => d.Entry.StartsAt).ThenBy(d => d.Entry.SessionId, StringComparer.Ordinal).Select(d => d.Entry)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public ArchivePage Search(ArchiveQuery query)
    {
        var words = Tokens(query.Words ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        var lastIsPrefix = query.Words is { Length: > 0 } w && !char.IsWhiteSpace(w[^1]);
        _lock.EnterReadLock();
        try
        {
            IEnumerable<(Doc Doc, int Score)> matches = words.Count == 0
                ? _docs.Values.Select(d => (d, 0))
                : Match(words, lastIsPrefix);
            var filtered = matches.Where(m => Passes(m.Doc.Entry, query)).ToList();
            var ordered = filtered
                .OrderByDescending(m => m.Score)
                .ThenByDescending(m => m.Doc.Entry.StartsAt)
                .ThenBy(m => m.Doc.Entry.SessionId, StringComparer.Ordinal);
            var items = ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(m => Hit(m.Doc.Entry, query.Words)).ToList();
            return new ArchivePage(filtered.Count, query.Page, query.PageSize, items, Facets(filtered.Select(m => m.Doc.Entry)));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Documents holding every word (the last one also as the start of a word), scored by where the words are.</summary>
    private IEnumerable<(Doc Doc, int Score)> Match(List<string> words, bool lastIsPrefix)
    {
        Dictionary<Doc, int>? scores = null;
        for (var i = 0; i < words.Count; i++)
        {
            var found = new Dictionary<Doc, int>();
            var terms = i == words.Count - 1 && lastIsPrefix && words[i].Length >= 2
                ? _vocabulary.GetViewBetween(words[i], words[i] + char.MaxValue)
                : (IEnumerable<string>)[words[i]];
            foreach (var term in terms)
            {
                if (!_postings.TryGetValue(term, out var docs))
                {
                    continue;
                }

                foreach (var (doc, fields) in docs)
                {
                    var score = ((fields & TitleField) != 0 ? 5 : 0) + ((fields & TextField) != 0 ? 2 : 0) + ((fields & SummaryField) != 0 ? 1 : 0);
                    found[doc] = Math.Max(found.GetValueOrDefault(doc), score);
                }
            }

            if (scores is null)
            {
                scores = found;
            }
            else
            {
                scores = scores.Where(s => found.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => s.Value + found[s.Key]);
            }

            if (scores.Count == 0)
            {
                break;
            }
        }

        return (scores ?? []).Select(s => (s.Key, s.Value));
    }

    private static bool Passes(ArchiveEntry entry, ArchiveQuery query) =>
        (query.Topic is null || entry.Topics.Contains(query.Topic, StringComparer.Ordinal))
        && (query.Group is null || entry.Groups.Contains(query.Group, StringComparer.Ordinal))
        && (query.Year is null || entry.StartsAt.UtcDateTime.Year == query.Year)
        && (query.Type is null || entry.Type == query.Type);

    private static ArchiveFacets Facets(IEnumerable<ArchiveEntry> entries)
    {
        var years = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var types = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var groups = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var topics = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            Count(years, e.StartsAt.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture));
            Count(types, e.Type);
            foreach (var g in e.Groups)
            {
                Count(groups, g);
            }

            foreach (var t in e.Topics)
            {
                Count(topics, t);
            }
        }

        return new ArchiveFacets(years, types, groups, topics);

        static void Count(SortedDictionary<string, int> into, string key) => into[key] = into.GetValueOrDefault(key) + 1;
    }

    private static ArchiveHit Hit(ArchiveEntry e, string? words) => new(
        e.SessionId, e.Version, e.Title, e.Type, e.Topics, e.Groups, e.StartsAt.UtcDateTime.Year, e.StartsAt, e.PublishedAt,
        Snippet(e.Summary, words), e.Speeches, e.FloorSeconds, e.PeakAttendance, e.Hash, ArchiveUrls.Version(e.SessionId, e.Version));

    /// <summary>About 240 characters of the summary as plain text (Markdown marks removed), around the first word searched for.</summary>
    public static string Snippet(string summary, string? words)
    {
        const int Length = 240;
        var plain = Markdig.Markdown.ToPlainText(summary, PlainText);
        var text = string.Join(' ', plain.Split((char[])['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var at = 0;
        foreach (var word in (words ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var found = CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
            if (found >= 0)
            {
                at = Math.Max(0, found - (Length / 3));
                break;
            }
        }

        if (text.Length <= Length)
        {
            return text;
        }

        // Never cut a surrogate pair in two.
        var start = at > 0 && char.IsLowSurrogate(text[at]) ? at - 1 : at;
        var end = Math.Min(text.Length, start + Length);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return (start > 0 ? "…" : string.Empty) + text[start..end].Trim() + (end < text.Length ? "…" : string.Empty);
    }

    private void Add(ArchiveEntry entry)
    {
        var doc = new Doc(entry);
        _docs[entry.SessionId] = doc;
        _fingerprint ^= doc.Mark;
        Index(doc, entry.Title, TitleField);
        Index(doc, entry.Summary, SummaryField);
        foreach (var text in entry.Takeaways.Concat(entry.CallsToAction))
        {
            Index(doc, text, TextField);
        }
    }

    private void Index(Doc doc, string text, byte field)
    {
        foreach (var token in Tokens(text))
        {
            if (!_postings.TryGetValue(token, out var docs))
            {
                docs = _postings[token] = [];
                _vocabulary.Add(token);
            }

            docs[doc] = (byte)(docs.GetValueOrDefault(doc) | field);
            doc.Tokens.Add(token);
        }
    }

    private void Remove(Doc doc)
    {
        _docs.Remove(doc.Entry.SessionId);
        _fingerprint ^= doc.Mark;
        foreach (var token in doc.Tokens)
        {
            if (_postings.TryGetValue(token, out var docs) && docs.Remove(doc) && docs.Count == 0)
            {
                _postings.Remove(token);
                _vocabulary.Remove(token);
            }
        }
    }

    /// <summary>
    /// Words folded to lower case without accents. Scripts written without spaces (Han, kana, Hangul)
    /// give each character and each pair of neighbours, so a search for any two-character word finds it.
    /// </summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        var dense = new List<string>();
        foreach (var rune in Folded(text).EnumerateRunes())
        {
            if (IsDense(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                dense.Add(rune.ToString());
                continue;
            }

            foreach (var token in Dense(dense))
            {
                yield return token;
            }

            dense.Clear();
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }

        foreach (var token in Dense(dense))
        {
            yield return token;
        }
    }

    /// <summary>Compatibility forms unified and accents removed, then composed again (Hangul syllables stay whole).</summary>
    private static string Folded(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(rune.ToString());
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    private static IEnumerable<string> Dense(List<string> run)
    {
        for (var i = 0; i < run.Count; i++)
        {
            yield return run[i];
            if (i + 1 < run.Count)
            {
                yield return run[i] + run[i + 1];
            }
        }
    }

    private static bool IsDense(Rune rune) => rune.Value is
        (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xAC00 and <= 0xD7AF)
        or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FFFF);

    private sealed class Doc(ArchiveEntry entry)
    {
        public ArchiveEntry Entry { get; } = entry;

        public HashSet<string> Tokens { get; } = new(StringComparer.Ordinal);

        public ulong Mark { get; } = BitConverter.ToUInt64(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes($"{entry.SessionId}\n{entry.Version}\n{entry.Hash}")), 0);
    }
}

/// <summary>The archive's stable addresses.</summary>
public static class ArchiveUrls
{
    public static string Version(string sessionId, int version) => $"/api/archive/{Uri.EscapeDataString(sessionId)}/v/{version}";

    public static string Latest(string sessionId) => $"/api/archive/{Uri.EscapeDataString(sessionId)}/latest";

    public static string Page(string sessionId, int version) => $"/archive/{Uri.EscapeDataString(sessionId)}/v/{version}";
}
