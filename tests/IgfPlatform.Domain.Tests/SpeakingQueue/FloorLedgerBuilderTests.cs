using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary><see cref="FloorLedgerBuilder"/>: how the floor was shared, against the targets, with overrides and dismissals.</summary>
public sealed class FloorLedgerBuilderTests
{
    private static readonly DateTimeOffset Start = Situations.Start;

    private static long _ids;

    private static FloorEntryRecord Entry(StakeholderGroup group, Region region, Gender? gender, bool inRoom = true, RemoteHub? hub = null) =>
        new(Interlocked.Increment(ref _ids), FloorKind.Intervention, "p-x", "req-x", $"Speaker of {group}", group, region, gender,
            inRoom && hub is null, hub, null, Start, null, null, EntryStatus.Spoke);

    private static SpeechRecord Speech(long id, FloorEntryRecord entry, int startSecond, int? seconds, string? overrideReason = null, long? suggested = null, StakeholderGroup? suggestedGroup = null) =>
        new(id, entry, Start.AddSeconds(startSecond), 180, seconds is { } s ? Start.AddSeconds(startSecond + s) : null,
            "p-moderator", "Mona Moderator", suggested, suggestedGroup, overrideReason, false);

    private static FloorTargets Targets(int[] weights, bool[] regions, bool[] genders, params (StakeholderGroup Group, long Ms)[] budgets)
    {
        var ms = new long?[FloorTally.Groups];
        foreach (var (group, budget) in budgets)
        {
            ms[(int)group] = budget;
        }

        return new FloorTargets(weights, ms, regions, genders);
    }

    /// <summary>
    /// Five speeches, 300 s in all: civil society in the room (120 s), government remote (60 s), and
    /// through remote hubs technical community (60 s), private sector (30 s) and government again (30 s, running).
    /// </summary>
    private static readonly SpeechRecord[] Speeches =
    [
        Speech(1, Entry(StakeholderGroup.CivilSociety, Region.Africa, Gender.Female), 0, 120),
        Speech(2, Entry(StakeholderGroup.Government, Region.WesternEuropeOthers, Gender.Male, inRoom: false), 120, 60,
            "The minister must leave", 7, StakeholderGroup.TechnicalAcademic),
        Speech(3, Entry(StakeholderGroup.TechnicalAcademic, Region.AsiaPacific, null, hub: new RemoteHub("Nairobi hub", 40)), 180, 60),
        Speech(4, Entry(StakeholderGroup.PrivateSector, Region.LatinAmericaCaribbean, Gender.NonBinary, hub: new RemoteHub("nairobi HUB", 55)), 240, 30),
        Speech(5, Entry(StakeholderGroup.Government, Region.EasternEurope, Gender.Undisclosed, hub: new RemoteHub("Dakar hub", 12)), 270, null),
    ];

    private static readonly DateTimeOffset Now = Start.AddSeconds(300);

    private static FloorLedger Ledger(FloorTargets targets, IEnumerable<FloorEntryRecord>? entries = null) =>
        FloorLedgerBuilder.Build(Speeches, entries ?? [], targets, Now);

    private static readonly FloorTargets Organizers = Targets(
        [40, 10, 30, 0, 0, 20], [true, true, false, true, true], [true, true, true, false], (StakeholderGroup.Government, 600_000));

    [Fact]
    public void Floor_time_is_shared_by_group_and_the_shares_add_up()
    {
        var ledger = Ledger(Organizers);

        Assert.Equal(5, ledger.Speeches);
        Assert.Equal(300_000, ledger.Milliseconds);
        Assert.Equal(Now, ledger.At);
        Assert.Equal(
            new Dictionary<string, FloorShare>
            {
                ["government"] = new(2, 90_000, 0.3, 0.4, 600_000),
                ["privateSector"] = new(1, 30_000, 0.1, 0.1, null),
                ["civilSociety"] = new(1, 120_000, 0.4, 0.3, null),
                ["technicalAcademic"] = new(1, 60_000, 0.2, 0.2, null),
            },
            ledger.ByGroup);
        Assert.Equal(1.0, ledger.ByGroup.Values.Sum(s => s.Share), 12);
        Assert.Equal(ledger.Milliseconds, ledger.ByGroup.Values.Sum(s => s.Milliseconds));
        Assert.Equal(ledger.Speeches, ledger.ByGroup.Values.Sum(s => s.Speeches));
    }

    [Fact]
    public void Floor_time_is_shared_by_region_against_equal_shares_of_the_regions_present()
    {
        var ledger = Ledger(Organizers);

        Assert.Equal(
            new Dictionary<string, FloorShare>
            {
                ["africa"] = new(1, 120_000, 0.4, 0.25, null),
                ["asiaPacific"] = new(1, 60_000, 0.2, 0.25, null),
                // Eastern Europe spoke without being counted present: its time shows, with no target.
                ["easternEurope"] = new(1, 30_000, 0.1, null, null),
                ["latinAmericaCaribbean"] = new(1, 30_000, 0.1, 0.25, null),
                ["westernEuropeOthers"] = new(1, 60_000, 0.2, 0.25, null),
            },
            ledger.ByRegion);
        Assert.Equal(1.0, ledger.ByRegion.Values.Sum(s => s.Share), 12);
        Assert.Equal(ledger.Milliseconds, ledger.ByRegion.Values.Sum(s => s.Milliseconds));
    }

    [Fact]
    public void Gender_shares_are_of_the_time_of_speakers_who_declared_one_undisclosed_of_the_whole()
    {
        var ledger = Ledger(Organizers);

        // Declared: women 120 s, men 60 s, non-binary 30 s (210 s); undisclosed (none given, or undisclosed) 90 s of 300 s.
        Assert.Equal(
            new Dictionary<string, FloorShare>
            {
                ["female"] = new(1, 120_000, 120.0 / 210, 1.0 / 3, null),
                ["male"] = new(1, 60_000, 60.0 / 210, 1.0 / 3, null),
                ["nonBinary"] = new(1, 30_000, 30.0 / 210, 1.0 / 3, null),
                ["undisclosed"] = new(2, 90_000, 0.3, null, null),
            },
            ledger.ByGender);
        var declared = ledger.ByGender.Where(p => p.Key != "undisclosed").Select(p => p.Value).ToList();
        Assert.Equal(1.0, declared.Sum(s => s.Share), 12);
        Assert.Equal(ledger.Milliseconds, ledger.ByGender.Values.Sum(s => s.Milliseconds));
    }

    [Fact]
    public void The_floor_is_split_in_the_room_and_remote_with_remote_hubs_and_their_headcount()
    {
        var ledger = Ledger(Organizers);

        Assert.Equal(new FloorShare(1, 120_000, 0.4, null, null), ledger.InRoom);
        Assert.Equal(new FloorShare(4, 180_000, 0.6, null, null), ledger.Remote);
        Assert.Equal(new FloorShare(3, 120_000, 0.4, null, null), ledger.RemoteHubs);
        // The Nairobi hub (named twice, in two cases) counts once, at its largest headcount; Dakar adds 12.
        Assert.Equal(55 + 12, ledger.RemoteHubHeadcount);
        Assert.Equal(ledger.Milliseconds, ledger.InRoom.Milliseconds + ledger.Remote.Milliseconds);
    }

    [Fact]
    public void Overrides_and_dismissals_are_listed_with_their_reasons()
    {
        var dismissedLate = Entry(StakeholderGroup.PrivateSector, Region.Africa, null) with
        {
            Status = EntryStatus.Dismissed, ClosedAt = Start.AddSeconds(250), ClosedBy = "Mona Moderator", ClosedReason = "Left the room",
        };
        var dismissedEarly = Entry(StakeholderGroup.CivilSociety, Region.Africa, null) with
        {
            Status = EntryStatus.Dismissed, ClosedAt = Start.AddSeconds(100), ClosedBy = "Omar Moderator", ClosedReason = "Asked twice",
        };
        var withdrawn = Entry(StakeholderGroup.Government, Region.Africa, null) with { Status = EntryStatus.Withdrawn, ClosedAt = Start.AddSeconds(50), ClosedBy = "p-x" };
        var waiting = Entry(StakeholderGroup.Government, Region.Africa, null) with { Status = EntryStatus.Waiting };

        var ledger = Ledger(Organizers, [dismissedLate, waiting, dismissedEarly, withdrawn]);

        Assert.Equal(
            [new FloorOverride(2, Start.AddSeconds(120), "Mona Moderator", "Speaker of Government", StakeholderGroup.Government, 7, StakeholderGroup.TechnicalAcademic, "The minister must leave")],
            ledger.Overrides);
        Assert.Equal(
            [
                new FloorDismissal(dismissedEarly.EntryId, Start.AddSeconds(100), "Omar Moderator", StakeholderGroup.CivilSociety, "Asked twice"),
                new FloorDismissal(dismissedLate.EntryId, Start.AddSeconds(250), "Mona Moderator", StakeholderGroup.PrivateSector, "Left the room"),
            ],
            ledger.Dismissals);
    }

    [Fact]
    public void Before_anyone_speaks_the_ledger_shows_the_targets_and_nothing_divides_by_zero()
    {
        var ledger = FloorLedgerBuilder.Build([], [], FloorTargets.Equal([StakeholderGroup.CivilSociety, StakeholderGroup.Government], [Region.Africa], [Gender.Female]), Start);

        Assert.Equal((0, 0L, 0), (ledger.Speeches, ledger.Milliseconds, ledger.RemoteHubHeadcount));
        Assert.Equal(
            new Dictionary<string, FloorShare> { ["government"] = new(0, 0, 0, 0.5, null), ["civilSociety"] = new(0, 0, 0, 0.5, null) },
            ledger.ByGroup);
        Assert.Equal(new Dictionary<string, FloorShare> { ["africa"] = new(0, 0, 0, 1, null) }, ledger.ByRegion);
        Assert.Equal(new Dictionary<string, FloorShare> { ["female"] = new(0, 0, 0, 1, null) }, ledger.ByGender);
        Assert.Equal(new FloorShare(0, 0, 0, null, null), ledger.InRoom);
        Assert.Empty(ledger.Overrides);
        Assert.Empty(ledger.Dismissals);
    }

    [Fact]
    public void When_nobody_declared_a_gender_declared_shares_are_zero_and_undisclosed_has_the_whole()
    {
        var speeches = new[] { Speech(1, Entry(StakeholderGroup.CivilSociety, Region.Africa, null), 0, 90) };

        var ledger = FloorLedgerBuilder.Build(speeches, [], FloorTargets.Equal([StakeholderGroup.CivilSociety], genders: [Gender.Female]), Start.AddHours(1));

        Assert.Equal(new FloorShare(0, 0, 0, 1, null), ledger.ByGender["female"]);
        Assert.Equal(new FloorShare(1, 90_000, 1, null, null), ledger.ByGender["undisclosed"]);
    }
}
