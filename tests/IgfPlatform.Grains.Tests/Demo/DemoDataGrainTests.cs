using IgfPlatform.Contracts.Demo;

namespace IgfPlatform.Grains.Tests.Demo;

[Collection(ClusterCollection.Name)]
public sealed class DemoDataGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task MarkSeeded_is_idempotent()
    {
        var marker = fixture.Grains.GetGrain<IDemoDataGrain>(Forum.NewId(IDemoDataGrain.Key));
        Assert.Null(await marker.GetSeededAt());

        var before = DateTimeOffset.UtcNow;
        await marker.MarkSeeded(seed: 2025);
        var first = await marker.GetSeededAt();
        await marker.MarkSeeded(seed: 2026);
        await fixture.Cluster.DeactivateAsync(marker);
        await marker.MarkSeeded(seed: 2027);

        Assert.NotNull(first);
        Assert.InRange(first.Value, before, DateTimeOffset.UtcNow);
        Assert.Equal(first, await marker.GetSeededAt());
    }
}
