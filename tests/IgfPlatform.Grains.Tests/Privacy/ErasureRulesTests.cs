using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Consultations;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Grains.Tests.Privacy;

/// <summary>What a speaking queue and a consultation keep of an erased person, as pure rules.</summary>
public sealed class ErasureRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    private static FloorEntryRecord Entry(long id, string? participantId, string name, string? addedBy = null) =>
        new(id, FloorKind.Intervention, participantId, "req-" + id, name, StakeholderGroup.CivilSociety, Region.Africa,
            Gender.Female, false, null, "a note naming " + name, At.AddMinutes(id), null, addedBy, EntryStatus.Spoke, At.AddMinutes(id + 1), "Mod Erator");

    [Fact]
    public void A_speaker_keeps_their_number_and_loses_their_id_name_and_notes()
    {
        var other = Entry(1, "p-other", "Ana Other");
        var first = Entry(2, "p-gone", "Gone Person");
        var again = Entry(3, "p-gone", "Gone Person");
        var state = new SpeakingQueueState
        {
            LastEntryId = 3,
            Entries = [other, first, again],
            Speeches = [Speech(1, other, "p-mod"), Speech(2, first, "p-mod"), Speech(3, again, "p-mod")],
        };

        var erased = FloorErasure.Erase(state, "p-gone", "Gone Person");
        var twice = FloorErasure.Erase(erased, "p-gone", "Gone Person");

        Assert.False(FloorErasure.Holds(erased, "p-gone"));
        Assert.Equal(Json(erased), Json(twice));
        Assert.DoesNotContain("Gone Person", Json(erased), StringComparison.Ordinal);
        Assert.Equal(["Ana Other", "Speaker 2", "Speaker 2"], erased.Speeches.Select(s => s.Entry.Name));
        Assert.Equal(erased.Speeches[1].Entry.ParticipantId, erased.Speeches[2].Entry.ParticipantId);
        Assert.Equal((StakeholderGroup.CivilSociety, Region.Africa, Gender.Female), (erased.Speeches[1].Entry.Group, erased.Speeches[1].Entry.Region, erased.Speeches[1].Entry.Gender));
        Assert.Null(erased.Entries[1].Note);
        Assert.Equal(Json(other), Json(erased.Entries[0]));
    }

    [Fact]
    public void A_moderator_is_replaced_by_a_former_participant_where_they_gave_the_floor_or_dismissed()
    {
        var entry = Entry(1, "p-speaker", "Sam Speaker");
        var state = new SpeakingQueueState { LastEntryId = 1, Entries = [entry], Speeches = [Speech(1, entry, "p-mod")] };

        var erased = FloorErasure.Erase(state, "p-mod", "Mod Erator");

        Assert.Equal((FormerParticipant.Id, FormerParticipant.Name), (erased.Speeches[0].ModeratorId, erased.Speeches[0].ModeratorName));
        Assert.Equal(FormerParticipant.Name, erased.Entries[0].ClosedBy);
        Assert.Equal("Sam Speaker", erased.Entries[0].Name);
    }

    [Fact]
    public void An_ended_queue_keeps_its_end_and_the_targets_it_ended_with()
    {
        var entry = Entry(1, "p-gone", "Gone Person");
        var targets = FloorTargets.Equal([StakeholderGroup.CivilSociety, StakeholderGroup.Government], [Region.Africa], [Gender.Female]).ToRecord();
        var state = new SpeakingQueueState
        {
            Open = false, LastEntryId = 1, Entries = [entry], Speeches = [Speech(1, entry, "p-mod")], ClosedWithSessionAt = At.AddHours(1), TargetsAtEnd = targets,
        };

        var erased = FloorErasure.Erase(state, "p-gone", "Gone Person");

        Assert.Equal((false, state.ClosedWithSessionAt, Json(targets)), (erased.Open, erased.ClosedWithSessionAt, Json(erased.TargetsAtEnd!)));
    }

    [Fact]
    public void A_contributor_becomes_a_former_participant_their_hidden_text_goes_and_their_reports_stay_counted()
    {
        var shown = Contribution("c-1", "p-gone", []);
        var hidden = Contribution("c-2", "p-gone", ["p-a", "p-b", "p-c"]) with { Status = ContributionStatus.HiddenPendingReview };
        var reported = Contribution("c-3", "p-other", ["p-gone", "p-a"]);
        var state = new ConsultationState { Contributions = [shown, hidden, reported], LastNumber = 3 };

        var erased = ConsultationErasure.Erase(state, "p-gone");

        Assert.False(ConsultationErasure.Holds(erased, "p-gone"));
        Assert.Equal(Json(erased), Json(ConsultationErasure.Erase(erased, "p-gone")));
        Assert.Equal((shown.Text, FormerParticipant.Name), (erased.Contributions[0].Text, erased.Contributions[0].AuthorName));
        Assert.Equal(string.Empty, erased.Contributions[1].Text);
        Assert.Equal(2, erased.Contributions[2].ReportedBy.Count);
        Assert.Equal(("p-other", "Ola Other"), (erased.Contributions[2].AuthorId, erased.Contributions[2].AuthorName));
    }

    private static SpeechRecord Speech(long id, FloorEntryRecord entry, string moderatorId) =>
        new(id, entry, entry.RequestedAt.AddMinutes(1), 180, entry.RequestedAt.AddMinutes(3), moderatorId, "Mod Erator", entry.EntryId, entry.Group, null, false);

    private static ContributionRecord Contribution(string id, string authorId, IReadOnlyList<string> reportedBy) =>
        new(id, null, 0, 1, Stance.Agree, "Text of " + id, authorId, authorId == "p-gone" ? "Gone Person" : "Ola Other",
            StakeholderGroup.TechnicalAcademic, Region.AsiaPacific, "req-" + id, At, reportedBy);

    private static string Json(object value) => Forum.Json(value);
}
