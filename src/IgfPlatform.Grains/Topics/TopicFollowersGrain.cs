using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.Topics;

[GenerateSerializer]
[Alias("igf.TopicFollowersState")]
public sealed class TopicFollowersState : ICopyableState<TopicFollowersState>
{
    [Id(0)]
    public HashSet<string> Followers { get; set; } = new(StringComparer.Ordinal);

    public TopicFollowersState Copy() => new() { Followers = new HashSet<string>(Followers, StringComparer.Ordinal) };
}

/// <summary>A topic's followers, apart from the topic itself: they grow, so they live in Blob storage.</summary>
public sealed class TopicFollowersGrain(
    [PersistentState("topicFollowers", StorageNames.Blob)] IPersistentState<TopicFollowersState> state)
    : Grain, ITopicFollowersGrain
{
    private string Slug => this.GetPrimaryKeyString();

    public async Task<TopicFollowing> SetFollowing(string participantId, bool follow)
    {
        if (string.IsNullOrEmpty(participantId))
        {
            throw ForumException.Unauthenticated("Sign in to follow a topic.");
        }

        if (await GrainFactory.GetGrain<ITopicGrain>(Slug).Get() is null)
        {
            throw ForumException.NotFound($"There is no topic '{Slug}'.");
        }

        if (state.State.Followers.Contains(participantId) != follow)
        {
            if (follow)
            {
                await GrainFactory.GetGrain<IParticipantGrain>(participantId).RecordFootprint(new DataFootprint(PersonalDataKinds.Topic, Slug));
            }

            await state.Apply(s =>
            {
                if (follow)
                {
                    s.Followers.Add(participantId);
                }
                else
                {
                    s.Followers.Remove(participantId);
                }
            });
        }

        return new TopicFollowing(Slug, state.State.Followers.Count, follow);
    }

    public Task<TopicFollowing> Get(string? participantId) =>
        Task.FromResult(new TopicFollowing(Slug, state.State.Followers.Count, participantId is not null && state.State.Followers.Contains(participantId)));

    public Task<PersonalDataPart?> ExportPersonalData(string participantId) =>
        Task.FromResult(state.State.Followers.Contains(participantId)
            ? new PersonalDataPart(PersonalDataKinds.Topic, Slug, new FollowedTopic(Slug))
            : null);

    public async Task ErasePersonalData(string participantId)
    {
        if (state.State.Followers.Contains(participantId))
        {
            await state.Apply(s => s.Followers.Remove(participantId));
        }
    }

    public Task<IReadOnlyList<string>> GetFollowers() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Followers]);
}
