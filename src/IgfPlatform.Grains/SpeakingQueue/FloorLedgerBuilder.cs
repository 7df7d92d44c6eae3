using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>
/// Builds the balance ledger from the speeches: floor time and speeches by stakeholder group, region
/// and gender against the targets, in the room and remote, with overrides and dismissals.
/// Gender shares are of the floor time of speakers who declared a gender; undisclosed is of the whole.
/// </summary>
public static class FloorLedgerBuilder
{
    public static FloorLedger Build(IReadOnlyList<SpeechRecord> speeches, IEnumerable<FloorEntryRecord> entries, FloorTargets targets, DateTimeOffset now)
    {
        var timed = speeches.Select(s => (Speech: s, Ms: s.MillisecondsAt(now))).ToList();
        var total = timed.Sum(t => t.Ms);
        var declared = timed.Where(t => t.Speech.Entry.Candidate.DeclaredGender).Sum(t => t.Ms);

        var byGroup = new Dictionary<string, FloorShare>(StringComparer.Ordinal);
        foreach (var group in Enum.GetValues<StakeholderGroup>())
        {
            var mine = timed.Where(t => t.Speech.Entry.Group == group).ToList();
            var target = targets.GroupTarget(group);
            if (mine.Count > 0 || target is not null || targets.BudgetMs[(int)group] is not null)
            {
                var ms = mine.Sum(t => t.Ms);
                byGroup[WireNames.Name(group)] = new FloorShare(mine.Count, ms, Share(ms, total), target, targets.BudgetMs[(int)group]);
            }
        }

        var byRegion = new Dictionary<string, FloorShare>(StringComparer.Ordinal);
        foreach (var region in Enum.GetValues<Region>())
        {
            var mine = timed.Where(t => t.Speech.Entry.Region == region).ToList();
            var present = targets.RegionsPresent[(int)region];
            if (mine.Count > 0 || present)
            {
                var ms = mine.Sum(t => t.Ms);
                byRegion[WireNames.Name(region)] = new FloorShare(mine.Count, ms, Share(ms, total), present ? 1.0 / targets.RegionCount : null, null);
            }
        }

        var byGender = new Dictionary<string, FloorShare>(StringComparer.Ordinal);
        foreach (var gender in Enum.GetValues<Gender>())
        {
            var index = (int)gender;
            var mine = timed.Where(t => FloorTally.GenderIndex(t.Speech.Entry.Gender) == index).ToList();
            var present = targets.GendersPresent[index];
            if (mine.Count > 0 || present)
            {
                var ms = mine.Sum(t => t.Ms);
                byGender[WireNames.Name(gender)] = gender == Gender.Undisclosed
                    ? new FloorShare(mine.Count, ms, Share(ms, total), null, null)
                    : new FloorShare(mine.Count, ms, Share(ms, declared), present ? 1.0 / targets.DeclaredGenderCount : null, null);
            }
        }

        FloorShare Part(Func<SpeechRecord, bool> which)
        {
            var mine = timed.Where(t => which(t.Speech)).ToList();
            var ms = mine.Sum(t => t.Ms);
            return new FloorShare(mine.Count, ms, Share(ms, total), null, null);
        }

        var headcount = speeches.Where(s => s.Entry.Hub is not null)
            .GroupBy(s => s.Entry.Hub!.Name, StringComparer.OrdinalIgnoreCase)
            .Sum(g => g.Max(s => s.Entry.Hub!.Headcount));
        var overrides = speeches.Where(s => s.OverrideReason is not null)
            .Select(s => new FloorOverride(s.SpeechId, s.StartedAt, s.ModeratorName, s.Entry.Name, s.Entry.Group, s.SuggestedEntryId, s.SuggestedGroup, s.OverrideReason!))
            .ToList();
        var dismissals = entries.Where(e => e.Status == EntryStatus.Dismissed)
            .OrderBy(e => e.ClosedAt)
            .Select(e => new FloorDismissal(e.EntryId, e.ClosedAt!.Value, e.ClosedBy ?? string.Empty, e.Group, e.ClosedReason ?? string.Empty))
            .ToList();
        return new FloorLedger(
            speeches.Count, total, byGroup, byRegion, byGender,
            Part(s => s.Entry.InRoom), Part(s => !s.Entry.InRoom), Part(s => s.Entry.Hub is not null), headcount,
            overrides, dismissals, now);
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
