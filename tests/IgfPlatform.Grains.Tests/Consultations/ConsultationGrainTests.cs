using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Topics;

namespace IgfPlatform.Grains.Tests.Consultations;

[Collection(ClusterCollection.Name)]
public sealed class ConsultationGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private async Task<(IConsultationGrain Grain, string Id, string OrganizerId)> Open(int days = 7)
    {
        var topic = ShippedTopics.All[0];
        await _grains.GetGrain<ITopicGrain>(topic.Slug).Install(topic);
        var organizer = await Forum.Register(_grains, organizer: true);
        var slug = $"draft-{Guid.NewGuid():N}"[..30];
        var id = ConsultationIds.Of(topic.Slug, slug);
        var grain = _grains.GetGrain<IConsultationGrain>(id);
        await grain.Open(organizer.ParticipantId, topic.Slug, new NewConsultation(
            slug, "Principles for the root zone", ["The root zone is managed openly.", "Changes are published in advance."], DateTimeOffset.UtcNow.AddDays(days)));
        return (grain, id, organizer.ParticipantId);
    }

    [Fact]
    public async Task Only_organizers_open_a_consultation_on_an_existing_topic_and_its_topic_lists_it()
    {
        var participant = await Forum.Register(_grains);
        var organizer = await Forum.Register(_grains, organizer: true);
        var missing = _grains.GetGrain<IConsultationGrain>(ConsultationIds.Of("no-such-topic", "x"));
        var draft = new NewConsultation("x", "Title", ["Paragraph"], DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(ForumErrorKind.Forbidden, (await Assert.ThrowsAsync<ForumException>(() => missing.Open(participant.ParticipantId, "no-such-topic", draft))).Kind);
        Assert.Equal(ForumErrorKind.NotFound, (await Assert.ThrowsAsync<ForumException>(() => missing.Open(organizer.ParticipantId, "no-such-topic", draft))).Kind);
        Assert.Null(await missing.Get());

        var (grain, id, organizerId) = await Open();
        var listed = await _grains.GetGrain<IConsultationIndexGrain>(ShippedTopics.All[0].Slug).List();
        Assert.Single(listed, l => l.Id == id);
        var again = await Assert.ThrowsAsync<ForumException>(() => grain.Open(organizerId, ShippedTopics.All[0].Slug, draft));
        Assert.Equal(ForumErrorKind.Conflict, again.Kind);
        Assert.Equal(ConsultationPhase.Open, (await grain.Get())!.Phase);
    }

    [Fact]
    public async Task A_new_activation_knows_the_contributions_reports_request_ids_and_versions()
    {
        var (grain, _, organizerId) = await Open();
        var people = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Forum.Register(_grains)));
        var top = await grain.Contribute(people[0].ParticipantId, new ContributionDraft("r-1", 1, Stance.Agree, "Openness matters.", null));
        await grain.Contribute(people[1].ParticipantId, new ContributionDraft("r-1", null, null, "Indeed.", top.Id));
        foreach (var p in people[1..])
        {
            await grain.Report(p.ParticipantId, top.Id);
        }

        var before = Forum.Json(new { details = await grain.Get(), threads = await grain.GetContributions(organizerId), summary = await grain.GetSummary() });

        await fixture.Cluster.DeactivateAsync(grain);

        var after = Forum.Json(new { details = await grain.Get(), threads = await grain.GetContributions(organizerId), summary = await grain.GetSummary() });
        Assert.Equal(before, after);
        Assert.Equal(top.Id, (await grain.Contribute(people[0].ParticipantId, new ContributionDraft("r-1", 2, Stance.Neutral, "Different", null))).Id);
        Assert.Equal(ContributionStatus.HiddenPendingReview, Assert.Single(await grain.GetContributions(organizerId)).Status);
        Assert.Empty(await grain.GetContributions(people[3].ParticipantId));
    }

    [Fact]
    public async Task Many_contributions_at_once_are_all_stored_once_each()
    {
        var (grain, _, _) = await Open();
        var people = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Forum.Register(_grains)));

        var results = await Task.WhenAll(people.SelectMany(p => new[]
        {
            grain.Contribute(p.ParticipantId, new ContributionDraft("same", 1, Stance.Agree, $"From {p.DisplayName}", null)),
            grain.Contribute(p.ParticipantId, new ContributionDraft("same", 1, Stance.Agree, $"From {p.DisplayName}", null)),
            grain.Contribute(p.ParticipantId, new ContributionDraft("other", null, Stance.Disagree, "On the whole text", null)),
        })).Within();

        Assert.Equal(80, results.Select(r => r.Id).Distinct().Count());
        var summary = await grain.GetSummary();
        Assert.Equal(80, summary.Contributions);
        Assert.Equal(new StanceCounts(40, 40, 0), summary.Stances);
        Assert.Equal(people.Length, summary.ByGroup.Values.Sum(g => g.Stances.Agree));

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(80, (await grain.GetContributions(null)).Count);
    }
}
