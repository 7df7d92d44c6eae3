using Microsoft.Net.Http.Headers;

namespace IgfPlatform.Server.Hosting;

/// <summary>
/// Problem details the framework writes by itself (status code pages after a refused sign-in, an unknown method)
/// carry a status and a title only; each gets a detail that says what to do.
/// </summary>
public static class ProblemDefaults
{
    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        var http = context.HttpContext;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => Unauthenticated(http),
            StatusCodes.Status403Forbidden => "Your account may not do this.",
            StatusCodes.Status404NotFound => "There is nothing at this address.",
            StatusCodes.Status405MethodNotAllowed => $"This address does not accept {http.Request.Method}.",
            StatusCodes.Status413PayloadTooLarge => "The request is larger than the platform accepts; send less.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with the content type application/json.",
            StatusCodes.Status400BadRequest => "The request could not be read; check its body and its query values.",
            _ => problem.Detail,
        };
    }

    /// <summary>The bearer challenge says whether a token came and why it was refused (RFC 6750).</summary>
    private static string Unauthenticated(HttpContext http)
    {
        var challenge = http.Response.Headers[HeaderNames.WWWAuthenticate].ToString();
        if (!challenge.Contains("invalid_token", StringComparison.Ordinal))
        {
            return "Sign in to do this, and send your access token as 'Authorization: Bearer <token>'.";
        }

        return challenge.Contains("expired", StringComparison.OrdinalIgnoreCase)
            ? "Your sign-in has expired: sign in again."
            : "Your access token is not valid (altered, not issued by this platform or not for it): sign in again.";
    }
}
