using Azure.Storage.Blobs.Models;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;

namespace IgfPlatform.Storage.Tests.SpeakingQueue;

/// <summary>The speaking queue in Azurite: what was acknowledged is what a new activation reads.</summary>
public sealed class FloorStorageTests(StorageCluster storage) : IClassFixture<StorageCluster>
{
    [Fact]
    public async Task A_burst_of_requests_is_all_stored_and_a_new_activation_has_the_same_line_speeches_and_ledger()
    {
        var (id, moderator) = await NewLiveSession();
        var queue = storage.Grains.GetGrain<ISpeakingQueueGrain>(id);
        var groups = Enum.GetValues<StakeholderGroup>();
        var people = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => storage.NewParticipant(groups[i % groups.Length])));

        // All at once: the grain stores them in a few grouped writes; each answer means stored.
        var entries = await Task.WhenAll(people.Select((p, i) => queue.RequestFloor(p, $"burst-{i}", FloorKind.Intervention, null, null, inRoom: i % 3 == 0)));
        Assert.Equal(people.Length, entries.Select(e => e.EntryId).Distinct().Count());
        var first = (await queue.SuggestNextSpeaker(moderator))!.Entry.EntryId;
        await queue.GiveFloor(moderator, first, null);
        var other = (await queue.GetView()).Order[^1];
        await queue.GiveFloor(moderator, other, "The delegate at the back has been waiting since the opening");
        var before = await queue.GetView();
        var figuresBefore = await queue.GetFigures();

        await storage.Cluster.DeactivateAsync(queue);
        var after = await queue.GetView();
        var figuresAfter = await queue.GetFigures();

        Assert.Equal(people.Length - 2, after.Waiting);
        Assert.Equal(before.Order, after.Order);
        Assert.Equal(before.Current!.SpeechId, after.Current!.SpeechId);
        Assert.Equal(figuresBefore.Speeches.Select(s => (s.SpeechId, s.EntryId, s.EndedAt)), figuresAfter.Speeches.Select(s => (s.SpeechId, s.EntryId, s.EndedAt)));
        Assert.Equal("The delegate at the back has been waiting since the opening", Assert.Single(figuresAfter.Ledger.Overrides).Reason);
        Assert.Equal(entries[7].EntryId, (await queue.RequestFloor(people[7], "burst-7", FloorKind.Intervention, null, null, inRoom: false)).EntryId);
    }

    [Fact]
    public async Task A_change_written_over_a_newer_stored_queue_is_refused_and_the_stored_queue_kept()
    {
        var (id, moderator) = await NewLiveSession();
        var queue = storage.Grains.GetGrain<ISpeakingQueueGrain>(id);
        var kept = await queue.RequestFloor(await storage.NewParticipant(), "kept", FloorKind.Intervention, null, null, inRoom: false);

        // Another writer stores the queue's blob meanwhile (same content, new ETag).
        var blob = await FindBlob(id);
        var content = await blob.DownloadContentAsync();
        await blob.UploadAsync(content.Value.Content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = content.Value.Details.ContentType } });

        var late = await storage.NewParticipant();
        var conflict = await Assert.ThrowsAsync<ForumException>(() =>
            queue.RequestFloor(late, "lost", FloorKind.Intervention, null, null, inRoom: false));
        Assert.Equal(ForumErrorKind.Conflict, conflict.Kind);
        Assert.Equal([kept.EntryId], (await queue.GetView()).Order);

        // The queue goes on from what is stored.
        var next = await queue.RequestFloor(await storage.NewParticipant(), "next", FloorKind.Intervention, null, null, inRoom: false);
        await storage.Cluster.DeactivateAsync(queue);
        Assert.Equal([kept.EntryId, next.EntryId], (await queue.GetView()).Order.Order());
    }

    private async Task<Azure.Storage.Blobs.BlobClient> FindBlob(string sessionId)
    {
        await foreach (var item in storage.GrainBlobs.GetBlobsAsync())
        {
            if (item.Name.Contains(sessionId, StringComparison.Ordinal) && item.Name.Contains("floor", StringComparison.OrdinalIgnoreCase))
            {
                return storage.GrainBlobs.GetBlobClient(item.Name);
            }
        }

        var names = new List<string>();
        await foreach (var item in storage.GrainBlobs.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        throw new InvalidOperationException($"No blob of the speaking queue of {sessionId} among: {string.Join(", ", names)}");
    }

    private async Task<(string Id, string Moderator)> NewLiveSession()
    {
        var organizer = await storage.NewOrganizer();
        var id = $"floor-{Guid.NewGuid():N}"[..30];
        var session = storage.Grains.GetGrain<ISessionGrain>(id);
        var s = ForumFaker.Session();
        await session.Create(organizer, new SessionDraft(s.Title, null, s.Type, s.Topics, s.StartsAt, s.DurationMinutes, s.Description));
        await session.SetModerators(organizer, [organizer]);
        await session.Schedule(organizer);
        await session.Start(organizer);
        return (id, organizer);
    }
}
