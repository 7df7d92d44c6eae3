using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace IgfPlatform.Grains.Sessions;

[GenerateSerializer]
[Alias("igf.SessionCatalogState")]
public sealed class SessionCatalogState : ICopyableState<SessionCatalogState>
{
    [Id(0)]
    public Dictionary<string, SessionSummary> Sessions { get; set; } = new(StringComparer.Ordinal);

    public SessionCatalogState Copy() => new() { Sessions = new(Sessions, StringComparer.Ordinal) };
}

/// <summary>
/// The session calendar. It grows with every session, so it is kept in Blob storage; every session's
/// change lands here, so changes arriving together are stored in one write (reentrant, group commit)
/// rather than one whole-calendar write each, one after another.
/// </summary>
[Reentrant]
public sealed class SessionCatalogGrain : Grain, ISessionCatalogGrain
{
    private readonly IPersistentState<SessionCatalogState> _state;
    private readonly ILogger<SessionCatalogGrain> _logger;
    private GatheredState<SessionCatalogState> _catalog = null!;

    public SessionCatalogGrain(
        [PersistentState("sessionCatalog", StorageNames.Blob)] IPersistentState<SessionCatalogState> state,
        ILogger<SessionCatalogGrain> logger)
    {
        _state = state;
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _catalog = new GatheredState<SessionCatalogState>(_state, _logger);
        return base.OnActivateAsync(cancellationToken);
    }

    public Task Upsert(SessionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return _catalog.Change(s => s.Sessions[summary.Id] = summary);
    }

    public Task<IReadOnlyList<SessionSummary>> List(SessionQuery query)
    {
        query ??= new SessionQuery();
        IReadOnlyList<SessionSummary> result = _catalog.Stored.Sessions.Values
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

    public Task<int> Count() => Task.FromResult(_catalog.Stored.Sessions.Count);
}
