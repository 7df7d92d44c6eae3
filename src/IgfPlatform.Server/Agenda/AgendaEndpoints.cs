using System.Security.Claims;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using IgfPlatform.Server.Audit;

namespace IgfPlatform.Server.Agenda;

public static class AgendaEndpoints
{
    public static IEndpointRouteBuilder MapAgenda(this IEndpointRouteBuilder app)
    {
        var agenda = app.MapGroup("/api/sessions/{id}/agenda").WithTags("Agenda");

        agenda.MapGet("/", async Task<Ok<IReadOnlyList<AgendaItem>>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await SessionEndpoints.VisibleSession(id, user, grains);
            return TypedResults.Ok(await grains.GetGrain<ISessionGrain>(id).GetAgenda());
        }).WithSummary("The session's agenda, in order.");

        agenda.MapPut("/", async Task<Ok<IReadOnlyList<AgendaItem>>> (string id, IReadOnlyList<AgendaItem> items, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ISessionGrain>(id).SetAgenda(user.ParticipantId(), items)))
            .RequireAuthorization().Audited("setAgenda", "id").WithSummary("Replace the agenda (the session's moderators).");

        app.MapGet("/api/sessions/{id}/timeline", async Task<Ok<AgendaTimeline>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await SessionEndpoints.VisibleSession(id, user, grains);
            return TypedResults.Ok(await grains.GetGrain<ISessionGrain>(id).GetTimeline());
        }).WithTags("Agenda").WithSummary("The agenda in time: planned, expected and actual.");

        app.MapGet("/api/sessions/{id}/agenda.ics", async (string id, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var session = await SessionEndpoints.VisibleSession(id, http.User, grains);
            var grain = grains.GetGrain<ISessionGrain>(id);
            var page = new Uri($"{http.Request.Scheme}://{http.Request.Host}/sessions/{Uri.EscapeDataString(id)}");
            var ics = AgendaCalendar.Write(session, await grain.GetAgenda(), await grain.GetTimeline(), page, time.GetUtcNow());
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}.ics\"";
            return Results.Text(ics, AgendaCalendar.ContentType);
        }).WithTags("Agenda").WithSummary("The session and its agenda as iCalendar, in UTC.");
        return app;
    }
}
