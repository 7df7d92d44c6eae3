using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>Requests arriving together: each gets its own entry, and the line holds each exactly once.</summary>
[Collection(FloorCollection.Name)]
public sealed class FloorConcurrencyTests(ShiftedClockClusterFixture fixture)
{
    private const int Count = 200;

    private Task<FloorScenario> Live() => FloorScenario.Create(fixture);

    [Fact]
    public async Task Two_hundred_participants_requesting_at_once_get_distinct_entries_and_every_position_once()
    {
        using var s = await Live();
        var groups = Enum.GetValues<StakeholderGroup>();
        var regions = Enum.GetValues<Region>();
        var people = await Task.WhenAll(Enumerable.Range(0, Count)
            .Select(i => s.Person(groups[i % groups.Length], regions[i / groups.Length % regions.Length], i % 3 == 0 ? null : (Gender)(i % 3)))).Within();

        var entries = await Task.WhenAll(people.Select(p => s.Request(p))).Within();

        var ids = entries.Select(e => e.EntryId).ToList();
        Assert.Equal(Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), ids.Order());
        Assert.All(entries, e => Assert.InRange(e.Position, 1, Count));
        Assert.All(entries, e => Assert.InRange(e.Waiting, 1, Count));
        Assert.Contains(entries, e => e.Waiting == Count);

        var view = await s.Queue.GetView();
        Assert.Equal(Count, view.Waiting);
        Assert.Equal(Count, view.Order.Distinct().Count());
        Assert.Equal(ids.Order(), view.Order.Order());
        Assert.Equal(view.Order.Take(FloorLimits.HeadSize), view.Head.Select(h => h.EntryId));

        var queue = await s.Queue.GetQueue(s.ModeratorId);
        Assert.Equal(view.Order, queue.Select(e => e.EntryId));
        Assert.Equal(Enumerable.Range(1, Count), queue.Select(e => e.Position));

        var mine = await Task.WhenAll(people.Select(p => s.Queue.GetMine(p.ParticipantId))).Within();
        Assert.Equal(Enumerable.Range(1, Count), mine.Select(m => m!.Position).Order());
        var byId = people.Zip(entries).ToDictionary(p => p.Second.EntryId, p => p.First);
        Assert.All(queue, e => Assert.Equal(byId[e.EntryId].ParticipantId, e.ParticipantId));
        Assert.All(mine.Zip(entries), p => Assert.Equal(p.Second.EntryId, p.First!.EntryId));
        Assert.Equal(view.Order[0], (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!.Entry.EntryId);
    }

    [Fact]
    public async Task One_participant_asking_many_times_at_once_waits_once()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.InternationalOrganization);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Attempt(s, asker, $"req-{i}"))).Within();

        var entry = Assert.Single(attempts, a => a.Entry is not null).Entry!;
        Assert.All(attempts.Where(a => a.Entry is null), a => Assert.Equal(ForumErrorKind.Conflict, a.Refusal));
        Assert.Equal([entry.EntryId], (await s.Queue.GetView()).Order);
        Assert.Equal(entry.EntryId, (await s.Queue.GetMine(asker.ParticipantId))!.EntryId);
    }

    private static async Task<(MyFloorEntry? Entry, ForumErrorKind? Refusal)> Attempt(FloorScenario s, ParticipantProfile who, string requestId)
    {
        try
        {
            return (await s.Queue.RequestFloor(who.ParticipantId, requestId, FloorKind.Intervention, null, null, true), null);
        }
        catch (ForumException ex)
        {
            return (null, ex.Kind);
        }
    }
}
