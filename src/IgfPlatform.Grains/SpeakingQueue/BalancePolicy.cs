using IgfPlatform.Contracts.SpeakingQueue;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>Everything the balance policy decides from; nothing else (no clock, no randomness) goes in.</summary>
/// <param name="AnsweredSpeechId">The speech replies now answer: the running or last speech that was not itself a reply.</param>
/// <param name="RepliesTaken">Replies to that speech already given the floor.</param>
/// <param name="Tally">Floor time so far, the running speech counted at least at its allotment.</param>
/// <param name="AllotmentMs">The time an intervention is given, assumed when weighing who speaks next.</param>
/// <param name="Now">Only to say in words how long someone has waited.</param>
public sealed record FloorSituation(
    WaitingLine Line,
    FloorTally Tally,
    FloorTargets Targets,
    long? AnsweredSpeechId,
    int RepliesTaken,
    long AllotmentMs,
    long ReplyAllotmentMs,
    DateTimeOffset Now);

/// <summary>A pick of the policy: the entry, the rule that decided, and the reasons in words.</summary>
public sealed record FloorPick(FloorCandidate Candidate, string Rule, IReadOnlyList<FloorReason> Reasons);

/// <summary>
/// The stakeholder balance policy: which waiting entry should have the floor next, and why.
/// <list type="number">
/// <item>Points of order first, longest waiting first.</item>
/// <item>Replies to the speech being answered straight after it (at most <see cref="FloorLimits.MaxRepliesPerSpeech"/>);
/// later replies, and replies to earlier speeches, wait as interventions.</item>
/// <item>Otherwise balance. Groups past their time budget are passed over while any other group waits.
/// If some waiting group is below its target share, only groups with no more floor time than the
/// least-served of those may be chosen (so the floor never goes to a group that already has more time
/// than a waiting group below its target). Among those, the group whose speech would bring the floor
/// shares closest to the targets (least squares, which comes down to the least value of
/// <c>W·time − weight·(total + allotment)</c>, compared exactly in integers); within that, a request
/// passed over <see cref="FloorLimits.MaxOvertakenWithinGroup"/> times by later ones of its own group
/// first; then the region with least floor time; then the declared gender with least floor time (an
/// undeclared gender counts as the average, neither helping nor hurting); then the longest wait;
/// then the earlier entry.</item>
/// </list>
/// Deterministic: the same situation gives the same pick. A suggestion looks only at the head of each
/// class of entries, so it costs the same with ten or ten thousand waiting.
/// </summary>
public static class BalancePolicy
{
    public const string PointOfOrderRule = "pointOfOrder";
    public const string ReplyRule = "reply";
    public const string BalanceRule = "balance";
    public const string OverBudgetRule = "overBudget";

    /// <summary>The suggestion with its reasons, or null when nobody waits.</summary>
    public static FloorPick? Suggest(FloorSituation s)
    {
        if (s.Line.PointsOfOrder.FirstOrDefault() is { } order)
        {
            return new FloorPick(order, PointOfOrderRule,
            [
                new("pointOfOrder", "Point of order: points of order come before everything else."),
                Waited(s, order, s.Line.PointsOfOrder.Count),
            ]);
        }

        if (ReplyDue(s.Line, s.AnsweredSpeechId, s.RepliesTaken) is { } reply)
        {
            return new FloorPick(reply, ReplyRule,
            [
                new("reply", $"Reply to speech {s.AnsweredSpeechId}: replies go straight after the speech they answer (reply {s.RepliesTaken + 1} of at most {FloorLimits.MaxRepliesPerSpeech})."),
                Waited(s, reply, s.Line.RepliesTo(s.AnsweredSpeechId!.Value).Count),
            ]);
        }

        var heads = s.Line.ClassHeads.ToList();
        if (heads.Count == 0)
        {
            return null;
        }

        var choice = Balance(heads, s.Tally, s.Targets, s.AllotmentMs, c => c.Overtaken);
        return new FloorPick(choice.Best, choice.OverBudget ? OverBudgetRule : BalanceRule, Explain(s, heads, choice));
    }

    /// <summary>
    /// Every waiting entry in the order the policy would give them the floor, each pick assumed to
    /// speak for its allotment. Positions in the queue are this order.
    /// </summary>
    public static IReadOnlyList<long> Project(FloorSituation s)
    {
        var order = new List<long>(s.Line.Count);
        var placed = new HashSet<long>();
        var tally = s.Tally.Clone();

        // Each group's picks so far in this projection, to count how often a waiting entry is passed over.
        var picked = new List<FloorCandidate>[FloorTally.Groups];
        for (var g = 0; g < picked.Length; g++)
        {
            picked[g] = [];
        }

        void Place(FloorCandidate c, long allotmentMs)
        {
            order.Add(c.EntryId);
            placed.Add(c.EntryId);
            tally.Add(c, allotmentMs);
            var list = picked[(int)c.Group];
            var at = list.BinarySearch(c, FloorCandidate.ByWait);
            list.Insert(at < 0 ? ~at : at, c);
        }

        int OvertakenOf(FloorCandidate c)
        {
            var list = picked[(int)c.Group];
            var at = list.BinarySearch(c, FloorCandidate.ByWait);
            return c.Overtaken + list.Count - (at < 0 ? ~at : at + 1);
        }

        foreach (var c in s.Line.PointsOfOrder)
        {
            Place(c, s.ReplyAllotmentMs);
        }

        if (s.AnsweredSpeechId is { } answered)
        {
            foreach (var c in s.Line.RepliesTo(answered).Take(Math.Max(0, FloorLimits.MaxRepliesPerSpeech - s.RepliesTaken)))
            {
                Place(c, s.ReplyAllotmentMs);
            }
        }

        var classes = s.Line.Classes.Select(c => c.ToArray()).ToArray();
        var cursor = new int[classes.Length];
        var heads = new List<FloorCandidate>(classes.Length);
        var headClass = new List<int>(classes.Length);
        while (true)
        {
            heads.Clear();
            headClass.Clear();
            for (var i = 0; i < classes.Length; i++)
            {
                while (cursor[i] < classes[i].Length && placed.Contains(classes[i][cursor[i]].EntryId))
                {
                    cursor[i]++;
                }

                if (cursor[i] < classes[i].Length)
                {
                    heads.Add(classes[i][cursor[i]]);
                    headClass.Add(i);
                }
            }

            if (heads.Count == 0)
            {
                return order;
            }

            var best = Balance(heads, tally, s.Targets, s.AllotmentMs, OvertakenOf).Best;
            cursor[headClass[heads.IndexOf(best)]]++;
            Place(best, s.AllotmentMs);
        }
    }

    private static FloorCandidate? ReplyDue(WaitingLine line, long? answered, int taken) =>
        answered is { } speech && taken < FloorLimits.MaxRepliesPerSpeech ? line.RepliesTo(speech).FirstOrDefault() : null;

    /// <summary>The balance keys, compared in order; lower goes first. <c>Due</c> is 0 for a request passed over too often.</summary>
    private readonly record struct Keys(long Group, int Due, long Region, long Gender);

    private sealed record Choice(FloorCandidate Best, bool OverBudget, bool[] Eligible, long Limit, Func<FloorCandidate, Keys> KeysOf, List<FloorCandidate> Allowed);

    private static Choice Balance(List<FloorCandidate> heads, FloorTally tally, FloorTargets t, long allotmentMs, Func<FloorCandidate, int> overtakenOf)
    {
        var waiting = new bool[FloorTally.Groups];
        foreach (var h in heads)
        {
            waiting[(int)h.Group] = true;
        }

        var eligible = new bool[FloorTally.Groups];
        var any = false;
        for (var g = 0; g < eligible.Length; g++)
        {
            eligible[g] = waiting[g] && !(t.BudgetMs[g] is { } budget && tally.GroupMs[g] >= budget);
            any |= eligible[g];
        }

        var overBudget = !any;
        if (overBudget)
        {
            Array.Copy(waiting, eligible, eligible.Length);
        }

        var limit = long.MaxValue;
        for (var g = 0; g < eligible.Length; g++)
        {
            if (eligible[g] && BelowTarget(g, tally, t))
            {
                limit = Math.Min(limit, tally.GroupMs[g]);
            }
        }

        var after = tally.TotalMs + allotmentMs;
        var n = t.DeclaredGenderCount;
        Keys KeysOf(FloorCandidate c)
        {
            var g = (int)c.Group;
            var groupKey = t.WeightSum == 0 ? tally.GroupMs[g] : (t.WeightSum * tally.GroupMs[g]) - (t.GroupWeights[g] * after);
            var genderKey = c.DeclaredGender ? n * tally.GenderMs[(int)c.Gender!.Value] : tally.DeclaredMs;
            return new Keys(groupKey, overtakenOf(c) >= FloorLimits.MaxOvertakenWithinGroup ? 0 : 1, tally.RegionMs[(int)c.Region], genderKey);
        }

        var allowed = new List<FloorCandidate>(heads.Count);
        FloorCandidate? best = null;
        Keys bestKeys = default;
        foreach (var h in heads)
        {
            if (!eligible[(int)h.Group] || tally.GroupMs[(int)h.Group] > limit)
            {
                continue;
            }

            allowed.Add(h);
            var keys = KeysOf(h);
            if (best is null || Compare(keys, h, bestKeys, best) < 0)
            {
                best = h;
                bestKeys = keys;
            }
        }

        return new Choice(best!, overBudget, eligible, limit, KeysOf, allowed);
    }

    private static int Compare(Keys a, FloorCandidate ca, Keys b, FloorCandidate cb)
    {
        var c = a.Group.CompareTo(b.Group);
        if (c == 0)
        {
            c = a.Due.CompareTo(b.Due);
        }

        if (c == 0)
        {
            c = a.Region.CompareTo(b.Region);
        }

        if (c == 0)
        {
            c = a.Gender.CompareTo(b.Gender);
        }

        return c != 0 ? c : FloorCandidate.ByWait.Compare(ca, cb);
    }

    /// <summary>Below its target share; with no floor time yet, every group with a target is.</summary>
    public static bool BelowTarget(int group, FloorTally tally, FloorTargets t) =>
        t.GroupWeights[group] > 0 && (tally.TotalMs == 0 || (long)t.WeightSum * tally.GroupMs[group] < (long)t.GroupWeights[group] * tally.TotalMs);

    private static List<FloorReason> Explain(FloorSituation s, List<FloorCandidate> heads, Choice choice)
    {
        var best = choice.Best;
        var tally = s.Tally;
        var reasons = new List<FloorReason>();
        var target = s.Targets.GroupTarget(best.Group);
        reasons.Add(new("groupShare", $"{FloorWords.Capital(FloorWords.Of(best.Group))}: {FloorWords.Percent(tally.GroupMs[(int)best.Group], tally.TotalMs)} of floor time"
            + (target is { } tg ? $", target {FloorWords.Percent(tg)}." : ", no target set.")));

        var groups = heads.Select(h => h.Group).Distinct().OrderBy(g => g).ToList();
        if (groups.Count > 1)
        {
            var others = string.Join(", ", groups.Where(g => g != best.Group)
                .Select(g => $"{FloorWords.Of(g)} {FloorWords.Percent(tally.GroupMs[(int)g], tally.TotalMs)}"));
            reasons.Add(new("groupBalance", $"Of the {groups.Count} groups waiting, this brings the floor closest to the targets (others waiting: {others})."));
        }

        foreach (var g in groups.Where(g => !choice.Eligible[(int)g] && g != best.Group))
        {
            reasons.Add(new("budgetUsed", $"{FloorWords.Capital(FloorWords.Of(g))} has used its time budget of {FloorWords.Duration(TimeSpan.FromMilliseconds(s.Targets.BudgetMs[(int)g]!.Value))}."));
        }

        if (choice.OverBudget)
        {
            reasons.Add(new("overBudget", "Every group waiting has used its time budget; the floor goes by balance among them."));
        }

        var bestKeys = choice.KeysOf(best);
        var sameGroupKey = choice.Allowed.Where(h => h != best && choice.KeysOf(h).Group == bestKeys.Group).ToList();
        if (bestKeys.Due == 0 && sameGroupKey.Any(h => choice.KeysOf(h).Due != 0))
        {
            reasons.Add(new("overtaken", $"Passed over {best.Overtaken} times by later requests of its group: it goes first within its group now."));
        }

        sameGroupKey = [.. sameGroupKey.Where(h => choice.KeysOf(h).Due == bestKeys.Due)];
        var sameRegionKey = sameGroupKey.Where(h => choice.KeysOf(h).Region == bestKeys.Region).ToList();
        var sameGenderKey = sameRegionKey.Where(h => choice.KeysOf(h).Gender == bestKeys.Gender).ToList();
        if (sameGroupKey.Count > 0 && sameRegionKey.Count < sameGroupKey.Count)
        {
            reasons.Add(new("regionBalance", $"{FloorWords.Of(best.Region)}: {FloorWords.Percent(tally.RegionMs[(int)best.Region], tally.TotalMs)} of floor time, the least among the regions waiting (target {FloorWords.Percent(1.0 / s.Targets.RegionCount)})."));
        }

        if (sameRegionKey.Count > 0 && sameGenderKey.Count < sameRegionKey.Count)
        {
            reasons.Add(best.DeclaredGender
                ? new("genderBalance", $"{FloorWords.Capital(FloorWords.Of(best.Gender))}: {FloorWords.Percent(tally.GenderMs[(int)best.Gender!.Value], tally.DeclaredMs)} of the floor time of speakers who declared a gender, the least among those waiting.")
                : new("genderBalance", "Gender undisclosed: counted as neither above nor below the gender balance."));
        }

        var sameClass = s.Line.Classes.First(c => c.Contains(best)).Count;
        reasons.Add(Waited(s, best, sameGroupKey.Count > 0 && sameGenderKey.Count > 0 ? 2 : sameClass));
        return reasons;
    }

    private static FloorReason Waited(FloorSituation s, FloorCandidate c, int among) =>
        new("waiting", among > 1
            ? $"Waiting {FloorWords.Duration(s.Now - c.RequestedAt)}, the longest among those alike."
            : $"Waiting {FloorWords.Duration(s.Now - c.RequestedAt)}.");
}
