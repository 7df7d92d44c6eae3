using IgfPlatform.Grains.Tests.Sessions;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>
/// Every speaking queue test class shares one cluster whose grains read a <see cref="ShiftedClock"/> the tests
/// advance (floor time is then whole seconds given by the test, not whatever the machine took between two calls).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FloorCollection : ICollectionFixture<ShiftedClockClusterFixture>
{
    public const string Name = "speaking queue";
}
