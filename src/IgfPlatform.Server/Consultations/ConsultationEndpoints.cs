using System.Security.Claims;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using IgfPlatform.Server.Audit;

namespace IgfPlatform.Server.Consultations;

public static class ConsultationEndpoints
{
    public static IEndpointRouteBuilder MapConsultations(this IEndpointRouteBuilder app)
    {
        var byTopic = app.MapGroup("/api/topics/{slug}/consultations").WithTags("Consultations");

        byTopic.MapGet("/", async Task<Ok<IReadOnlyList<ConsultationListing>>> (string slug, IGrainFactory grains) =>
        {
            await RequireTopic(slug, grains);
            return TypedResults.Ok(await grains.GetGrain<IConsultationIndexGrain>(slug).List());
        }).WithSummary("The consultations on a policy topic, newest first (public).");

        byTopic.MapPost("/", async Task<Created<ConsultationDetails>> (string slug, NewConsultation consultation, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var organizerId = user.ParticipantId();
            if (consultation is null)
            {
                throw ForumException.Invalid("A consultation with a title, paragraphs and a closing date is required.");
            }

            var consultationSlug = string.IsNullOrWhiteSpace(consultation.Slug) ? ConsultationIds.SlugFrom(consultation.Title) : consultation.Slug;
            if (!ConsultationIds.IsSlug(consultationSlug))
            {
                throw ForumException.Invalid("slug", $"A consultation's slug has lower-case letters, digits and single dashes, at most {ConsultationLimits.MaxSlugLength}; give one or a title with letters or digits.");
            }

            var id = ConsultationIds.Of(slug, consultationSlug);
            var opened = await grains.GetGrain<IConsultationGrain>(id).Open(organizerId, slug, consultation with { Slug = consultationSlug });
            return TypedResults.Created($"/api/consultations/{opened.Id}", opened);
        }).RequireAuthorization().Audited("openConsultation").WithSummary("Open a consultation on the topic with a draft text of numbered paragraphs and a closing date (organizers).");

        var one = app.MapGroup("/api/consultations/{id}").WithTags("Consultations");

        one.MapGet("/", async Task<Ok<ConsultationDetails>> (string id, IGrainFactory grains) =>
            TypedResults.Ok(await Consultation(id, grains).Get() ?? throw NoSuch(id)))
            .WithSummary("The consultation: draft and published versions, closing date and phase (public).");

        one.MapGet("/contributions", async Task<Ok<IReadOnlyList<Contribution>>> (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await Consultation(id, grains).GetContributions(user.ParticipantIdOrNull())))
            .WithSummary("The contributions, threaded; hidden ones only for organizers and their authors.");

        one.MapPost("/contributions", async Task<Ok<Contribution>> (string id, ContributionDraft draft, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await Consultation(id, grains).Contribute(user.ParticipantId(), draft)))
            .RequireAuthorization().WithSummary("Contribute (or reply with parentId) while the consultation is open; the same clientRequestId again returns the first result.");

        one.MapPost("/contributions/{cid}/reports", async Task<Ok<ReportResult>> (string id, string cid, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await Consultation(id, grains).Report(user.ParticipantId(), cid)))
            .RequireAuthorization().WithSummary("Report someone else's contribution, once; three reports hide it until an organizer reviews it.");

        one.MapPost("/contributions/{cid}/review", async Task<Ok<Contribution>> (string id, string cid, ContributionReview review, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await Consultation(id, grains).Review(user.ParticipantId(), cid, review)))
            .RequireAuthorization().Audited("reviewContribution").WithSummary("Restore a contribution or keep it hidden with a reason (organizers).");

        one.MapGet("/summary", async Task<Ok<ConsultationSummary>> (string id, IGrainFactory grains) =>
            TypedResults.Ok(await Consultation(id, grains).GetSummary()))
            .WithSummary("Contributions and stances by stakeholder group and by paragraph (public).");

        one.MapPost("/versions", async Task<Created<ConsultationVersion>> (string id, PublishedText text, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var version = await Consultation(id, grains).Publish(user.ParticipantId(), text);
            return TypedResults.Created($"/api/consultations/{id}", version);
        }).RequireAuthorization().Audited("publishConsultationText").WithSummary("Publish the final text after the closing date, as a new version (organizers).");
        return app;
    }

    private static IConsultationGrain Consultation(string id, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
        {
            throw NoSuch(id);
        }

        return grains.GetGrain<IConsultationGrain>(id);
    }

    private static async Task RequireTopic(string slug, IGrainFactory grains)
    {
        if (await grains.GetGrain<ITopicGrain>(slug).Get() is null)
        {
            throw ForumException.NotFound($"There is no topic '{slug}'.");
        }
    }

    private static ForumException NoSuch(string id) => ForumException.NotFound($"There is no consultation '{id}'.");
}
