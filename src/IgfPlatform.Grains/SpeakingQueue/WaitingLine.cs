using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>
/// The waiting entries, indexed for the balance policy: points of order in request order, replies
/// by the speech they answer, and everything else by class (stakeholder group, region, gender) in
/// request order. Entries of one class differ only in how long they have waited, so the policy
/// need only look at the head of each class: a suggestion costs the number of classes (at most
/// 6 × 5 × 5), not the number of waiting entries.
/// </summary>
public sealed class WaitingLine
{
    private readonly Dictionary<long, FloorCandidate> _byId = [];
    private readonly SortedSet<FloorCandidate> _pointsOfOrder = new(FloorCandidate.ByWait);
    private readonly Dictionary<long, SortedSet<FloorCandidate>> _replies = [];
    private readonly Dictionary<int, SortedSet<FloorCandidate>> _classes = [];

    private readonly int[] _groups = new int[FloorTally.Groups];
    private readonly int[] _regions = new int[FloorTally.Regions];
    private readonly int[] _genders = new int[FloorTally.Genders];

    public int Count => _byId.Count;

    /// <summary>Whether anyone of this group waits (kept as entries come and go, not counted on demand).</summary>
    public bool Waits(StakeholderGroup group) => _groups[(int)group] > 0;

    public bool Waits(Region region) => _regions[(int)region] > 0;

    /// <summary>By <see cref="FloorTally.GenderIndex"/>.</summary>
    public bool WaitsGender(int genderIndex) => _genders[genderIndex] > 0;

    public IEnumerable<FloorCandidate> All => _byId.Values;

    public bool Contains(long entryId) => _byId.ContainsKey(entryId);

    public FloorCandidate? Find(long entryId) => _byId.GetValueOrDefault(entryId);

    public void Add(FloorCandidate candidate)
    {
        if (!_byId.TryAdd(candidate.EntryId, candidate))
        {
            throw new InvalidOperationException($"Entry {candidate.EntryId} is already waiting.");
        }

        CountIn(candidate, 1);

        if (candidate.Kind == FloorKind.PointOfOrder)
        {
            _pointsOfOrder.Add(candidate);
            return;
        }

        if (candidate.Kind == FloorKind.Reply && candidate.RepliesTo is { } speech)
        {
            Bucket(_replies, speech).Add(candidate);
        }

        // Replies are in their class too: once their speech is no longer the one answered they wait as interventions.
        Bucket(_classes, ClassOf(candidate)).Add(candidate);
    }

    /// <summary>Puts a changed candidate (same entry) in place of the one waiting.</summary>
    public void Replace(FloorCandidate candidate)
    {
        Remove(candidate.EntryId);
        Add(candidate);
    }

    public bool Remove(long entryId)
    {
        if (!_byId.Remove(entryId, out var candidate))
        {
            return false;
        }

        CountIn(candidate, -1);

        if (candidate.Kind == FloorKind.PointOfOrder)
        {
            _pointsOfOrder.Remove(candidate);
            return true;
        }

        if (candidate.Kind == FloorKind.Reply && candidate.RepliesTo is { } speech)
        {
            Unbucket(_replies, speech, candidate);
        }

        Unbucket(_classes, ClassOf(candidate), candidate);
        return true;
    }

    /// <summary>Points of order, longest waiting first.</summary>
    public IReadOnlyCollection<FloorCandidate> PointsOfOrder => _pointsOfOrder;

    /// <summary>Replies to <paramref name="speechId"/>, longest waiting first.</summary>
    public IReadOnlyCollection<FloorCandidate> RepliesTo(long speechId) =>
        _replies.TryGetValue(speechId, out var set) ? set : [];

    /// <summary>The longest-waiting entry of each non-empty class (replies included).</summary>
    public IEnumerable<FloorCandidate> ClassHeads => _classes.Values.Select(c => c.Min!);

    /// <summary>Each non-empty class, its entries longest waiting first.</summary>
    public IEnumerable<IReadOnlyCollection<FloorCandidate>> Classes => _classes.Values;

    private void CountIn(FloorCandidate c, int by)
    {
        _groups[(int)c.Group] += by;
        _regions[(int)c.Region] += by;
        _genders[FloorTally.GenderIndex(c.Gender)] += by;
    }

    /// <summary>One number per (group, region, gender); undeclared gender is one class.</summary>
    public static int ClassOf(FloorCandidate c) =>
        ((int)c.Group * 8 + (int)c.Region) * 8 + (c.DeclaredGender ? (int)c.Gender!.Value : (int)Gender.Undisclosed);

    private static SortedSet<FloorCandidate> Bucket<TKey>(Dictionary<TKey, SortedSet<FloorCandidate>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new SortedSet<FloorCandidate>(FloorCandidate.ByWait);
        }

        return set;
    }

    private static void Unbucket<TKey>(Dictionary<TKey, SortedSet<FloorCandidate>> map, TKey key, FloorCandidate candidate)
        where TKey : notnull
    {
        if (map.TryGetValue(key, out var set) && set.Remove(candidate) && set.Count == 0)
        {
            map.Remove(key);
        }
    }
}
