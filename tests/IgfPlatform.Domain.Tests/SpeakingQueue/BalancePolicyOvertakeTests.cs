using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>
/// Within a stakeholder group, region and gender decide who goes first; a request passed over
/// <see cref="FloorLimits.MaxOvertakenWithinGroup"/> times by later ones of its group goes first,
/// so even with requests arriving without end, nobody waits forever.
/// </summary>
public sealed class BalancePolicyOvertakeTests
{
    private static readonly StakeholderGroup CivilSociety = StakeholderGroup.CivilSociety;

    [Fact]
    public void A_request_of_a_well_served_region_is_not_passed_over_forever_by_later_requests_of_its_group()
    {
        // Africa already has floor time; civil society from Asia-Pacific keeps arriving, and government from Africa too.
        var run = new FloorRun(new SituationData(
            [], [new Spoken(StakeholderGroup.Government, Region.WesternEuropeOthers, Gender.Male, 600_000),
                 new Spoken(CivilSociety, Region.WesternEuropeOthers, Gender.Female, 600_000),
                 new Spoken(StakeholderGroup.TechnicalAcademic, Region.Africa, Gender.Female, 600_000)],
            null, new long?[FloorTally.Groups], null, 0, 180_000, 60_000, 0));
        var waiting = run.Arrive(FloorKind.Intervention, CivilSociety, Region.Africa, Gender.Female);

        var picks = 0;
        var passedOver = 0;
        while (true)
        {
            run.Arrive(FloorKind.Intervention, CivilSociety, Region.AsiaPacific, Gender.Male);
            run.Arrive(FloorKind.Intervention, StakeholderGroup.Government, Region.Africa, Gender.Male);
            var pick = run.Step()!;
            picks++;
            if (pick.Candidate.EntryId == waiting.EntryId)
            {
                Assert.Contains(pick.Reasons, r => r.Code == "overtaken");
                break;
            }

            if (pick.Candidate.Group == CivilSociety)
            {
                passedOver++;
            }

            Assert.True(picks < 50, "The request from Africa is still waiting after 50 picks.");
        }

        // It is passed over by later requests of its group exactly as often as the limit allows, then served.
        Assert.Equal(FloorLimits.MaxOvertakenWithinGroup, passedOver);
    }

    [Fact]
    public void Being_passed_over_changes_nothing_between_groups()
    {
        // The limit only reorders a group's own requests: a group with more floor time still waits behind a group below its target.
        var line = new WaitingLine();
        line.Add(new FloorCandidate(1, FloorKind.Intervention, StakeholderGroup.Government, Region.Africa, Gender.Female, Situations.Start, Overtaken: 10));
        line.Add(new FloorCandidate(2, FloorKind.Intervention, CivilSociety, Region.Africa, Gender.Female, Situations.Start.AddMinutes(1)));
        var tally = new FloorTally();
        tally.Add(StakeholderGroup.Government, Region.Africa, Gender.Male, 300_000);
        var situation = new FloorSituation(line, tally, FloorTargets.Equal([StakeholderGroup.Government, CivilSociety]), null, 0, 180_000, 60_000, Situations.Start.AddMinutes(5));

        Assert.Equal(2, BalancePolicy.Suggest(situation)!.Candidate.EntryId);
        Assert.Equal([2L, 1L], BalancePolicy.Project(situation));
    }
}
