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

    /// <summary>
    /// A session pushes its timeline after agenda changes at most once per this interval on average, with
    /// <see cref="TimelineBurst"/> pushes at once: a moderator's few quick edits each carry their timeline in
    /// their batch, while a long burst (or a script) gets one timeline per interval for all its changes
    /// instead of one per change, each the size of the whole agenda in time.
    /// </summary>
    public static readonly TimeSpan TimelinePushInterval = TimeSpan.FromSeconds(1);

    /// <summary>How many timelines of agenda changes go out at once before <see cref="TimelinePushInterval"/> holds.</summary>
    public const int TimelineBurst = 4;

    /// <summary>The most events a relay receives in one batch.</summary>
    public const int MaxEventsPerBatch = 256;
}
