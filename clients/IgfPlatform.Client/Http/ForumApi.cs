using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Client.Http;

/// <summary>A refusal from the HTTP API, with its problem details.</summary>
public sealed class ForumApiException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception(detail ?? title ?? status.ToString())
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

public sealed record Registration(
    string Email,
    string Password,
    string DisplayName,
    StakeholderGroup StakeholderGroup,
    Region Region,
    Gender? Gender = null,
    string? Organization = null,
    string? Country = null);

public sealed record NewSession(
    string? Id,
    string Title,
    SessionType Type,
    IReadOnlyList<string> Topics,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string Description,
    IReadOnlyDictionary<string, string>? Titles = null,
    IReadOnlyDictionary<string, string>? Descriptions = null);

/// <summary>The platform's HTTP API, with the contract's JSON shape.</summary>
public sealed class ForumApi(HttpClient http)
{
    private readonly Lock _lock = new();
    private Task? _renewal;
    private DateTimeOffset _issuedAt;

    /// <summary>The bearer token sent with every request, when signed in.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Renews <see cref="AccessToken"/> before it expires (each refresh token works once).</summary>
    public string? RefreshToken { get; set; }

    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public HttpClient Http => http;

    public async Task<AuthResult> RegisterAsync(Registration registration, CancellationToken ct = default) =>
        Remember(await Send<AuthResult>(HttpMethod.Post, "api/auth/register", registration, ct));

    public async Task<AuthResult> LoginAsync(string email, string password, CancellationToken ct = default) =>
        Remember(await Send<AuthResult>(HttpMethod.Post, "api/auth/login", new { email, password }, ct));

    public Task<ParticipantProfile> GetMeAsync(CancellationToken ct = default) => Send<ParticipantProfile>(HttpMethod.Get, "api/me", null, ct);

    public Task<IReadOnlyList<SessionSummary>> GetSessionsAsync(string query = "", CancellationToken ct = default) =>
        Send<IReadOnlyList<SessionSummary>>(HttpMethod.Get, "api/sessions" + query, null, ct);

    public Task<SessionDetails> GetSessionAsync(string id, CancellationToken ct = default) =>
        Send<SessionDetails>(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(id)}", null, ct);

    public Task<SessionDetails> CreateSessionAsync(NewSession session, CancellationToken ct = default) =>
        Send<SessionDetails>(HttpMethod.Post, "api/sessions", session, ct);

    public Task<SessionDetails> ScheduleSessionAsync(string id, CancellationToken ct = default) =>
        Send<SessionDetails>(HttpMethod.Post, $"api/sessions/{Uri.EscapeDataString(id)}/schedule", null, ct);

    public Task<SessionWithWarnings> SetModeratorsAsync(string id, IReadOnlyList<string> participantIds, CancellationToken ct = default) =>
        Send<SessionWithWarnings>(HttpMethod.Put, $"api/sessions/{Uri.EscapeDataString(id)}/moderators", new { participantIds }, ct);

    public Task<IReadOnlyList<RoleClash>> GetWarningsAsync(string id, CancellationToken ct = default) =>
        Send<IReadOnlyList<RoleClash>>(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(id)}/warnings", null, ct);

    public Task<SessionDetails> UpdateSessionAsync(string id, object changes, CancellationToken ct = default) =>
        Send<SessionDetails>(HttpMethod.Patch, $"api/sessions/{Uri.EscapeDataString(id)}", changes, ct);

    public Task<AgendaTimeline> GetTimelineAsync(string id, CancellationToken ct = default) =>
        Send<AgendaTimeline>(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(id)}/timeline", null, ct);

    /// <summary>The session's agenda as iCalendar text.</summary>
    public async Task<string> GetAgendaCalendarAsync(string id, CancellationToken ct = default)
    {
        using var response = await Send(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(id)}/agenda.ics", null, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public Task<IReadOnlyList<AgendaItem>> GetAgendaAsync(string id, CancellationToken ct = default) =>
        Send<IReadOnlyList<AgendaItem>>(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(id)}/agenda", null, ct);

    public Task<IReadOnlyList<AgendaItem>> PutAgendaAsync(string id, IReadOnlyList<AgendaItem> items, CancellationToken ct = default) =>
        Send<IReadOnlyList<AgendaItem>>(HttpMethod.Put, $"api/sessions/{Uri.EscapeDataString(id)}/agenda", items, ct);

    public Task<IReadOnlyList<TopicDetails>> GetTopicsAsync(CancellationToken ct = default) =>
        Send<IReadOnlyList<TopicDetails>>(HttpMethod.Get, "api/topics", null, ct);

    /// <summary>The speaking queue as everyone sees it: line, speech, ledger.</summary>
    public Task<FloorView> GetFloorAsync(string id, CancellationToken ct = default) =>
        Send<FloorView>(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(id)}/floor", null, ct);

    /// <summary>How the floor was shared: the ledger and every speech.</summary>
    public Task<FloorFigures> GetFloorFiguresAsync(string id, CancellationToken ct = default) =>
        Send<FloorFigures>(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(id)}/floor/figures", null, ct);

    /// <summary>Allotted times, targets and budgets (organizers).</summary>
    public Task<FloorSettings> SetFloorSettingsAsync(string id, FloorSettings settings, CancellationToken ct = default) =>
        Send<FloorSettings>(HttpMethod.Put, $"api/sessions/{Uri.EscapeDataString(id)}/floor/settings", settings, ct);

    public Task<TopicDetails> GetTopicAsync(string slug, CancellationToken ct = default) =>
        Send<TopicDetails>(HttpMethod.Get, $"api/topics/{Uri.EscapeDataString(slug)}", null, ct);

    /// <summary>Follows a topic (or stops, with <paramref name="follow"/> false); again changes nothing.</summary>
    public Task<TopicFollowing> SetFollowingTopicAsync(string slug, bool follow, CancellationToken ct = default) =>
        Send<TopicFollowing>(follow ? HttpMethod.Put : HttpMethod.Delete, $"api/topics/{Uri.EscapeDataString(slug)}/follow", null, ct);

    public Task<IReadOnlyList<StakeholderGroupView>> GetStakeholderGroupsAsync(CancellationToken ct = default) =>
        Send<IReadOnlyList<StakeholderGroupView>>(HttpMethod.Get, "api/stakeholder-groups", null, ct);

    /// <summary>One group by its camelCase name (for example <c>civilSociety</c>).</summary>
    public Task<StakeholderGroupView> GetStakeholderGroupAsync(string group, CancellationToken ct = default) =>
        Send<StakeholderGroupView>(HttpMethod.Get, $"api/stakeholder-groups/{Uri.EscapeDataString(group)}", null, ct);

    /// <summary>The consultations of a topic, newest first.</summary>
    public Task<IReadOnlyList<ConsultationListing>> GetConsultationsAsync(string topicSlug, CancellationToken ct = default) =>
        Send<IReadOnlyList<ConsultationListing>>(HttpMethod.Get, $"api/topics/{Uri.EscapeDataString(topicSlug)}/consultations", null, ct);

    /// <summary>Opens a consultation on a topic (organizers).</summary>
    public Task<ConsultationDetails> OpenConsultationAsync(string topicSlug, NewConsultation consultation, CancellationToken ct = default) =>
        Send<ConsultationDetails>(HttpMethod.Post, $"api/topics/{Uri.EscapeDataString(topicSlug)}/consultations", consultation, ct);

    public Task<ConsultationDetails> GetConsultationAsync(string id, CancellationToken ct = default) =>
        Send<ConsultationDetails>(HttpMethod.Get, Consultation(id), null, ct);

    /// <summary>The threads as the caller may see them.</summary>
    public Task<IReadOnlyList<Contribution>> GetContributionsAsync(string id, CancellationToken ct = default) =>
        Send<IReadOnlyList<Contribution>>(HttpMethod.Get, Consultation(id) + "/contributions", null, ct);

    /// <summary>Contributes (or replies); the same <c>clientRequestId</c> again answers the first contribution.</summary>
    public Task<Contribution> ContributeAsync(string id, ContributionDraft draft, CancellationToken ct = default) =>
        Send<Contribution>(HttpMethod.Post, Consultation(id) + "/contributions", draft, ct);

    public Task<ReportResult> ReportContributionAsync(string id, string contributionId, CancellationToken ct = default) =>
        Send<ReportResult>(HttpMethod.Post, $"{Consultation(id)}/contributions/{Uri.EscapeDataString(contributionId)}/reports", null, ct);

    /// <summary>Restores a hidden contribution or keeps it hidden with a reason (organizers).</summary>
    public Task<Contribution> ReviewContributionAsync(string id, string contributionId, ContributionReview review, CancellationToken ct = default) =>
        Send<Contribution>(HttpMethod.Post, $"{Consultation(id)}/contributions/{Uri.EscapeDataString(contributionId)}/review", review, ct);

    public Task<ConsultationSummary> GetConsultationSummaryAsync(string id, CancellationToken ct = default) =>
        Send<ConsultationSummary>(HttpMethod.Get, Consultation(id) + "/summary", null, ct);

    /// <summary>Publishes the final text as a new version, after the closing date (organizers).</summary>
    public Task<ConsultationVersion> PublishConsultationAsync(string id, PublishedText text, CancellationToken ct = default) =>
        Send<ConsultationVersion>(HttpMethod.Post, Consultation(id) + "/versions", text, ct);

    /// <summary>The report as it would be published now (the session's moderators and organizers).</summary>
    public Task<ProceedingsDraft> GetProceedingsDraftAsync(string sessionId, CancellationToken ct = default) =>
        Send<ProceedingsDraft>(HttpMethod.Get, $"api/sessions/{Uri.EscapeDataString(sessionId)}/proceedings/draft", null, ct);

    /// <summary>Saves the moderators' text; <paramref name="revision"/> is the draft's revision it edits.</summary>
    public Task<ProceedingsDraft> SaveProceedingsTextAsync(string sessionId, ProceedingsText text, int revision, CancellationToken ct = default) =>
        Send<ProceedingsDraft>(HttpMethod.Put, $"api/sessions/{Uri.EscapeDataString(sessionId)}/proceedings/draft", new { text, revision }, ct);

    /// <summary>Publishes the next version (a note of what changed from version 2 on).</summary>
    public Task<ProceedingsVersionInfo> PublishProceedingsAsync(string sessionId, string? note = null, CancellationToken ct = default) =>
        Send<ProceedingsVersionInfo>(HttpMethod.Post, $"api/sessions/{Uri.EscapeDataString(sessionId)}/proceedings/versions", new { note }, ct);

    /// <summary>A legal takedown of one version (organizers).</summary>
    public Task<ProceedingsVersionInfo> TakeDownProceedingsAsync(string sessionId, int version, string reason, CancellationToken ct = default) =>
        Send<ProceedingsVersionInfo>(HttpMethod.Post, $"{Archive(sessionId)}/v/{version}/takedown", new { reason }, ct);

    /// <summary>The chain of a session's published versions.</summary>
    public Task<IReadOnlyList<ProceedingsVersionInfo>> GetProceedingsVersionsAsync(string sessionId, CancellationToken ct = default) =>
        Send<IReadOnlyList<ProceedingsVersionInfo>>(HttpMethod.Get, Archive(sessionId) + "/versions", null, ct);

    /// <summary>One version's bytes exactly as published (what its hash is of); null when taken down (410).</summary>
    public async Task<byte[]?> GetProceedingsBytesAsync(string sessionId, int version, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Archive(sessionId)}/v/{version}");
        using var response = await Http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await Problem(response, ct);
        }

        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    /// <summary>Searches the archive (every part optional).</summary>
    public Task<ArchivePage> SearchArchiveAsync(
        string? words = null, string? topic = null, string? group = null, int? year = null, string? type = null, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        var query = new List<string> { $"page={page}", $"pageSize={pageSize}" };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", words);
        Add("topic", topic);
        Add("group", group);
        Add("year", year?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("type", type);
        return Send<ArchivePage>(HttpMethod.Get, "api/archive?" + string.Join('&', query), null, ct);
    }

    private static string Archive(string sessionId) => $"api/archive/{Uri.EscapeDataString(sessionId)}";

    private static string Consultation(string id) => $"api/consultations/{Uri.EscapeDataString(id)}";

    /// <summary>
    /// The access token, renewed first when it is about to expire (a third of its life or a minute before):
    /// give this to the hub connection so that it reconnects with a fresh one.
    /// </summary>
    public async Task<string?> GetAccessTokenAsync(CancellationToken ct = default)
    {
        if (!NeedsRenewal())
        {
            return AccessToken;
        }

        // One renewal at a time: a refresh token presented twice would end the sign-in.
        Task renewal;
        lock (_lock)
        {
            renewal = _renewal is { IsCompleted: false } running ? running : _renewal = RenewAsync(CancellationToken.None);
        }

        await renewal.WaitAsync(ct);
        return AccessToken;
    }

    /// <summary>Exchanges the refresh token for a new access token and the next refresh token.</summary>
    public async Task<AuthResult> RenewAsync(CancellationToken ct = default) =>
        Remember(await Send<AuthResult>(HttpMethod.Post, "api/auth/refresh", new { refreshToken = RefreshToken }, ct, bearer: false));

    /// <summary>Signs out here: this sign-in's tokens stop working and its connections close.</summary>
    public async Task LogoutAsync(CancellationToken ct = default)
    {
        using var _ = await Send(HttpMethod.Post, "api/auth/logout", null, ct);
        AccessToken = RefreshToken = null;
        AccessTokenExpiresAt = null;
    }

    private bool NeedsRenewal()
    {
        if (RefreshToken is null || AccessTokenExpiresAt is not { } expires)
        {
            return false;
        }

        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, (expires - _issuedAt).Ticks / 3));
        return expires - Time.GetUtcNow() <= margin;
    }

    private AuthResult Remember(AuthResult result)
    {
        AccessToken = result.Token;
        RefreshToken = result.RefreshToken;
        AccessTokenExpiresAt = result.ExpiresAt;
        _issuedAt = Time.GetUtcNow();
        return result;
    }

    private async Task<T> Send<T>(HttpMethod method, string path, object? body, CancellationToken ct, bool bearer = true)
    {
        using var response = await Send(method, path, body, ct, bearer);
        return await response.Content.ReadFromJsonAsync<T>(ForumJson.Options, ct)
            ?? throw new InvalidOperationException($"{method} {path} answered with no content.");
    }

    /// <summary>Sends with the bearer token; a refusal becomes a <see cref="ForumApiException"/>.</summary>
    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body, CancellationToken ct, bool bearer = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer && await GetAccessTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ForumJson.Options);
        }

        var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await Problem(response, ct);
            }
        }

        return response;
    }

    private static async Task<ForumApiException> Problem(HttpResponseMessage response, CancellationToken ct)
    {
        string? title = null, detail = null;
        var errors = new Dictionary<string, string[]>();
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = doc.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                {
                    errors[field.Name] = field.Value.EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToArray();
                }
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, say): the status alone tells what happened.
        }

        return new ForumApiException(response.StatusCode, title, detail, errors);
    }
}
