using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Server.Telemetry;

/// <summary>Counts a sign-in (or registration, or renewal) by its method and whether it was granted.</summary>
public static class SignInCounting
{
    public static async Task<T> Count<T>(PlatformMetrics metrics, string method, Func<Task<T>> signIn)
    {
        try
        {
            var result = await signIn();
            metrics.SignIn(method, succeeded: true);
            return result;
        }
        catch (ForumException ex) when (ex.Kind is ForumErrorKind.Unauthenticated or ForumErrorKind.Invalid or ForumErrorKind.Conflict)
        {
            metrics.SignIn(method, succeeded: false);
            throw;
        }
    }
}
