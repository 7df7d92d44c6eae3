using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.Sessions;

[GenerateSerializer]
[Alias("igf.SessionCatalogState")]
public sealed class SessionCatalogState : ICopyableState<SessionCatalogState>
{
    [Id(0)]
    public Dictionary<string, SessionSummary> Sessions { get; set; } = new(StringComparer.Ordinal);

    public SessionCatalogState Copy() => new() { Sessions = new(Sessions, StringComparer.Ordinal) };
}

/// <summary>The session calendar. It grows with every session, so it is kept in Blob storage.</summary>
public sealed class SessionCatalogGrain(
    [PersistentState("sessionCatalog", StorageNames.Blob)] IPersistentState<SessionCatalogState> state)
    : Grain, ISessionCatalogGrain
{
    public async Task Upsert(SessionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await state.ApplyMerging(s => s.Sessions[summary.Id] = summary);
    }

    public Task<IReadOnlyList<SessionSummary>> List(SessionQuery query)
    {
        query ??= new SessionQuery();
        IReadOnlyList<SessionSummary> result = state.State.Sessions.Values
            .Where(s => query.IncludeDrafts || s.Status != SessionStatus.Draft)
            .Where(s => query.Status is null || s.Status == query.Status)
            .Where(s => query.Type is null || s.Type == query.Type)
            .Where(s => query.Topic is null || s.Topics.Contains(query.Topic, StringComparer.Ordinal))
            .Where(s => query.From is null || s.StartsAt.AddMinutes(s.DurationMinutes) >= query.From)
            .Where(s => query.To is null || s.StartsAt < query.To)
            .OrderBy(s => s.StartsAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(result);
    }

    public Task<int> Count() => Task.FromResult(state.State.Sessions.Count);
}
