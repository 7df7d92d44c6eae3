using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Grains.Storage;

namespace IgfPlatform.Grains.Sessions;

/// <summary>What a session stores: small, so it lives in Azure Table.</summary>
[GenerateSerializer]
[Alias("igf.SessionState")]
public sealed class SessionState : ICopyableState<SessionState>
{
    [Id(0)]
    public SessionDetails? Details { get; set; }

    [Id(1)]
    public IReadOnlyList<AgendaItem> Agenda { get; set; } = [];

    [Id(2)]
    public string? CurrentItemId { get; set; }

    /// <summary>Numbers new agenda items so that their ids never repeat within the session.</summary>
    [Id(3)]
    public int LastItemNumber { get; set; }

    /// <summary>
    /// The relays of the servers that follow this session, kept so that a new activation (after a
    /// server died) delivers to them at once instead of waiting for their next renewal.
    /// </summary>
    [Id(4)]
    public Dictionary<string, ISessionRelay> Relays { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When each item was taken up and left, or that it was skipped.</summary>
    [Id(5)]
    public Dictionary<string, ItemProgress> Progress { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The agenda as it stood when the session started: the proceedings show it beside the agenda as held.</summary>
    [Id(6)]
    public IReadOnlyList<AgendaItem>? PlannedAgenda { get; set; }

    /// <summary>The most people that followed at once, and when (for the proceedings).</summary>
    [Id(7)]
    public PresenceCounts? PeakPresence { get; set; }

    [Id(8)]
    public DateTimeOffset? PeakAt { get; set; }

    public SessionState Copy() => new()
    {
        Details = Details,
        Agenda = Agenda,
        CurrentItemId = CurrentItemId,
        LastItemNumber = LastItemNumber,
        Relays = new Dictionary<string, ISessionRelay>(Relays, StringComparer.Ordinal),
        Progress = new Dictionary<string, ItemProgress>(Progress, StringComparer.Ordinal),
        PlannedAgenda = PlannedAgenda,
        PeakPresence = PeakPresence,
        PeakAt = PeakAt,
    };
}
