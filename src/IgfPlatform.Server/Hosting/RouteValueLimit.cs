namespace IgfPlatform.Server.Hosting;

/// <summary>
/// Ids in API addresses name stored records, and a storage key has at most 1 KiB: an id far longer than any the
/// platform makes is answered "not found" here, before a grain would fail on it as a server error.
/// </summary>
public static class RouteValueLimit
{
    /// <summary>Longer than every id the platform makes (a consultation's is at most 64 + 2 + 48).</summary>
    public const int MaxLength = 200;

    public static IApplicationBuilder UseRouteValueLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            foreach (var (name, value) in context.Request.RouteValues)
            {
                if (value is string text && text.Length > MaxLength)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                        {
                            Status = StatusCodes.Status404NotFound,
                            Title = "Not found.",
                            Detail = $"There is nothing with this {name}: ids have at most {MaxLength} characters.",
                        },
                    }).AsTask();
                }
            }
        }

        return next(context);
    });
}
