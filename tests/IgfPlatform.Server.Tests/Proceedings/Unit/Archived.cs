using System.Security.Cryptography;
using System.Text;
using Bogus;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Grains.Proceedings;
using IgfPlatform.Server.Proceedings;

namespace IgfPlatform.Server.Tests.Proceedings.Unit;

/// <summary>Catalog entries of the archive as the proceedings grains write them, and indexes built from them.</summary>
public static class Archived
{
    public static readonly DateTimeOffset Lillestrom = new(2025, 6, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Fillers =
    [
        "Participants from every region took the floor.", "The remote hubs joined from Nairobi, Dhaka and Quito.",
        "The moderators kept the speaking order balanced.", "Several questions came from young people.",
    ];

    /// <summary>An entry of the catalog; the words a test searches for are given, the rest is filler text.</summary>
    public static ArchiveEntry Entry(
        string? sessionId = null,
        string title = "Workshop: capacity building for regulators",
        string? summary = null,
        string[]? takeaways = null,
        string[]? calls = null,
        string type = "workshop",
        string[]? topics = null,
        string[]? groups = null,
        DateTimeOffset? startsAt = null,
        int version = 1)
    {
        var faker = new Faker();
        var id = sessionId ?? $"s-{Guid.NewGuid():N}";
        summary ??= faker.PickRandom(Fillers);
        return new ArchiveEntry(
            id, version, Hash(id, version, summary), title, type, topics ?? ["capacity-building"], groups ?? ["civilSociety", "government"],
            startsAt ?? Lillestrom, (startsAt ?? Lillestrom).AddDays(2), summary, takeaways ?? [faker.PickRandom(Fillers)], calls ?? [],
            faker.Random.Int(1, 40), faker.Random.Long(60, 5_400), faker.Random.Int(0, 500));
    }

    public static string Hash(string sessionId, int version, string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sessionId}/{version}/{content}")));

    public static ArchiveChange Change(ArchiveEntry entry) => new(entry.SessionId, entry, DateTimeOffset.UtcNow);

    public static ArchiveChange Removal(string sessionId) => new(sessionId, null, DateTimeOffset.UtcNow);

    public static ArchiveIndex Index(params ArchiveEntry[] entries)
    {
        var index = new ArchiveIndex();
        index.Apply(entries.Select(Change));
        return index;
    }

    public static ArchivePage Find(this ArchiveIndex index, string? words, string? topic = null, string? group = null, int? year = null, string? type = null, int page = 1, int pageSize = ArchiveQuery.DefaultPageSize) =>
        index.Search(new ArchiveQuery(words, topic, group, year, type, page, pageSize));

    public static IReadOnlyList<string> Ids(this ArchivePage page) => [.. page.Items.Select(i => i.SessionId)];
}
