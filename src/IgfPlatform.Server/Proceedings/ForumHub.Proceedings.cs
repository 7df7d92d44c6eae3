using IgfPlatform.Contracts.Live;
using IgfPlatform.Server.Presence;
using Microsoft.AspNetCore.SignalR;

// The hub's archive methods live with the feature; ForumHub itself is in Live/ForumHub.cs.
#pragma warning disable IDE0130 // Namespace does not match folder structure
namespace IgfPlatform.Server.Live;
#pragma warning restore IDE0130

public sealed partial class ForumHub
{
    public const string ArchiveEventsMethod = "archiveEvents";

    /// <summary>
    /// Follow the archive: every publication (<c>proceedingsPublished</c>) and takedown (<c>proceedingsTakenDown</c>)
    /// arrives through <c>archiveEvents</c>, every one after the returned position. Anyone may follow.
    /// </summary>
    public async Task<FeedPosition> FollowArchive()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionRelay.GroupOf(LiveFeeds.Archive));
        await relay.Follow(LiveFeeds.Archive, new Follower(Context.ConnectionId, null, InRoom: false));
        return await grains.GetGrain<IFeedGrain>(LiveFeeds.Archive).GetPosition();
    }

    public async Task LeaveArchive()
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionRelay.GroupOf(LiveFeeds.Archive));
        followers.Remove(LiveFeeds.Archive, Context.ConnectionId);
    }

    /// <summary>The archive's events after <paramref name="lastSeq"/> of <paramref name="epoch"/>; null events: search the archive again.</summary>
    public Task<FeedResync> ResyncArchive(long epoch, long lastSeq)
    {
        if (lastSeq < 0)
        {
            throw new HubException("lastSeq cannot be negative.");
        }

        return grains.GetGrain<IFeedGrain>(LiveFeeds.Archive).Resync(epoch, lastSeq);
    }
}
