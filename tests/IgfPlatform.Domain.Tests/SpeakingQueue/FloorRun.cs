using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>
/// A session that always follows the suggestion, the way <see cref="FloorQueue"/> keeps its books:
/// each pick speaks for its allotment (a point of order or a reply answering the speech the reply
/// time, anything else the intervention time) and leaves the line; a speech that is neither a point
/// of order nor a reply given as one becomes the speech replies answer. Targets are worked out again
/// before each pick, as the queue does: equal among the groups that waited or spoke, or the organizers'.
/// </summary>
public sealed class FloorRun
{
    private readonly SituationData _data;
    private readonly bool[] _groups = new bool[FloorTally.Groups];
    private readonly bool[] _regions = new bool[FloorTally.Regions];
    private readonly bool[] _genders = new bool[FloorTally.Genders];
    private long _nextSpeechId = 100;
    private long _nextEntryId;

    public FloorRun(SituationData data)
    {
        _data = data;
        Tally = data.Tally();
        Answered = data.AnsweredSpeechId;
        Taken = data.RepliesTaken;
        Clock = SituationData.Now;
        foreach (var s in data.Spoken)
        {
            Seen(s.Group, s.Region, s.Gender);
        }

        foreach (var e in data.Entries)
        {
            Put(e);
        }

        _nextEntryId = data.Entries.Length + 1;
    }

    public WaitingLine Line { get; } = new();

    public FloorTally Tally { get; }

    public long? Answered { get; private set; }

    public int Taken { get; private set; }

    public DateTimeOffset Clock { get; private set; }

    public int Picks { get; private set; }

    /// <summary>Picks by the reply rule, by the speech they answered.</summary>
    public Dictionary<long, int> RepliesBySpeech { get; } = [];

    public FloorTargets Targets()
    {
        var weights = _data.Percents is { } p ? [.. p] : _groups.Select(g => g ? 1 : 0).ToArray();
        return new FloorTargets(weights, [.. _data.BudgetMs], [.. _regions], [.. _genders]);
    }

    public FloorSituation Situation => new(Line, Tally, Targets(), Answered, Taken, _data.AllotmentMs, _data.ReplyAllotmentMs, Clock);

    /// <summary>Gives the floor to the suggestion; null when nobody waits.</summary>
    public FloorPick? Step()
    {
        var pick = BalancePolicy.Suggest(Situation);
        if (pick is null)
        {
            return null;
        }

        var c = pick.Candidate;
        Assert.True(Line.Remove(c.EntryId), $"The pick #{c.EntryId} was not waiting.");

        // As the queue does: earlier requests of the same group that this pick went before were passed over once more.
        foreach (var passed in Line.All.Where(w => w.Group == c.Group && FloorCandidate.ByWait.Compare(w, c) < 0).ToList())
        {
            Line.Replace(passed with { Overtaken = passed.Overtaken + 1 });
        }

        var answers = c.Kind == FloorKind.Reply && c.RepliesTo == Answered && Taken < FloorLimits.MaxRepliesPerSpeech;
        var ms = c.Kind == FloorKind.PointOfOrder || answers ? _data.ReplyAllotmentMs : _data.AllotmentMs;
        Tally.Add(c, ms);
        Clock = Clock.AddMilliseconds(ms);
        var speechId = _nextSpeechId++;
        Picks++;
        if (pick.Rule == BalancePolicy.ReplyRule)
        {
            RepliesBySpeech[Answered!.Value] = RepliesBySpeech.GetValueOrDefault(Answered.Value) + 1;
        }

        if (answers)
        {
            Taken++;
        }
        else if (c.Kind != FloorKind.PointOfOrder)
        {
            Answered = speechId;
            Taken = 0;
        }

        return pick;
    }

    /// <summary>Someone asks for the floor now; a reply answers the speech replies now answer (an intervention when there is none).</summary>
    public FloorCandidate Arrive(FloorKind kind, StakeholderGroup group, Region region, Gender? gender)
    {
        if (kind == FloorKind.Reply && Answered is null)
        {
            kind = FloorKind.Intervention;
        }

        var entry = new FloorCandidate(_nextEntryId++, kind, group, region, gender, Clock, kind == FloorKind.Reply ? Answered : null);
        Put(entry);
        return entry;
    }

    private void Put(FloorCandidate entry)
    {
        Line.Add(entry);
        Seen(entry.Group, entry.Region, entry.Gender);
    }

    private void Seen(StakeholderGroup group, Region region, Gender? gender)
    {
        _groups[(int)group] = true;
        _regions[(int)region] = true;
        _genders[FloorTally.GenderIndex(gender)] = true;
    }
}
