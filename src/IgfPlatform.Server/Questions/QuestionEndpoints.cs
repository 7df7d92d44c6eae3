using System.Security.Claims;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IgfPlatform.Server.Questions;

public static class QuestionEndpoints
{
    public static IEndpointRouteBuilder MapQuestions(this IEndpointRouteBuilder app)
    {
        var questions = app.MapGroup("/api/sessions/{id}/questions").WithTags("Questions");

        questions.MapGet("/", async Task<Ok<QuestionBoardView>> (string id, string? order, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await SessionEndpoints.VisibleSession(id, user, grains);
            var by = string.Equals(order, "time", StringComparison.OrdinalIgnoreCase) ? QuestionOrder.Time : QuestionOrder.Votes;
            return TypedResults.Ok(await grains.GetGrain<IQuestionBoardGrain>(id).GetBoard(Identity.Caller.ParticipantIdOrNull(user), by));
        }).WithSummary("The visible questions (by votes, or by time with order=time), and the caller's own.");

        questions.MapGet("/figures", async Task<Ok<QuestionFigures>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await SessionEndpoints.VisibleSession(id, user, grains);
            return TypedResults.Ok(await grains.GetGrain<IQuestionBoardGrain>(id).GetFigures());
        }).WithSummary("Questions asked, approved, answered and hidden, by stakeholder group and region (for the proceedings).");
        return app;
    }
}
