namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>Who may call an endpoint that needs a sign-in.</summary>
public enum Who
{
    /// <summary>Any signed-in participant, for themself.</summary>
    Participant,

    /// <summary>The session's moderators (and organizers).</summary>
    Moderator,

    /// <summary>Organizers only.</summary>
    Organizer,
}

/// <summary>Every endpoint that needs a sign-in, by "METHOD pattern" as the catalog names it.</summary>
public static class Access
{
    public static IReadOnlyDictionary<string, Who> Rules { get; } = new Dictionary<string, Who>(StringComparer.Ordinal)
    {
        ["GET /api/me"] = Who.Participant,
        ["POST /api/auth/logout"] = Who.Participant,
        ["GET /api/me/sign-ins"] = Who.Participant,
        ["GET /api/me/export"] = Who.Participant,
        ["DELETE /api/me"] = Who.Participant,
        ["DELETE /api/me/sign-ins"] = Who.Participant,
        ["GET /api/participants/"] = Who.Organizer,
        ["GET /api/participants/{participantId}"] = Who.Organizer,
        ["GET /api/audit"] = Who.Organizer,
        ["POST /api/admin/dashboard-session"] = Who.Organizer,
        ["POST /api/sessions/"] = Who.Organizer,
        ["PATCH /api/sessions/{id}"] = Who.Organizer,
        ["POST /api/sessions/{id}/schedule"] = Who.Organizer,
        ["PUT /api/sessions/{id}/moderators"] = Who.Organizer,
        ["GET /api/sessions/{id}/warnings"] = Who.Organizer,
        ["PUT /api/sessions/{id}/agenda/"] = Who.Moderator,
        ["PUT /api/sessions/{id}/floor/settings"] = Who.Organizer,
        ["GET /api/sessions/{id}/proceedings/draft"] = Who.Moderator,
        ["PUT /api/sessions/{id}/proceedings/draft"] = Who.Moderator,
        ["POST /api/sessions/{id}/proceedings/versions"] = Who.Moderator,
        ["POST /api/archive/{sessionId}/v/{version:int}/takedown"] = Who.Organizer,
        ["POST /api/topics/"] = Who.Organizer,
        ["PUT /api/topics/{slug}/follow"] = Who.Participant,
        ["DELETE /api/topics/{slug}/follow"] = Who.Participant,
        ["POST /api/topics/{slug}/consultations/"] = Who.Organizer,
        ["POST /api/consultations/{id}/contributions"] = Who.Participant,
        ["POST /api/consultations/{id}/contributions/{cid}/reports"] = Who.Participant,
        ["POST /api/consultations/{id}/contributions/{cid}/review"] = Who.Organizer,
        ["POST /api/consultations/{id}/versions"] = Who.Organizer,
    };
}
