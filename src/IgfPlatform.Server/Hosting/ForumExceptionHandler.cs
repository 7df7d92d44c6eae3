using System.Text;
using System.Text.Json;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IgfPlatform.Server.Hosting;

/// <summary>Turns a refused command into RFC 9457 problem details with a clear detail.</summary>
public sealed class ForumExceptionHandler(IProblemDetailsService problems, PlatformMetrics metrics) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            metrics.Refused("http", "invalid");
            return await WriteBadRequest(httpContext, bad);
        }

        if (exception is not ForumException forum)
        {
            return false;
        }

        metrics.Refused("http", PlatformMetrics.ReasonOf(forum.Kind));
        httpContext.Response.StatusCode = StatusCodeOf(forum.Kind);
        var problem = forum.Errors.Count > 0
            ? new ValidationProblemDetails(forum.Errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        problem.Status = httpContext.Response.StatusCode;
        problem.Title = TitleOf(forum.Kind);
        problem.Detail = forum.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// A body or a query value the endpoint could not read (ThrowOnBadRequest sends them here): the framework's own
    /// message names .NET types, so the detail says in the contract's words what to change.
    /// </summary>
    private ValueTask<bool> WriteBadRequest(HttpContext httpContext, BadHttpRequestException bad)
    {
        var (title, detail) = DescribeBadRequest(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new ProblemDetails { Status = bad.StatusCode, Title = title, Detail = detail };
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = bad });
    }

    public static (string Title, string Detail) DescribeBadRequest(BadHttpRequestException bad)
    {
        const string Invalid = "The request is not valid.";
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Unsupported content type.", "Send the body as JSON with the content type application/json.");
        }

        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("The request is too large.", "The body is larger than the platform accepts; send less.");
        }

        if (bad.InnerException is JsonException json)
        {
            var at = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? string.Empty : $" at '{json.Path}'";
            var why = json.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? "it is nested too deeply"
                : json.InnerException is InvalidOperationException or DecoderFallbackException || json.Message.Contains("UTF-8", StringComparison.Ordinal)
                    ? "it is not valid UTF-8 text"
                    : "a value has the wrong type, or the JSON is malformed";
            return (Invalid, $"The body could not be read as JSON{at}: {why}. Send one JSON value of the documented shape.");
        }

        var message = bad.Message;
        if (message.StartsWith("Required parameter", StringComparison.Ordinal) || message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            var name = ParameterName(message);
            return message.EndsWith("from body.", StringComparison.Ordinal) || message.StartsWith("Implicit body", StringComparison.Ordinal)
                ? (Invalid, "A JSON body is required (an empty body or null is not one).")
                : (Invalid, $"The value '{name}' is required.");
        }

        if (message.StartsWith("Failed to bind parameter", StringComparison.Ordinal))
        {
            return (Invalid, $"The value of '{ParameterName(message)}' is not of the right kind (a number where one is expected, for example).");
        }

        return (Invalid, "The request could not be read; check its body and its query values.");
    }

    /// <summary>The name in the framework's <c>"Type name"</c> quoting, without the .NET type.</summary>
    private static string ParameterName(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        if (end < 0)
        {
            return "a value";
        }

        var quoted = message[(start + 1)..end];
        return quoted[(quoted.LastIndexOf(' ') + 1)..];
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
