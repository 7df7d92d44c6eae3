using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Server.Tests.Hosting;

[Collection(PlatformCollection.Name)]
public sealed class HostingTests(PlatformFixture platform)
{
    private static readonly HashSet<string> DemoSessionIds =
    [
        PlatformFixture.LiveSessionId, "workshop-spam-across-borders", "open-forum-national-certs", "bpf-ixps-least-developed-countries",
        "dc-multilingual-internet", "nri-african-igf-affordable-access", "town-hall-privacy-public-services", "lightning-measuring-spam",
        "workshop-consumer-protection-ecommerce", "workshop-root-servers-small-islands", "main-session-cybercrime-cooperation",
        "open-forum-cctld-governance",
    ];

    [Fact]
    public async Task Liveness_and_readiness_answer_when_storage_answers()
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        var ready = await http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_public_routes_and_has_a_reference_page()
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        using var doc = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/sessions", paths);
        Assert.Contains("/api/auth/login", paths);
        Assert.Contains("/api/topics/{slug}", paths);

        var page = await http.GetAsync("api-reference/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_routes_are_not_answered_with_the_web_app()
    {
        using var http = new HttpClient { BaseAddress = platform.Server.BaseUri };
        var response = await http.GetAsync("api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_icon_browsers_ask_for_by_default_leads_to_the_web_apps_icon()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.Server.BaseUri };
        var response = await http.GetAsync("favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/favicon.svg", response.Headers.Location?.OriginalString);

        var icon = await http.GetAsync("favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_demo_forum_is_there_with_its_live_session_and_its_topics()
    {
        // Other tests add sessions to the same platform: look at the demo's own.
        var api = platform.Server.CreateApi();
        var sessions = (await api.GetSessionsAsync()).Where(s => DemoSessionIds.Contains(s.Id)).ToList();
        Assert.Equal(10, sessions.Count); // twelve made, two of them drafts that only organizers see
        Assert.Equal(PlatformFixture.LiveSessionId, Assert.Single(sessions, s => s.Status == SessionStatus.Live).Id);
        Assert.Contains(sessions, s => s.Status == SessionStatus.Scheduled);
        Assert.Contains(sessions, s => s.Status == SessionStatus.Ended);
        Assert.True(sessions.Select(s => s.Type).Distinct().Count() >= 5);

        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        Assert.Equal(12, (await organizer.GetSessionsAsync()).Count(s => DemoSessionIds.Contains(s.Id)));

        // The live session has questions from the floor: answered, one being answered, one awaiting review.
        using (var http = new HttpClient { BaseAddress = platform.Server.BaseUri })
        {
            var board = await http.GetFromJsonAsync<QuestionBoardView>($"api/sessions/{PlatformFixture.LiveSessionId}/questions", ForumJson.Options);
            Assert.NotNull(board);
            Assert.Equal(8, board.Questions.Count);
            Assert.True(board.PreModeration);
            Assert.Single(board.Questions, q => q.Status == QuestionStatus.Answered);
            Assert.Single(board.Questions, q => q.Highlighted);
            Assert.Contains(board.Questions, q => q.Anonymous && q.AskerName is null);
            Assert.True(board.Questions.Sum(q => q.Upvotes) > 0);
        }

        var topics = await api.GetTopicsAsync();
        foreach (var slug in new[] { "critical-internet-resources", "spam", "cybersecurity", "interconnection-costs" })
        {
            var topic = Assert.Single(topics, t => t.Slug == slug);
            Assert.NotEmpty(topic.Sources);
            Assert.All(topic.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Quotation)));
            Assert.Equal(Languages.All.Order(), topic.Titles.Keys.Order());
        }
    }
}
