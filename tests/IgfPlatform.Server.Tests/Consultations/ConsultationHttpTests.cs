using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.Server.Tests.Consultations;

/// <summary>Consultations through HTTP and the hub of a real server.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ConsultationHttpTests(PlatformFixture platform)
{
    private const string Topic = ShippedTopicSlugs.Cybersecurity;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Send(ForumApi api, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (api.AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.AccessToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ForumJson.Options);
        }

        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static T As<T>(JsonElement body) => body.Deserialize<T>(ForumJson.Options)!;

    private static object NewBody(string slug, DateTimeOffset closesAt, params string[] paragraphs) =>
        new { slug, title = "Norms of responsible state behaviour", paragraphs, closesAt };

    [Fact]
    public async Task Organizer_opens_participants_contribute_report_and_after_closing_the_final_text_is_published()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var people = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => platform.NewParticipantAsync()));
        var anonymous = platform.Server.CreateApi();
        var slug = $"norms-{Guid.NewGuid():N}"[..20];
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(6);

        var (status, body) = await Send(organizer, HttpMethod.Post, $"api/topics/{Topic}/consultations",
            NewBody(slug, closesAt, "States do not attack critical infrastructure.", "Vulnerabilities are disclosed responsibly."));
        Assert.Equal(HttpStatusCode.Created, status);
        var opened = As<ConsultationDetails>(body);
        Assert.Equal($"{Topic}--{slug}", opened.Id);
        Assert.Equal(ConsultationPhase.Open, opened.Phase);
        Assert.Equal([1, 2], Assert.Single(opened.Versions).Paragraphs.Select(p => p.Number));
        var id = opened.Id;
        var listed = As<List<ConsultationListing>>((await Send(anonymous, HttpMethod.Get, $"api/topics/{Topic}/consultations")).Body);
        Assert.Contains(listed, l => l.Id == id);

        // A contribution, the same request again, a reply with and one without stance.
        var (s1, c1) = await Send(people[0], HttpMethod.Post, $"api/consultations/{id}/contributions",
            new { clientRequestId = "r-1", paragraph = 1, stance = "disagree", text = "Define critical infrastructure first." });
        Assert.Equal(HttpStatusCode.OK, s1);
        var top = As<Contribution>(c1);
        var again = As<Contribution>((await Send(people[0], HttpMethod.Post, $"api/consultations/{id}/contributions",
            new { clientRequestId = "r-1", paragraph = 2, stance = "agree", text = "Something else" })).Body);
        Assert.Equal(top.Id, again.Id);
        await Send(people[1], HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "r-1", text = "Agreed.", stance = "agree", parentId = top.Id });
        await using var hub = await platform.Server.ConnectAsync(people[2].AccessToken);
        var viaHub = await hub.Connection.InvokeAsync<Contribution>("Contribute", id, "h-1", null, "neutral", "On the whole text.", null);
        Assert.Equal((1, (int?)null), (viaHub.Level, viaHub.Paragraph));
        var hubRefusal = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<Contribution>("Contribute", id, "h-2", 1, "maybe", "x", null));
        Assert.Contains("agree, disagree or neutral", hubRefusal.Message, StringComparison.Ordinal);

        var summary = As<ConsultationSummary>((await Send(anonymous, HttpMethod.Get, $"api/consultations/{id}/summary")).Body);
        Assert.Equal((2, 1), (summary.Contributions, summary.Replies));
        Assert.Equal(new StanceCounts(1, 1, 1), summary.Stances);
        Assert.Equal(1, summary.ByParagraph.Single(p => p.Paragraph == 1).Stances.Disagree);
        var hubSummary = await hub.Connection.InvokeAsync<ConsultationSummary>("GetConsultationSummary", id);
        Assert.Equal(Json(summary), Json(hubSummary));

        // Three reports hide the contribution from everyone but its author and organizers.
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(people[0], HttpMethod.Post, $"api/consultations/{id}/contributions/{top.Id}/reports")).Status);
        foreach (var p in people[1..])
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(p, HttpMethod.Post, $"api/consultations/{id}/contributions/{top.Id}/reports")).Status);
        }

        Assert.DoesNotContain(As<List<Contribution>>((await Send(anonymous, HttpMethod.Get, $"api/consultations/{id}/contributions")).Body), c => c.Id == top.Id);
        Assert.Equal(ContributionStatus.HiddenPendingReview,
            As<List<Contribution>>((await Send(people[0], HttpMethod.Get, $"api/consultations/{id}/contributions")).Body).Single(c => c.Id == top.Id).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(people[1], HttpMethod.Post, $"api/consultations/{id}/contributions/{top.Id}/review", new { visible = true })).Status);
        var restored = As<Contribution>((await Send(organizer, HttpMethod.Post, $"api/consultations/{id}/contributions/{top.Id}/review",
            new { visible = true, reason = "A fair argument, not abuse" })).Body);
        Assert.Equal(ContributionStatus.Restored, restored.Status);
        var threads = As<List<Contribution>>((await Send(anonymous, HttpMethod.Get, $"api/consultations/{id}/contributions")).Body);
        Assert.Single(threads.Single(c => c.Id == top.Id).Replies);

        // Publishing waits for the closing date; after it, contributions are refused and versions accumulate.
        Assert.Equal(HttpStatusCode.Conflict, (await Send(organizer, HttpMethod.Post, $"api/consultations/{id}/versions", new { paragraphs = new[] { "Final" } })).Status);
        var wait = closesAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var (late, problem) = await Send(people[3], HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "late", stance = "agree", text = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, late);
        Assert.Contains("no longer taken", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (vs, v2) = await Send(organizer, HttpMethod.Post, $"api/consultations/{id}/versions",
            new { paragraphs = new[] { "States refrain from attacking critical infrastructure.", "Disclosure is coordinated." } });
        Assert.Equal(HttpStatusCode.Created, vs);
        Assert.Equal(2, As<ConsultationVersion>(v2).Version);
        var v3 = As<ConsultationVersion>((await Send(organizer, HttpMethod.Post, $"api/consultations/{id}/versions", new { paragraphs = new[] { "Corrected." } })).Body);
        Assert.Equal(3, v3.Version);
        var final = As<ConsultationDetails>((await Send(anonymous, HttpMethod.Get, $"api/consultations/{id}")).Body);
        Assert.Equal(ConsultationPhase.Published, final.Phase);
        Assert.Equal([1, 2, 3], final.Versions.Select(v => v.Version));
        Assert.Equal("States do not attack critical infrastructure.", final.Versions[0].Paragraphs[0].Text);
        Assert.Equal("States refrain from attacking critical infrastructure.", final.Versions[1].Paragraphs[0].Text);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_details_and_nothing_is_stored()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var participant = await platform.NewParticipantAsync();
        var anonymous = platform.Server.CreateApi();
        var slug = $"bad-{Guid.NewGuid():N}"[..20];
        var future = DateTimeOffset.UtcNow.AddDays(3);

        var (s1, p1) = await Send(organizer, HttpMethod.Post, $"api/topics/{Topic}/consultations",
            NewBody(slug, DateTimeOffset.UtcNow.AddDays(-1), "ok", "", new string('x', 4001)));
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        var errors = p1.GetProperty("errors");
        Assert.True(errors.TryGetProperty("closesAt", out _));
        Assert.True(errors.TryGetProperty("paragraphs[1]", out _));
        Assert.True(errors.TryGetProperty("paragraphs[2]", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(participant, HttpMethod.Post, $"api/topics/{Topic}/consultations", NewBody(slug, future, "p"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(anonymous, HttpMethod.Post, $"api/topics/{Topic}/consultations", NewBody(slug, future, "p"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(organizer, HttpMethod.Post, "api/topics/no-such-topic/consultations", NewBody(slug, future, "p"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(organizer, HttpMethod.Post, $"api/topics/{Topic}/consultations", new { title = "!!!", paragraphs = new[] { "p" }, closesAt = future })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(anonymous, HttpMethod.Get, $"api/consultations/{Topic}--{slug}")).Status);
        Assert.DoesNotContain(As<List<ConsultationListing>>((await Send(anonymous, HttpMethod.Get, $"api/topics/{Topic}/consultations")).Body),
            l => l.Id.EndsWith(slug, StringComparison.Ordinal));

        var id = As<ConsultationDetails>((await Send(organizer, HttpMethod.Post, $"api/topics/{Topic}/consultations", NewBody(slug, future, "One", "Two"))).Body).Id;
        var top = As<Contribution>((await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "t", stance = "agree", text = "Yes" })).Body);
        var r2 = As<Contribution>((await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "t2", text = "Re", parentId = top.Id })).Body);
        var r3 = As<Contribution>((await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "t3", text = "Re re", parentId = r2.Id })).Body);
        var before = (await Send(organizer, HttpMethod.Get, $"api/consultations/{id}/contributions")).Body.GetRawText();

        var (deep, deepProblem) = await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "t4", text = "Too deep", parentId = r3.Id });
        Assert.Equal(HttpStatusCode.BadRequest, deep);
        Assert.Contains("at most 3 levels deep", deepProblem.GetProperty("errors").GetProperty("parentId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "b1", stance = "agree", text = "", paragraph = 1 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "b2", stance = "agree", text = "x", paragraph = 3 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "b3", text = "no stance" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "b4", stance = "maybe", text = "x" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(anonymous, HttpMethod.Post, $"api/consultations/{id}/contributions", new { clientRequestId = "b5", stance = "agree", text = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(participant, HttpMethod.Post, $"api/consultations/{id}/contributions/c999/reports")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(organizer, HttpMethod.Post, $"api/consultations/{id}/contributions/{top.Id}/review", new { visible = false })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(anonymous, HttpMethod.Get, "api/consultations/cybersecurity--nothing-here/summary")).Status);

        Assert.Equal(before, (await Send(organizer, HttpMethod.Get, $"api/consultations/{id}/contributions")).Body.GetRawText());
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, ForumJson.Options);
}
