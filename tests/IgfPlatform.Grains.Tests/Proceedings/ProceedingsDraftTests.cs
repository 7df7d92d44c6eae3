using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Proceedings;

/// <summary>
/// <see cref="IProceedingsGrain.GetDraft"/> and <see cref="IProceedingsGrain.SaveText"/>: only the session's moderators
/// and the organizers prepare the proceedings; a save names the revision it edits.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProceedingsDraftTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_sessions_moderator_and_any_organizer_read_the_draft()
    {
        var s = await ProceedingsScenario.Create(fixture);
        var otherOrganizer = await Forum.Register(fixture.Grains, organizer: true);

        foreach (var editor in new[] { s.ModeratorId, s.OrganizerId, otherOrganizer.ParticipantId })
        {
            var draft = await s.Proceedings.GetDraft(editor);
            Assert.Equal((s.SessionId, 0, (DateTimeOffset?)null), (draft.SessionId, draft.Revision, draft.EditedAt));
            Assert.Empty(draft.Versions);
            Assert.Equal((await s.Session.Grain.GetDetails())!.Title, draft.Proceedings.Session.Title);
        }
    }

    [Fact]
    public async Task Participants_and_moderators_of_other_sessions_are_forbidden_and_anonymous_callers_unauthenticated()
    {
        var s = await ProceedingsScenario.Create(fixture);
        var participant = await Forum.Register(fixture.Grains);
        var elsewhere = await ProceedingsScenario.Create(fixture);
        var text = ProceedingsScenario.Text();

        foreach (var outsider in new[] { participant.ParticipantId, elsewhere.ModeratorId })
        {
            await Refusal.Of(ForumErrorKind.Forbidden, () => s.Proceedings.GetDraft(outsider));
            await Refusal.Of(ForumErrorKind.Forbidden, () => s.Proceedings.SaveText(outsider, text, 0));
            await Refusal.Of(ForumErrorKind.Forbidden, () => s.Proceedings.Publish(outsider, null));
        }

        foreach (var anonymous in new[] { string.Empty, null! })
        {
            await Refusal.Of(ForumErrorKind.Unauthenticated, () => s.Proceedings.GetDraft(anonymous));
            await Refusal.Of(ForumErrorKind.Unauthenticated, () => s.Proceedings.SaveText(anonymous, text, 0));
            await Refusal.Of(ForumErrorKind.Unauthenticated, () => s.Proceedings.Publish(anonymous, null));
        }

        // Nothing was written or published.
        var draft = await s.Proceedings.GetDraft(s.ModeratorId);
        Assert.Equal((0, string.Empty), (draft.Revision, draft.Proceedings.Summary));
        Assert.Empty(await s.Proceedings.GetVersions());
        Assert.Null(await s.Store.ReadVersion(s.SessionId, 1));
    }

    [Fact]
    public async Task There_are_no_proceedings_of_a_session_that_does_not_exist()
    {
        var organizer = await Forum.Register(fixture.Grains, organizer: true);
        var proceedings = fixture.Grains.GetGrain<IProceedingsGrain>(Forum.NewId("s"));

        await Refusal.Of(ForumErrorKind.NotFound, () => proceedings.GetDraft(organizer.ParticipantId));
        await Refusal.Of(ForumErrorKind.NotFound, () => proceedings.Publish(organizer.ParticipantId, null));
    }

    [Fact]
    public async Task A_save_names_the_revision_it_edits_and_a_stale_one_is_refused_without_changing_anything()
    {
        var s = await ProceedingsScenario.Create(fixture);
        var first = ProceedingsScenario.Text();
        var second = ProceedingsScenario.Text();

        // Moderator and organizer both read revision 0; the moderator saves first.
        var read = await s.Proceedings.GetDraft(s.OrganizerId);
        var saved = await s.Proceedings.SaveText(s.ModeratorId, first, read.Revision);
        Assert.Equal(1, saved.Revision);
        Assert.NotNull(saved.EditedAt);
        Assert.Equal(first.Summary, saved.Proceedings.Summary);
        Assert.Equal(first.Takeaways, saved.Proceedings.Takeaways);
        Assert.Equal(first.CallsToAction, saved.Proceedings.CallsToAction);

        // The organizer's save over revision 0 would undo it: refused.
        var conflict = await Refusal.Of(ForumErrorKind.Conflict, () => s.Proceedings.SaveText(s.OrganizerId, second, read.Revision));
        Assert.Contains("revision 1", conflict.Message, StringComparison.Ordinal);
        var after = await s.Proceedings.GetDraft(s.OrganizerId);
        Assert.Equal((1, first.Summary, saved.EditedAt), (after.Revision, after.Proceedings.Summary, after.EditedAt));

        // Reading again and redoing the change works; a revision from the future is as stale as one from the past.
        var redone = await s.Proceedings.SaveText(s.OrganizerId, second, after.Revision);
        Assert.Equal((2, second.Summary), (redone.Revision, redone.Proceedings.Summary));
        await Refusal.Of(ForumErrorKind.Conflict, () => s.Proceedings.SaveText(s.OrganizerId, first, 7));
    }

    [Fact]
    public async Task Invalid_text_is_refused_with_its_fields_and_saved_text_is_tidied()
    {
        var s = await ProceedingsScenario.Create(fixture);

        var ex = await Refusal.Of(ForumErrorKind.Invalid, () => s.Proceedings.SaveText(
            s.ModeratorId, new ProceedingsText(new string('x', ProceedingsLimits.MaxSummaryLength + 1), ["Shared fibre", " "], ["Bell \u0007"]), 0));
        Assert.Equal(["callsToAction[0]", "summary", "takeaways[1]"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await s.Proceedings.GetDraft(s.ModeratorId)).Revision);

        var saved = await s.Proceedings.SaveText(s.ModeratorId, new ProceedingsText(" Re\u0301sume\u0301\r\nof the day ", [" Shared fibre\r\n"], []), 0);
        Assert.Equal("Résumé\nof the day", saved.Proceedings.Summary);
        Assert.Equal(["Shared fibre"], saved.Proceedings.Takeaways);
    }

    [Fact]
    public async Task Text_can_be_prepared_while_the_session_is_live_but_publishing_waits_for_its_end()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Live);
        var draft = await s.Write(ProceedingsScenario.Text());
        Assert.Equal(1, draft.Revision);
        Assert.NotNull(draft.Proceedings.Session.StartedAt);
        Assert.Null(draft.Proceedings.Session.EndedAt);

        var refused = await Refusal.Of(ForumErrorKind.Conflict, () => s.Proceedings.Publish(s.ModeratorId, null));
        Assert.Contains("live", refused.Message, StringComparison.Ordinal);

        var scheduled = await ProceedingsScenario.Create(fixture, SessionStatus.Scheduled);
        await Refusal.Of(ForumErrorKind.Conflict, () => scheduled.Proceedings.Publish(scheduled.OrganizerId, null));

        // Nothing stored: no chain, no bytes, no catalog entry, and the sessions did not move on.
        foreach (var x in new[] { s, scheduled })
        {
            Assert.Empty(await x.Proceedings.GetVersions());
            Assert.Null(await x.Store.ReadVersion(x.SessionId, 1));
            Assert.Null(x.Store.LastChange(x.SessionId));
        }

        Assert.Equal(SessionStatus.Live, (await s.Session.Grain.GetDetails())!.Status);
        Assert.Equal(SessionStatus.Scheduled, (await scheduled.Session.Grain.GetDetails())!.Status);
    }
}
