using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Topics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.Server.Tests.Topics;

/// <summary>Followers of a topic get its consultations' contributions and figures pushed, as the public may see them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TopicLiveTests(PlatformFixture platform)
{
    private const string Topic = ShippedTopicSlugs.InterconnectionCosts;
    private const string OtherTopic = ShippedTopicSlugs.CriticalInternetResources;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static IEnumerable<T> Of<T>(LiveTopic topic) => topic.Events.Select(e => e.Data).OfType<T>();

    [Fact]
    public async Task Followers_get_contributions_hiding_restoring_and_figures_pushed()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var people = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => platform.NewParticipantAsync()));
        await using var reader = await platform.Server.ConnectAsync();
        var topic = await reader.FollowTopicAsync(Topic);
        var other = await reader.FollowTopicAsync(OtherTopic);

        var opened = await organizer.OpenConsultationAsync(Topic, new NewConsultation(
            $"peering-{Guid.NewGuid():N}"[..20], "Costs of international Internet connectivity",
            ["Operators in developing countries pay for both directions of international links.", "Internet exchange points lower transit costs."],
            DateTimeOffset.UtcNow.AddDays(7)));
        await topic.WaitUntilAsync(t => Of<ConsultationChanged>(t).Any(c => c.Consultation.Id == opened.Id), Patience);

        // A contribution through the hub and a reply over HTTP reach the follower, with the figures after each.
        await using var author = await platform.Server.ConnectAsync(people[0].AccessToken);
        var refusal = await Assert.ThrowsAsync<HubException>(() =>
            author.Connection.InvokeAsync<Contribution>("Contribute", opened.Id, "bad", 1, "perhaps", "Not a stance.", null));
        Assert.Contains("agree, disagree or neutral", refusal.Message, StringComparison.Ordinal);
        var top = await author.ContributeAsync(opened.Id, new ContributionDraft("c-1", 1, Stance.Disagree, "Costs should be shared between both ends.", null));
        var reply = await people[1].ContributeAsync(opened.Id, new ContributionDraft("r-1", null, Stance.Agree, "Shared costs, as the Tunis Agenda asks.", top.Id));
        await topic.WaitUntilAsync(t => Of<ConsultationSummaryChanged>(t).Any(s => s.Summary.ConsultationId == opened.Id && s.Summary.Replies == 1), Patience);

        var added = Of<ContributionAdded>(topic).Where(a => a.ConsultationId == opened.Id).Select(a => a.Contribution).ToList();
        Assert.Equal([top.Id, reply.Id], added.Select(c => c.Id));
        Assert.Equal("Costs should be shared between both ends.", added[0].Text);
        Assert.Equal((top.Id, 2), (added[1].ParentId, added[1].Level));
        Assert.All(added, c => Assert.False(c.Mine));
        var figures = topic.Summaries[opened.Id];
        Assert.Equal((1, 1, 1, 1), (figures.Contributions, figures.Replies, figures.Stances.Agree, figures.Stances.Disagree));
        Assert.Equal(1, figures.ByParagraph.Single(p => p.Paragraph == 1).Stances.Disagree);

        // The refused contribution was announced nowhere: the events are exactly open, two additions with their figures.
        Assert.Equal(
            [TopicEventTypes.ConsultationChanged, TopicEventTypes.ContributionAdded, TopicEventTypes.ConsultationSummaryChanged,
             TopicEventTypes.ContributionAdded, TopicEventTypes.ConsultationSummaryChanged],
            topic.Events.Select(e => e.Type));
        Assert.Equal(topic.Events.Select((_, i) => topic.Events[0].Seq + i), topic.Events.Select(e => e.Seq));

        // Two reports keep it shown; the third hides it (and its reply) from the public, pushed as such.
        foreach (var p in people[2..])
        {
            await p.ReportContributionAsync(opened.Id, top.Id);
        }

        await topic.WaitUntilAsync(t => Of<ContributionChanged>(t).Any(c => c.ContributionId == top.Id), Patience);
        var hidden = Assert.Single(Of<ContributionChanged>(topic));
        Assert.Null(hidden.Contribution);
        await topic.WaitUntilAsync(t => t.Summaries[opened.Id].Hidden == 1, Patience);
        Assert.Equal((0, 0), (topic.Summaries[opened.Id].Contributions, topic.Summaries[opened.Id].Replies)); // its reply is not counted either
        Assert.Equal(0, topic.Summaries[opened.Id].Stances.Disagree);

        // The organizer restores it: pushed with its thread.
        await organizer.ReviewContributionAsync(opened.Id, top.Id, new ContributionReview(true, "A fair argument"));
        await topic.WaitUntilAsync(t => Of<ContributionChanged>(t).Count() == 2, Patience);
        var restored = Of<ContributionChanged>(topic).Last().Contribution;
        Assert.NotNull(restored);
        Assert.Equal(ContributionStatus.Restored, restored.Status);
        Assert.Null(restored.ReviewReason);
        Assert.Equal(reply.Id, Assert.Single(restored.Replies).Id);

        // Nothing of this topic reached the follower of another topic.
        Assert.DoesNotContain(Of<ContributionAdded>(other), a => a.ConsultationId == opened.Id);
        Assert.DoesNotContain(Of<ConsultationChanged>(other), c => c.Consultation.Id == opened.Id);
        Assert.Equal(0, topic.GapsDetected);
    }

    [Fact]
    public async Task Resync_gives_the_missed_events_or_says_read_again_and_unknown_topics_are_refused()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        await using var client = await platform.Server.ConnectAsync();
        var position = await client.Connection.InvokeAsync<TopicFeedPosition>("FollowTopic", Topic);
        var opened = await organizer.OpenConsultationAsync(Topic, new NewConsultation(
            null, $"Transit pricing {Guid.NewGuid():N}"[..28], ["Transit is priced by the larger network."], DateTimeOffset.UtcNow.AddDays(3)));

        var missed = await client.Connection.InvokeAsync<TopicResync>("ResyncTopic", Topic, position.Epoch, position.LastSeq);
        Assert.NotNull(missed.Events);
        var opening = missed.Events.Single(e => e.Type == TopicEventTypes.ConsultationChanged && e.Seq > position.LastSeq && LiveTopic.DataOf(e) is ConsultationChanged c && c.Consultation.Id == opened.Id);
        Assert.True(opening.Seq > position.LastSeq);

        var stale = await client.Connection.InvokeAsync<TopicResync>("ResyncTopic", Topic, position.Epoch + 1, 0);
        Assert.Null(stale.Events);
        Assert.Equal(position.Epoch, stale.Epoch);

        var unknown = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<TopicFeedPosition>("FollowTopic", "no-such-topic"));
        Assert.Contains("no-such-topic", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<TopicResync>("ResyncTopic", Topic, position.Epoch, -1));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<TopicFeedPosition>("FollowTopic", ""));
    }
}
