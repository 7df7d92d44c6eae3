using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Sessions;

/// <summary>
/// What a session's other grains (question board, speaking queue) ask of the session before they act:
/// its status, and whether the caller moderates it. A status that allows is trusted for a second (a
/// burst of requests asks the session once); one that refuses is asked again first, so a session just
/// scheduled or started is never refused. Moderation is asked every time: a removed moderator cannot
/// act on the next call.
/// </summary>
public sealed class SessionGate(Func<ISessionGrain> session, string sessionId, TimeProvider time)
{
    private static readonly TimeSpan StatusCache = TimeSpan.FromSeconds(1);
    private (SessionStatus Status, DateTimeOffset At)? _status;

    /// <summary>Refuses (409) unless the session is in one of <paramref name="allowed"/>; <paramref name="what"/> starts the sentence.</summary>
    public async Task EnsureStatus(string what, params SessionStatus[] allowed)
    {
        var now = time.GetUtcNow();
        if (_status is not { } cached || now - cached.At > StatusCache || !allowed.Contains(cached.Status))
        {
            var details = await session().GetDetails() ?? throw ForumException.NotFound($"There is no session '{sessionId}'.");
            _status = (details.Status, now);
        }

        if (!allowed.Contains(_status.Value.Status))
        {
            var when = string.Join(" or ", allowed.Select(SessionRules.Name));
            throw ForumException.Conflict($"{what} while the session is {when}; it is {SessionRules.Name(_status.Value.Status)}.");
        }
    }

    /// <summary>The session told its status itself (it ended, say).</summary>
    public void Know(SessionStatus status) => _status = (status, time.GetUtcNow());

    /// <summary>Refuses unless the caller is signed in and moderates the session now.</summary>
    public async Task EnsureModerator(string moderatorId, string signIn)
    {
        if (string.IsNullOrEmpty(moderatorId))
        {
            throw ForumException.Unauthenticated(signIn);
        }

        if (!await session().IsModerator(moderatorId))
        {
            throw ForumException.Forbidden("Only the session's moderators may do this.");
        }
    }
}
