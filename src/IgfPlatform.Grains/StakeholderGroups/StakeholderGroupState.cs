using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.StakeholderGroups;

/// <summary>A member as a group counts them: where they are and how they declared their gender.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.GroupMember")]
public sealed record GroupMember(
    [property: Id(0)] Region Region,
    [property: Id(1)] Gender? Gender);

/// <summary>What a stakeholder group stores (in Blob storage: it grows with the forum).</summary>
[GenerateSerializer]
[Alias("igf.StakeholderGroupState")]
public sealed class StakeholderGroupState : ICopyableState<StakeholderGroupState>
{
    [Id(0)]
    public Dictionary<string, GroupMember> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public Dictionary<string, GroupSession> Sessions { get; set; } = new(StringComparer.Ordinal);

    public StakeholderGroupState Copy() => new()
    {
        Members = new Dictionary<string, GroupMember>(Members, StringComparer.Ordinal),
        Sessions = new Dictionary<string, GroupSession>(Sessions, StringComparer.Ordinal),
    };
}

/// <summary>What the forum's floor stores: one record per ended session.</summary>
[GenerateSerializer]
[Alias("igf.ForumFloorState")]
public sealed class ForumFloorState : ICopyableState<ForumFloorState>
{
    [Id(0)]
    public Dictionary<string, SessionFloor> Sessions { get; set; } = new(StringComparer.Ordinal);

    public ForumFloorState Copy() => new() { Sessions = new Dictionary<string, SessionFloor>(Sessions, StringComparer.Ordinal) };
}
