using System.Reflection;
using System.Security.Claims;
using IgfPlatform.Contracts.Audit;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Audit;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace IgfPlatform.Server.Audit;

/// <summary>Marks a hub method or an endpoint as an organizer's or moderator's action to keep in the audit log.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AuditedAttribute(string action) : Attribute
{
    public string Action { get; } = action;

    /// <summary>The route value naming the session the action is on (none: a forum-wide action).</summary>
    public string? SessionRoute { get; init; }
}

/// <summary>
/// The audit log: every organizer and moderator action that succeeded, kept once it is done (the action
/// itself is already stored then). Organizers read it; each session's proceedings count its actions.
/// </summary>
public static class AuditHosting
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuditLog>(sp => new AzureAuditLog(
            sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(),
            sp.GetRequiredService<IOptions<ClusterSettings>>().Value.ServiceId));
        builder.Services.AddSingleton<AuditRecorder>();
        builder.Services.AddSingleton<AuditHubFilter>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<AuditHubFilter>());
        return builder;
    }

    /// <summary>Keeps this endpoint's successful calls in the audit log.</summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder endpoint, string action, string? sessionRoute = null) =>
        endpoint.WithMetadata(new AuditedAttribute(action) { SessionRoute = sessionRoute })
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                var http = context.HttpContext;
                var session = sessionRoute is null ? null : http.Request.RouteValues[sessionRoute] as string;
                var target = http.Request.RouteValues
                    .Where(v => v.Key != sessionRoute && v.Value is string)
                    .Select(v => (string)v.Value!)
                    .FirstOrDefault() ?? IdOf(result);
                if (sessionRoute is not null && session is null)
                {
                    session = IdOf(result);
                }

                await http.RequestServices.GetRequiredService<AuditRecorder>()
                    .Record(http.User, action, session, target, ReasonOf(context.Arguments));
                return result;
            });

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async Task<Ok<AuditPage>> (string? session, string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains, IAuditLog log) =>
        {
            if (!await grains.GetGrain<IParticipantGrain>(user.ParticipantId()).IsOrganizer())
            {
                throw ForumException.Forbidden("Only organizers can read the audit log.");
            }

            var scope = string.IsNullOrEmpty(session) ? AuditLimits.Forum : session;
            if (scope.Length > 64 || !scope.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw ForumException.Invalid("session", "A session id has lower-case letters, digits and dashes, at most 64.");
            }

            if (after is not null && (after.Length > 40 || !after.All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c) || c == '-')))
            {
                throw ForumException.Invalid("after", "Give the `next` of the page before, as it was.");
            }

            var size = limit ?? AuditLimits.DefaultPageSize;
            if (size is < 1 or > AuditLimits.MaxPageSize)
            {
                throw ForumException.Invalid("limit", $"A page has from 1 to {AuditLimits.MaxPageSize} entries.");
            }

            var (entries, next) = await log.Read(scope, after, size);
            var names = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var actor in entries.Select(e => e.ActorId).Distinct(StringComparer.Ordinal))
            {
                names[actor] = (await grains.GetGrain<IParticipantGrain>(actor).GetProfile())?.DisplayName;
            }

            return TypedResults.Ok(new AuditPage(
                [.. entries.Select(e => new AuditView(e.Id, e.At, e.ActorId, names[e.ActorId], e.Action, e.SessionId, e.Target, e.Reason))],
                next));
        }).RequireAuthorization().WithTags("Audit")
            .WithSummary("The audit log of organizers' and moderators' actions, newest first (organizers): a session's, or the forum's.");
        return app;
    }

    private static string? IdOf(object? result) =>
        result is IValueHttpResult { Value: { } value }
            ? value.GetType().GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)?.GetValue(value) as string
            : null;

    private static string? ReasonOf(IEnumerable<object?> arguments) =>
        arguments.Select(a => a?.GetType().GetProperty("Reason", BindingFlags.Public | BindingFlags.Instance)?.GetValue(a) as string)
            .FirstOrDefault(r => !string.IsNullOrWhiteSpace(r));
}

/// <summary>Writes entries; a failed write is tried again, then logged (the action itself stands).</summary>
public sealed class AuditRecorder(IAuditLog log, TimeProvider time, ILogger<AuditRecorder> logger)
{
    private const int Attempts = 3;

    public async Task Record(ClaimsPrincipal? user, string action, string? sessionId, string? target, string? reason)
    {
        var actor = user.ParticipantIdOrNull();
        if (actor is null)
        {
            return;
        }

        var at = time.GetUtcNow();
        var entry = new AuditEntry(AzureAuditLog.NewId(at), at, actor, action, sessionId, target, reason);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.Append(entry);
                return;
            }
            catch (Exception ex) when (attempt < Attempts)
            {
                logger.LogWarning(ex, "Could not keep action {Action} in the audit log (attempt {Attempt})", action, attempt);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The audit log misses action {Action} by {ActorId} on {SessionId} ({Target}) at {At:O}", action, actor, sessionId, target, at);
                return;
            }
        }
    }
}

/// <summary>Keeps the hub's moderator actions (methods marked <see cref="AuditedAttribute"/>) once they succeed.</summary>
public sealed class AuditHubFilter(AuditRecorder recorder) : IHubFilter
{
    private static readonly string[] TargetNames = ["itemId", "questionId", "entryId"];

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var result = await next(invocationContext);
        if (invocationContext.HubMethod.GetCustomAttribute<AuditedAttribute>() is { } audited)
        {
            var parameters = invocationContext.HubMethod.GetParameters();
            string? Argument(params string[] names)
            {
                for (var i = 0; i < parameters.Length && i < invocationContext.HubMethodArguments.Count; i++)
                {
                    if (names.Contains(parameters[i].Name, StringComparer.Ordinal))
                    {
                        return invocationContext.HubMethodArguments[i] switch
                        {
                            string s => s,
                            null => null,
                            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
                        };
                    }
                }

                return null;
            }

            // The target: a named id, else the id of the thing given (an agenda item added).
            var target = Argument(TargetNames)
                ?? invocationContext.HubMethodArguments.Select(a => a?.GetType().GetProperty("Id")?.GetValue(a) as string).FirstOrDefault(id => id is not null);
            await recorder.Record(invocationContext.Context.User, audited.Action, Argument("sessionId"), target, Argument("reason"));
        }

        return result;
    }
}
