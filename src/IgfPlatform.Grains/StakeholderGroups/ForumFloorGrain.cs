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
    private ForumFloorState _floor = new();
    private BatchedStateWriter<ForumFloorState> _writer = null!;

    public ForumFloorGrain(
        [PersistentState("forumFloor", StorageNames.Blob)] IPersistentState<ForumFloorState> state,
        ILogger<ForumFloorGrain> logger)
    {
        _state = state;
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _floor = _state.State.Copy();
        _writer = new BatchedStateWriter<ForumFloorState>(
            _state, () => _floor.Copy(), stored => _floor = stored.Copy(), () => Task.CompletedTask, _logger, mergeOnConflict: true);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task RecordSession(SessionFloor floor)
    {
        ArgumentNullException.ThrowIfNull(floor);
        await _writer.Run(() => _floor.Sessions[floor.SessionId] = floor);
        await Task.WhenAll(floor.ByGroup.Keys
            .Select(group => (group, session: GroupFigures.SessionOf(floor, group)))
            .Where(p => p.session is not null)
            .Select(p => GrainFactory.GetGrain<IStakeholderGroupGrain>(p.group).RecordSession(p.session!)));
    }

    public Task<ForumFloor> GetTotals() => Task.FromResult(GroupFigures.Sum(_writer.Stored.Sessions.Values));
}
