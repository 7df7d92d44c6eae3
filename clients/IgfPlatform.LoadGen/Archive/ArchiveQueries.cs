using System.Globalization;
using System.Text;
using Bogus;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.LoadGen.Archive;

/// <summary>A kind of archive search in the mix, with its weight (percent of requests).</summary>
public sealed record QueryKindInfo(string Name, int Weight, string Description);

/// <summary>One search to send: its kind (for the histograms) and its query string.</summary>
public sealed record ArchiveQueryCase(string Kind, string Query);

/// <summary>
/// Many different archive searches, drawn at random over the words the archive holds (and some it
/// does not): single words common and rare, two words, prefixes as typed, French, Spanish and Chinese
/// words, filters by year, topic, stakeholder group and session type with and without words, and pages.
/// </summary>
public sealed class ArchiveQueries
{
    public static readonly IReadOnlyList<QueryKindInfo> Kinds =
    [
        new("common word", 16, "one word found in many proceedings (internet, access, cooperation, governments…)"),
        new("rare word", 10, "one word of a single topic's vocabulary (ransomware, peering, zero, localization…)"),
        new("two words", 14, "two words, both required, from one topic phrase or drawn apart"),
        new("prefix", 14, "the start of a word as typed (2 to 5 letters; the last word of every search also matches as a prefix)"),
        new("other language", 8, "a French or Spanish word (accents or not) or Chinese characters"),
        new("words + filter", 12, "a word with a year, topic, stakeholder group or session type, or two of them"),
        new("filter only", 12, "no words: a year, topic, group or type, or two of them (newest first)"),
        new("page", 8, "a later page (2–10) of a browse or a common word, 20, 50 or 100 a page"),
        new("browse", 3, "the first page of everything, newest first"),
        new("no match", 3, "a word no proceedings hold"),
    ];

    private static readonly string[] Common =
    [
        "internet", "access", "cooperation", "governments", "stakeholder", "participants", "transparent", "developing", "countries",
        "forum", "policy", "regulation", "data", "networks", "security", "capacity", "local", "civil", "society", "progress", "speakers",
    ];

    private static readonly string[] OtherLanguages =
    [
        "sécurité", "securite", "réseaux", "données", "liberté", "accès", "développement", "coopération", "participants", "vie privée",
        "privacidad", "datos", "redes", "conectividad", "desarrollo", "libertad", "cifrado", "sociedad civil", "acceso",
        "网络", "数据", "网络安全", "人工智能", "隐私", "域名", "宽带", "治理", "数据保护",
    ];

    private static readonly string[] Groups = [.. Enum.GetValues<StakeholderGroup>().Select(g => WireNames.Name(g))];
    private static readonly string[] Types = [.. Enum.GetValues<SessionType>().Select(t => WireNames.Name(t))];

    private readonly Faker _faker;
    private readonly string[] _words;
    private readonly string[] _pairs;

    public ArchiveQueries(int seed)
    {
        _faker = new Faker("en") { Random = new Randomizer(seed) };
        var terms = ArchiveCorpus.Topics.SelectMany(t => t.En).ToList();
        _words = [.. terms.SelectMany(Words).Where(w => w.Length >= 4).Distinct(StringComparer.Ordinal)];
        _pairs = [.. terms.Select(t => Words(t).ToArray()).Where(w => w.Length >= 2).Select(w => $"{w[0]} {w[1]}")];
    }

    /// <summary>The next search (not thread-safe: one generator per worker).</summary>
    public ArchiveQueryCase Next()
    {
        var pick = _faker.Random.Int(0, 99);
        foreach (var kind in Kinds)
        {
            if (pick < kind.Weight)
            {
                return new ArchiveQueryCase(kind.Name, Make(kind.Name));
            }

            pick -= kind.Weight;
        }

        return new ArchiveQueryCase("browse", Make("browse"));
    }

    private string Make(string kind)
    {
        var q = new Query();
        switch (kind)
        {
            case "common word":
                q.Words = _faker.PickRandom(Common);
                break;
            case "rare word":
                q.Words = _faker.PickRandom(_words);
                break;
            case "two words":
                q.Words = _faker.Random.Bool(0.7f) ? _faker.PickRandom(_pairs) : $"{_faker.PickRandom(Common)} {_faker.PickRandom(_words)}";
                break;
            case "prefix":
                var word = _faker.PickRandom(_faker.Random.Bool() ? Common : _words);
                q.Words = word[..Math.Min(word.Length, _faker.Random.Int(2, 5))];
                break;
            case "other language":
                q.Words = _faker.PickRandom(OtherLanguages);
                break;
            case "words + filter":
                q.Words = _faker.PickRandom(_faker.Random.Bool() ? Common : _words);
                Filter(q, _faker.Random.Int(1, 2));
                break;
            case "filter only":
                Filter(q, _faker.Random.Int(1, 2));
                break;
            case "page":
                q.Words = _faker.Random.Bool() ? null : _faker.PickRandom(Common);
                q.Page = _faker.Random.Int(2, 10);
                q.PageSize = _faker.PickRandom(20, 50, 100);
                break;
            case "no match":
                q.Words = _faker.Random.String2(8, "bcdfghjklmnpqrstvwxz");
                break;
        }

        return q.ToString();
    }

    private void Filter(Query q, int how)
    {
        foreach (var which in _faker.PickRandom([0, 1, 2, 3], how))
        {
            switch (which)
            {
                case 0:
                    q.Year = _faker.Random.Int(ArchiveCorpus.FirstYear, ArchiveCorpus.FirstYear + ArchiveCorpus.Years - 1);
                    break;
                case 1:
                    q.Topic = ArchiveCorpus.Topics[_faker.Random.Int(0, ArchiveCorpus.Topics.Count - 1)].Slug;
                    break;
                case 2:
                    q.Group = _faker.PickRandom(Groups);
                    break;
                default:
                    q.Type = _faker.PickRandom(Types);
                    break;
            }
        }
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(char.IsLetterOrDigit));

    private sealed class Query
    {
        public string? Words { get; set; }

        public string? Topic { get; set; }

        public string? Group { get; set; }

        public int? Year { get; set; }

        public string? Type { get; set; }

        public int Page { get; set; } = 1;

        public int PageSize { get; set; } = 20;

        public override string ToString()
        {
            var s = new StringBuilder("api/archive?");
            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    s.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
                }
            }

            Add("q", Words);
            Add("topic", Topic);
            Add("group", Group);
            Add("year", Year?.ToString(CultureInfo.InvariantCulture));
            Add("type", Type);
            Add("page", Page.ToString(CultureInfo.InvariantCulture));
            Add("pageSize", PageSize.ToString(CultureInfo.InvariantCulture));
            return s.ToString().TrimEnd('&');
        }
    }
}
