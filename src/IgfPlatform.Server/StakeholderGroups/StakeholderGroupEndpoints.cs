using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IgfPlatform.Server.StakeholderGroups;

public static class StakeholderGroupEndpoints
{
    public static IEndpointRouteBuilder MapStakeholderGroups(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/stakeholder-groups").WithTags("Stakeholder groups");

        groups.MapGet("/", async Task<Ok<IReadOnlyList<StakeholderGroupView>>> (IGrainFactory grains) =>
        {
            var totals = await grains.GetGrain<IForumFloorGrain>(IForumFloorGrain.Key).GetTotals();
            var views = await Task.WhenAll(Enum.GetValues<StakeholderGroup>().Select(g => View(grains, g, totals, withSessions: false)));
            return TypedResults.Ok<IReadOnlyList<StakeholderGroupView>>(views);
        }).WithSummary("The six stakeholder groups: members counted by region and gender, and each group's share of the floor across the forum.");

        groups.MapGet("/{group}", async Task<Results<Ok<StakeholderGroupView>, ProblemHttpResult>> (string group, IGrainFactory grains) =>
        {
            if (!WireNames.TryGroup(group, out var known))
            {
                throw ForumException.NotFound($"There is no stakeholder group '{group}'; the groups are {WireNames.GroupList}.");
            }

            var totals = await grains.GetGrain<IForumFloorGrain>(IForumFloorGrain.Key).GetTotals();
            return TypedResults.Ok(await View(grains, known, totals, withSessions: true));
        }).WithSummary("One stakeholder group, with the sessions where it spoke and its share of each.");
        return app;
    }

    private static async Task<StakeholderGroupView> View(IGrainFactory grains, StakeholderGroup group, ForumFloor totals, bool withSessions)
    {
        var name = WireNames.Name(group);
        var grain = grains.GetGrain<IStakeholderGroupGrain>(name);
        var members = await grain.GetMembers();
        var sessions = await grain.GetSessions();
        var mine = totals.ByGroup.GetValueOrDefault(name) ?? new GroupFloor(0, 0);
        return new StakeholderGroupView(
            name, FloorWords.Capital(FloorWords.Of(group)), members, mine.Speeches, mine.Milliseconds,
            totals.Milliseconds == 0 ? 0 : (double)mine.Milliseconds / totals.Milliseconds, totals.Sessions,
            withSessions ? sessions : []);
    }
}
