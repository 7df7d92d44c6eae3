using System.Net;
using System.Text;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Agenda;

[Collection(PlatformCollection.Name)]
public sealed class CalendarTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_session_has_a_valid_iCalendar_agenda_in_UTC()
    {
        var api = platform.Server.CreateApi();
        foreach (var session in await api.GetSessionsAsync())
        {
            var agenda = await api.GetAgendaAsync(session.Id);
            var ics = await api.GetAgendaCalendarAsync(session.Id);
            var lines = Unfold(ics);

            Assert.Equal("BEGIN:VCALENDAR", lines[0]);
            Assert.Equal("END:VCALENDAR", lines[^1]);
            Assert.Contains("VERSION:2.0", lines);
            Assert.Contains(lines, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
            Assert.Equal(agenda.Count + 1, lines.Count(l => l == "BEGIN:VEVENT"));
            Assert.Equal(agenda.Count + 1, lines.Count(l => l == "END:VEVENT"));
            Assert.All(lines.Where(l => l.StartsWith("DTSTART:", StringComparison.Ordinal) || l.StartsWith("DTEND:", StringComparison.Ordinal) || l.StartsWith("DTSTAMP:", StringComparison.Ordinal)),
                l => Assert.Matches(@"^DT(START|END|STAMP):\d{8}T\d{6}Z$", l));
            var uids = lines.Where(l => l.StartsWith("UID:", StringComparison.Ordinal)).ToList();
            Assert.Equal(uids.Count, uids.Distinct().Count());
            Assert.All(agenda, item => Assert.Contains($"UID:{session.Id}.{item.Id}@igf-platform", uids));
        }
    }

    [Fact]
    public async Task Lines_are_folded_at_75_octets_and_text_is_escaped()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var moderatorApi = await platform.NewParticipantAsync();
        var title = "Multilingual Internet; names, numbers \\ and the Internet’s «next billion» — 下一个十亿用户的互联网关键资源";
        var session = await organizer.CreateSessionAsync(ForumFaker.Session() with { Title = title, Description = "Line one\nLine two, with a comma" });
        await organizer.SetModeratorsAsync(session.Id, [(await moderatorApi.GetMeAsync()).ParticipantId]);
        await moderatorApi.PutAgendaAsync(session.Id, [new AgendaItem("", "Opening; welcome, framing", 10, ["Nnenna Nwakanma", "李明"])]);
        await organizer.ScheduleSessionAsync(session.Id);

        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        var response = await http.GetAsync($"api/sessions/{session.Id}/agenda.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", raw.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(raw.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"too long: {line}"));
        var lines = Unfold(raw);
        Assert.Contains("SUMMARY:" + title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal), lines);
        Assert.Contains("DESCRIPTION:Line one\\nLine two\\, with a comma", lines);
        Assert.Contains("DESCRIPTION:Speakers: Nnenna Nwakanma\\, 李明", lines);
    }

    [Fact]
    public async Task A_draft_has_no_public_calendar()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var draft = await organizer.CreateSessionAsync(ForumFaker.Session());
        var error = await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().GetAgendaCalendarAsync(draft.Id));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.StartsWith("BEGIN:VCALENDAR", await organizer.GetAgendaCalendarAsync(draft.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_filters_by_status_type_topic_and_time_and_refuses_unknown_values()
    {
        var api = platform.Server.CreateApi();
        var all = await api.GetSessionsAsync();
        Assert.Equal(all.Where(s => s.Status == SessionStatus.Ended).Select(s => s.Id), (await api.GetSessionsAsync("?status=ended")).Select(s => s.Id));
        Assert.Equal(all.Where(s => s.Type == SessionType.Workshop).Select(s => s.Id), (await api.GetSessionsAsync("?type=workshop")).Select(s => s.Id));
        Assert.Equal(all.Where(s => s.Topics.Contains("spam")).Select(s => s.Id), (await api.GetSessionsAsync("?topic=spam")).Select(s => s.Id));
        var from = DateTimeOffset.UtcNow.AddDays(1);
        Assert.Equal(
            all.Where(s => s.StartsAt.AddMinutes(s.DurationMinutes) >= from).Select(s => s.Id),
            (await api.GetSessionsAsync($"?from={Uri.EscapeDataString(from.ToString("O"))}")).Select(s => s.Id));

        var bad = await Assert.ThrowsAsync<ForumApiException>(() => api.GetSessionsAsync("?status=finished"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("status", bad.Errors.Keys);
    }

    /// <summary>RFC 5545 unfolding: a line starting with a space continues the previous one.</summary>
    private static List<string> Unfold(string ics)
    {
        var lines = new List<string>();
        foreach (var line in ics.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith(' ') && lines.Count > 0)
            {
                lines[^1] += line[1..];
            }
            else
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
