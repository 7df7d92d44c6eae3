namespace IgfPlatform.Contracts.Live;

/// <summary>
/// A single writer of numbered live events (a session, or a topic's feed) that servers' relays
/// register with. Relays renew well inside <see cref="LiveLimits.RelayLease"/>; a relay that stops
/// renewing, or whose server leaves the cluster, is dropped.
/// </summary>
[Alias("igf.ILiveFeedGrain")]
public interface ILiveFeedGrain : IGrainWithStringKey
{
    /// <summary>Registers (or refreshes) the relay of one server. Events recorded from now on reach it.</summary>
    [Alias("AttachRelay")]
    Task AttachRelay(string serverId, ISessionRelay relay);

    [Alias("DetachRelay")]
    Task DetachRelay(string serverId);
}

/// <summary>One change to record in a feed: its type and data (announcing what its owner already stored).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FeedChange")]
public sealed record FeedChange(
    [property: Id(0)] string Type,
    [property: Id(1)] object Data);

/// <summary>Where a feed stands: a follower receives every event after <see cref="LastSeq"/> of <see cref="Epoch"/>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FeedPosition")]
public sealed record FeedPosition(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long LastSeq);

/// <summary>The missed events of a feed, or null events when they cannot be given (read the source again).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FeedResync")]
public sealed record FeedResync(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] IReadOnlyList<SessionEvent>? Events);

/// <summary>
/// A feed of announcements that is not a session (keyed by its feed id: <c>topic:{slug}</c>, or
/// <c>archive</c>): numbers changes its owners already stored and delivers them to the relays of the
/// servers whose connections follow it.
/// </summary>
[Alias("igf.IFeedGrain")]
public interface IFeedGrain : ILiveFeedGrain
{
    /// <summary>Numbers and delivers changes already stored by their owner.</summary>
    [Alias("Record")]
    Task Record(IReadOnlyList<FeedChange> changes);

    [Alias("GetPosition")]
    Task<FeedPosition> GetPosition();

    /// <summary>The events after <paramref name="lastSeq"/> of <paramref name="epoch"/>, or null events.</summary>
    [Alias("Resync")]
    Task<FeedResync> Resync(long epoch, long lastSeq);
}

/// <summary>
/// The ids of live feeds as relays and local followers know them: a session's id (a slug, never with
/// a colon), <c>topic:{slug}</c> for the feed of a policy topic, or <c>archive</c> for published proceedings.
/// </summary>
public static class LiveFeeds
{
    public const string TopicPrefix = "topic:";

    public const string Archive = "archive";

    /// <summary>Sign-outs and erasures, heard by every server so that it closes the person's connections.</summary>
    public const string Accounts = "accounts";

    /// <summary>The event type on <see cref="Accounts"/>.</summary>
    public const string SignedOutEvent = "signedOut";

    /// <summary>Whether the id is a session's (its events are the session's history; presence is counted).</summary>
    public static bool IsSession(string feedId) => !IsTopic(feedId) && feedId != Archive && feedId != Accounts;

    public static string Topic(string slug) => TopicPrefix + slug;

    public static bool IsTopic(string feedId) => feedId.StartsWith(TopicPrefix, StringComparison.Ordinal);

    /// <summary>The topic's slug of a topic feed id.</summary>
    public static string TopicSlugOf(string feedId) => feedId[TopicPrefix.Length..];
}
