using IgfPlatform.Contracts.Vocabulary;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IgfPlatform.Server.Hosting;

/// <summary>Turns a refused command into RFC 9457 problem details with a clear detail.</summary>
public sealed class ForumExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ForumException forum)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodeOf(forum.Kind);
        var problem = forum.Errors.Count > 0
            ? new ValidationProblemDetails(forum.Errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        problem.Status = httpContext.Response.StatusCode;
        problem.Title = TitleOf(forum.Kind);
        problem.Detail = forum.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static int StatusCodeOf(ForumErrorKind kind) => kind switch
    {
        ForumErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ForumErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ForumErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ForumErrorKind.NotFound => StatusCodes.Status404NotFound,
        ForumErrorKind.Conflict => StatusCodes.Status409Conflict,
        ForumErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ForumErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(ForumErrorKind kind) => kind switch
    {
        ForumErrorKind.Invalid => "The request is not valid.",
        ForumErrorKind.Unauthenticated => "Sign-in required.",
        ForumErrorKind.Forbidden => "Not allowed.",
        ForumErrorKind.NotFound => "Not found.",
        ForumErrorKind.Conflict => "Conflict with the current state.",
        ForumErrorKind.TooManyRequests => "Too many requests.",
        ForumErrorKind.Unavailable => "Not available yet.",
        _ => "The request was refused.",
    };
}
