using System.Net;
using System.Net.Http.Headers;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Server.Tests.Telemetry;

/// <summary>The Prometheus endpoint after a real hub journey, the organizers' Orleans dashboard, and a journey the log never names.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TelemetryTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_after_a_hub_journey_count_followers_actions_pushes_and_the_frameworks_own()
    {
        var (session, moderator) = await LiveSessions.StartWithNewModerator(platform.Server);
        await using var _ = moderator;
        var askerApi = await platform.NewParticipantAsync();
        var voterApi = await platform.NewParticipantAsync();
        await using var asker = await platform.Server.ConnectAsync(askerApi.AccessToken);
        await using var voter = await platform.Server.ConnectAsync(voterApi.AccessToken);
        await asker.JoinSessionAsync(session);
        var voterView = await voter.JoinSessionAsync(session);
        var asked = await asker.AskQuestionAsync(session, "metrics-q", "How are exchange points measured?");
        await voterView.WaitUntilAsync(v => v.Questions.Questions.Any(q => q.Id == asked.QuestionId), Patience);
        await voter.UpvoteAsync(session, asked.QuestionId);
        await asker.RequestFloorAsync(session, "metrics-f", FloorKind.Intervention, "On measurement");

        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        Scrape? scrape = null;
        var deadline = DateTime.UtcNow + Patience;
        string? missing;
        do
        {
            // The exporter caches a scrape briefly and the waiting line arrives through the relay: read until it shows.
            using var response = await http.GetAsync("metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            scrape = Scrape.Parse(await response.Content.ReadAsStringAsync());
            missing = Missing(scrape, session);
        }
        while (missing is not null && DateTime.UtcNow < deadline);

        Assert.True(missing is null, $"{missing}\n{scrape}");
        Assert.True(scrape!.Sum("igf_live_participants", ("session", session)) >= 2, "the asker and the voter follow the session");
        Assert.True(scrape.Sum("igf_hub_acknowledgement_duration_seconds_count", ("method", "AskQuestion"), ("outcome", "ok")) >= 1);
        Assert.True(scrape.Sum("igf_hub_acknowledgement_duration_seconds_count", ("method", "Upvote"), ("outcome", "ok")) >= 1);
        Assert.True(scrape.Sum("igf_hub_acknowledgement_duration_seconds_count", ("method", "RequestFloor"), ("outcome", "ok")) >= 1);
        Assert.True(scrape.Sum("igf_hub_acknowledgement_duration_seconds_count", ("method", "StartSession"), ("outcome", "ok")) >= 1);
        Assert.True(scrape.Sum("igf_hub_acknowledgement_duration_seconds_sum", ("method", "AskQuestion")) > 0);
        Assert.True(scrape.Sum("igf_relay_deliveries_total", ("feed", "session")) >= scrape.Sum("igf_relay_batches_total", ("feed", "session")));
        Assert.True(scrape.Sum("igf_hub_connections_opened_total", ("signed_in", "true")) >= 3);
        Assert.True(scrape.Sum("igf_identity_sign_ins_total", ("method", "registration"), ("outcome", "succeeded")) >= 2);
        Assert.True(scrape.Sum("igf_identity_sign_ins_total", ("method", "password"), ("outcome", "succeeded")) >= 1);

        // Orleans', ASP.NET Core's, Kestrel's, SignalR's and the runtime's own.
        foreach (var name in new[] { "orleans_", "http_server_request_duration_seconds", "kestrel_active_connections", "signalr_server_active_connections", "dotnet_gc_" })
        {
            Assert.True(scrape.Names.Any(n => n.StartsWith(name, StringComparison.Ordinal)), $"no {name}* in the scrape");
        }

        // No label names a person: only the platform's bounded labels and the frameworks' own.
        var askerId = (await askerApi.GetMeAsync()).ParticipantId;
        Assert.DoesNotContain(askerId, scrape.Text, StringComparison.Ordinal);
    }

    private static string? Missing(Scrape scrape, string session) =>
        scrape.Sum("igf_live_participants", ("session", session)) < 2 ? "igf_live_participants of the session"
        : scrape.Sum("igf_floor_waiting", ("session", session)) < 1 ? "igf_floor_waiting of the session"
        : scrape.Sum("igf_relay_batches_total", ("feed", "session")) < 1 ? "igf_relay_batches_total"
        : scrape.Sum("igf_hub_acknowledgement_duration_seconds_count", ("method", "RequestFloor")) < 1 ? "the acknowledgement of RequestFloor"
        : null;

    [Fact]
    public async Task The_orleans_dashboard_opens_for_an_organizer_only_through_a_pass_scoped_to_its_path()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = platform.Server.BaseUri };

        // Anonymous: neither the dashboard nor a pass.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("admin/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("admin/orleans/version")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("api/admin/dashboard-session", null)).StatusCode);

        // A participant: no pass (403), and neither their bearer token nor that token as the cookie opens it.
        var participant = await platform.NewParticipantAsync();
        using (var refused = await Send(http, HttpMethod.Post, "api/admin/dashboard-session", bearer: participant.AccessToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, HttpMethod.Get, "admin/orleans/version", bearer: participant.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, HttpMethod.Get, "admin/orleans/version", cookie: participant.AccessToken)).StatusCode);

        // An organizer's access token is no pass either: another audience.
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, HttpMethod.Get, "admin/orleans/version", cookie: organizer.AccessToken)).StatusCode);

        // The organizer's pass: an HttpOnly, SameSite=Strict cookie for the dashboard's path alone.
        using var granted = await Send(http, HttpMethod.Post, "api/admin/dashboard-session", bearer: organizer.AccessToken);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var setCookie = Assert.Single(granted.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("igf-dashboard=", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/admin/orleans", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        var pass = setCookie["igf-dashboard=".Length..setCookie.IndexOf(';', StringComparison.Ordinal)];

        using (var page = await Send(http, HttpMethod.Get, "admin/orleans/", cookie: pass))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "admin/orleans/version", cookie: pass)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "admin/orleans/ClusterStats", cookie: pass)).StatusCode);

        // Grain state holds people's data: never shown, even to organizers.
        Assert.Equal(HttpStatusCode.NotFound, (await Send(http, HttpMethod.Get, "admin/orleans/GrainState?grainId=x&grainType=y", cookie: pass)).StatusCode);

        // Signing out ends the pass with the sign-in.
        await organizer.LogoutAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, HttpMethod.Get, "admin/orleans/version", cookie: pass)).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? bearer = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", "igf-dashboard=" + cookie);
        }

        return http.SendAsync(request);
    }
}
