using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace IgfPlatform.Grains.StakeholderGroups;

/// <summary>
/// The forum's floor: each ended session's ledger by stakeholder group, stored once per session, so
/// the groups' shares across the forum are sums of the sessions' ledgers (and a session recorded
/// again replaces its record rather than counting twice). Sessions ending together are stored in one
/// write (reentrant, group commit).
/// </summary>
[Reentrant]
public sealed class ForumFloorGrain : Grain, IForumFloorGrain
{
    private readonly IPersistentState<ForumFloorState> _state;
    private readonly ILogger<ForumFloorGrain> _logger;
    private GatheredState<ForumFloorState> _floor = null!;

    public ForumFloorGrain(
        [PersistentState("forumFloor", StorageNames.Blob)] IPersistentState<ForumFloorState> state,
        ILogger<ForumFloorGrain> logger)
    {
        _state = state;
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _floor = new GatheredState<ForumFloorState>(_state, _logger);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task RecordSession(SessionFloor floor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        await _floor.Change(s => s.Sessions[floor.SessionId] = floor);
        await Task.WhenAll(floor.ByGroup.Keys
            .Select(group => (group, session: GroupFigures.SessionOf(floor, group)))
            .Where(p => p.session is not null)
            .Select(p => GrainFactory.GetGrain<IStakeholderGroupGrain>(p.group).RecordSession(p.session!)));
    }

    public Task<ForumFloor> GetTotals() => Task.FromResult(GroupFigures.Sum(_floor.Stored.Sessions.Values));
}
