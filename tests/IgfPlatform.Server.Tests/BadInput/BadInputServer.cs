using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Demo;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>
/// One server with the demo data for the whole bad-input suite, plus what the cases need: signed-in
/// organizer, moderator and two participants, and an open consultation with one contribution of each participant.
/// </summary>
public sealed class BadInputServer : IAsyncLifetime
{
    public const string Topic = ShippedTopicSlugs.Cybersecurity;
    public const string LiveSessionId = DemoAccounts.LiveSessionId;

    /// <summary>An ended session whose proceedings were published (version 1).</summary>
    public static readonly string PublishedSessionId = DemoProceedings.Published.Keys.Order(StringComparer.Ordinal).First();

    public AzuriteInstance Azurite { get; private set; } = null!;

    public PlatformServer Server { get; private set; } = null!;

    /// <summary>Plain HTTP, no token: each request sets its own.</summary>
    public HttpClient Http { get; private set; } = null!;

    public ForumApi Organizer { get; private set; } = null!;

    public ForumApi Moderator { get; private set; } = null!;

    public ForumApi Alice { get; private set; } = null!;

    public ForumApi Bob { get; private set; } = null!;

    public AuthResult AliceAuth { get; private set; } = null!;

    public AuthResult BobAuth { get; private set; } = null!;

    public string ConsultationId { get; private set; } = null!;

    public string AliceContributionId { get; private set; } = null!;

    public string BobContributionId { get; private set; } = null!;

    /// <summary>A visible question of the live session, asked by a demo participant.</summary>
    public string QuestionId { get; private set; } = null!;

    /// <summary>A demo participant's waiting request for the floor of the live session.</summary>
    public long WaitingEntryId { get; private set; }

    /// <summary>The first item of the live session's agenda.</summary>
    public string AgendaItemId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Server = await PlatformServer.StartAsync(Azurite.ConnectionString, new PlatformServerOptions { SeedDemoData = true });
        Http = new HttpClient { BaseAddress = Server.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        Organizer = Server.CreateApi();
        Moderator = Server.CreateApi();
        Alice = Server.CreateApi();
        Bob = Server.CreateApi();
        await Task.WhenAll(
            Organizer.LoginAsync(DemoAccounts.OrganizerEmail, DemoAccounts.Password),
            Moderator.LoginAsync(DemoAccounts.ModeratorEmail, DemoAccounts.Password));
        AliceAuth = await Alice.RegisterAsync(ForumFaker.Person());
        BobAuth = await Bob.RegisterAsync(ForumFaker.Person());

        var opened = await Organizer.OpenConsultationAsync(Topic, new NewConsultation(
            "bad-input-" + Guid.NewGuid().ToString("N")[..8], "Norms for a resilient Internet",
            ["Critical infrastructure is not attacked.", "Vulnerabilities are disclosed responsibly."], DateTimeOffset.UtcNow.AddDays(7)));
        ConsultationId = opened.Id;
        AliceContributionId = (await Alice.ContributeAsync(ConsultationId, new ContributionDraft("alice-1", 1, Stance.Agree, "Agreed: hospitals first.", null))).Id;
        BobContributionId = (await Bob.ContributeAsync(ConsultationId, new ContributionDraft("bob-1", 2, Stance.Neutral, "It depends on who discloses.", null))).Id;

        var board = await SendAsync(HttpMethod.Get, $"api/sessions/{LiveSessionId}/questions");
        QuestionId = JsonDocument.Parse(board.Body).RootElement.GetProperty("questions")[0].GetProperty("id").GetString()!;
        WaitingEntryId = (await Organizer.GetFloorAsync(LiveSessionId)).Order[0];
        AgendaItemId = (await Organizer.GetAgendaAsync(LiveSessionId))[0].Id;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();

        // The server before its storage: a silo's shutdown talks to storage.
        if (Server is not null)
        {
            // What the server logged, for a failure that needs its side of the story.
            if (Environment.GetEnvironmentVariable("IGF_BADINPUT_SERVER_LOG") is { Length: > 0 } log)
            {
                await File.WriteAllTextAsync(log, Server.Output);
            }

            await Server.StopAsync();
            await Server.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }

    public async Task<Reply> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? token = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        configure?.Invoke(request);
        using var response = await Http.SendAsync(request);
        return new Reply(method, path, response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public static HttpContent Json(object? value) => JsonContent.Create(value, options: ForumJson.Options);

    public static HttpContent Raw(byte[] bytes, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    public static HttpContent Raw(string text, string mediaType = "application/json") => Raw(Encoding.UTF8.GetBytes(text), mediaType);

    /// <summary>The process answers and is ready.</summary>
    public async Task AssertUpAsync()
    {
        Assert.False(Server.HasExited, "The server process exited:\n" + Server.Output);
        var live = await SendAsync(HttpMethod.Get, "health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        var sessions = await SendAsync(HttpMethod.Get, "api/sessions");
        Assert.Equal(HttpStatusCode.OK, sessions.Status);
    }

    /// <summary>
    /// What the platform holds, read through its public read endpoints as the organizer (who sees drafts and hidden
    /// contributions); compared before and after a batch of bad input to show nothing was stored.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> StateAsync()
    {
        string[] paths =
        [
            "api/sessions",
            $"api/sessions/{LiveSessionId}",
            $"api/sessions/{LiveSessionId}/agenda",
            $"api/sessions/{LiveSessionId}/questions/figures",
            $"api/sessions/{PublishedSessionId}",
            $"api/sessions/{PublishedSessionId}/proceedings/draft",
            $"api/archive/{PublishedSessionId}/versions",
            "api/topics",
            $"api/topics/{Topic}/followers",
            $"api/topics/{Topic}/consultations",
            $"api/consultations/{ConsultationId}",
            $"api/consultations/{ConsultationId}/contributions",
            $"api/consultations/{ConsultationId}/summary",
        ];
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var reply = await SendAsync(HttpMethod.Get, path, token: Organizer.AccessToken);
            state[path] = $"{(int)reply.Status} {reply.Body}";
        }

        // The floor's view carries the clock (time spoken so far); its line and settings do not.
        var floor = await SendAsync(HttpMethod.Get, $"api/sessions/{LiveSessionId}/floor");
        using (var doc = JsonDocument.Parse(floor.Body))
        {
            var root = doc.RootElement;
            state["floor"] = $"{root.GetProperty("open")} {root.GetProperty("settings")} {root.GetProperty("waiting")} {root.GetProperty("order")}";
        }

        // Accounts: the members counted per stakeholder group change with every registration.
        state["groups"] = (await SendAsync(HttpMethod.Get, "api/stakeholder-groups")).Body;
        return state;
    }

    /// <summary>Runs a batch, checks the server is still up, and tells what changed in its state (empty: nothing).</summary>
    public async Task<IReadOnlyList<string>> ChangesDuringAsync(Func<Task> batch)
    {
        var before = await StateAsync();
        await batch();
        await AssertUpAsync();
        var after = await StateAsync();
        return [.. before.Keys.Where(k => before[k] != after[k]).Select(k => $"{k} changed:\n  before: {Around(before[k], after[k])}\n  after:  {Around(after[k], before[k])}")];
    }

    /// <summary>Both lists empty, or a failure that shows every bad answer and every change.</summary>
    public static void AssertClean(string what, IEnumerable<string> issues, IReadOnlyList<string> changes)
    {
        var all = issues.Order(StringComparer.Ordinal).ToList();
        if (changes.Count > 0)
        {
            all.Add("Bad input changed what the platform stores:");
            all.AddRange(changes);
        }

        Assert.True(all.Count == 0, $"{what}:\n" + string.Join("\n", all));
    }

    /// <summary>The text around the first difference from the other text.</summary>
    private static string Around(string text, string other)
    {
        var at = 0;
        while (at < text.Length && at < other.Length && text[at] == other[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 150);
        return (from > 0 ? "…" : string.Empty) + text[from..Math.Min(text.Length, at + 250)];
    }
}

[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<BadInputServer>
{
    public const string Name = "bad-input";
}

/// <summary>One HTTP answer, kept whole for the failure message.</summary>
public sealed record Reply(HttpMethod Method, string Path, HttpStatusCode Status, string? MediaType, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public override string ToString() => $"{Method} {Path} → {(int)Status} {MediaType} {(Body.Length > 400 ? Body[..400] + "…" : Body)}";
}
