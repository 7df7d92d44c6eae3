using IgfPlatform.Contracts.Privacy;

namespace IgfPlatform.Grains.Consultations;

/// <summary>
/// What a consultation keeps of an erased person: their visible contributions stay (they were part of a
/// public consultation and replies hang on them) by <see cref="FormerParticipant.Name"/>; hidden ones lose
/// their text too; their reports and their traces as organizer (who opened, reviewed, published) lose their id.
/// </summary>
public static class ConsultationErasure
{
    public static ConsultationState Erase(ConsultationState state, string participantId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ConsultationState
        {
            Header = state.Header is { } h && h.OpenedBy == participantId ? h with { OpenedBy = FormerParticipant.Id } : state.Header,
            Versions = [.. state.Versions.Select(v => v.By == participantId ? v with { By = FormerParticipant.Id } : v)],
            LastNumber = state.LastNumber,
            Contributions = [.. state.Contributions.Select(c =>
            {
                if (c.AuthorId == participantId)
                {
                    c = c with { AuthorId = FormerParticipant.Id, AuthorName = FormerParticipant.Name, ClientRequestId = "erased-" + c.Id };
                    if (c.Hidden)
                    {
                        c = c with { Text = string.Empty };
                    }
                }

                if (c.ReportedBy.Contains(participantId, StringComparer.Ordinal))
                {
                    // The count of reports stands (it decided whether the contribution was hidden); who reported goes.
                    c = c with { ReportedBy = [.. c.ReportedBy.Select((r, i) => r == participantId ? $"{FormerParticipant.Id}:{i}" : r)] };
                }

                return c.ReviewedBy == participantId ? c with { ReviewedBy = FormerParticipant.Id } : c;
            })],
        };
    }

    /// <summary>Whether the person's id is anywhere in the state (what erasure must leave false).</summary>
    public static bool Holds(ConsultationState state, string participantId) =>
        state.Header?.OpenedBy == participantId
        || state.Versions.Any(v => v.By == participantId)
        || state.Contributions.Any(c => c.AuthorId == participantId || c.ReviewedBy == participantId || c.ReportedBy.Contains(participantId, StringComparer.Ordinal));
}
