using IgfPlatform.Contracts.Consultations;
using Microsoft.AspNetCore.SignalR;

// The hub's consultation methods live with the feature; ForumHub itself is in Live/ForumHub.cs.
#pragma warning disable IDE0130 // Namespace does not match folder structure
namespace IgfPlatform.Server.Live;
#pragma warning restore IDE0130

public sealed partial class ForumHub
{
    /// <summary>
    /// Contributes to a consultation (or replies with <paramref name="parentId"/>): <paramref name="stance"/> is
    /// agree, disagree or neutral (optional on replies); <paramref name="paragraph"/> null speaks to the whole text.
    /// </summary>
    public Task<Contribution> Contribute(string consultationId, string clientRequestId, int? paragraph, string? stance, string text, string? parentId) =>
        Consultation(consultationId).Contribute(RequireCaller, new ContributionDraft(clientRequestId, paragraph, StanceOf(stance), text, parentId));

    /// <summary>Contributions and stances by stakeholder group and by paragraph.</summary>
    public Task<ConsultationSummary> GetConsultationSummary(string consultationId) => Consultation(consultationId).GetSummary();

    private IConsultationGrain Consultation(string consultationId)
    {
        if (string.IsNullOrWhiteSpace(consultationId) || consultationId.Length > 200)
        {
            throw new HubException("A consultation id is required (at most 200 characters).");
        }

        return grains.GetGrain<IConsultationGrain>(consultationId);
    }

    private static Stance? StanceOf(string? stance) => stance switch
    {
        null or "" => null,
        "agree" => Stance.Agree,
        "disagree" => Stance.Disagree,
        "neutral" => Stance.Neutral,
        _ => throw new HubException("The stance is agree, disagree or neutral."),
    };
}
