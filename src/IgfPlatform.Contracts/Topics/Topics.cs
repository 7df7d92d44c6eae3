namespace IgfPlatform.Contracts.Topics;

/// <summary>Where a founding text speaks of a topic: document, paragraph and one sentence quoted.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SourceParagraph")]
public sealed record SourceParagraph(
    [property: Id(0)] string Document,
    [property: Id(1)] string Paragraph,
    [property: Id(2)] string Quotation,
    [property: Id(3)] string QuotationLanguage);

/// <summary>A policy topic of the forum, keyed by its slug.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.TopicDetails")]
public sealed record TopicDetails(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyDictionary<string, string> Titles,
    [property: Id(3)] string Description,
    [property: Id(4)] IReadOnlyDictionary<string, string> Descriptions,
    [property: Id(5)] IReadOnlyList<SourceParagraph> Sources,
    [property: Id(6)] IReadOnlyList<string> RelatedTopics);

[Alias("igf.ITopicGrain")]
public interface ITopicGrain : IGrainWithStringKey
{
    /// <summary>An organizer proposes a new topic; refused when the slug is taken.</summary>
    [Alias("Propose")]
    Task<TopicDetails> Propose(string organizerId, TopicDetails details);

    /// <summary>Installs or refreshes a topic the platform ships with (called by the platform itself at start).</summary>
    [Alias("Install")]
    Task<TopicDetails> Install(TopicDetails details);

    [Alias("Get")]
    Task<TopicDetails?> Get();
}

[Alias("igf.ITopicCatalogGrain")]
public interface ITopicCatalogGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Upsert")]
    Task Upsert(TopicDetails topic);

    [Alias("List")]
    Task<IReadOnlyList<TopicDetails>> List();
}

/// <summary>The slugs of the topics the platform ships with.</summary>
public static class ShippedTopicSlugs
{
    public const string CriticalInternetResources = "critical-internet-resources";
    public const string Spam = "spam";
    public const string Cybersecurity = "cybersecurity";
    public const string InterconnectionCosts = "interconnection-costs";
}

/// <summary>Who follows a topic: the count for everyone, and whether the caller does.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.TopicFollowing")]
public sealed record TopicFollowing(
    [property: Id(0)] string Slug,
    [property: Id(1)] int Followers,
    [property: Id(2)] bool Following);

/// <summary>A topic's followers (keyed by the topic's slug): participants who asked to hear of it.</summary>
[Alias("igf.ITopicFollowersGrain")]
public interface ITopicFollowersGrain : Privacy.IHoldsPersonalData
{
    /// <summary>Starts (or, with <paramref name="follow"/> false, stops) following; again is the same.</summary>
    [Alias("SetFollowing")]
    Task<TopicFollowing> SetFollowing(string participantId, bool follow);

    /// <summary>The count, and whether <paramref name="participantId"/> (null: anonymous) follows.</summary>
    [Alias("Get")]
    Task<TopicFollowing> Get(string? participantId);

    /// <summary>Every follower's participant id (for pushing news of the topic to them).</summary>
    [Alias("GetFollowers")]
    Task<IReadOnlyList<string>> GetFollowers();
}

/// <summary>In a person's export: a topic they follow.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.FollowedTopic")]
public sealed record FollowedTopic(
    [property: Id(0)] string Slug);
