using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Server.Presence;
using Microsoft.AspNetCore.SignalR;

// The hub's topic methods live with the feature; ForumHub itself is in Live/ForumHub.cs.
#pragma warning disable IDE0130 // Namespace does not match folder structure
namespace IgfPlatform.Server.Live;
#pragma warning restore IDE0130

public sealed partial class ForumHub
{
    public const string TopicEventsMethod = "topicEvents";

    /// <summary>
    /// Follow a topic live: new contributions, their hiding and restoring, consultations' figures and
    /// new consultations or final texts arrive through <c>topicEvents</c>, every one after the returned position.
    /// Anyone may follow (what is pushed is what the public may read).
    /// </summary>
    public async Task<TopicFeedPosition> FollowTopic(string slug)
    {
        ValidateTopic(slug);
        _ = await grains.GetGrain<ITopicGrain>(slug).Get() ?? throw new HubException($"There is no topic '{slug}'.");

        // Group, then relay, then position: every event after the position reaches this connection.
        var feedId = LiveFeeds.Topic(slug);
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionRelay.GroupOf(feedId));
        await relay.Follow(feedId, new Follower(Context.ConnectionId, null, InRoom: false));
        var position = await grains.GetGrain<IFeedGrain>(feedId).GetPosition();
        return new TopicFeedPosition(slug, position.Epoch, position.LastSeq);
    }

    public async Task LeaveTopic(string slug)
    {
        ValidateTopic(slug);
        var feedId = LiveFeeds.Topic(slug);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionRelay.GroupOf(feedId));
        followers.Remove(feedId, Context.ConnectionId);
    }

    /// <summary>The topic's events after <paramref name="lastSeq"/> of <paramref name="epoch"/>; null events: read the topic again.</summary>
    public async Task<TopicResync> ResyncTopic(string slug, long epoch, long lastSeq)
    {
        ValidateTopic(slug);
        if (lastSeq < 0)
        {
            throw new HubException("lastSeq cannot be negative.");
        }

        var missed = await grains.GetGrain<IFeedGrain>(LiveFeeds.Topic(slug)).Resync(epoch, lastSeq);
        metrics.Resynced("topic", snapshot: missed.Events is null);
        return new TopicResync(slug, missed.Epoch, missed.LastSeq, missed.Events);
    }

    private static void ValidateTopic(string slug)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > 64)
        {
            throw new HubException("A topic slug is required (at most 64 characters).");
        }
    }
}
