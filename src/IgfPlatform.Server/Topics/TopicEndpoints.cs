using System.Security.Claims;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Sessions;
using IgfPlatform.Grains.Topics;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using IgfPlatform.Server.Audit;

namespace IgfPlatform.Server.Topics;

public static class TopicEndpoints
{
    public static WebApplicationBuilder AddTopics(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ShippedTopicsInstaller>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTopics(this IEndpointRouteBuilder app)
    {
        var topics = app.MapGroup("/api/topics").WithTags("Topics");

        topics.MapGet("/", async Task<Ok<IReadOnlyList<TopicDetails>>> (IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITopicCatalogGrain>(ITopicCatalogGrain.Key).List()))
            .WithSummary("The policy topics with their source paragraphs.");

        topics.MapGet("/{slug}", async Task<Ok<TopicDetails>> (string slug, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITopicGrain>(slug).Get() ?? throw ForumException.NotFound($"There is no topic '{slug}'.")))
            .WithSummary("One policy topic.");

        topics.MapGet("/{slug}/followers", async Task<Ok<TopicFollowing>> (string slug, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            _ = await grains.GetGrain<ITopicGrain>(slug).Get() ?? throw ForumException.NotFound($"There is no topic '{slug}'.");
            return TypedResults.Ok(await grains.GetGrain<ITopicFollowersGrain>(slug).Get(user.ParticipantIdOrNull()));
        }).WithSummary("How many follow the topic, and whether the caller does.");

        topics.MapPut("/{slug}/follow", async Task<Ok<TopicFollowing>> (string slug, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITopicFollowersGrain>(slug).SetFollowing(user.ParticipantId(), follow: true)))
            .RequireAuthorization().WithSummary("Follow the topic (participants); again changes nothing.");

        topics.MapDelete("/{slug}/follow", async Task<Ok<TopicFollowing>> (string slug, ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITopicFollowersGrain>(slug).SetFollowing(user.ParticipantId(), follow: false)))
            .RequireAuthorization().WithSummary("Stop following the topic.");

        topics.MapPost("/", async Task<Created<TopicDetails>> (TopicDetails topic, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            if (string.IsNullOrWhiteSpace(topic?.Slug))
            {
                throw ForumException.Invalid("slug", "A topic needs a slug.");
            }

            // Checked before the grain: a slug too long for a storage key would fail there as a server error.
            if (!SessionRules.IsSlug(topic.Slug))
            {
                throw ForumException.Invalid("slug", $"A topic's slug has lower-case letters, digits and dashes, at most {SessionLimits.MaxIdLength}.");
            }

            var created = await grains.GetGrain<ITopicGrain>(topic.Slug).Propose(user.ParticipantId(), topic);
            return TypedResults.Created($"/api/topics/{created.Slug}", created);
        }).RequireAuthorization().Audited("proposeTopic").WithSummary("Propose a new topic (organizers).");
        return app;
    }
}

/// <summary>Installs the topics the founding texts name, when they are missing, at every start.</summary>
public sealed class ShippedTopicsInstaller(IGrainFactory grains, StartupGate gate, ILogger<ShippedTopicsInstaller> logger)
    : StartupTask(gate, logger)
{
    protected override string Name => "shipped topics";

    protected override async Task Run(CancellationToken cancellationToken)
    {
        foreach (var topic in ShippedTopics.All)
        {
            var grain = grains.GetGrain<ITopicGrain>(topic.Slug);
            if (await grain.Get() is null)
            {
                await grain.Install(topic);
            }
        }
    }
}
