using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Proceedings;

/// <summary>
/// <see cref="IProceedingsGrain.TakeDown"/>: a legal takedown by an organizer removes a version's bytes and keeps
/// its hash in the chain; the archive falls back to the latest version still up.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProceedingsTakedownTests(ClusterFixture fixture)
{
    private const string CourtOrder = "Court order 2025/118 (defamation of a named official)";

    /// <summary>A session with two published versions.</summary>
    private async Task<(ProceedingsScenario S, ProceedingsVersionInfo V1, ProceedingsVersionInfo V2)> TwoVersions()
    {
        var s = await ProceedingsScenario.Create(fixture);
        await s.Write(ProceedingsScenario.Text());
        var v1 = await s.Proceedings.Publish(s.ModeratorId, null);
        await s.Write(ProceedingsScenario.Text());
        var v2 = await s.Proceedings.Publish(s.ModeratorId, "Rewrote the summary");
        return (s, v1, v2);
    }

    [Fact]
    public async Task Only_organizers_take_a_version_down_and_only_with_a_reason()
    {
        var (s, _, _) = await TwoVersions();
        var participant = await Forum.Register(fixture.Grains);

        await Refusal.Of(ForumErrorKind.Forbidden, () => s.Proceedings.TakeDown(s.ModeratorId, 2, CourtOrder));
        await Refusal.Of(ForumErrorKind.Forbidden, () => s.Proceedings.TakeDown(participant.ParticipantId, 2, CourtOrder));
        await Refusal.Of(ForumErrorKind.Unauthenticated, () => s.Proceedings.TakeDown(string.Empty, 2, CourtOrder));
        foreach (var reason in new[] { null!, string.Empty, " \n " })
        {
            var ex = await Refusal.Of(ForumErrorKind.Invalid, () => s.Proceedings.TakeDown(s.OrganizerId, 2, reason));
            Assert.Equal(["reason"], ex.Errors.Keys);
        }

        await Refusal.Of(ForumErrorKind.Invalid, () => s.Proceedings.TakeDown(s.OrganizerId, 2, new string('r', ProceedingsLimits.MaxReasonLength + 1)));
        foreach (var version in new[] { 0, -1, 3 })
        {
            await Refusal.Of(ForumErrorKind.NotFound, () => s.Proceedings.TakeDown(s.OrganizerId, version, CourtOrder));
        }

        // Nothing was taken down.
        Assert.All(await s.Proceedings.GetVersions(), v => Assert.Null(v.TakenDown));
        Assert.NotNull(await s.Store.ReadVersion(s.SessionId, 2));
        Assert.Equal(2, s.Store.Entry(s.SessionId)!.Version);
    }

    [Fact]
    public async Task Taking_the_latest_version_down_keeps_its_hash_removes_its_bytes_and_the_archive_shows_the_one_before()
    {
        var (s, v1, v2) = await TwoVersions();
        var v1Bytes = await s.Stored(1);
        var feed = await s.ArchivePosition();

        var down = await s.Proceedings.TakeDown(s.OrganizerId, 2, $"  {CourtOrder}\r\n");

        Assert.Equal((2, v2.Hash, v2.PreviousHash, v2.Note, CourtOrder), (down.Version, down.Hash, down.PreviousHash, down.Note, down.TakenDown?.Reason));
        var chain = await s.Proceedings.GetVersions();
        Assert.Equal([v1.Hash, v2.Hash], chain.Select(v => v.Hash));
        Assert.Null(chain[0].TakenDown);
        Assert.Equal(Forum.Json(down), Forum.Json(chain[1]));

        Assert.Null(await s.Store.ReadVersion(s.SessionId, 2));
        Assert.Equal(v1Bytes, await s.Stored(1));
        Assert.Empty(await s.Broken());

        var entry = s.Store.Entry(s.SessionId)!;
        Assert.Equal((1, v1.Hash, v1.PublishedAt), (entry.Version, entry.Hash, entry.PublishedAt));
        Assert.Equal(ProceedingsScenario.Read(v1Bytes).Proceedings.Summary, entry.Summary);

        var announced = Assert.IsType<ProceedingsTakenDown>(Assert.Single(await s.ArchiveEventsSince(feed)).Data);
        Assert.Equal(new ProceedingsTakenDown(s.SessionId, 2, v2.Hash, CourtOrder), announced);

        // Once down, it stays down.
        await Refusal.Of(ForumErrorKind.Conflict, () => s.Proceedings.TakeDown(s.OrganizerId, 2, CourtOrder));
    }

    [Fact]
    public async Task Taking_down_an_earlier_version_leaves_the_latest_in_the_archive()
    {
        var (s, _, v2) = await TwoVersions();

        await s.Proceedings.TakeDown(s.OrganizerId, 1, CourtOrder);

        Assert.Null(await s.Store.ReadVersion(s.SessionId, 1));
        Assert.Equal(v2.Hash, CanonicalJson.Sha256(await s.Stored(2)));
        Assert.Equal((2, v2.Hash), (s.Store.Entry(s.SessionId)!.Version, s.Store.Entry(s.SessionId)!.Hash));
    }

    [Fact]
    public async Task When_every_version_is_down_the_session_leaves_the_archive_and_a_new_version_chains_to_the_tombstones()
    {
        var (s, _, v2) = await TwoVersions();

        await s.Proceedings.TakeDown(s.OrganizerId, 2, CourtOrder);
        await s.Proceedings.TakeDown(s.OrganizerId, 1, CourtOrder);

        var removal = s.Store.LastChange(s.SessionId);
        Assert.NotNull(removal);
        Assert.Null(removal.Entry);
        Assert.Null(await s.Store.ReadVersion(s.SessionId, 1));
        Assert.All(await s.Proceedings.GetVersions(), v => Assert.NotNull(v.TakenDown));

        // A corrected version is published: it follows the last link of the chain, taken down or not, and is listed again.
        await s.Write(ProceedingsScenario.Text());
        var v3 = await s.Proceedings.Publish(s.ModeratorId, "Republished without the passage under the court order");
        Assert.Equal((3, v2.Hash), (v3.Version, v3.PreviousHash));
        Assert.Equal((3, v3.Hash), (s.Store.Entry(s.SessionId)!.Version, s.Store.Entry(s.SessionId)!.Hash));
        Assert.Empty(await s.Broken());
    }
}
