using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace IgfPlatform.Grains.Live;

[GenerateSerializer]
[Alias("igf.FeedState")]
public sealed class FeedState : ICopyableState<FeedState>
{
    /// <summary>The relays to deliver to, kept so that a new activation delivers at once.</summary>
    [Id(0)]
    public Dictionary<string, ISessionRelay> Relays { get; set; } = new(StringComparer.Ordinal);

    public FeedState Copy() => new() { Relays = new(Relays, StringComparer.Ordinal) };
}

/// <summary>
/// A feed that is not a session (a topic's, the archive's), on the same backbone: one writer numbers
/// the events (<see cref="EventLog"/>) and <see cref="RelayFanout"/> delivers them once to each
/// server's relay. The events announce changes their owners already stored, so the feed stores none
/// of them: a new activation starts a new epoch and its followers read the source again.
/// </summary>
public sealed class FeedGrain : Grain, IFeedGrain
{
    private readonly IPersistentState<FeedState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<FeedGrain> _logger;
    private EventLog _log = null!;
    private RelayFanout _fanout = null!;

    public FeedGrain(
        [PersistentState("feed", StorageNames.Blob)] IPersistentState<FeedState> state,
        TimeProvider time,
        ILogger<FeedGrain> logger)
    {
        _state = state;
        _time = time;
        _logger = logger;
    }

    private string FeedId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Random, below 2^53 (JavaScript holds it exactly): two activations never share an epoch.
        _log = new EventLog(Random.Shared.NextInt64(1, 1L << 53));
        _fanout = new RelayFanout(FeedId, _log, _logger);
        var now = _time.GetUtcNow();
        foreach (var (serverId, relay) in _state.State.Relays)
        {
            _fanout.Attach(serverId, relay, now);
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public Task Record(IReadOnlyList<FeedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = _time.GetUtcNow();
        foreach (var change in changes)
        {
            if (change is null || !(TopicEventTypes.IsKnown(change.Type) || ArchiveEventTypes.IsKnown(change.Type) || change.Type == LiveFeeds.SignedOutEvent) || change.Data is null)
            {
                throw ForumException.Invalid("type", $"'{change?.Type}' is not an event of a feed.");
            }
        }

        foreach (var change in changes)
        {
            _log.Append(change.Type, change.Data, now);
        }

        _fanout.DropExpired(now);
        _fanout.Publish();
        return Task.CompletedTask;
    }

    public Task<FeedPosition> GetPosition() => Task.FromResult(new FeedPosition(_log.Epoch, _log.LastSeq));

    public Task<FeedResync> Resync(long epoch, long lastSeq)
    {
        var events = epoch == _log.Epoch && _log.TryGetAfter(lastSeq, out var missed) ? missed : null;
        return Task.FromResult(new FeedResync(_log.Epoch, _log.LastSeq, events));
    }

    public async Task AttachRelay(string serverId, ISessionRelay relay)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        ArgumentNullException.ThrowIfNull(relay);
        var now = _time.GetUtcNow();
        _fanout.DropExpired(now);
        var isNew = _fanout.Attach(serverId, relay, now);
        if (isNew || !_state.State.Relays.TryGetValue(serverId, out var stored) || !stored.Equals(relay))
        {
            await StoreRelays();
        }
    }

    public async Task DetachRelay(string serverId)
    {
        if (_fanout.Detach(serverId) || _state.State.Relays.ContainsKey(serverId))
        {
            await StoreRelays();
        }
    }

    private Task StoreRelays() => _state.Apply(s => s.Relays = _fanout.Relays.ToDictionary(StringComparer.Ordinal));
}
