using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Agenda;

/// <summary>
/// Planned against actual time. Items taken up keep their actual times; the current item is
/// expected to run its allotment or, when it overruns, until now; the remaining items follow it in
/// agenda order; skipped items take no time. A plain function of its inputs, so it is tested alone.
/// </summary>
public static class AgendaSchedule
{
    public static AgendaTimeline Compute(
        SessionDetails session,
        IReadOnlyList<AgendaItem> agenda,
        string? currentItemId,
        IReadOnlyDictionary<string, ItemProgress> progress,
        DateTimeOffset now)
    {
        var plannedStart = session.StartsAt;
        var plannedStarts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var cursor = plannedStart;
        foreach (var item in agenda)
        {
            plannedStarts[item.Id] = cursor;
            cursor += TimeSpan.FromMinutes(item.Minutes);
        }

        var plannedEnd = cursor;
        var running = session.Status is SessionStatus.Live or SessionStatus.Ended or SessionStatus.Published && session.StartedAt is not null;
        var ended = session.Status is SessionStatus.Ended or SessionStatus.Published;
        var actualStart = running ? session.StartedAt : null;
        var expected = new Dictionary<string, (AgendaItemStatus Status, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ActualStart, DateTimeOffset? ActualEnd)>(StringComparer.Ordinal);

        if (!running)
        {
            foreach (var item in agenda)
            {
                var start = plannedStarts[item.Id];
                expected[item.Id] = (AgendaItemStatus.Upcoming, start, start + TimeSpan.FromMinutes(item.Minutes), null, null);
            }
        }
        else
        {
            // The present moment of the session: its end once ended, now while live.
            var present = ended && session.EndedAt is { } endedAt ? endedAt : now;
            var last = actualStart!.Value;
            foreach (var item in agenda)
            {
                var p = progress.GetValueOrDefault(item.Id);
                if (item.Id == currentItemId && !ended && p?.StartedAt is { } started)
                {
                    var end = Max(started + TimeSpan.FromMinutes(item.Minutes), present);
                    expected[item.Id] = (AgendaItemStatus.Current, started, end, started, null);
                }
                else if (p is { Skipped: true })
                {
                    continue;
                }
                else if (p?.StartedAt is { } s && p.EndedAt is { } e)
                {
                    expected[item.Id] = (AgendaItemStatus.Done, s, e, s, e);
                    last = Max(last, e);
                }
            }

            // What remains follows the current item (or the last item done) in agenda order.
            var next = expected.Values.Where(v => v.Status == AgendaItemStatus.Current).Select(v => v.End).DefaultIfEmpty(Max(last, present)).First();
            foreach (var item in agenda)
            {
                var p = progress.GetValueOrDefault(item.Id);
                if (expected.ContainsKey(item.Id))
                {
                    continue;
                }

                if (p is { Skipped: true })
                {
                    expected[item.Id] = (AgendaItemStatus.Skipped, next, next, p.StartedAt, p.EndedAt);
                    continue;
                }

                if (ended)
                {
                    // Never taken up before the session ended.
                    expected[item.Id] = (AgendaItemStatus.Skipped, next, next, null, null);
                    continue;
                }

                var end = next + TimeSpan.FromMinutes(item.Minutes);
                expected[item.Id] = (AgendaItemStatus.Upcoming, next, end, null, null);
                next = end;
            }
        }

        var items = agenda.Select(i =>
        {
            var e = expected[i.Id];
            return new TimelineItem(i.Id, e.Status, plannedStarts[i.Id], e.Start, e.End, e.ActualStart, e.ActualEnd);
        }).ToList();
        var expectedEnd = ended && session.EndedAt is { } finishedAt
            ? finishedAt
            : items.Count == 0 ? plannedEnd : items.Max(i => i.ExpectedEnd);
        var late = (int)Math.Round((expectedEnd - plannedEnd).TotalMinutes, MidpointRounding.AwayFromZero);
        return new AgendaTimeline(plannedStart, plannedEnd, actualStart, expectedEnd, late, items, now);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>The moderators' edits of an agenda, each checked by <see cref="AgendaRules"/>.</summary>
public static class AgendaEdits
{
    public static List<AgendaItem> Add(IReadOnlyList<AgendaItem> agenda, AgendaItem item, string? beforeItemId)
    {
        var list = agenda.ToList();
        var index = beforeItemId is null ? list.Count : IndexOf(list, beforeItemId);
        list.Insert(index, item ?? throw ForumException.Invalid("item", "An agenda item is required."));
        return list;
    }

    public static List<AgendaItem> Remove(IReadOnlyList<AgendaItem> agenda, string itemId)
    {
        var list = agenda.ToList();
        list.RemoveAt(IndexOf(list, itemId));
        return list;
    }

    public static List<AgendaItem> Move(IReadOnlyList<AgendaItem> agenda, string itemId, int toIndex)
    {
        var list = agenda.ToList();
        var from = IndexOf(list, itemId);
        if (toIndex < 0 || toIndex >= list.Count)
        {
            throw ForumException.Invalid("toIndex", $"The position is from 0 to {list.Count - 1}.");
        }

        var item = list[from];
        list.RemoveAt(from);
        list.Insert(toIndex, item);
        return list;
    }

    public static List<AgendaItem> SetMinutes(IReadOnlyList<AgendaItem> agenda, string itemId, int minutes)
    {
        var list = agenda.ToList();
        var index = IndexOf(list, itemId);
        list[index] = list[index] with { Minutes = minutes };
        return list;
    }

    private static int IndexOf(List<AgendaItem> list, string itemId)
    {
        var index = list.FindIndex(i => i.Id == itemId);
        return index >= 0 ? index : throw ForumException.Invalid("itemId", $"The agenda has no item '{itemId}'.");
    }
}
