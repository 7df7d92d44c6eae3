using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Topics;

namespace IgfPlatform.Grains.Tests.Topics;

[Collection(ClusterCollection.Name)]
public sealed class TopicGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private ITopicCatalogGrain Catalog => _grains.GetGrain<ITopicCatalogGrain>(ITopicCatalogGrain.Key);

    private static TopicDetails Proposal(string slug) => new(
        slug,
        "Meaningful access for persons with disabilities",
        new Dictionary<string, string> { ["es"] = "Acceso significativo para personas con discapacidad" },
        "How the Internet serves everyone.",
        new Dictionary<string, string>(),
        [new SourceParagraph("Tunis Agenda", "90 e", "促进残疾人使用信息通信技术。", "zh")],
        [ShippedTopicSlugs.CriticalInternetResources]);

    [Fact]
    public async Task Every_shipped_topic_installs_and_the_catalog_lists_them_all()
    {
        Assert.NotEmpty(ShippedTopics.All);

        var installed = await Task.WhenAll(ShippedTopics.All.Select(t => _grains.GetGrain<ITopicGrain>(t.Slug).Install(t))).Within();
        var listed = await Catalog.List();

        foreach (var topic in ShippedTopics.All)
        {
            var line = Assert.Single(listed, t => t.Slug == topic.Slug);
            Assert.Equal(Forum.Json(topic), Forum.Json(line));
            Assert.Equal(Forum.Json(topic), Forum.Json(await _grains.GetGrain<ITopicGrain>(topic.Slug).Get()));
        }

        Assert.Equal(ShippedTopics.All.Count, installed.Length);
        Assert.Equal(listed.Select(t => t.Slug).Order(StringComparer.Ordinal), listed.Select(t => t.Slug));
    }

    [Fact]
    public async Task Installing_again_refreshes_the_topic()
    {
        var shipped = ShippedTopics.All[0];
        var grain = _grains.GetGrain<ITopicGrain>(shipped.Slug);
        await grain.Install(shipped);

        await grain.Install(shipped);

        Assert.Single(await Catalog.List(), t => t.Slug == shipped.Slug);
        Assert.Equal(Forum.Json(shipped), Forum.Json(await grain.Get()));
    }

    [Fact]
    public async Task A_participant_who_is_not_an_organizer_cannot_propose_a_topic()
    {
        var participant = await Forum.Register(_grains);
        var slug = Forum.NewId("topic");
        var grain = _grains.GetGrain<ITopicGrain>(slug);

        var ex = await Assert.ThrowsAsync<ForumException>(() => grain.Propose(participant.ParticipantId, Proposal(slug)));
        var anonymous = await Assert.ThrowsAsync<ForumException>(() => grain.Propose(string.Empty, Proposal(slug)));

        Assert.Equal(ForumErrorKind.Forbidden, ex.Kind);
        Assert.Equal("Only organizers may propose topics.", ex.Message);
        Assert.Equal(ForumErrorKind.Unauthenticated, anonymous.Kind);
        Assert.Null(await grain.Get());
        Assert.DoesNotContain(await Catalog.List(), t => t.Slug == slug);
    }

    [Fact]
    public async Task An_organizer_proposes_a_topic_once()
    {
        var organizer = await Forum.Register(_grains, organizer: true);
        var slug = Forum.NewId("topic");
        var grain = _grains.GetGrain<ITopicGrain>(slug);

        var proposed = await grain.Propose(organizer.ParticipantId, Proposal(slug) with { Title = "  Accessibility  " });
        var again = await Assert.ThrowsAsync<ForumException>(() => grain.Propose(organizer.ParticipantId, Proposal(slug) with { Title = "Other" }));

        Assert.Equal("Accessibility", proposed.Title);
        Assert.Equal(ForumErrorKind.Conflict, again.Kind);
        Assert.Equal(Forum.Json(proposed), Forum.Json(await grain.Get()));
        Assert.Equal(Forum.Json(proposed), Forum.Json(Assert.Single(await Catalog.List(), t => t.Slug == slug)));
    }

    [Fact]
    public async Task A_bad_topic_is_refused_naming_every_bad_field()
    {
        var organizer = await Forum.Register(_grains, organizer: true);
        var slug = Forum.NewId("topic");
        var grain = _grains.GetGrain<ITopicGrain>(slug);
        var bad = Proposal("another-slug") with
        {
            Title = " ",
            Description = new string('d', TopicGrain.MaxDescriptionLength + 1),
            Titles = new Dictionary<string, string> { ["de"] = "Barrierefreiheit" },
            RelatedTopics = ["Not A Slug"],
        };

        var ex = await Assert.ThrowsAsync<ForumException>(() => grain.Propose(organizer.ParticipantId, bad));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Equal(
            new[] { "description", "relatedTopics", "slug", "title", "titles" },
            ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await grain.Get());
    }
}
