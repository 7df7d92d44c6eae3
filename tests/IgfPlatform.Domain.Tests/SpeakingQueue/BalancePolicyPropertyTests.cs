using CsCheck;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>
/// <see cref="BalancePolicy"/> on generated situations: random waiting entries (groups, regions,
/// genders, kinds, request times), random floor tallies, equal or organizer-set targets, budgets.
/// Every property holds for every situation, so the runs are random but not flaky; a failure prints
/// the situation and the CsCheck seed that reproduces it.
/// </summary>
public sealed class BalancePolicyPropertyTests
{
    private static readonly Gen<FloorKind> ManyPointsOfOrder = Gen.Frequency((6, FloorKind.Intervention), (3, FloorKind.Reply), (2, FloorKind.PointOfOrder));

    private static readonly Gen<long?> NobodyAnswered = Gen.Const((long?)null);

    [Fact]
    public void The_same_situation_built_in_another_order_gives_the_same_suggestion_and_order() =>
        Situations.Any.Check(d =>
        {
            var first = d.Build();
            var again = d.Rebuild();

            var a = BalancePolicy.Suggest(first);
            var b = BalancePolicy.Suggest(again);
            Assert.Equal(a is null, b is null);
            if (a is not null)
            {
                Assert.Equal(a.Candidate, b!.Candidate);
                Assert.Equal(a.Rule, b.Rule);
                Assert.Equal(a.Reasons, b.Reasons);
            }

            Assert.Equal(BalancePolicy.Project(first), BalancePolicy.Project(again));
            // Asking twice changes nothing either.
            Assert.Equal(a?.Candidate, BalancePolicy.Suggest(first)?.Candidate);
        });

    [Fact]
    public void The_order_holds_every_waiting_entry_once_and_begins_with_the_suggestion() =>
        Situations.Any.Check(d =>
        {
            var s = d.Build();
            var order = BalancePolicy.Project(s);
            var pick = BalancePolicy.Suggest(s);

            Assert.Equal(d.Entries.Length, order.Count);
            Assert.Equal(d.Entries.Select(e => e.EntryId).Order(), order.Order());
            Assert.Equal(d.Entries.Length, s.Line.Count);
            if (d.Entries.Length == 0)
            {
                Assert.Null(pick);
            }
            else
            {
                Assert.Equal(order[0], pick!.Candidate.EntryId);
            }
        });

    [Fact]
    public void Points_of_order_come_first_longest_waiting_first() =>
        Situations.Data(ManyPointsOfOrder, Situations.AnyTargets, Situations.Budgets, Situations.Answered, min: 1).Check(d =>
        {
            var s = d.Build();
            var points = d.Entries.Where(e => e.Kind == FloorKind.PointOfOrder).Order(FloorCandidate.ByWait).Select(e => e.EntryId).ToList();
            var pick = BalancePolicy.Suggest(s)!;

            Assert.Equal(points, BalancePolicy.Project(s).Take(points.Count));
            if (points.Count > 0)
            {
                Assert.Equal(points[0], pick.Candidate.EntryId);
                Assert.Equal(BalancePolicy.PointOfOrderRule, pick.Rule);
                Assert.Equal("pointOfOrder", pick.Reasons[0].Code);
            }
            else
            {
                Assert.NotEqual(BalancePolicy.PointOfOrderRule, pick.Rule);
            }
        });

    [Fact]
    public void Replies_to_the_answered_speech_come_straight_after_it_at_most_three() =>
        Situations.Data(Situations.NoPointOfOrder, Situations.AnyTargets, Situations.Budgets, Situations.Answered, min: 1).Check(d =>
        {
            var s = d.Build();
            var due = d.AnsweredSpeechId is { } answered
                ? d.Entries.Where(e => e.Kind == FloorKind.Reply && e.RepliesTo == answered).Order(FloorCandidate.ByWait)
                    .Take(Math.Max(0, FloorLimits.MaxRepliesPerSpeech - d.RepliesTaken)).Select(e => e.EntryId).ToList()
                : [];
            var pick = BalancePolicy.Suggest(s)!;

            Assert.InRange(due.Count, 0, FloorLimits.MaxRepliesPerSpeech);
            Assert.Equal(due, BalancePolicy.Project(s).Take(due.Count));
            if (due.Count > 0)
            {
                Assert.Equal(due[0], pick.Candidate.EntryId);
                Assert.Equal(BalancePolicy.ReplyRule, pick.Rule);
                Assert.StartsWith($"Reply to speech {d.AnsweredSpeechId}:", pick.Reasons[0].Text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(pick.Rule, new[] { BalancePolicy.BalanceRule, BalancePolicy.OverBudgetRule });
            }
        });

    [Fact]
    public void Replies_not_due_compete_as_interventions() =>
        Situations.Data(Situations.AnyKind, Situations.AnyTargets, Situations.Budgets, Situations.Answered, min: 1).Check(d =>
        {
            // Replies to other speeches, and all replies once the answered speech had its replies, are not due.
            var notDue = d.AnsweredSpeechId is null || d.RepliesTaken >= FloorLimits.MaxRepliesPerSpeech
                ? (Func<FloorCandidate, bool>)(e => e.Kind == FloorKind.Reply)
                : e => e.Kind == FloorKind.Reply && e.RepliesTo != d.AnsweredSpeechId;
            var asInterventions = d with
            {
                Entries = [.. d.Entries.Select(e => notDue(e) ? e with { Kind = FloorKind.Intervention, RepliesTo = null } : e)],
            };

            var pick = BalancePolicy.Suggest(d.Build())!;
            var same = BalancePolicy.Suggest(asInterventions.Build())!;

            Assert.Equal(pick.Candidate.EntryId, same.Candidate.EntryId);
            Assert.Equal(pick.Rule, same.Rule);
            Assert.Equal(pick.Reasons, same.Reasons);
            Assert.Equal(BalancePolicy.Project(d.Build()), BalancePolicy.Project(asInterventions.Build()));
        });

    [Fact]
    public void With_equal_targets_the_floor_never_goes_to_a_group_with_more_time_than_a_waiting_group_below_its_share() =>
        BalancedSituations(Gen.Const((int[]?)null)).Check(BalanceHolds);

    [Fact]
    public void With_organizers_targets_the_floor_never_goes_to_a_group_with_more_time_than_a_waiting_group_below_its_share() =>
        Gen.Select(BalancedSituations(Gen.Const((int[]?)null)), Gen.Int[0, 10].Array[FloorTally.Groups], (d, raw) =>
            {
                // Unequal percentages summing to 100, positive for every group waiting (others may have none).
                raw = [.. raw];
                foreach (var e in d.Entries)
                {
                    raw[(int)e.Group] = Math.Max(1, raw[(int)e.Group]);
                }

                return d with { Percents = Situations.Percents(raw) };
            })
            .Check(d =>
            {
                Assert.Equal(100, d.Percents!.Sum());
                Assert.All(d.Entries, e => Assert.True(d.Percents![(int)e.Group] > 0));
                BalanceHolds(d);
            });

    [Fact]
    public void A_group_past_its_budget_is_passed_over_while_another_group_waits() =>
        Situations.Data(Situations.NoPointOfOrder, Situations.AnyTargets, Situations.Budgets, NobodyAnswered, min: 1).Check(d =>
        {
            var s = d.Build();
            var pick = BalancePolicy.Suggest(s)!;
            bool Over(StakeholderGroup g) => d.BudgetMs[(int)g] is { } budget && s.Tally.GroupMs[(int)g] >= budget;
            var waiting = d.Entries.Select(e => e.Group).Distinct().ToList();

            if (waiting.All(Over))
            {
                Assert.Equal(BalancePolicy.OverBudgetRule, pick.Rule);
                Assert.Contains(pick.Reasons, r => r.Code == "overBudget");
            }
            else
            {
                Assert.Equal(BalancePolicy.BalanceRule, pick.Rule);
                Assert.False(Over(pick.Candidate.Group));
                Assert.Equal(waiting.Count(Over), pick.Reasons.Count(r => r.Code == "budgetUsed"));
            }
        });

    [Fact]
    public void Following_the_suggestion_gives_the_floor_in_the_projected_order() =>
        Situations.Any
            // A reply to the answered speech beyond the three due is given the reply time when it speaks; the projection
            // assumes the intervention time for everything after the replies due, so leave those out here.
            .Where(d => d.AnsweredSpeechId is not { } answered
                || d.Entries.Count(e => e.Kind == FloorKind.Reply && e.RepliesTo == answered) <= Math.Max(0, FloorLimits.MaxRepliesPerSpeech - d.RepliesTaken))
            .Check(d =>
            {
                var projected = BalancePolicy.Project(d.Build());
                var run = new FloorRun(d);
                var followed = new List<long>();
                while (run.Step() is { } pick)
                {
                    followed.Add(pick.Candidate.EntryId);
                }

                Assert.Equal(projected, followed);
            });

    /// <summary>
    /// No entry waits forever, finite line: each pick gives the floor to one waiting entry and there is a
    /// pick whenever someone waits, so with N waiting every entry is served within N picks. Along the way:
    /// points of order are the first picks, no speech is answered by more than three replies by the reply
    /// rule, and the balance takes the longest-waiting entry of its class (group, region, gender).
    /// </summary>
    [Fact]
    public void Following_the_suggestion_serves_everyone_waiting_within_as_many_picks() =>
        Situations.Any.Check(d =>
        {
            var run = new FloorRun(d);
            var served = new Dictionary<long, int>();
            var points = d.Entries.Count(e => e.Kind == FloorKind.PointOfOrder);
            while (run.Line.Count > 0)
            {
                var waiting = run.Line.All.ToList();
                var pick = run.Step();
                Assert.NotNull(pick);
                served.Add(pick.Candidate.EntryId, run.Picks);
                Assert.Equal(run.Picks <= points, pick.Rule == BalancePolicy.PointOfOrderRule);
                if (pick.Rule is BalancePolicy.BalanceRule or BalancePolicy.OverBudgetRule)
                {
                    var sameClass = waiting.Where(e => e.Kind != FloorKind.PointOfOrder && WaitingLine.ClassOf(e) == WaitingLine.ClassOf(pick.Candidate));
                    Assert.Equal(pick.Candidate, sameClass.Min(FloorCandidate.ByWait));
                }
            }

            Assert.Null(run.Step());
            Assert.Equal(d.Entries.Select(e => e.EntryId).Order(), served.Keys.Order());
            Assert.All(served.Values, pick => Assert.InRange(pick, 1, d.Entries.Length));
            Assert.All(run.RepliesBySpeech.Values, n => Assert.InRange(n, 1, FloorLimits.MaxRepliesPerSpeech));
        });

    private sealed record Arrival(FloorKind Kind, StakeholderGroup Group, Region Region, Gender? Gender);

    /// <summary>Up to 80 rounds; in each, after a pick, nobody, one or two new people ask for the floor.</summary>
    private static Gen<Arrival[][]> Arrivals(Gen<FloorKind> kind) =>
        Gen.Select(kind, Situations.Group, Situations.Region, Situations.Gender, (k, g, r, s) => new Arrival(k, g, r, s))
            .Array[0, 2].Array[1, 80];

    /// <summary>
    /// No entry waits forever while others keep arriving: new entries arrive after each pick for a
    /// bounded number of rounds, then the line runs down. Each pick serves one entry and there is a
    /// pick whenever someone waits, so everyone waiting at the start (N) is served within N + A picks,
    /// A being the number who arrived; the arrivals never make the policy pick nobody or pick twice.
    /// The arrivals must stop for this bound: within a group the region with least floor time goes
    /// first whatever the wait, so an endless stream of newcomers from a less-served region can pass an
    /// entry over for as long as it lasts. Groups are never passed over for long (the next property).
    /// </summary>
    [Fact]
    public void Everyone_waiting_at_the_start_is_served_when_others_arrive_for_a_while() =>
        Gen.Select(Situations.Data(Situations.AnyKind, Situations.PositiveTargets, Situations.Budgets, Situations.Answered), Arrivals(Situations.AnyKind))
            .Sample((d, rounds) =>
            {
                var run = new FloorRun(d);
                var arrived = 0;
                var servedAt = new Dictionary<long, int>();
                foreach (var round in rounds)
                {
                    if (run.Step() is { } pick)
                    {
                        servedAt.Add(pick.Candidate.EntryId, run.Picks);
                    }

                    foreach (var a in round)
                    {
                        run.Arrive(a.Kind, a.Group, a.Region, a.Gender);
                        arrived++;
                    }
                }

                while (run.Line.Count > 0)
                {
                    servedAt.Add(run.Step()!.Candidate.EntryId, run.Picks);
                }

                Assert.All(d.Entries, e => Assert.InRange(servedAt.GetValueOrDefault(e.EntryId), 1, d.Entries.Length + arrived));
                Assert.Equal(d.Entries.Length + arrived, servedAt.Count);
                Assert.All(run.RepliesBySpeech.Values, n => Assert.InRange(n, 1, FloorLimits.MaxRepliesPerSpeech));
            }, iter: Situations.Iterations, print: t => $"{t.Item1}\narrivals: {string.Join(" | ", t.Item2.Select(r => string.Join(", ", r)))}");

    /// <summary>
    /// No group waits forever, even while others keep arriving. Interventions only, each speaking for the
    /// allotment a; every group has a positive target weight w_G (weights summing to W, at most W_max: 6 for
    /// equal targets as groups appear, 100 for percentages); no budgets. Once group G waits, with floor
    /// times t_G, t_h and total T at that moment, other groups get at most K1 + K2 picks before G has one:
    /// <list type="bullet">
    /// <item>K1 = ⌊(W_max·t_G − w_G·T) / (w_G·a)⌋ + 1 (0 when negative): every pick adds a to T while t_G
    /// stays, so after K1 picks W·t_G ≤ W_max·t_G &lt; w_G·T, and G stays below its target share until it speaks;</item>
    /// <item>K2 = Σ over other groups h with t_h ≤ t_G of ⌊(t_G − t_h) / a⌋ + 1: while G is below its share the
    /// floor goes only to groups with no more time than t_G, and each of their picks adds a, so each can
    /// take at most that many before it has more time than G and is passed over.</item>
    /// </list>
    /// </summary>
    [Fact]
    public void A_waiting_group_is_given_the_floor_within_the_bound_while_others_keep_arriving() =>
        Gen.Select(Situations.Data(Situations.InterventionsOnly, Situations.PositiveTargets, Situations.NoBudgets, NobodyAnswered), Arrivals(Situations.InterventionsOnly))
            .Sample((d, rounds) =>
            {
                var run = new FloorRun(d);
                var bound = new long?[FloorTally.Groups];
                var passedOver = new long[FloorTally.Groups];
                var maxWeightSum = d.Percents is null ? FloorTally.Groups : 100;
                var a = d.AllotmentMs;

                void Pick()
                {
                    var waiting = run.Line.All.Select(e => (int)e.Group).ToHashSet();
                    foreach (var g in waiting.Where(g => bound[g] is null))
                    {
                        var w = d.Percents?[g] ?? 1;
                        var t = run.Tally;
                        var surplus = (maxWeightSum * t.GroupMs[g]) - (w * t.TotalMs);
                        var k1 = surplus < 0 ? 0 : (surplus / (w * a)) + 1;
                        var k2 = Enumerable.Range(0, FloorTally.Groups).Where(h => h != g && t.GroupMs[h] <= t.GroupMs[g])
                            .Sum(h => ((t.GroupMs[g] - t.GroupMs[h]) / a) + 1);
                        bound[g] = k1 + k2;
                        passedOver[g] = 0;
                    }

                    if (run.Step() is not { } pick)
                    {
                        return;
                    }

                    foreach (var g in waiting)
                    {
                        if (g == (int)pick.Candidate.Group)
                        {
                            bound[g] = null;
                        }
                        else
                        {
                            passedOver[g]++;
                            Assert.True(passedOver[g] <= bound[g], $"{(StakeholderGroup)g} passed over {passedOver[g]} times, bound {bound[g]}.");
                        }
                    }
                }

                foreach (var round in rounds)
                {
                    Pick();
                    foreach (var arrival in round)
                    {
                        run.Arrive(FloorKind.Intervention, arrival.Group, arrival.Region, arrival.Gender);
                    }
                }

                while (run.Line.Count > 0)
                {
                    Pick();
                }
            }, iter: Situations.Iterations, print: t => $"{t.Item1}\narrivals: {string.Join(" | ", t.Item2.Select(r => string.Join(", ", r)))}");

    /// <summary>Several groups waiting, no points of order, no replies due (replies answer earlier speeches), no budgets.</summary>
    private static Gen<SituationData> BalancedSituations(Gen<int[]?> targets) =>
        Situations.Data(Situations.NoPointOfOrder, targets, Situations.NoBudgets, NobodyAnswered, min: 2)
            .Where(d => d.Entries.Select(e => e.Group).Distinct().Count() >= 2);

    /// <summary>
    /// The suggestion, and every later pick of the projected order, goes to a group with no more floor
    /// time than any waiting group below its target share; among the groups allowed, to the one whose
    /// speech brings the shares closest to the targets (least squares).
    /// </summary>
    private static void BalanceHolds(SituationData d)
    {
        var s = d.Build();
        var targets = s.Targets;
        var pick = BalancePolicy.Suggest(s)!;
        Assert.Equal(BalancePolicy.BalanceRule, pick.Rule);

        var order = BalancePolicy.Project(s);
        Assert.Equal(pick.Candidate.EntryId, order[0]);
        var waiting = d.Entries.ToDictionary(e => e.EntryId);
        var tally = s.Tally.Clone();
        foreach (var id in order)
        {
            var chosen = waiting[id];
            var groups = waiting.Values.Select(e => (int)e.Group).Distinct().ToList();
            var below = groups.Where(g => Situations.BelowTarget(targets, tally, g)).ToList();
            foreach (var g in below)
            {
                Assert.True(tally.GroupMs[(int)chosen.Group] <= tally.GroupMs[g],
                    $"#{id} of {chosen.Group} ({tally.GroupMs[(int)chosen.Group]} ms) chosen while {(StakeholderGroup)g} ({tally.GroupMs[g]} ms) waits below its target.");
            }

            var limit = below.Count == 0 ? long.MaxValue : below.Min(g => tally.GroupMs[g]);
            var allowed = groups.Where(g => tally.GroupMs[g] <= limit).ToList();
            var best = allowed.Min(g => Distance(targets, tally, g, d.AllotmentMs));
            Assert.True(Distance(targets, tally, (int)chosen.Group, d.AllotmentMs) <= best + 1e-12, $"#{id} of {chosen.Group} is not the closest to the targets.");

            waiting.Remove(id);
            tally.Add(chosen, d.AllotmentMs);
        }
    }

    /// <summary>Sum of squared differences between the shares and the targets once <paramref name="group"/> spoke for the allotment.</summary>
    private static double Distance(FloorTargets targets, FloorTally tally, int group, long allotmentMs)
    {
        var total = (double)(tally.TotalMs + allotmentMs);
        return Enumerable.Range(0, FloorTally.Groups).Sum(g =>
        {
            var share = (tally.GroupMs[g] + (g == group ? allotmentMs : 0)) / total;
            var target = targets.WeightSum == 0 ? 0 : (double)targets.GroupWeights[g] / targets.WeightSum;
            return (share - target) * (share - target);
        });
    }
}
