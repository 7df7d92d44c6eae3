using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.StakeholderGroups;

/// <summary>One stakeholder group: its members, counted, and the sessions where it spoke.</summary>
public sealed class StakeholderGroupGrain(
    [PersistentState("group", StorageNames.Blob)] IPersistentState<StakeholderGroupState> state) : Grain, IStakeholderGroupGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!WireNames.TryGroup(this.GetPrimaryKeyString(), out _))
        {
            throw ForumException.NotFound($"There is no stakeholder group '{this.GetPrimaryKeyString()}'.");
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Join(string participantId, Region region, Gender? gender)
    {
        ArgumentException.ThrowIfNullOrEmpty(participantId);
        var member = new GroupMember(region, gender);
        if (state.State.Members.TryGetValue(participantId, out var known) && known == member)
        {
            return;
        }

        await state.ApplyMerging(s => s.Members[participantId] = member);
    }

    public async Task RecordSession(GroupSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (state.State.Sessions.TryGetValue(session.SessionId, out var known) && known == session)
        {
            return;
        }

        await state.ApplyMerging(s => s.Sessions[session.SessionId] = session);
    }

    public Task<PersonalDataPart?> ExportPersonalData(string participantId) =>
        Task.FromResult(state.State.Members.TryGetValue(participantId, out var member)
            ? new PersonalDataPart("stakeholderGroup", this.GetPrimaryKeyString(), member)
            : null);

    // An erased person is no longer a member: the counts are of the people who are.
    public async Task ErasePersonalData(string participantId)
    {
        if (state.State.Members.ContainsKey(participantId))
        {
            await state.ApplyMerging(s => s.Members.Remove(participantId));
        }
    }

    public Task<GroupMembers> GetMembers() => Task.FromResult(GroupFigures.Members(state.State.Members.Values));

    public Task<IReadOnlyList<GroupSession>> GetSessions() =>
        Task.FromResult<IReadOnlyList<GroupSession>>([.. state.State.Sessions.Values.OrderByDescending(s => s.EndedAt)]);
}
