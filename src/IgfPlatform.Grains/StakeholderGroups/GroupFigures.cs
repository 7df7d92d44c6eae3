using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.StakeholderGroups;

/// <summary>The figures of stakeholder groups, counted from what their grains store.</summary>
public static class GroupFigures
{
    /// <summary>Members by region and by gender (undeclared as <c>undisclosed</c>); zero counts absent.</summary>
    public static GroupMembers Members(IEnumerable<GroupMember> members)
    {
        var list = members.ToList();
        return new GroupMembers(
            list.Count,
            list.GroupBy(m => WireNames.Name(m.Region)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            list.GroupBy(m => WireNames.Name(m.Gender ?? Gender.Undisclosed)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    /// <summary>The forum's floor: the sessions' ledgers by group, summed.</summary>
    public static ForumFloor Sum(IEnumerable<SessionFloor> sessions)
    {
        var list = sessions.ToList();
        var byGroup = list.SelectMany(s => s.ByGroup)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new GroupFloor(g.Sum(p => p.Value.Speeches), g.Sum(p => p.Value.Milliseconds)), StringComparer.Ordinal);
        return new ForumFloor(list.Count, list.Sum(s => s.Milliseconds), list.Sum(s => s.Speeches), byGroup);
    }

    /// <summary>The group's session record from a session's floor; null when the group did not speak.</summary>
    public static GroupSession? SessionOf(SessionFloor floor, string group) =>
        floor.ByGroup.TryGetValue(group, out var mine) && mine.Speeches > 0
            ? new GroupSession(floor.SessionId, floor.Title, floor.EndedAt, mine.Speeches, mine.Milliseconds,
                floor.Milliseconds == 0 ? 0 : (double)mine.Milliseconds / floor.Milliseconds)
            : null;
}
