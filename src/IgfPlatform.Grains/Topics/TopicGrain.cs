using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Sessions;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.Topics;

[GenerateSerializer]
[Alias("igf.TopicState")]
public sealed class TopicState : ICopyableState<TopicState>
{
    [Id(0)]
    public TopicDetails? Details { get; set; }

    public TopicState Copy() => new() { Details = Details };
}

/// <summary>A policy topic of the forum, keyed by its slug.</summary>
public sealed class TopicGrain(
    [PersistentState("topic", StorageNames.Table)] IPersistentState<TopicState> state)
    : Grain, ITopicGrain
{
    public const int MaxTitleLength = 120;
    public const int MaxDescriptionLength = 2000;

    public async Task<TopicDetails> Propose(string organizerId, TopicDetails details)
    {
        if (string.IsNullOrEmpty(organizerId))
        {
            throw ForumException.Unauthenticated("Sign in as an organizer to propose a topic.");
        }

        if (!await GrainFactory.GetGrain<IParticipantGrain>(organizerId).IsOrganizer())
        {
            throw ForumException.Forbidden("Only organizers may propose topics.");
        }

        if (state.State.Details is not null)
        {
            throw ForumException.Conflict($"The topic '{this.GetPrimaryKeyString()}' already exists.");
        }

        return await Store(Validate(details));
    }

    public async Task<TopicDetails> Install(TopicDetails details) => await Store(Validate(details));

    public Task<TopicDetails?> Get() => Task.FromResult(state.State.Details);

    private async Task<TopicDetails> Store(TopicDetails details)
    {
        await state.Apply(s => s.Details = details);
        await GrainFactory.GetGrain<ITopicCatalogGrain>(ITopicCatalogGrain.Key).Upsert(details);
        return details;
    }

    private TopicDetails Validate(TopicDetails? details)
    {
        if (details is null)
        {
            throw ForumException.Invalid("The topic is required.");
        }

        var errors = new Dictionary<string, string[]>();
        if (details.Slug != this.GetPrimaryKeyString() || !SessionRules.IsSlug(details.Slug))
        {
            errors["slug"] = ["A topic's slug has lower-case letters, digits and dashes, at most 64."];
        }

        var title = details.Title?.Trim() ?? string.Empty;
        if (title.Length == 0 || title.Length > MaxTitleLength)
        {
            errors["title"] = [$"A topic's title has from 1 to {MaxTitleLength} characters."];
        }

        if ((details.Description?.Length ?? 0) > MaxDescriptionLength)
        {
            errors["description"] = [$"A topic's description has at most {MaxDescriptionLength} characters."];
        }

        if ((details.Titles ?? new Dictionary<string, string>()).Keys.Concat((details.Descriptions ?? new Dictionary<string, string>()).Keys)
            .Any(l => !Languages.IsSupported(l)))
        {
            errors["titles"] = [$"Translations are given in the UN languages: {string.Join(", ", Languages.All)}."];
        }

        if ((details.RelatedTopics ?? []).Any(t => !SessionRules.IsSlug(t)))
        {
            errors["relatedTopics"] = ["Related topics are given by their slugs."];
        }

        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The topic is not valid.", errors);
        }

        return details with
        {
            Title = title,
            Titles = details.Titles ?? new Dictionary<string, string>(),
            Description = details.Description?.Trim() ?? string.Empty,
            Descriptions = details.Descriptions ?? new Dictionary<string, string>(),
            Sources = details.Sources ?? [],
            RelatedTopics = details.RelatedTopics ?? [],
        };
    }
}

[GenerateSerializer]
[Alias("igf.TopicCatalogState")]
public sealed class TopicCatalogState : ICopyableState<TopicCatalogState>
{
    [Id(0)]
    public Dictionary<string, TopicDetails> Topics { get; set; } = new(StringComparer.Ordinal);

    public TopicCatalogState Copy() => new() { Topics = new(Topics, StringComparer.Ordinal) };
}

/// <summary>Every topic, for the topic list. Grows with the forum, so it is kept in Blob storage.</summary>
public sealed class TopicCatalogGrain(
    [PersistentState("topicCatalog", StorageNames.Blob)] IPersistentState<TopicCatalogState> state)
    : Grain, ITopicCatalogGrain
{
    public Task Upsert(TopicDetails topic) => state.ApplyMerging(s => s.Topics[topic.Slug] = topic);

    public Task<IReadOnlyList<TopicDetails>> List() =>
        Task.FromResult<IReadOnlyList<TopicDetails>>(state.State.Topics.Values.OrderBy(t => t.Slug, StringComparer.Ordinal).ToList());
}
