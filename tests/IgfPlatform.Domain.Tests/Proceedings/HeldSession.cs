using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Agenda;
using IgfPlatform.Grains.Proceedings;

namespace IgfPlatform.Domain.Tests.Proceedings;

/// <summary>
/// A workshop as it was held at the IGF in Lillestrøm, built by hand so that every figure of its record is
/// known: planned for 11:00 Oslo time (09:00 UTC), started late, an item removed, one skipped, one added;
/// four speeches by three people (one of them twice, one through a remote hub); a moderator's override and
/// dismissal; 120 people following at the peak.
/// </summary>
public static class HeldSession
{
    /// <summary>11:00 in Oslo in June, 09:00 UTC.</summary>
    public static readonly DateTimeOffset StartsAt = new(2025, 6, 23, 11, 0, 0, TimeSpan.FromHours(2));

    public static readonly DateTimeOffset StartedAt = Utc(9, 2, 13).AddMilliseconds(999);

    public static readonly DateTimeOffset EndedAt = Utc(10, 31, 5).AddMilliseconds(420);

    public const string ModeratorId = "p-5f1c7e2a9b";

    public const string ModeratorName = "Ingrid Solberg";

    // The people who took the floor: their names are in the speeches the queue hands over, never in the record.
    public const string Amara = "Amara Okafor";

    public const string Hiroshi = "Hiroshi Tanaka";

    public const string Lucia = "Lucía Fernández";

    /// <summary>Panellists named in the published agenda (public before the session).</summary>
    public static readonly string[] Panellists = ["Kwame Mensah", "Priya Raghavan"];

    public static DateTimeOffset Utc(int hour, int minute, int second) => new(2025, 6, 23, hour, minute, second, TimeSpan.Zero);

    public static SessionDetails Details(SessionStatus status = SessionStatus.Ended) => new(
        "ws-interconnection-landlocked",
        "Workshop: sharing interconnection costs in landlocked countries",
        new Dictionary<string, string> { ["zh"] = "研讨会：内陆国家的互联成本", ["fr"] = "Atelier : partager les coûts d'interconnexion" },
        SessionType.Workshop,
        status,
        ["critical-internet-resources", "affordable-access"],
        StartsAt,
        90,
        "How governments, operators and civil society share the cost of reaching the coast.",
        new Dictionary<string, string>(),
        [ModeratorId],
        status >= SessionStatus.Live ? StartedAt : null,
        status >= SessionStatus.Ended ? EndedAt : null);

    /// <summary>The agenda when the session started: 10 + 30 + 20 + 15 minutes from 09:00 UTC.</summary>
    public static readonly IReadOnlyList<AgendaItem> Planned =
    [
        new("item-1", "Opening remarks", 10, [Panellists[0]]),
        new("item-2", "Transit prices across borders", 30, [Panellists[0], Panellists[1]]),
        new("item-3", "Internationalized domain names", 20, [Panellists[1]]),
        new("item-4", "Capacity building for regulators", 15, []),
    ];

    /// <summary>
    /// The agenda as held: item 2 given five more minutes, item 3 taken out, an open floor added before item 4
    /// (which was skipped).
    /// </summary>
    public static readonly IReadOnlyList<AgendaItem> Held =
    [
        Planned[0],
        Planned[1] with { Minutes = 35 },
        new("item-5", "Open floor", 15, []),
        Planned[3],
    ];

    public static readonly IReadOnlyDictionary<string, ItemProgress> Progress = new Dictionary<string, ItemProgress>
    {
        ["item-1"] = new(Utc(9, 2, 13).AddMilliseconds(999), Utc(9, 12, 40), false),
        ["item-2"] = new(Utc(9, 12, 40), Utc(9, 50, 0).AddMilliseconds(500), false),
        ["item-5"] = new(Utc(9, 50, 0).AddMilliseconds(500), Utc(10, 30, 0), false),
        ["item-4"] = new(null, null, true),
    };

    public static readonly PresenceCounts Peak = new(
        120, 90, 30, 70, 50,
        new Dictionary<string, int> { ["technicalAcademic"] = 20, ["civilSociety"] = 40, ["government"] = 30 },
        new Dictionary<string, int> { ["westernEuropeOthers"] = 35, ["africa"] = 55 },
        new Dictionary<string, int> { ["male"] = 41, ["female"] = 45, ["undisclosed"] = 4 });

    public static readonly DateTimeOffset PeakAt = Utc(9, 45, 10).AddMilliseconds(900);

    public static SessionHistory History(PresenceCounts? peak = null, IReadOnlyDictionary<string, ItemProgress>? progress = null)
    {
        var details = Details();
        var timeline = AgendaSchedule.Compute(details, Held, null, progress ?? Progress, EndedAt);
        return new SessionHistory(details, Planned, Held, timeline, peak ?? Peak, PeakAt);
    }

    private static Speech Said(long id, FloorKind kind, string name, StakeholderGroup group, bool inRoom, RemoteHub? hub, DateTimeOffset from, double seconds, long? repliesTo = null) =>
        new(id, id + 100, kind, name, group, inRoom, hub, from, kind == FloorKind.Intervention ? 180 : 60, from.AddSeconds(seconds), repliesTo);

    /// <summary>Amara (civil society, in the room) twice, Hiroshi (government, remote) replying to her, Lucía through the Nairobi hub.</summary>
    public static IReadOnlyList<SpeechOnRecord> Speeches() =>
    [
        new(Said(11, FloorKind.Intervention, Amara, StakeholderGroup.CivilSociety, true, null, Utc(9, 13, 0).AddMilliseconds(250), 180), 1, Region.Africa, Gender.Female),
        new(Said(12, FloorKind.Reply, Hiroshi, StakeholderGroup.Government, false, null, Utc(9, 16, 30), 60, repliesTo: 11), 2, Region.AsiaPacific, Gender.Male),
        new(Said(14, FloorKind.Intervention, Lucia, StakeholderGroup.TechnicalAcademic, false, new RemoteHub("Nairobi hub", 40, Region.Africa), Utc(9, 20, 0), 120), 3, Region.LatinAmericaCaribbean, null),
        new(Said(15, FloorKind.PointOfOrder, Amara, StakeholderGroup.CivilSociety, true, null, Utc(9, 51, 0), 120), 1, Region.Africa, Gender.Female),
    ];

    private static FloorShare Share(int speeches, long ms, double share, double? target = null) => new(speeches, ms, share, target, null);

    /// <summary>480 s of floor: civil society 300 s (target 40 %), government 60 s (30 %), technical community 120 s (30 %).</summary>
    public static FloorLedger Ledger() => new(
        4, 480_000,
        new Dictionary<string, FloorShare>
        {
            ["technicalAcademic"] = Share(1, 120_000, 0.25, 0.3),
            ["government"] = Share(1, 60_000, 0.125, 0.3),
            ["civilSociety"] = Share(2, 300_000, 0.625, 0.4),
            ["privateSector"] = Share(0, 0, 0),
        },
        new Dictionary<string, FloorShare>
        {
            ["latinAmericaCaribbean"] = Share(1, 120_000, 0.25),
            ["africa"] = Share(2, 300_000, 0.625),
            ["asiaPacific"] = Share(1, 60_000, 0.125),
        },
        new Dictionary<string, FloorShare>
        {
            ["undisclosed"] = Share(1, 120_000, 0.25),
            ["female"] = Share(2, 300_000, 0.625),
            ["male"] = Share(1, 60_000, 0.125),
        },
        Share(2, 300_000, 0.625),
        Share(1, 60_000, 0.125),
        Share(1, 120_000, 0.25),
        40,
        [new FloorOverride(14, Utc(9, 20, 0), ModeratorName, Lucia, StakeholderGroup.TechnicalAcademic, 9, StakeholderGroup.PrivateSector, "The Nairobi hub has waited since the opening")],
        [new FloorDismissal(10, Utc(9, 40, 12).AddMilliseconds(700), ModeratorName, StakeholderGroup.PrivateSector, "Asked the same question twice")],
        EndedAt);

    public static FloorFigures Floor() => new("ws-interconnection-landlocked", FloorSettings.Default, Ledger(), [.. Speeches().Select(s => s.Speech)]);

    public static QuestionFigures Questioned() => new(
        25, 18, 12, 3, 140,
        new Dictionary<string, QuestionTally> { ["government"] = new(5, 4, 3, 1), ["civilSociety"] = new(20, 14, 9, 2) },
        new Dictionary<string, QuestionTally> { ["africa"] = new(25, 18, 12, 3) });

    public static ProceedingsText Text() => new(
        "Participants agreed that **regional internet exchange points** cut transit costs for landlocked countries.",
        ["Landlocked countries pay up to three times more for transit.", "Shared fibre along roads and railways helps."],
        ["Regulators should publish transit prices."]);

    public static ProceedingsContent Build() => ProceedingsBuilder.Build(History(), Floor(), Speeches(), Questioned(), Text(), ModeratorActions());

    /// <summary>The session's audited actions by kind, as the audit log counts them.</summary>
    public static IReadOnlyDictionary<string, int> ModeratorActions() => new Dictionary<string, int>
    {
        ["startSession"] = 1,
        ["hideQuestion"] = 1,
        ["giveFloor"] = 4,
        ["endSession"] = 1,
    };
}
