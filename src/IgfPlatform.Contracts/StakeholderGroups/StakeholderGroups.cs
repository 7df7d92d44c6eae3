using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Contracts.StakeholderGroups;

/// <summary>How the floor of one ended session was shared: its ledger's floor time by stakeholder group.</summary>
/// <param name="ByGroup">Milliseconds and speeches by group (camelCase names); groups that did not speak are absent.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.SessionFloor")]
public sealed record SessionFloor(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset EndedAt,
    [property: Id(3)] long Milliseconds,
    [property: Id(4)] int Speeches,
    [property: Id(5)] IReadOnlyDictionary<string, GroupFloor> ByGroup);

/// <summary>One group's floor time in a session, or across the forum.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.GroupFloor")]
public sealed record GroupFloor(
    [property: Id(0)] int Speeches,
    [property: Id(1)] long Milliseconds);

/// <summary>A session in which a group spoke, with its share of that session's floor time.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.GroupSession")]
public sealed record GroupSession(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset EndedAt,
    [property: Id(3)] int Speeches,
    [property: Id(4)] long Milliseconds,
    [property: Id(5)] double Share);

/// <summary>Members of a stakeholder group, counted by region and (declared) gender.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.GroupMembers")]
public sealed record GroupMembers(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyDictionary<string, int> ByRegion,
    [property: Id(2)] IReadOnlyDictionary<string, int> ByGender);

/// <summary>
/// A stakeholder group as the public sees it: who its members are (counted), the sessions where it
/// spoke, and its share of the floor across the forum (from the ledgers of ended sessions).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.StakeholderGroupView")]
public sealed record StakeholderGroupView(
    [property: Id(0)] string Group,
    [property: Id(1)] string Name,
    [property: Id(2)] GroupMembers Members,
    [property: Id(3)] int Speeches,
    [property: Id(4)] long Milliseconds,
    [property: Id(5)] double FloorShare,
    [property: Id(6)] int SessionsEnded,
    [property: Id(7)] IReadOnlyList<GroupSession> Sessions);

/// <summary>One stakeholder group, keyed by its camelCase name (<c>civilSociety</c>, …).</summary>
[Alias("igf.IStakeholderGroupGrain")]
public interface IStakeholderGroupGrain : Privacy.IHoldsPersonalData
{
    /// <summary>Counts a participant as a member (again is the same).</summary>
    [Alias("Join")]
    Task Join(string participantId, Region region, Gender? gender);

    /// <summary>A session where the group spoke ended (again replaces).</summary>
    [Alias("RecordSession")]
    Task RecordSession(GroupSession session);

    [Alias("GetMembers")]
    Task<GroupMembers> GetMembers();

    /// <summary>The sessions where the group spoke, latest first.</summary>
    [Alias("GetSessions")]
    Task<IReadOnlyList<GroupSession>> GetSessions();
}

/// <summary>The forum's floor: every ended session's ledger by group, summed (one grain, key <see cref="Key"/>).</summary>
[Alias("igf.IForumFloorGrain")]
public interface IForumFloorGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>An ended session's floor (again replaces); tells the groups that spoke.</summary>
    [Alias("RecordSession")]
    Task RecordSession(SessionFloor floor);

    /// <summary>Floor time and speeches by group across the forum, and the sessions counted.</summary>
    [Alias("GetTotals")]
    Task<ForumFloor> GetTotals();
}

[GenerateSerializer]
[Immutable]
[Alias("igf.ForumFloor")]
public sealed record ForumFloor(
    [property: Id(0)] int Sessions,
    [property: Id(1)] long Milliseconds,
    [property: Id(2)] int Speeches,
    [property: Id(3)] IReadOnlyDictionary<string, GroupFloor> ByGroup);
