using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Audit;
using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.SignalR;

namespace IgfPlatform.Server.Tests.Audit;

/// <summary>The audit log: moderators' and organizers' actions kept with who, when, what and why; read by organizers; counted in the proceedings.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditTests(PlatformFixture platform)
{
    [Fact]
    public async Task Moderator_and_organizer_actions_are_kept_refusals_are_not_and_only_organizers_read_the_log()
    {
        var (session, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(platform.Server);
        var moderatorId = (await moderatorApi.GetMeAsync()).ParticipantId;
        await using var moderator = await platform.Server.ConnectAsync(moderatorApi.AccessToken);
        await moderator.StartSessionAsync(session);

        var askerApi = await platform.NewParticipantAsync();
        var askerId = (await askerApi.GetMeAsync()).ParticipantId;
        await using var asker = await platform.Server.ConnectAsync(askerApi.AccessToken);
        await asker.JoinSessionAsync(session);
        var asked = await asker.AskQuestionAsync(session, "q-audit", "Who pays for the cables that land in small island states?", anonymous: true);

        // A participant's attempt at a moderator's action is refused and leaves no entry.
        await Assert.ThrowsAsync<HubException>(() => asker.AddAgendaItemAsync(session, new AgendaItem("intruder", "Not on the agenda", 5, [])));

        await moderator.AddAgendaItemAsync(session, new AgendaItem("closing", "Closing remarks", 5, []));
        await moderator.HideQuestionAsync(session, asked.QuestionId, "Off topic for this session.");
        await moderator.EndSessionAsync(session);

        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var page = await ReadLog(organizer, session);
        var actions = page.Entries.Select(e => e.Action).ToList();
        Assert.Equal(["endSession", "hideQuestion", "addAgendaItem", "startSession", "scheduleSession", "setModerators", "createSession"], actions);
        Assert.All(page.Entries.Where(e => e.Action is "endSession" or "hideQuestion" or "addAgendaItem" or "startSession"), e =>
        {
            Assert.Equal(moderatorId, e.ActorId);
            Assert.Equal(session, e.SessionId);
            Assert.False(string.IsNullOrEmpty(e.ActorName));
        });
        var hidden = page.Entries.Single(e => e.Action == "hideQuestion");
        Assert.Equal(asked.QuestionId, hidden.Target);
        Assert.Equal("Off topic for this session.", hidden.Reason);
        Assert.Equal("closing", page.Entries.Single(e => e.Action == "addAgendaItem").Target);
        Assert.True(page.Entries.Zip(page.Entries.Skip(1)).All(p => p.First.At >= p.Second.At), "Newest first.");

        // Whoever asked an anonymous question is never in the log.
        Assert.DoesNotContain(page.Entries, e => e.ActorId == askerId || e.Target == askerId || (e.Reason?.Contains(askerId, StringComparison.Ordinal) ?? false));

        // Paging: two at a time reaches every entry once.
        var paged = new List<AuditView>();
        string? next = null;
        do
        {
            var part = await ReadLog(organizer, session, after: next, limit: 2);
            paged.AddRange(part.Entries);
            next = part.Next;
        }
        while (next is not null);
        Assert.Equal(page.Entries.Select(e => e.Id), paged.Select(e => e.Id));

        // Only organizers read it.
        Assert.Equal(HttpStatusCode.Forbidden, await Status(askerApi.AccessToken, $"api/audit?session={session}"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(moderatorApi.AccessToken, $"api/audit?session={session}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(null, $"api/audit?session={session}"));
        Assert.Equal(HttpStatusCode.BadRequest, await Status(organizer.AccessToken, "api/audit?session=Not%20A%20Session"));
        Assert.Equal(HttpStatusCode.BadRequest, await Status(organizer.AccessToken, $"api/audit?session={session}&limit=0"));

        // The proceedings count the session's actions by kind.
        var draft = await moderatorApi.GetProceedingsDraftAsync(session);
        Assert.NotNull(draft.Proceedings.ModeratorActions);
        Assert.Equal(1, draft.Proceedings.ModeratorActions!["hideQuestion"]);
        Assert.Equal(1, draft.Proceedings.ModeratorActions["addAgendaItem"]);
        Assert.Equal(page.Entries.Count, draft.Proceedings.ModeratorActions.Values.Sum());
        Assert.False(draft.Proceedings.ModeratorActions.ContainsKey("saveProceedingsText"));

        // The moderator's export holds their own entries of the log, and only theirs.
        var export = await Status(moderatorApi.AccessToken, "api/me/export", readBody: true);
        using var document = JsonDocument.Parse(export.Body!);
        var audited = document.RootElement.GetProperty("data").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() == "audit" && p.GetProperty("key").GetString() == session)
            .SelectMany(p => p.GetProperty("data").EnumerateArray())
            .ToList();
        Assert.Equal(["endSession", "hideQuestion", "addAgendaItem", "startSession"], audited.Select(e => e.GetProperty("action").GetString()));
        Assert.All(audited, e => Assert.Equal(moderatorId, e.GetProperty("actorId").GetString()));
    }

    private async Task<AuditPage> ReadLog(ForumApi organizer, string session, string? after = null, int? limit = null)
    {
        var path = $"api/audit?session={session}" + (after is null ? string.Empty : $"&after={after}") + (limit is null ? string.Empty : $"&limit={limit}");
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", organizer.AccessToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuditPage>(ForumJson.Options))!;
    }

    private async Task<HttpStatusCode> Status(string? token, string path) => (await Status(token, path, readBody: false)).Code;

    private async Task<(HttpStatusCode Code, string? Body)> Status(string? token, string path, bool readBody)
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, readBody ? await response.Content.ReadAsStringAsync() : null);
    }
}
