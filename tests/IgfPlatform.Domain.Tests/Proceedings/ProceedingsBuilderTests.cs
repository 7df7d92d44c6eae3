using System.Text;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Agenda;
using IgfPlatform.Grains.Proceedings;
using static IgfPlatform.Domain.Tests.Proceedings.HeldSession;

namespace IgfPlatform.Domain.Tests.Proceedings;

/// <summary>
/// <see cref="ProceedingsBuilder"/>: the record of <see cref="HeldSession"/>, figure by figure. The record is
/// what gets hashed, so its exact canonical form is pinned down once in full, then each part on its own.
/// </summary>
public sealed class ProceedingsBuilderTests
{
    private static string Canonical(object value) => Encoding.UTF8.GetString(CanonicalJson.Serialize(value));

    /// <summary>
    /// The whole record of the session, as its canonical JSON: names, order and values. A change here changes
    /// every hash that anyone recomputes from a published record (format <c>igf-proceedings/2</c>).
    /// </summary>
    [Fact]
    public void The_record_of_a_held_session_is_exactly_its_log_in_canonical_form()
    {
        const string Expected =
            """
            {"agenda":[
            {"actualEnd":"2025-06-23T09:12:40Z","actualStart":"2025-06-23T09:02:13Z","held":true,"id":"item-1","minutes":10,"planned":true,"plannedStart":"2025-06-23T09:00:00Z","speakers":["Kwame Mensah"],"status":"done","title":"Opening remarks"},
            {"actualEnd":"2025-06-23T09:50:00Z","actualStart":"2025-06-23T09:12:40Z","held":true,"id":"item-2","minutes":35,"planned":true,"plannedStart":"2025-06-23T09:10:00Z","speakers":["Kwame Mensah","Priya Raghavan"],"status":"done","title":"Transit prices across borders"},
            {"actualEnd":null,"actualStart":null,"held":false,"id":"item-3","minutes":20,"planned":true,"plannedStart":"2025-06-23T09:40:00Z","speakers":["Priya Raghavan"],"status":"removed","title":"Internationalized domain names"},
            {"actualEnd":null,"actualStart":null,"held":true,"id":"item-4","minutes":15,"planned":true,"plannedStart":"2025-06-23T10:00:00Z","speakers":[],"status":"skipped","title":"Capacity building for regulators"},
            {"actualEnd":"2025-06-23T10:30:00Z","actualStart":"2025-06-23T09:50:00Z","held":true,"id":"item-5","minutes":15,"planned":false,"plannedStart":null,"speakers":[],"status":"done","title":"Open floor"}],
            "attendance":{"anonymous":30,"byGender":{"female":45,"male":41,"undisclosed":4},"byGroup":{"civilSociety":40,"government":30,"technicalAcademic":20},"byRegion":{"africa":55,"westernEuropeOthers":35},"inRoom":70,"peakAt":"2025-06-23T09:45:10Z","registered":90,"remote":50,"total":120},
            "callsToAction":["Regulators should publish transit prices."],
            "dismissals":[{"at":"2025-06-23T09:40:12Z","group":"privateSector","reason":"Asked the same question twice"}],
            "floor":{
            "byGender":{"female":{"permille":625,"seconds":300,"speeches":2,"targetPermille":null},"male":{"permille":125,"seconds":60,"speeches":1,"targetPermille":null},"undisclosed":{"permille":250,"seconds":120,"speeches":1,"targetPermille":null}},
            "byGroup":{"civilSociety":{"permille":625,"seconds":300,"speeches":2,"targetPermille":400},"government":{"permille":125,"seconds":60,"speeches":1,"targetPermille":300},"privateSector":{"permille":0,"seconds":0,"speeches":0,"targetPermille":null},"technicalAcademic":{"permille":250,"seconds":120,"speeches":1,"targetPermille":300}},
            "byRegion":{"africa":{"permille":625,"seconds":300,"speeches":2,"targetPermille":null},"asiaPacific":{"permille":125,"seconds":60,"speeches":1,"targetPermille":null},"latinAmericaCaribbean":{"permille":250,"seconds":120,"speeches":1,"targetPermille":null}},
            "inRoom":{"permille":625,"seconds":300,"speeches":2,"targetPermille":null},"remote":{"permille":125,"seconds":60,"speeches":1,"targetPermille":null},"remoteHubHeadcount":40,
            "remoteHubs":{"permille":250,"seconds":120,"speeches":1,"targetPermille":null},"seconds":480,"speeches":4},
            "moderatorActions":{"endSession":1,"giveFloor":4,"hideQuestion":1,"startSession":1},
            "overrides":[{"at":"2025-06-23T09:20:00Z","givenToGroup":"technicalAcademic","reason":"The Nairobi hub has waited since the opening","speech":3,"suggestedGroup":"privateSector"}],
            "questions":{"answered":12,"approved":18,"asked":25,"byGroup":{"civilSociety":{"answered":9,"approved":14,"asked":20},"government":{"answered":3,"approved":4,"asked":5}},"byRegion":{"africa":{"answered":12,"approved":18,"asked":25}},"hidden":3,"upvotes":140},
            "session":{"description":"How governments, operators and civil society share the cost of reaching the coast.","durationMinutes":90,"endedAt":"2025-06-23T10:31:05Z","startedAt":"2025-06-23T09:02:13Z","startsAt":"2025-06-23T09:00:00Z","title":"Workshop: sharing interconnection costs in landlocked countries","titles":{"fr":"Atelier : partager les coûts d'interconnexion","zh":"研讨会：内陆国家的互联成本"},"topics":["critical-internet-resources","affordable-access"],"type":"workshop"},
            "speeches":[
            {"allottedSeconds":180,"gender":"female","group":"civilSociety","hubHeadcount":0,"hubName":null,"kind":"intervention","number":1,"region":"africa","repliesTo":null,"seconds":180,"speaker":"Speaker 1","startedAt":"2025-06-23T09:13:00Z","where":"inRoom"},
            {"allottedSeconds":60,"gender":"male","group":"government","hubHeadcount":0,"hubName":null,"kind":"reply","number":2,"region":"asiaPacific","repliesTo":1,"seconds":60,"speaker":"Speaker 2","startedAt":"2025-06-23T09:16:30Z","where":"remote"},
            {"allottedSeconds":180,"gender":null,"group":"technicalAcademic","hubHeadcount":40,"hubName":"Nairobi hub","kind":"intervention","number":3,"region":"latinAmericaCaribbean","repliesTo":null,"seconds":120,"speaker":"Speaker 3","startedAt":"2025-06-23T09:20:00Z","where":"remoteHub"},
            {"allottedSeconds":60,"gender":"female","group":"civilSociety","hubHeadcount":0,"hubName":null,"kind":"pointOfOrder","number":4,"region":"africa","repliesTo":null,"seconds":120,"speaker":"Speaker 1","startedAt":"2025-06-23T09:51:00Z","where":"inRoom"}],
            "summary":"Participants agreed that **regional internet exchange points** cut transit costs for landlocked countries.",
            "takeaways":["Landlocked countries pay up to three times more for transit.","Shared fibre along roads and railways helps."]}
            """;

        Assert.Equal(Expected.Replace("\n", string.Empty, StringComparison.Ordinal), Canonical(Build()));
    }

    [Fact]
    public void The_same_log_gives_the_same_bytes_whatever_order_its_figures_were_gathered_in()
    {
        var first = CanonicalJson.Serialize(Build());
        Assert.Equal(first, CanonicalJson.Serialize(Build()));

        // The same figures, every map filled in the opposite order, as another server might have gathered them.
        static IReadOnlyDictionary<string, T> Reversed<T>(IReadOnlyDictionary<string, T> map) => map.Reverse().ToDictionary(p => p.Key, p => p.Value);
        var ledger = Ledger();
        var reversedLedger = ledger with { ByGroup = Reversed(ledger.ByGroup), ByRegion = Reversed(ledger.ByRegion), ByGender = Reversed(ledger.ByGender) };
        var peak = Peak with { ByGroup = Reversed(Peak.ByGroup), ByRegion = Reversed(Peak.ByRegion), ByGender = Reversed(Peak.ByGender) };
        var questions = Questioned() with { ByGroup = Reversed(Questioned().ByGroup) };
        var history = History(peak, Reversed(Progress));
        history = history with { Details = history.Details with { Titles = Reversed(history.Details.Titles) } };
        var again = ProceedingsBuilder.Build(history, Floor() with { Ledger = reversedLedger }, Speeches(), questions, Text(), Reversed(ModeratorActions()));

        Assert.Equal(first, CanonicalJson.Serialize(again));

        // Maps of the record itself are sorted by key, so even its non-canonical JSON (the draft served to moderators) is stable.
        Assert.Equal(["civilSociety", "government", "privateSector", "technicalAcademic"], again.Floor.ByGroup.Keys);
        Assert.Equal(["civilSociety", "government", "technicalAcademic"], again.Attendance.ByGroup.Keys);
        Assert.Equal(["fr", "zh"], again.Session.Titles.Keys);
    }

    [Fact]
    public void The_agenda_shows_every_planned_item_in_planned_order_with_how_it_was_held_then_the_items_added()
    {
        var agenda = Build().Agenda;

        Assert.Equal(["item-1", "item-2", "item-3", "item-4", "item-5"], agenda.Select(i => i.Id));
        Assert.Equal([true, true, true, true, false], agenda.Select(i => i.Planned));
        Assert.Equal([true, true, false, true, true], agenda.Select(i => i.Held));
        Assert.Equal(["done", "done", "removed", "skipped", "done"], agenda.Select(i => i.Status));

        // Planned starts run from the session's planned start through the planned minutes (10, 30, 20, 15); an added item has none.
        Assert.Equal(
            ["2025-06-23T09:00:00Z", "2025-06-23T09:10:00Z", "2025-06-23T09:40:00Z", "2025-06-23T10:00:00Z", null],
            agenda.Select(i => i.PlannedStart));

        // A held item shows how it was held (item 2 ran with 35 minutes); a removed one as it was planned, never started.
        Assert.Equal(35, agenda[1].Minutes);
        Assert.Equal(("2025-06-23T09:12:40Z", "2025-06-23T09:50:00Z"), (agenda[1].ActualStart, agenda[1].ActualEnd));
        Assert.Equal(("Internationalized domain names", 20, (string?)null, (string?)null), (agenda[2].Title, agenda[2].Minutes, agenda[2].ActualStart, agenda[2].ActualEnd));
        Assert.Equal(((string?)null, (string?)null), (agenda[3].ActualStart, agenda[3].ActualEnd));
        Assert.Equal(("Open floor", "2025-06-23T09:50:00Z", "2025-06-23T10:30:00Z"), (agenda[4].Title, agenda[4].ActualStart, agenda[4].ActualEnd));
    }

    [Fact]
    public void An_item_never_taken_up_before_the_end_is_skipped_and_planned_starts_follow_the_planned_not_the_held_minutes()
    {
        // Nothing was ever taken up: every held item is skipped; item 2's planned start is still 09:10 although it was given 35 minutes.
        var agenda = ProceedingsBuilder.Build(
            History(progress: new Dictionary<string, ItemProgress>()), Floor(), Speeches(), Questioned(), Text()).Agenda;

        Assert.Equal(["skipped", "skipped", "removed", "skipped", "skipped"], agenda.Select(i => i.Status));
        Assert.All(agenda, i => Assert.Null(i.ActualStart));
        Assert.Equal(["2025-06-23T09:00:00Z", "2025-06-23T09:10:00Z", "2025-06-23T09:40:00Z", "2025-06-23T10:00:00Z", null], agenda.Select(i => i.PlannedStart));
    }

    [Fact]
    public void When_the_agenda_did_not_change_every_item_is_planned_and_held()
    {
        var details = Details();
        var history = new SessionHistory(
            details, Planned, Planned, AgendaSchedule.Compute(details, Planned, null, new Dictionary<string, ItemProgress>(), EndedAt), Peak, PeakAt);

        var agenda = ProceedingsBuilder.Build(history, Floor(), Speeches(), Questioned(), Text()).Agenda;

        Assert.Equal(Planned.Select(i => i.Id), agenda.Select(i => i.Id));
        Assert.All(agenda, i => Assert.True(i.Planned && i.Held));
    }

    [Fact]
    public void Speeches_are_numbered_in_order_and_their_speakers_are_handles_the_same_for_the_same_person()
    {
        var speeches = Build().Speeches;

        Assert.Equal([1, 2, 3, 4], speeches.Select(s => s.Number));
        Assert.Equal(["Speaker 1", "Speaker 2", "Speaker 3", "Speaker 1"], speeches.Select(s => s.Speaker));
        Assert.Equal(["inRoom", "remote", "remoteHub", "inRoom"], speeches.Select(s => s.Where));
        Assert.Equal(["intervention", "reply", "intervention", "pointOfOrder"], speeches.Select(s => s.Kind));
        Assert.Equal(["civilSociety", "government", "technicalAcademic", "civilSociety"], speeches.Select(s => s.Group));
        Assert.Equal(["female", "male", null, "female"], speeches.Select(s => s.Gender));
        Assert.Equal([180L, 60, 120, 120], speeches.Select(s => s.Seconds));

        // A reply names the number of the speech it answers, not the queue's speech id (11).
        Assert.Equal([null, 1, null, null], speeches.Select(s => s.RepliesTo));
        Assert.Equal(("Nairobi hub", 40), (speeches[2].HubName, speeches[2].HubHeadcount));
    }

    [Fact]
    public void No_name_of_anyone_who_spoke_or_moderated_is_anywhere_in_the_record()
    {
        var record = new ProceedingsRecord(ProceedingsFormat.Current, Details().Id, 1, null, "2025-06-23T12:00:00Z", null, Build());
        var text = Encoding.UTF8.GetString(CanonicalJson.Serialize(record));

        // Names as the queue holds them, and their parts (a surname alone identifies someone too).
        foreach (var name in new[] { Amara, Hiroshi, Lucia, ModeratorName, ModeratorId })
        {
            foreach (var part in name.Split(' ').Append(name))
            {
                Assert.DoesNotContain(part, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The panellists of the published agenda stay named: the agenda was public before the session.
        Assert.All(Panellists, p => Assert.Contains(p, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Floor_time_is_in_whole_seconds_and_shares_in_permille_rounded_half_away_from_zero()
    {
        var ledger = Ledger() with
        {
            Milliseconds = 1_500,
            ByGroup = new Dictionary<string, FloorShare>
            {
                ["government"] = new(1, 1_499, 1 / 3.0, 0.125, null),
                ["civilSociety"] = new(1, 500, 2 / 3.0, 0.0625, null),
            },
        };

        var floor = ProceedingsBuilder.Build(History(), Floor() with { Ledger = ledger }, Speeches(), Questioned(), Text()).Floor;

        Assert.Equal(2, floor.Seconds);
        Assert.Equal(new RecordedShare(1, 1, 333, 125), floor.ByGroup["government"]);

        // 500 ms is half a second, 0.0625 is 62.5 permille: both round up.
        Assert.Equal(new RecordedShare(1, 1, 667, 63), floor.ByGroup["civilSociety"]);
    }

    /// <summary>
    /// Regression (fixed; the text says what went wrong before): a speech of exactly 2.5 s is recorded as 2 s in <c>speeches</c> but as 3 s in <c>floor</c>.
    /// <c>ProceedingsBuilder.Speech</c> rounds with <c>Math.Round(double)</c> (half to even) while
    /// <c>ProceedingsBuilder.Seconds</c> (the floor's figures) rounds half away from zero, so the one speech of
    /// the session does not add up to the session's floor time in its own record.
    /// </summary>
    [Fact]
    public void A_speech_of_two_and_a_half_seconds_counts_the_same_in_the_speeches_and_in_the_floor()
    {
        var start = Utc(9, 13, 0);
        var speech = new Speech(1, 1, FloorKind.Intervention, Amara, StakeholderGroup.CivilSociety, true, null, start, 180, start.AddMilliseconds(2_500), null);
        var share = new FloorShare(1, 2_500, 1, null, null);
        var ledger = new FloorLedger(
            1, 2_500, new Dictionary<string, FloorShare> { ["civilSociety"] = share }, new Dictionary<string, FloorShare> { ["africa"] = share },
            new Dictionary<string, FloorShare> { ["female"] = share }, share, new FloorShare(0, 0, 0, null, null), new FloorShare(0, 0, 0, null, null), 0, [], [], EndedAt);

        var content = ProceedingsBuilder.Build(
            History(), new FloorFigures("s", FloorSettings.Default, ledger, [speech]), [new SpeechOnRecord(speech, 1, Region.Africa, Gender.Female)], Questioned(), Text());

        Assert.Equal(content.Floor.Seconds, Assert.Single(content.Speeches).Seconds);
    }

    [Fact]
    public void A_speech_still_running_has_no_seconds_yet_and_a_reply_to_a_speech_not_on_record_names_none()
    {
        var start = Utc(10, 29, 0);
        var running = new Speech(20, 30, FloorKind.Reply, Hiroshi, StakeholderGroup.Government, true, null, start, 60, null, 999);
        var speeches = Speeches().Append(new SpeechOnRecord(running, 2, Region.AsiaPacific, Gender.Male)).ToList();

        var last = ProceedingsBuilder.Build(History(), Floor(), speeches, Questioned(), Text()).Speeches[^1];

        Assert.Equal((5, "Speaker 2", 0L, (int?)null), (last.Number, last.Speaker, last.Seconds, last.RepliesTo));
    }

    [Fact]
    public void Attendance_is_the_peak_with_when_it_was_and_all_zero_when_nobody_was_counted()
    {
        var attendance = Build().Attendance;
        Assert.Equal(("2025-06-23T09:45:10Z", 120, 90, 30, 70, 50), (attendance.PeakAt, attendance.Total, attendance.Registered, attendance.Anonymous, attendance.InRoom, attendance.Remote));
        Assert.Equal(55, attendance.ByRegion["africa"]);
        Assert.Equal(4, attendance.ByGender["undisclosed"]);

        var history = History() with { PeakAttendance = null, PeakAt = null };
        var none = ProceedingsBuilder.Build(history, Floor(), Speeches(), Questioned(), Text()).Attendance;
        Assert.Equal(((string?)null, 0, 0, 0, 0, 0), (none.PeakAt, none.Total, none.Registered, none.Anonymous, none.InRoom, none.Remote));
        Assert.Empty(none.ByGroup);
        Assert.Equal("""{"anonymous":0,"byGender":{},"byGroup":{},"byRegion":{},"inRoom":0,"peakAt":null,"registered":0,"remote":0,"total":0}""", Canonical(none));
    }

    [Fact]
    public void Overrides_name_the_speech_by_its_number_and_keep_groups_and_reasons_but_no_names()
    {
        var content = Build();

        var o = Assert.Single(content.Overrides);
        Assert.Equal(new RecordedOverride("2025-06-23T09:20:00Z", 3, "technicalAcademic", "privateSector", "The Nairobi hub has waited since the opening"), o);
        Assert.Equal("remoteHub", content.Speeches[o.Speech - 1].Where);
        Assert.Equal(new RecordedDismissal("2025-06-23T09:40:12Z", "privateSector", "Asked the same question twice"), Assert.Single(content.Dismissals));
    }

    [Fact]
    public void Question_figures_are_carried_without_the_hidden_count_by_group()
    {
        var q = Build().Questions;

        Assert.Equal((25, 18, 12, 3, 140), (q.Asked, q.Approved, q.Answered, q.Hidden, q.Upvotes));
        Assert.Equal(new RecordedTally(20, 14, 9), q.ByGroup["civilSociety"]);
        Assert.Equal(new RecordedTally(25, 18, 12), q.ByRegion["africa"]);
    }

    [Theory]
    [InlineData("2025-06-23T11:00:00+02:00", "2025-06-23T09:00:00Z")]
    [InlineData("2025-06-23T23:30:59.999-04:00", "2025-06-24T03:30:59Z")]
    [InlineData("2026-01-01T00:00:00.5+14:00", "2025-12-31T10:00:00Z")]
    [InlineData("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z")]
    public void Times_are_utc_to_the_second(string at, string expected)
    {
        Assert.Equal(expected, ProceedingsBuilder.Stamp(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_session_is_recorded_in_utc_with_its_wire_names_and_the_moderators_text_as_written()
    {
        var content = Build();

        Assert.Equal(
            ("workshop", "2025-06-23T09:00:00Z", "2025-06-23T09:02:13Z", "2025-06-23T10:31:05Z", 90),
            (content.Session.Type, content.Session.StartsAt, content.Session.StartedAt, content.Session.EndedAt, content.Session.DurationMinutes));
        Assert.Equal(Text().Summary, content.Summary);
        Assert.Equal(Text().Takeaways, content.Takeaways);
        Assert.Equal(Text().CallsToAction, content.CallsToAction);

        // A draft of a session not held yet: no start, no end.
        var scheduled = History() with { Details = Details(SessionStatus.Scheduled) };
        var draft = ProceedingsBuilder.Build(scheduled, Floor(), [], new QuestionFigures(0, 0, 0, 0, 0, new Dictionary<string, QuestionTally>(), new Dictionary<string, QuestionTally>()), ProceedingsTextRules.Empty);
        Assert.Equal(((string?)null, (string?)null), (draft.Session.StartedAt, draft.Session.EndedAt));
        Assert.Empty(draft.Speeches);
        Assert.Equal(string.Empty, draft.Summary);
        Assert.Empty(draft.Takeaways);
    }
}
