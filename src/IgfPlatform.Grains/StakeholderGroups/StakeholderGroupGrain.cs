using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace IgfPlatform.Grains.StakeholderGroups;

/// <summary>
/// One stakeholder group: its members, counted, and the sessions where it spoke. Everyone who signs
/// up joins one, so members arriving together are stored in one write (reentrant, group commit).
/// </summary>
[Reentrant]
public sealed class StakeholderGroupGrain : Grain, IStakeholderGroupGrain
{
    private readonly IPersistentState<StakeholderGroupState> _state;
    private readonly ILogger<StakeholderGroupGrain> _logger;
    private GatheredState<StakeholderGroupState> _group = null!;

    public StakeholderGroupGrain(
        [PersistentState("group", StorageNames.Blob)] IPersistentState<StakeholderGroupState> state,
        ILogger<StakeholderGroupGrain> logger)
    {
        _state = state;
        _logger = logger;
    }

    private StakeholderGroupState Stored => _group.Stored;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!WireNames.TryGroup(this.GetPrimaryKeyString(), out _))
        {
            throw ForumException.NotFound($"There is no stakeholder group '{this.GetPrimaryKeyString()}'.");
        }

        _group = new GatheredState<StakeholderGroupState>(_state, _logger);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Join(string participantId, Region region, Gender? gender)
    {
        ArgumentException.ThrowIfNullOrEmpty(participantId);
        var member = new GroupMember(region, gender);
        if (Stored.Members.TryGetValue(participantId, out var known) && known == member)
        {
            return;
        }

        await _group.Change(s => s.Members[participantId] = member);
    }

    public async Task RecordSession(GroupSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Stored.Sessions.TryGetValue(session.SessionId, out var known) && known == session)
        {
            return;
        }

        await _group.Change(s => s.Sessions[session.SessionId] = session);
    }

    public Task<PersonalDataPart?> ExportPersonalData(string participantId) =>
        Task.FromResult(Stored.Members.TryGetValue(participantId, out var member)
            ? new PersonalDataPart("stakeholderGroup", this.GetPrimaryKeyString(), member)
            : null);

    // An erased person is no longer a member: the counts are of the people who are.
    public async Task ErasePersonalData(string participantId)
    {
        if (Stored.Members.ContainsKey(participantId))
        {
            await _group.Change(s => s.Members.Remove(participantId));
        }
    }

    public Task<GroupMembers> GetMembers() => Task.FromResult(GroupFigures.Members(Stored.Members.Values));

    public Task<IReadOnlyList<GroupSession>> GetSessions() =>
        Task.FromResult<IReadOnlyList<GroupSession>>([.. Stored.Sessions.Values.OrderByDescending(s => s.EndedAt)]);
}
