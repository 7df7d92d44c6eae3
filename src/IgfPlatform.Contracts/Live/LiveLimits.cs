namespace IgfPlatform.Contracts.Live;

/// <summary>The bounds of the live-event backbone, stated in docs/architecture.md.</summary>
public static class LiveLimits
{
    /// <summary>How many recent events a session keeps for <c>Resync</c>; older gaps get a snapshot.</summary>
    public const int EventBufferSize = 1024;

    /// <summary>A relay that has not renewed its registration within this time is dropped.</summary>
    public static readonly TimeSpan RelayLease = TimeSpan.FromMinutes(2);

    /// <summary>How often a relay renews its registrations.</summary>
    public static readonly TimeSpan RelayRenewal = TimeSpan.FromSeconds(30);

    /// <summary>The most events a relay receives in one batch.</summary>
    public const int MaxEventsPerBatch = 256;
}
