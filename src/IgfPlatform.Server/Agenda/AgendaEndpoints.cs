using System.Security.Claims;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .RequireAuthorization().WithSummary("Replace the agenda (the session's moderators).");
        return app;
    }
}
