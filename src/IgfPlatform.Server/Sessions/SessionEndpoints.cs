using System.Security.Claims;
using System.Text;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Sessions;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using IgfPlatform.Server.Audit;

namespace IgfPlatform.Server.Sessions;

/// <summary>What an organizer sends to create a session; <c>id</c> is optional (made from the title).</summary>
public sealed record CreateSessionRequest(
    string? Id,
    string? Title,
    IReadOnlyDictionary<string, string>? Titles,
    SessionType? Type,
    IReadOnlyList<string>? Topics,
    DateTimeOffset? StartsAt,
    int? DurationMinutes,
    string? Description,
    IReadOnlyDictionary<string, string>? Descriptions);

/// <summary>A partial edit: absent fields keep their value.</summary>
public sealed record UpdateSessionRequest(
    string? Title,
    IReadOnlyDictionary<string, string>? Titles,
    SessionType? Type,
    IReadOnlyList<string>? Topics,
    DateTimeOffset? StartsAt,
    int? DurationMinutes,
    string? Description,
    IReadOnlyDictionary<string, string>? Descriptions);

public sealed record SetModeratorsRequest(IReadOnlyList<string>? ParticipantIds);

public static class SessionEndpoints
{
    /// <summary>Participant ids are "p-" and 32 hex digits; anything much longer is not one.</summary>
    public const int MaxParticipantIdLength = 64;

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/sessions").WithTags("Sessions");

        sessions.MapGet("/", async Task<Ok<IReadOnlyList<SessionSummary>>> (
            ClaimsPrincipal user, IGrainFactory grains,
            string? status, string? topic, string? type, string? from, string? to) =>
        {
            var query = new SessionQuery(
                QueryValues.Enum<SessionStatus>(status, nameof(status)), string.IsNullOrWhiteSpace(topic) ? null : topic.Trim(),
                QueryValues.Enum<SessionType>(type, nameof(type)), QueryValues.Time(from, nameof(from)), QueryValues.Time(to, nameof(to)));
            var organizer = await IsOrganizer(user, grains);
            if (query.Status == SessionStatus.Draft && !organizer)
            {
                throw ForumException.Forbidden("Only organizers may list draft sessions.");
            }

            var list = await grains.GetGrain<ISessionCatalogGrain>(ISessionCatalogGrain.Key)
                .List(query with { IncludeDrafts = organizer });
            return TypedResults.Ok(list);
        }).WithSummary("The session calendar (drafts only for organizers).");

        sessions.MapGet("/{id}", async Task<Ok<SessionDetails>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await VisibleSession(id, user, grains)))
            .WithSummary("One session.");

        sessions.MapPost("/", async Task<Created<SessionDetails>> (CreateSessionRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var id = string.IsNullOrWhiteSpace(request.Id) ? NewId(request.Title) : request.Id.Trim();

            // Checked before the grain: an id too long for a storage key would fail there as a server error.
            if (!SessionRules.IsSlug(id))
            {
                throw ForumException.Invalid("id", $"A session id has lower-case letters, digits and dashes, at most {SessionLimits.MaxIdLength}.");
            }

            var draft = new SessionDraft(
                request.Title ?? string.Empty, request.Titles, request.Type ?? (SessionType)(-1), request.Topics ?? [],
                request.StartsAt ?? default, request.DurationMinutes ?? 0, request.Description ?? string.Empty, request.Descriptions);
            var created = await grains.GetGrain<ISessionGrain>(id).Create(user.ParticipantId(), draft);
            return TypedResults.Created($"/api/sessions/{created.Id}", created);
        }).RequireAuthorization().Audited("createSession", "id").WithSummary("Create a session (organizers).");

        sessions.MapPatch("/{id}", async Task<Ok<SessionDetails>> (string id, UpdateSessionRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var session = grains.GetGrain<ISessionGrain>(id);
            var current = await session.GetDetails() ?? throw ForumException.NotFound($"There is no session '{id}'.");
            var draft = new SessionDraft(
                request.Title ?? current.Title, request.Titles ?? current.Titles, request.Type ?? current.Type,
                request.Topics ?? current.Topics, request.StartsAt ?? current.StartsAt,
                request.DurationMinutes ?? current.DurationMinutes, request.Description ?? current.Description,
                request.Descriptions ?? current.Descriptions);
            return TypedResults.Ok(await session.Update(user.ParticipantId(), draft));
        }).RequireAuthorization().Audited("updateSession", "id").WithSummary("Edit a session (organizers).");

        sessions.MapPost("/{id}/schedule", async Task<Ok<SessionDetails>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ISessionGrain>(id).Schedule(user.ParticipantId())))
            .RequireAuthorization().Audited("scheduleSession", "id").WithSummary("Move a draft to scheduled (organizers).");

        sessions.MapPut("/{id}/moderators", async Task<Ok<SessionWithWarnings>> (string id, SetModeratorsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            // Each id names a participant's stored record: one far too long would fail in storage, not as "unknown".
            if (request.ParticipantIds?.Any(p => p is null || p.Length > MaxParticipantIdLength) == true)
            {
                throw ForumException.Invalid("participantIds", $"Each moderator is given by a participant id (at most {MaxParticipantIdLength} characters).");
            }

            var session = grains.GetGrain<ISessionGrain>(id);
            var details = await session.SetModerators(user.ParticipantId(), request.ParticipantIds ?? []);
            return TypedResults.Ok(new SessionWithWarnings(details, await session.GetRoleClashes(user.ParticipantId())));
        }).RequireAuthorization().Audited("setModerators", "id").WithSummary("Assign the session's moderators (organizers); warns of clashing roles.");

        sessions.MapGet("/{id}/warnings", async Task<Ok<IReadOnlyList<RoleClash>>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ISessionGrain>(id).GetRoleClashes(user.ParticipantId())))
            .RequireAuthorization().WithSummary("Clashing roles of the session's moderators (organizers).");
        return app;
    }

    /// <summary>A session as the caller may see it: drafts only for organizers and its moderators.</summary>
    public static async Task<SessionDetails> VisibleSession(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var session = grains.GetGrain<ISessionGrain>(id);
        var details = await session.GetDetails();
        if (details is null
            || (details.Status == SessionStatus.Draft
                && !(user.ParticipantIdOrNull() is { } caller && (await session.IsModerator(caller) || await IsOrganizer(user, grains)))))
        {
            throw ForumException.NotFound($"There is no session '{id}'.");
        }

        return details;
    }

    private static async Task<bool> IsOrganizer(ClaimsPrincipal user, IGrainFactory grains) =>
        user.ParticipantIdOrNull() is { } id && await grains.GetGrain<IParticipantGrain>(id).IsOrganizer();

    /// <summary>A readable, unique id: the title's first words and a short random tail.</summary>
    public static string NewId(string? title)
    {
        var slug = new StringBuilder();
        foreach (var c in (title ?? string.Empty).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var stem = slug.ToString().Trim('-');
        var tail = Guid.NewGuid().ToString("N")[..6];
        return stem.Length == 0 ? "session-" + tail : $"{stem}-{tail}";
    }
}
