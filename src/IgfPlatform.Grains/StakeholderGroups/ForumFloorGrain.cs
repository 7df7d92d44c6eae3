using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.StakeholderGroups;

/// <summary>
/// The forum's floor: each ended session's ledger by stakeholder group, stored once per session, so
/// the groups' shares across the forum are sums of the sessions' ledgers (and a session recorded
/// again replaces its record rather than counting twice).
/// </summary>
public sealed class ForumFloorGrain(
    [PersistentState("forumFloor", StorageNames.Blob)] IPersistentState<ForumFloorState> state) : Grain, IForumFloorGrain
{
    public async Task RecordSession(SessionFloor floor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        await state.ApplyMerging(s => s.Sessions[floor.SessionId] = floor);
        await Task.WhenAll(floor.ByGroup.Keys
            .Select(group => (group, session: GroupFigures.SessionOf(floor, group)))
            .Where(p => p.session is not null)
            .Select(p => GrainFactory.GetGrain<IStakeholderGroupGrain>(p.group).RecordSession(p.session!)));
    }

    public Task<ForumFloor> GetTotals() => Task.FromResult(GroupFigures.Sum(state.State.Sessions.Values));
}
