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

/// <summary>
/// The ids of live feeds as relays and local followers know them: a session's id (a slug, never with
/// a colon), or <c>topic:{slug}</c> for the feed of a policy topic.
/// </summary>
public static class LiveFeeds
{
    public const string TopicPrefix = "topic:";

    public static string Topic(string slug) => TopicPrefix + slug;

    public static bool IsTopic(string feedId) => feedId.StartsWith(TopicPrefix, StringComparison.Ordinal);

    /// <summary>The topic's slug of a topic feed id.</summary>
    public static string TopicSlugOf(string feedId) => feedId[TopicPrefix.Length..];
}
