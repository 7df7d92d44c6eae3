using System.Text;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Proceedings;

namespace IgfPlatform.Grains.Tests.Proceedings;

/// <summary>
/// <see cref="IProceedingsGrain.Publish"/>: each version is frozen as canonical JSON, stored before it joins the
/// chain, hashed (SHA-256) and chained to the version before; stored bytes are never written again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProceedingsPublishTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Version_1_is_stored_as_canonical_bytes_that_hash_to_its_link_which_names_no_previous_version()
    {
        var s = await ProceedingsScenario.Create(fixture);
        var text = ProceedingsScenario.Text();
        await s.Write(text);

        var v1 = await s.Proceedings.Publish(s.ModeratorId, null);

        Assert.Equal((1, (string?)null, (string?)null, (Takedown?)null), (v1.Version, v1.PreviousHash, v1.Note, v1.TakenDown));
        var bytes = await s.Stored(1);
        Assert.Equal(v1.Hash, CanonicalJson.Sha256(bytes));
        Assert.Equal(bytes, CanonicalJson.Canonicalize(bytes));
        Assert.Equal(1, s.Store.WritesOf(s.SessionId, 1));

        var record = ProceedingsScenario.Read(bytes);
        Assert.Equal(
            (ProceedingsFormat.Current, s.SessionId, 1, (string?)null, (string?)null, ProceedingsBuilder.Stamp(v1.PublishedAt)),
            (record.Format, record.SessionId, record.Version, record.PreviousHash, record.Note, record.PublishedAt));
        Assert.Equal(text.Summary, record.Proceedings.Summary);
        Assert.Equal(text.Takeaways, record.Proceedings.Takeaways);
        var details = (await s.Session.Grain.GetDetails())!;
        Assert.Equal((details.Title, ProceedingsBuilder.Stamp(details.EndedAt!.Value)), (record.Proceedings.Session.Title, record.Proceedings.Session.EndedAt));

        // The chain as everyone reads it, and in the moderators' draft.
        Assert.Equal(Forum.Json(new[] { v1 }), Forum.Json(await s.Proceedings.GetVersions()));
        Assert.Equal(Forum.Json(new[] { v1 }), Forum.Json((await s.Proceedings.GetDraft(s.ModeratorId)).Versions));
        Assert.Empty(await s.Broken());
    }

    [Fact]
    public async Task Publishing_marks_the_session_published_and_lists_it_in_the_archive_catalog()
    {
        var s = await ProceedingsScenario.Create(fixture);
        var text = ProceedingsScenario.Text();
        await s.Write(text);

        var v1 = await s.Proceedings.Publish(s.OrganizerId, null);

        var details = (await s.Session.Grain.GetDetails())!;
        Assert.Equal(SessionStatus.Published, details.Status);
        var entry = s.Store.Entry(s.SessionId);
        Assert.NotNull(entry);
        Assert.Equal(
            (s.SessionId, 1, v1.Hash, details.Title, WireNames.Name(details.Type), v1.PublishedAt, text.Summary),
            (entry.SessionId, entry.Version, entry.Hash, entry.Title, entry.Type, entry.PublishedAt, entry.Summary));

        // The catalog reads the session's start from the record: UTC, to the second.
        Assert.Equal(ProceedingsBuilder.Stamp(details.StartsAt), ProceedingsBuilder.Stamp(entry.StartsAt));
        Assert.Equal(TimeSpan.Zero, entry.StartsAt.Offset);
        Assert.Equal(details.Topics, entry.Topics);
        Assert.Equal(text.Takeaways, entry.Takeaways);
        Assert.Equal(text.CallsToAction, entry.CallsToAction);
        Assert.Equal((0, 0L, 0), (entry.Speeches, entry.FloorSeconds, entry.PeakAttendance));
        Assert.Empty(entry.Groups);
    }

    [Fact]
    public async Task Version_2_needs_a_note_chains_to_version_1_and_leaves_its_bytes_as_they_were()
    {
        var s = await ProceedingsScenario.Create(fixture);
        await s.Write(ProceedingsScenario.Text());
        var v1 = await s.Proceedings.Publish(s.ModeratorId, null);
        var v1Bytes = await s.Stored(1);

        // Without a note of what changed, no second version.
        foreach (var missing in new[] { null, string.Empty, "  \r\n " })
        {
            var ex = await Refusal.Of(ForumErrorKind.Invalid, () => s.Proceedings.Publish(s.ModeratorId, missing));
            Assert.Equal(["note"], ex.Errors.Keys);
        }

        await Refusal.Of(ForumErrorKind.Invalid, () => s.Proceedings.Publish(s.ModeratorId, new string('n', ProceedingsLimits.MaxNoteLength + 1)));
        Assert.Single(await s.Proceedings.GetVersions());
        Assert.Null(await s.Store.ReadVersion(s.SessionId, 2));

        var corrected = ProceedingsScenario.Text();
        await s.Write(corrected);
        var v2 = await s.Proceedings.Publish(s.OrganizerId, "  Corrected the takeaways after the rapporteur's review\r\n");

        Assert.Equal((2, v1.Hash, "Corrected the takeaways after the rapporteur's review"), (v2.Version, v2.PreviousHash, v2.Note));
        Assert.NotEqual(v1.Hash, v2.Hash);
        var v2Bytes = await s.Stored(2);
        Assert.Equal(v2.Hash, CanonicalJson.Sha256(v2Bytes));
        var record = ProceedingsScenario.Read(v2Bytes);
        Assert.Equal((2, v1.Hash, v2.Note), (record.Version, record.PreviousHash, record.Note));
        Assert.Equal(corrected.Summary, record.Proceedings.Summary);

        // Version 1 is as it was: same bytes, written once, still hashing to its link.
        Assert.Equal(v1Bytes, await s.Stored(1));
        Assert.Equal(1, s.Store.WritesOf(s.SessionId, 1));
        Assert.Equal(Forum.Json(new[] { v1, v2 }), Forum.Json(await s.Proceedings.GetVersions()));
        Assert.Empty(await s.Broken());

        // The catalog names the latest version.
        var entry = s.Store.Entry(s.SessionId)!;
        Assert.Equal((2, v2.Hash, corrected.Summary), (entry.Version, entry.Hash, entry.Summary));
        Assert.Equal(SessionStatus.Published, (await s.Session.Grain.GetDetails())!.Status);
    }

    [Fact]
    public async Task The_session_and_the_archive_feed_announce_each_version()
    {
        var s = await ProceedingsScenario.Create(fixture);
        await s.Write(ProceedingsScenario.Text());
        var before = await s.Session.Grain.GetSnapshot();
        var feed = await s.ArchivePosition();

        var v1 = await s.Proceedings.Publish(s.ModeratorId, null);

        var resync = await s.Session.Grain.Resync(before.Epoch, before.Seq);
        Assert.NotNull(resync.Events);
        var status = Assert.Single(resync.Events, e => e.Type == SessionEventTypes.SessionStatusChanged);
        Assert.Equal(new SessionStatusChanged(SessionStatus.Published, SessionStatus.Ended), status.Data);
        var announced = Assert.IsType<ProceedingsPublished>(Assert.Single(resync.Events, e => e.Type == SessionEventTypes.ProceedingsPublished).Data);
        var title = (await s.Session.Grain.GetDetails())!.Title;
        Assert.Equal(
            (s.SessionId, 1, v1.Hash, v1.PublishedAt, title, (string?)null, $"/api/archive/{s.SessionId}/v/1"),
            (announced.SessionId, announced.Version, announced.Hash, announced.PublishedAt, announced.Title, announced.Note, announced.Url));

        var archive = Assert.Single(await s.ArchiveEventsSince(feed));
        Assert.Equal(ArchiveEventTypes.ProceedingsPublished, archive.Type);
        Assert.Equal(Forum.Json(announced), Forum.Json(archive.Data));

        // Version 2 is announced with its note.
        await s.Proceedings.Publish(s.ModeratorId, "Added the remote hubs' figures");
        var both = await s.ArchiveEventsSince(feed);
        Assert.Equal([1, 2], both.Select(e => ((ProceedingsPublished)e.Data).Version));
        Assert.Equal("Added the remote hubs' figures", ((ProceedingsPublished)both[1].Data).Note);
    }

    [Fact]
    public async Task A_version_whose_bytes_could_not_be_stored_is_not_in_the_chain_and_publishing_again_gives_version_1()
    {
        var s = await ProceedingsScenario.Create(fixture);
        await s.Write(ProceedingsScenario.Text());
        var feed = await s.ArchivePosition();

        s.Store.FailWrites(s.SessionId, new IOException("The storage account cannot be reached."));
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => s.Proceedings.Publish(s.ModeratorId, null));
            Assert.IsNotType<ForumException>(failure);
        }
        finally
        {
            s.Store.FailWrites(s.SessionId, null);
        }

        Assert.Empty(await s.Proceedings.GetVersions());
        Assert.Null(s.Store.LastChange(s.SessionId));
        Assert.Equal(SessionStatus.Ended, (await s.Session.Grain.GetDetails())!.Status);
        Assert.Empty(await s.ArchiveEventsSince(feed));

        // Nothing was acknowledged, so the retry is version 1 again and needs no note.
        var v1 = await s.Proceedings.Publish(s.ModeratorId, null);
        Assert.Equal((1, (string?)null), (v1.Version, v1.PreviousHash));
        Assert.Equal(v1.Hash, CanonicalJson.Sha256(await s.Stored(1)));
        Assert.Equal(1, s.Store.WritesOf(s.SessionId, 1));
    }

    [Fact]
    public async Task Tampering_with_stored_bytes_is_detected_by_their_hash()
    {
        var s = await ProceedingsScenario.Create(fixture);
        await s.Write(ProceedingsScenario.Text());
        var v1 = await s.Proceedings.Publish(s.ModeratorId, null);
        var v2 = await s.Proceedings.Publish(s.ModeratorId, "Fixed a typo in the summary");
        Assert.Empty(await s.Broken());

        // Someone with access to the storage account quietly raises the attendance of version 1: still canonical JSON.
        s.Store.Tamper(s.SessionId, 1, bytes =>
        {
            var json = Encoding.UTF8.GetString(bytes);
            Assert.Contains("\"total\":0", json, StringComparison.Ordinal);
            return Encoding.UTF8.GetBytes(json.Replace("\"total\":0", "\"total\":450", StringComparison.Ordinal));
        });

        var tampered = await s.Stored(1);
        Assert.Equal(tampered, CanonicalJson.Canonicalize(tampered));
        Assert.NotEqual(v1.Hash, CanonicalJson.Sha256(tampered));
        Assert.Equal([1], await s.Broken());

        // The chain itself is untouched: version 2 still names version 1's original hash.
        Assert.Equal(v1.Hash, (await s.Proceedings.GetVersions())[1].PreviousHash);
        Assert.Equal(v2.Hash, CanonicalJson.Sha256(await s.Stored(2)));
    }
}
