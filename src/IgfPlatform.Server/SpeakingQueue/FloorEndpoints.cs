using System.Security.Claims;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using IgfPlatform.Server.Audit;

namespace IgfPlatform.Server.SpeakingQueue;

public static class FloorEndpoints
{
    public static IEndpointRouteBuilder MapFloor(this IEndpointRouteBuilder app)
    {
        var floor = app.MapGroup("/api/sessions/{id}/floor").WithTags("Speaking queue");

        floor.MapGet("/", async Task<Ok<FloorView>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await SessionEndpoints.VisibleSession(id, user, grains);
            return TypedResults.Ok(await grains.GetGrain<ISpeakingQueueGrain>(id).GetView());
        }).WithSummary("The speaking queue as everyone sees it: the line in the policy's order, the speech now, and the balance ledger.");

        floor.MapGet("/figures", async Task<Ok<FloorFigures>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await SessionEndpoints.VisibleSession(id, user, grains);
            return TypedResults.Ok(await grains.GetGrain<ISpeakingQueueGrain>(id).GetFigures());
        }).WithSummary("How the floor was shared: the ledger with overrides and dismissals, and every speech (for the proceedings).");

        floor.MapPut("/settings", async Task<Ok<FloorSettings>> (string id, FloorSettings settings, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ISpeakingQueueGrain>(id).SetSettings(user.ParticipantId(), settings)))
            .RequireAuthorization().Audited("setFloorSettings", "id").WithSummary("Allotted speaking times, floor-time targets and budgets per stakeholder group (organizers).");
        return app;
    }
}
