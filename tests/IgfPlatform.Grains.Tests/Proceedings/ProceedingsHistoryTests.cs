using System.Text;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Proceedings;
using IgfPlatform.Grains.Tests.Live;
using IgfPlatform.Grains.Tests.Sessions;

namespace IgfPlatform.Grains.Tests.Proceedings;

/// <summary>
/// What the draft is built from: the session's own log through <c>ISessionGrain.GetHistory</c> (the agenda as it was
/// when the session started, the peak of attendance) and the speaking queue (speeches, speakers as handles).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ProceedingsHistoryTests(ClusterFixture fixture)
{
    private const string ServerId = "server-proceedings";

    [Fact]
    public async Task The_planned_agenda_is_the_agenda_at_the_start_even_after_items_are_added_and_removed()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Live, agendaItems: 3);
        var planned = s.Session.Agenda;
        var grain = s.Session.Grain;

        await grain.SetCurrentItem(s.ModeratorId, planned[0].Id);
        var added = await grain.AddAgendaItem(s.ModeratorId, Forum.Item() with { Title = "Open floor: questions from the remote hubs" }, planned[2].Id);
        var addedId = Assert.Single(added, i => planned.All(p => p.Id != i.Id)).Id;
        await grain.RemoveAgendaItem(s.ModeratorId, planned[1].Id);
        await grain.SetCurrentItem(s.ModeratorId, addedId);
        await grain.End(s.ModeratorId);

        var agenda = (await s.Proceedings.GetDraft(s.ModeratorId)).Proceedings.Agenda;

        Assert.Equal([planned[0].Id, planned[1].Id, planned[2].Id, addedId], agenda.Select(i => i.Id));
        Assert.Equal([true, true, true, false], agenda.Select(i => i.Planned));
        Assert.Equal([true, false, true, true], agenda.Select(i => i.Held));
        Assert.Equal(["done", "removed", "skipped", "done"], agenda.Select(i => i.Status));
        Assert.Equal(planned[1].Title, agenda[1].Title);
        Assert.Equal("Open floor: questions from the remote hubs", agenda[3].Title);

        // Planned starts run through the planned agenda from the session's planned start.
        var details = (await grain.GetDetails())!;
        var starts = planned.Select((_, i) => details.StartsAt.AddMinutes(planned.Take(i).Sum(p => p.Minutes))).Select(ProceedingsBuilder.Stamp).ToList();
        Assert.Equal([.. starts, null], agenda.Select(i => i.PlannedStart));
        Assert.NotNull(agenda[0].ActualStart);
        Assert.NotNull(agenda[3].ActualEnd);
    }

    [Fact]
    public async Task An_agenda_changed_before_the_start_is_planned_as_it_stood_at_the_start()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Scheduled, agendaItems: 2);
        var grain = s.Session.Grain;
        var agenda = await grain.AddAgendaItem(s.ModeratorId, Forum.Item(), null);
        await grain.Start(s.ModeratorId);
        await grain.End(s.ModeratorId);

        var recorded = (await s.Proceedings.GetDraft(s.OrganizerId)).Proceedings.Agenda;

        Assert.Equal(agenda.Select(i => i.Id), recorded.Select(i => i.Id));
        Assert.All(recorded, i => Assert.True(i.Planned && i.Held));
    }

    [Fact]
    public async Task The_draft_shows_the_peak_of_attendance_not_the_last_count()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Live);
        using var handle = new RelayHandle(fixture.Client);
        await s.Session.Grain.AttachRelay(ServerId, handle.Reference);

        var peak = Followers.Counts(7, anonymous: 3, inRoom: 2, group: "government", region: "asiaPacific", gender: "male");
        await s.Session.Grain.ReportPresence(ServerId, peak);
        await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, peak));
        var fewer = Followers.Counts(2);
        await s.Session.Grain.ReportPresence(ServerId, fewer);
        await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, fewer));

        var live = (await s.Proceedings.GetDraft(s.ModeratorId)).Proceedings.Attendance;
        Assert.Equal((10, 7, 3, 2, 8), (live.Total, live.Registered, live.Anonymous, live.InRoom, live.Remote));

        await s.Session.Grain.End(s.ModeratorId);
        var attendance = (await s.Proceedings.GetDraft(s.ModeratorId)).Proceedings.Attendance;

        Assert.Equal((10, 7, 3, 2, 8), (attendance.Total, attendance.Registered, attendance.Anonymous, attendance.InRoom, attendance.Remote));
        Assert.Equal(7, attendance.ByGroup["government"]);
        Assert.Equal(7, attendance.ByRegion["asiaPacific"]);
        Assert.Equal(7, attendance.ByGender["male"]);
        Assert.NotNull(attendance.PeakAt);
        var details = (await s.Session.Grain.GetDetails())!;
        var at = DateTimeOffset.Parse(attendance.PeakAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, details.StartedAt!.Value.AddSeconds(-1), details.EndedAt!.Value);

        // Published, the catalog carries the peak.
        await s.Proceedings.Publish(s.ModeratorId, null);
        Assert.Equal(10, s.Store.Entry(s.SessionId)!.PeakAttendance);
    }

    [Fact]
    public async Task Presence_after_the_session_ended_does_not_raise_the_peak()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Ended);
        using var handle = new RelayHandle(fixture.Client);
        await s.Session.Grain.AttachRelay(ServerId, handle.Reference);
        var late = Followers.Counts(40);
        await s.Session.Grain.ReportPresence(ServerId, late);
        await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, late));

        var attendance = (await s.Proceedings.GetDraft(s.ModeratorId)).Proceedings.Attendance;

        Assert.Equal((0, (string?)null), (attendance.Total, attendance.PeakAt));
    }

    [Fact]
    public async Task The_floor_of_the_draft_stays_as_at_the_end_whoever_opens_the_session_later()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Live, agendaItems: 1);
        using var handle = new RelayHandle(fixture.Client);
        await s.Session.Grain.AttachRelay(ServerId, handle.Reference);
        var profile = Forum.Profile() with { StakeholderGroup = StakeholderGroup.Government, Region = Region.Africa, Gender = Gender.Female };
        await s.Speak(await fixture.Grains.GetGrain<IAccountGrain>(profile.Email).Register(profile, "hash:" + Guid.NewGuid()));
        var following = Followers.Counts(2, group: "civilSociety", region: "asiaPacific", gender: "male");
        await s.Session.Grain.ReportPresence(ServerId, following);
        await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, following));
        await s.Session.Grain.End(s.ModeratorId);

        var atEnd = (await s.Proceedings.GetDraft(s.ModeratorId)).Proceedings.Floor;
        Assert.Equal(["civilSociety", "government"], atEnd.ByGroup.Keys.Order(StringComparer.Ordinal));

        // The moderator opens the ended session's page to edit the proceedings, and so follows it; the queue is reactivated.
        var late = Followers.Counts(1, group: "technicalAcademic", region: "easternEurope", gender: "nonBinary");
        await s.Session.Grain.ReportPresence(ServerId, late);
        await handle.Relay.WaitForEvent(e => Followers.IsPushOf(e, late));
        await fixture.Cluster.DeactivateAsync(fixture.Grains.GetGrain<ISpeakingQueueGrain>(s.SessionId));

        Assert.Equal(Forum.Json(atEnd), Forum.Json((await s.Proceedings.GetDraft(s.ModeratorId)).Proceedings.Floor));
    }

    [Fact]
    public async Task Speeches_are_numbered_with_speakers_as_handles_and_no_speaker_is_named_in_the_published_record()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Live, agendaItems: 1);
        var amara = await Forum.Register(fixture.Grains);
        var hiroshi = await Forum.Register(fixture.Grains);

        await s.Speak(amara);
        await s.Speak(hiroshi);
        await s.Speak(amara);
        await s.Session.Grain.End(s.ModeratorId);
        await s.Write(ProceedingsScenario.Text());

        var draft = await s.Proceedings.GetDraft(s.ModeratorId);
        Assert.Equal([1, 2, 3], draft.Proceedings.Speeches.Select(x => x.Number));
        Assert.Equal(["Speaker 1", "Speaker 2", "Speaker 1"], draft.Proceedings.Speeches.Select(x => x.Speaker));
        Assert.Equal(
            [WireNames.Name(amara.StakeholderGroup), WireNames.Name(hiroshi.StakeholderGroup), WireNames.Name(amara.StakeholderGroup)],
            draft.Proceedings.Speeches.Select(x => x.Group));
        Assert.All(draft.Proceedings.Speeches, x => Assert.Equal("inRoom", x.Where));
        Assert.Equal(3, draft.Proceedings.Floor.Speeches);

        var v1 = await s.Proceedings.Publish(s.ModeratorId, null);
        var text = Encoding.UTF8.GetString(await s.Stored(1));
        Assert.Equal(v1.Hash, CanonicalJson.Sha256(Encoding.UTF8.GetBytes(text)));
        foreach (var person in new[] { amara, hiroshi, s.Session.Moderator, s.Session.Organizer })
        {
            Assert.DoesNotContain(person.DisplayName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.ParticipantId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Email, text, StringComparison.OrdinalIgnoreCase);
        }

        // The catalog lists the groups that spoke.
        var groups = new[] { amara, hiroshi }.Select(p => WireNames.Name(p.StakeholderGroup)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(groups, s.Store.Entry(s.SessionId)!.Groups.Order(StringComparer.Ordinal));
        Assert.Equal(3, s.Store.Entry(s.SessionId)!.Speeches);
    }

    [Fact]
    public async Task The_draft_follows_the_log_until_published_and_the_published_bytes_do_not()
    {
        var s = await ProceedingsScenario.Create(fixture, SessionStatus.Live, agendaItems: 1);
        var speaker = await Forum.Register(fixture.Grains);
        await s.Speak(speaker);
        await s.Session.Grain.End(s.ModeratorId);
        await s.Write(ProceedingsScenario.Text());

        // The same log gives the same record: the draft read twice is the same, and is what gets published.
        var draft = await s.Proceedings.GetDraft(s.ModeratorId);
        Assert.Equal(CanonicalJson.Serialize(draft.Proceedings), CanonicalJson.Serialize((await s.Proceedings.GetDraft(s.OrganizerId)).Proceedings));
        await s.Proceedings.Publish(s.ModeratorId, null);
        var published = ProceedingsScenario.Read(await s.Stored(1)).Proceedings;
        Assert.Equal(CanonicalJson.Serialize(draft.Proceedings), CanonicalJson.Serialize(published));

        // Once published, later edits change the draft, never the stored version.
        var stored = await s.Stored(1);
        var edited = await s.Write(ProceedingsScenario.Text());
        Assert.NotEqual(published.Summary, edited.Proceedings.Summary);
        Assert.Equal(stored, await s.Stored(1));
    }
}
