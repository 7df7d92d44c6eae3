using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary>
/// The calendar is one grain shared by every test, so each test gives its sessions a topic of its own
/// and filters by it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionCatalogGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private ISessionCatalogGrain Catalog => _grains.GetGrain<ISessionCatalogGrain>(ISessionCatalogGrain.Key);

    /// <summary>Sessions of one topic, in every status, at known times on a day of their own.</summary>
    private sealed record Calendar(
        string Topic, DateTimeOffset Day, SessionScenario Draft, SessionScenario Scheduled, SessionScenario Live, SessionScenario Ended);

    private async Task<Calendar> MakeCalendar()
    {
        var topic = Forum.NewId("t");
        var day = new DateTimeOffset(2030, 12, 8, 0, 0, 0, TimeSpan.Zero);

        Task<SessionScenario> At(SessionStatus status, int hour, SessionType type) =>
            SessionScenario.Create(_grains, status, agendaItems: 0, Forum.Draft(topic, type, day.AddHours(hour), durationMinutes: 60));

        var sessions = await Task.WhenAll(
            At(SessionStatus.Draft, 9, SessionType.Workshop),
            At(SessionStatus.Scheduled, 11, SessionType.Workshop),
            At(SessionStatus.Live, 13, SessionType.MainSession),
            At(SessionStatus.Ended, 15, SessionType.OpenForum));
        return new Calendar(topic, day, sessions[0], sessions[1], sessions[2], sessions[3]);
    }

    private static string[] Ids(IEnumerable<SessionSummary> summaries) => summaries.Select(s => s.Id).ToArray();

    [Fact]
    public async Task A_topic_lists_its_sessions_in_time_order_without_drafts()
    {
        var c = await MakeCalendar();

        var listed = await Catalog.List(new SessionQuery(Topic: c.Topic));

        Assert.Equal([c.Scheduled.SessionId, c.Live.SessionId, c.Ended.SessionId], Ids(listed));
        var scheduled = await c.Scheduled.Grain.GetDetails();
        var line = listed[0];
        Assert.Equal(scheduled!.Title, line.Title);
        Assert.Equal(scheduled.Type, line.Type);
        Assert.Equal(SessionStatus.Scheduled, line.Status);
        Assert.Equal([c.Topic], line.Topics);
        Assert.Equal(scheduled.StartsAt, line.StartsAt);
        Assert.Equal(60, line.DurationMinutes);
        Assert.Equal(Forum.Json(scheduled.Titles), Forum.Json(line.Titles));
    }

    [Fact]
    public async Task Drafts_are_listed_only_when_asked_for()
    {
        var c = await MakeCalendar();

        var listed = await Catalog.List(new SessionQuery(Topic: c.Topic, IncludeDrafts: true));
        var draftsOnly = await Catalog.List(new SessionQuery(Status: SessionStatus.Draft, Topic: c.Topic));
        var draftsAsked = await Catalog.List(new SessionQuery(Status: SessionStatus.Draft, Topic: c.Topic, IncludeDrafts: true));

        Assert.Equal([c.Draft.SessionId, c.Scheduled.SessionId, c.Live.SessionId, c.Ended.SessionId], Ids(listed));
        Assert.Empty(draftsOnly);
        Assert.Equal([c.Draft.SessionId], Ids(draftsAsked));
    }

    [Theory]
    [InlineData(SessionStatus.Scheduled)]
    [InlineData(SessionStatus.Live)]
    [InlineData(SessionStatus.Ended)]
    public async Task The_status_filter_keeps_that_status_only(SessionStatus status)
    {
        var c = await MakeCalendar();
        var expected = status switch
        {
            SessionStatus.Scheduled => c.Scheduled,
            SessionStatus.Live => c.Live,
            _ => c.Ended,
        };

        var listed = await Catalog.List(new SessionQuery(Status: status, Topic: c.Topic, IncludeDrafts: true));

        Assert.Equal([expected.SessionId], Ids(listed));
        Assert.Equal(status, listed[0].Status);
    }

    [Fact]
    public async Task The_type_filter_keeps_that_type_only()
    {
        var c = await MakeCalendar();

        var workshops = await Catalog.List(new SessionQuery(Topic: c.Topic, Type: SessionType.Workshop, IncludeDrafts: true));
        var townHalls = await Catalog.List(new SessionQuery(Topic: c.Topic, Type: SessionType.TownHall, IncludeDrafts: true));

        Assert.Equal([c.Draft.SessionId, c.Scheduled.SessionId], Ids(workshops));
        Assert.Empty(townHalls);
    }

    [Fact]
    public async Task From_keeps_sessions_that_have_not_ended_and_to_keeps_sessions_that_start_before()
    {
        var c = await MakeCalendar();

        // 11:00-12:00, 13:00-14:00 and 15:00-16:00 (the 09:00 session is a draft).
        var fromHalfPastNoon = await Catalog.List(new SessionQuery(Topic: c.Topic, From: c.Day.AddHours(12.5)));
        var fromHalfPastEleven = await Catalog.List(new SessionQuery(Topic: c.Topic, From: c.Day.AddHours(11.5)));
        var toOnePm = await Catalog.List(new SessionQuery(Topic: c.Topic, To: c.Day.AddHours(13)));
        var window = await Catalog.List(new SessionQuery(Topic: c.Topic, From: c.Day.AddHours(12.5), To: c.Day.AddHours(15)));
        var later = await Catalog.List(new SessionQuery(Topic: c.Topic, From: c.Day.AddHours(16.5)));

        Assert.Equal([c.Live.SessionId, c.Ended.SessionId], Ids(fromHalfPastNoon));
        Assert.Equal([c.Scheduled.SessionId, c.Live.SessionId, c.Ended.SessionId], Ids(fromHalfPastEleven));
        Assert.Equal([c.Scheduled.SessionId], Ids(toOnePm));
        Assert.Equal([c.Live.SessionId], Ids(window));
        Assert.Empty(later);
    }

    [Fact]
    public async Task A_session_moves_in_the_calendar_as_it_changes()
    {
        var c = await MakeCalendar();

        await c.Scheduled.Grain.Start(c.Scheduled.ModeratorId);
        var otherTopic = Forum.NewId("t");
        await c.Live.Grain.Update(c.Live.OrganizerId, Forum.Draft(otherTopic, SessionType.MainSession, c.Day.AddHours(13), 60));

        Assert.Equal(
            [c.Scheduled.SessionId],
            Ids(await Catalog.List(new SessionQuery(Status: SessionStatus.Live, Topic: c.Topic))));
        Assert.Equal([c.Live.SessionId], Ids(await Catalog.List(new SessionQuery(Topic: otherTopic))));
        Assert.True(await Catalog.Count() >= 4);
    }
}
