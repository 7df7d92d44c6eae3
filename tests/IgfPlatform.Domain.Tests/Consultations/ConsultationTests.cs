using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Consultations;

namespace IgfPlatform.Domain.Tests.Consultations;

/// <summary>The rules of a consultation, on the plain class: window, threads, idempotency, figures, reports, versions.</summary>
public sealed class ConsultationTests
{
    private const string Id = "cybersecurity--norms-2026";
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = Start.AddDays(14);

    private static readonly ParticipantProfile Amina = Person("p-amina", StakeholderGroup.CivilSociety, Region.Africa);
    private static readonly ParticipantProfile Jonas = Person("p-jonas", StakeholderGroup.Government, Region.WesternEuropeOthers);
    private static readonly ParticipantProfile Mei = Person("p-mei", StakeholderGroup.PrivateSector, Region.AsiaPacific);
    private static readonly ParticipantProfile Lucia = Person("p-lucia", StakeholderGroup.TechnicalAcademic, Region.LatinAmericaCaribbean);

    private static ParticipantProfile Person(string id, StakeholderGroup group, Region region) =>
        new(id, $"{id}@test.igf.example", id[2..], group, region, null, null, null, [], Start);

    private static Consultation Opened()
    {
        var c = new Consultation();
        c.Open(Id, "cybersecurity", "p-organizer", new NewConsultation(null, "Norms 2026",
            ["States should not attack critical infrastructure.", "Vulnerabilities are disclosed responsibly.", "Capacity building reaches all regions."], Closes), Start);
        return c;
    }

    private static ContributionDraft Draft(string requestId, Stance? stance = Stance.Agree, int? paragraph = null, string? parentId = null, string text = "I support this.") =>
        new(requestId, paragraph, stance, text, parentId);

    private static ForumException Refused(Action action) => Assert.Throws<ForumException>(action);

    private static string Json(Consultation c) => System.Text.Json.JsonSerializer.Serialize(c.ToState(), ForumJson.Options);

    [Fact]
    public void Opening_numbers_the_draft_and_refuses_bad_input_and_a_second_opening()
    {
        var c = Opened();
        Assert.Equal([1, 2, 3], c.Draft.Paragraphs.Select(p => p.Number));
        Assert.Equal(ConsultationPhase.Open, c.PhaseAt(Start));
        Assert.Equal(ForumErrorKind.Conflict, Refused(() => c.Open(Id, "cybersecurity", "p-o", new NewConsultation(null, "Norms 2026", ["x"], Closes), Start)).Kind);

        var fresh = new Consultation();
        var bad = Refused(() => fresh.Open(Id, "cybersecurity", "p-o",
            new NewConsultation("norms-2026", " ", ["ok", "", new string('x', ConsultationLimits.MaxParagraphLength + 1)], Start), Start));
        Assert.Equal(ForumErrorKind.Invalid, bad.Kind);
        Assert.Equal(["closesAt", "paragraphs[1]", "paragraphs[2]", "title"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("paragraphs", Refused(() => fresh.Open(Id, "cybersecurity", "p-o",
            new NewConsultation("norms-2026", "T", [.. Enumerable.Repeat("p", ConsultationLimits.MaxParagraphs + 1)], Closes), Start)).Errors.Keys);
        Assert.Contains("slug", Refused(() => fresh.Open(Id, "cybersecurity", "p-o", new NewConsultation("other", "T", ["p"], Closes), Start)).Errors.Keys);
        Assert.Null(fresh.Header);
    }

    [Fact]
    public void Contributions_are_taken_before_the_closing_date_only()
    {
        var c = Opened();
        c.Contribute(Amina, Draft("a-1"), Closes.AddSeconds(-1));
        var before = Json(c);

        var late = Refused(() => c.Contribute(Jonas, Draft("j-1"), Closes));
        var lateReply = Refused(() => c.Contribute(Jonas, Draft("j-2", null, parentId: "c1"), Closes.AddDays(1)));

        Assert.Equal(ForumErrorKind.Conflict, late.Kind);
        Assert.Contains("closed", late.Message, StringComparison.Ordinal);
        Assert.Equal(ForumErrorKind.Conflict, lateReply.Kind);
        Assert.Equal(before, Json(c));
        Assert.Equal(ConsultationPhase.Closed, c.PhaseAt(Closes));
    }

    [Fact]
    public void Replies_thread_three_levels_deep_and_no_deeper()
    {
        var c = Opened();
        var top = c.Contribute(Amina, Draft("a-1", Stance.Disagree, paragraph: 2), Start);
        var reply = c.Contribute(Jonas, Draft("j-1", null, parentId: top.Id), Start);
        var replyToReply = c.Contribute(Mei, Draft("m-1", Stance.Agree, parentId: reply.Id), Start);
        var before = Json(c);

        var deeper = Refused(() => c.Contribute(Lucia, Draft("l-1", null, parentId: replyToReply.Id), Start));

        Assert.Equal((1, 2, 3), (top.Level, reply.Level, replyToReply.Level));
        Assert.Equal((2, 2), (reply.Paragraph!.Value, replyToReply.Paragraph!.Value));
        Assert.Null(reply.Stance);
        Assert.Equal(ForumErrorKind.Invalid, deeper.Kind);
        Assert.Contains("at most 3 levels deep", Assert.Single(deeper.Errors["parentId"]), StringComparison.Ordinal);
        Assert.Equal(before, Json(c));
        var thread = Assert.Single(c.Threads(null, organizer: false));
        Assert.Equal(replyToReply.Id, Assert.Single(Assert.Single(thread.Replies).Replies).Id);
        Assert.Equal(ForumErrorKind.NotFound, Refused(() => c.Contribute(Lucia, Draft("l-2", null, parentId: "c99"), Start)).Kind);
    }

    [Fact]
    public void A_contribution_needs_a_stance_a_text_and_a_paragraph_of_the_draft()
    {
        var c = Opened();
        Assert.Contains("stance", Refused(() => c.Contribute(Amina, Draft("a-1", null), Start)).Errors.Keys);
        Assert.Contains("text", Refused(() => c.Contribute(Amina, Draft("a-1", text: "  "), Start)).Errors.Keys);
        Assert.Contains("text", Refused(() => c.Contribute(Amina, Draft("a-1", text: new string('x', 5001)), Start)).Errors.Keys);
        Assert.Contains("paragraph", Refused(() => c.Contribute(Amina, Draft("a-1", paragraph: 4), Start)).Errors.Keys);
        Assert.Contains("paragraph", Refused(() => c.Contribute(Amina, Draft("a-1", paragraph: 0), Start)).Errors.Keys);
        Assert.Contains("clientRequestId", Refused(() => c.Contribute(Amina, Draft(""), Start)).Errors.Keys);
        Assert.Empty(c.Contributions);
    }

    [Fact]
    public void The_same_request_id_returns_the_first_contribution_and_adds_nothing()
    {
        var c = Opened();
        var first = c.Contribute(Amina, Draft("a-1", Stance.Agree, 1, text: "First words"), Start);

        var again = c.Contribute(Amina, Draft("a-1", Stance.Disagree, 2, text: "Other words"), Start.AddMinutes(1));
        var afterClose = c.Contribute(Amina, Draft("a-1"), Closes.AddDays(1));
        var someoneElse = c.Contribute(Jonas, Draft("a-1"), Start);

        Assert.Same(first, again);
        Assert.Same(first, afterClose);
        Assert.NotEqual(first.Id, someoneElse.Id);
        Assert.Equal(2, c.Contributions.Count);
    }

    [Fact]
    public void A_participant_contributes_at_most_ten_times_a_minute()
    {
        var c = Opened();
        for (var i = 0; i < ConsultationLimits.MaxContributionsPerWindow; i++)
        {
            c.Contribute(Amina, Draft($"a-{i}"), Start.AddSeconds(i));
        }

        Assert.Equal(ForumErrorKind.TooManyRequests, Refused(() => c.Contribute(Amina, Draft("a-x"), Start.AddSeconds(30))).Kind);
        c.Contribute(Jonas, Draft("j-1"), Start.AddSeconds(30));
        c.Contribute(Amina, Draft("a-y"), Start.AddSeconds(61));
        Assert.Equal(12, c.Contributions.Count);
    }

    [Fact]
    public void The_summary_counts_stances_by_group_and_by_paragraph()
    {
        var c = Opened();
        var a = c.Contribute(Amina, Draft("a-1", Stance.Agree, 1), Start);
        c.Contribute(Amina, Draft("a-2", Stance.Disagree, 2), Start);
        c.Contribute(Jonas, Draft("j-1", Stance.Disagree, 2), Start);
        c.Contribute(Mei, Draft("m-1", Stance.Neutral), Start);
        c.Contribute(Lucia, Draft("l-1", null, parentId: a.Id), Start);
        c.Contribute(Jonas, Draft("j-2", Stance.Agree, parentId: a.Id), Start);

        var s = c.Summary();

        Assert.Equal((4, 2, 0), (s.Contributions, s.Replies, s.Hidden));
        Assert.Equal(new StanceCounts(2, 2, 1), s.Stances);
        Assert.Equal(new GroupContributions(2, 0, new StanceCounts(1, 1, 0)), s.ByGroup["civilSociety"]);
        Assert.Equal(new GroupContributions(1, 1, new StanceCounts(1, 1, 0)), s.ByGroup["government"]);
        Assert.Equal(new GroupContributions(0, 1, new StanceCounts(0, 0, 0)), s.ByGroup["technicalAcademic"]);
        Assert.Equal(new GroupContributions(0, 0, new StanceCounts(0, 0, 0)), s.ByGroup["internationalOrganization"]);
        Assert.Equal(Enum.GetValues<StakeholderGroup>().Length, s.ByGroup.Count);
        Assert.Equal([null, 1, 2, 3], s.ByParagraph.Select(p => p.Paragraph));
        Assert.Equal(new ParagraphContributions(null, 1, 0, new StanceCounts(0, 0, 1)), s.ByParagraph[0]);
        Assert.Equal(new ParagraphContributions(1, 1, 2, new StanceCounts(2, 0, 0)), s.ByParagraph[1]);
        Assert.Equal(new ParagraphContributions(2, 2, 0, new StanceCounts(0, 2, 0)), s.ByParagraph[2]);
        Assert.Equal(new ParagraphContributions(3, 0, 0, new StanceCounts(0, 0, 0)), s.ByParagraph[3]);
    }

    [Fact]
    public void Three_reports_from_different_participants_hide_a_contribution_until_reviewed()
    {
        var c = Opened();
        var target = c.Contribute(Amina, Draft("a-1", Stance.Disagree, 1), Start);
        Assert.Equal(ForumErrorKind.Forbidden, Refused(() => c.Report(Amina.ParticipantId, target.Id, organizer: false)).Kind);

        Assert.Equal(ContributionStatus.Visible, c.Report(Jonas.ParticipantId, target.Id, false).Status);
        Assert.Equal(ForumErrorKind.Conflict, Refused(() => c.Report(Jonas.ParticipantId, target.Id, false)).Kind);
        Assert.Equal(ContributionStatus.Visible, c.Report(Mei.ParticipantId, target.Id, false).Status);
        var third = c.Report(Lucia.ParticipantId, target.Id, false);

        Assert.Equal(3, third.Reports);
        Assert.Equal(ContributionStatus.HiddenPendingReview, third.Status);
        Assert.Empty(c.Threads(Jonas.ParticipantId, organizer: false));
        Assert.Empty(c.Threads(null, organizer: false));
        Assert.Equal(3, Assert.Single(c.Threads(Amina.ParticipantId, organizer: false)).Reports);
        Assert.Single(c.Threads("p-organizer", organizer: true));
        Assert.Equal((0, 1), (c.Summary().Contributions, c.Summary().Hidden));
        Assert.Equal(ForumErrorKind.NotFound, Refused(() => c.Contribute(Jonas, Draft("j-1", null, parentId: target.Id), Start)).Kind);
        Assert.Equal(ForumErrorKind.NotFound, Refused(() => c.Report("p-other", target.Id, false)).Kind);

        Assert.Contains("reason", Refused(() => c.Review("p-organizer", target.Id, new ContributionReview(false, " "), Start)).Errors.Keys);
        var kept = c.Review("p-organizer", target.Id, new ContributionReview(false, "Personal attack on another participant"), Start);
        Assert.Equal(ContributionStatus.KeptHidden, kept.Status);
        Assert.Equal("Personal attack on another participant", Assert.Single(c.Threads(Amina.ParticipantId, false)).ReviewReason);
        Assert.Empty(c.Threads(Jonas.ParticipantId, false));

        var restored = c.Review("p-organizer", target.Id, new ContributionReview(true, null), Start);
        Assert.Equal(ContributionStatus.Restored, restored.Status);
        var seen = Assert.Single(c.Threads(Jonas.ParticipantId, false));
        Assert.Equal((0, (string?)null), (seen.Reports, seen.ReviewReason));
        Assert.Equal(ContributionStatus.Restored, c.Report("p-fourth", target.Id, false).Status);
        Assert.Equal(1, c.Summary().Contributions);
    }

    [Fact]
    public void Published_versions_come_after_the_closing_date_and_never_change()
    {
        var c = Opened();
        var draft = c.Draft;
        Assert.Equal(ForumErrorKind.Conflict, Refused(() => c.Publish("p-organizer", new PublishedText(["Final"]), Start)).Kind);
        Assert.Contains("paragraphs[0]", Refused(() => c.Publish("p-organizer", new PublishedText([""]), Closes)).Errors.Keys);
        Assert.Contains("paragraphs", Refused(() => c.Publish("p-organizer", new PublishedText([]), Closes)).Errors.Keys);
        Assert.Single(c.Versions);

        var v2 = c.Publish("p-organizer", new PublishedText(["States refrain from attacking critical infrastructure.", "Disclosure is coordinated."]), Closes);
        var v2Json = System.Text.Json.JsonSerializer.Serialize(v2, ForumJson.Options);
        var v3 = c.Publish("p-organizer", new PublishedText(["A corrected final text."]), Closes.AddDays(1));

        Assert.Equal((2, false), (v2.Version, v2.Draft));
        Assert.Equal(3, v3.Version);
        Assert.Equal([1, 2, 3], c.Versions.Select(v => v.Version));
        Assert.Same(draft, c.Versions[0]);
        Assert.True(c.Versions[0].Draft);
        Assert.Equal(v2Json, System.Text.Json.JsonSerializer.Serialize(c.Versions[1], ForumJson.Options));
        Assert.Equal([1, 2], c.Versions[1].Paragraphs.Select(p => p.Number));
        Assert.Equal(ConsultationPhase.Published, c.PhaseAt(Closes.AddDays(2)));
        Assert.IsNotType<List<ConsultationParagraph>>(v2.Paragraphs);
    }

    [Fact]
    public void Loading_the_stored_state_keeps_everything_including_request_ids_and_reports()
    {
        var c = Opened();
        var a = c.Contribute(Amina, Draft("a-1", Stance.Agree, 1), Start);
        c.Contribute(Jonas, Draft("j-1", null, parentId: a.Id), Start);
        c.Report(Mei.ParticipantId, a.Id, false);

        var loaded = new Consultation();
        loaded.Load(c.ToState());

        Assert.Equal(Json(c), Json(loaded));
        Assert.Same(loaded.Contributions[0], loaded.Contribute(Amina, Draft("a-1"), Start));
        Assert.Equal(ForumErrorKind.Conflict, Refused(() => loaded.Report(Mei.ParticipantId, a.Id, false)).Kind);
        Assert.Equal("c3", loaded.Contribute(Lucia, Draft("l-1"), Start).Id);
    }
}
