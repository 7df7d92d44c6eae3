using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Presence;

namespace IgfPlatform.Grains.Tests.Sessions;

/// <summary>Presence figures as a server reports them, and how a test reads them back.</summary>
public static class Followers
{
    /// <summary>
    /// <paramref name="registered"/> people of one group, region and gender plus <paramref name="anonymous"/>
    /// anonymous followers, <paramref name="inRoom"/> of them in the room.
    /// </summary>
    public static PresenceCounts Counts(
        int registered, int anonymous = 0, int inRoom = 0, string group = "civilSociety", string region = "africa", string gender = "female") =>
        new(
            registered + anonymous, registered, anonymous, inRoom, registered + anonymous - inRoom,
            new Dictionary<string, int> { [group] = registered },
            new Dictionary<string, int> { [region] = registered },
            new Dictionary<string, int> { [gender] = registered });

    public static bool IsPush(SessionEvent evt) => evt.Type == SessionEventTypes.PresenceChanged;

    public static bool IsPushOf(SessionEvent evt, PresenceCounts counts) => IsPush(evt) && ((PresenceChanged)evt.Data).Presence.SameAs(counts);

    public static IReadOnlyList<PresenceCounts> Pushes(IEnumerable<SessionEvent> events) =>
        events.Where(IsPush).Select(e => ((PresenceChanged)e.Data).Presence).ToList();

    /// <summary>Every figure, with a readable failure.</summary>
    public static void AssertFigures(PresenceCounts expected, PresenceCounts actual)
    {
        Assert.Equal(
            (expected.Total, expected.Registered, expected.Anonymous, expected.InRoom, expected.Remote),
            (actual.Total, actual.Registered, actual.Anonymous, actual.InRoom, actual.Remote));
        Assert.Equal(NonZero(expected.ByGroup), NonZero(actual.ByGroup));
        Assert.Equal(NonZero(expected.ByRegion), NonZero(actual.ByRegion));
        Assert.Equal(NonZero(expected.ByGender), NonZero(actual.ByGender));
    }

    private static List<KeyValuePair<string, int>> NonZero(IReadOnlyDictionary<string, int> counts) =>
        counts.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
}
