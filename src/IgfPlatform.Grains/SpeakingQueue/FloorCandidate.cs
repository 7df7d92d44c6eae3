using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>What the balance policy knows of a waiting entry.</summary>
/// <param name="RepliesTo">For a reply: the speech it answers.</param>
/// <param name="Overtaken">How many later requests of the same stakeholder group have had the floor while this one waited.</param>
public sealed record FloorCandidate(
    long EntryId,
    FloorKind Kind,
    StakeholderGroup Group,
    Region Region,
    Gender? Gender,
    DateTimeOffset RequestedAt,
    long? RepliesTo = null,
    int Overtaken = 0)
{
    /// <summary>Earlier requests first; the entry id (given in order) settles equal times.</summary>
    public static IComparer<FloorCandidate> ByWait { get; } = Comparer<FloorCandidate>.Create((a, b) =>
    {
        var byTime = a.RequestedAt.UtcTicks.CompareTo(b.RequestedAt.UtcTicks);
        return byTime != 0 ? byTime : a.EntryId.CompareTo(b.EntryId);
    });

    /// <summary>Women, men and non-binary people count in the gender balance; undeclared is neutral.</summary>
    public bool DeclaredGender => Gender is Contracts.Vocabulary.Gender.Female or Contracts.Vocabulary.Gender.Male or Contracts.Vocabulary.Gender.NonBinary;
}
