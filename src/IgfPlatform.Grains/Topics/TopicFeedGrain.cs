using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Live;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace IgfPlatform.Grains.Topics;

[GenerateSerializer]
[Alias("igf.TopicFeedState")]
public sealed class TopicFeedState : ICopyableState<TopicFeedState>
{
    /// <summary>The relays to deliver to, kept so that a new activation delivers at once.</summary>
    [Id(0)]
    public Dictionary<string, ISessionRelay> Relays { get; set; } = new(StringComparer.Ordinal);

    public TopicFeedState Copy() => new() { Relays = new(Relays, StringComparer.Ordinal) };
}

/// <summary>
/// A topic's live feed, with the same backbone as a session: one writer numbers the events
/// (<see cref="EventLog"/>) and <see cref="RelayFanout"/> delivers them once to each server's relay.
/// The events are announcements of changes their owners already stored, so the feed stores none
/// of them: a new activation starts a new epoch and its followers read the topic again.
/// </summary>
public sealed class TopicFeedGrain : Grain, ITopicFeedGrain
{
    private readonly IPersistentState<TopicFeedState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<TopicFeedGrain> _logger;
    private EventLog _log = null!;
    private RelayFanout _fanout = null!;

    public TopicFeedGrain(
        [PersistentState("topicFeed", StorageNames.Blob)] IPersistentState<TopicFeedState> state,
        TimeProvider time,
        ILogger<TopicFeedGrain> logger)
    {
        _state = state;
        _time = time;
        _logger = logger;
    }

    private string Slug => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Random, below 2^53 (JavaScript holds it exactly): two activations never share an epoch.
        _log = new EventLog(Random.Shared.NextInt64(1, 1L << 53));
        _fanout = new RelayFanout(LiveFeeds.Topic(Slug), _log, _logger);
        var now = _time.GetUtcNow();
        foreach (var (serverId, relay) in _state.State.Relays)
        {
            _fanout.Attach(serverId, relay, now);
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public Task Record(IReadOnlyList<TopicChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = _time.GetUtcNow();
        foreach (var change in changes)
        {
            if (change is null || !TopicEventTypes.IsKnown(change.Type) || change.Data is null)
            {
                throw ForumException.Invalid("type", $"'{change?.Type}' is not an event of a topic.");
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

    public Task<TopicFeedPosition> GetPosition() => Task.FromResult(new TopicFeedPosition(Slug, _log.Epoch, _log.LastSeq));

    public Task<TopicResync> Resync(long epoch, long lastSeq)
    {
        var events = epoch == _log.Epoch && _log.TryGetAfter(lastSeq, out var missed) ? missed : null;
        return Task.FromResult(new TopicResync(Slug, _log.Epoch, _log.LastSeq, events));
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
