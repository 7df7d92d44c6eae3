namespace IgfPlatform.Contracts.Agenda;

/// <summary>One item of a session's agenda.</summary>
/// <param name="Id">Stable within the session; chosen by the client or given by the platform when empty.</param>
/// <param name="Title">What is discussed.</param>
/// <param name="Minutes">Time allotted.</param>
/// <param name="Speakers">Names of the speakers of this item.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.AgendaItem")]
public sealed record AgendaItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int Minutes,
    [property: Id(3)] IReadOnlyList<string> Speakers);

[GenerateSerializer]
[Immutable]
[Alias("igf.AgendaChanged")]
public sealed record AgendaChanged(
    [property: Id(0)] IReadOnlyList<AgendaItem> Items);

/// <summary>
/// A targeted edit of the agenda (an item added, removed, moved or given new minutes): the new order of
/// the item ids and only the items new or changed, so that each follower receives a few hundred bytes
/// instead of the whole agenda. Applied in seq order to the agenda held before it, it gives the agenda
/// after it.
/// </summary>
/// <param name="Order">Every item id of the agenda after the edit, in order.</param>
/// <param name="Items">The items the edit added or changed (the others are as before).</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.AgendaEdited")]
public sealed record AgendaEdited(
    [property: Id(0)] IReadOnlyList<string> Order,
    [property: Id(1)] IReadOnlyList<AgendaItem> Items)
{
    /// <summary>The edit that turns <paramref name="before"/> into <paramref name="after"/>.</summary>
    public static AgendaEdited Between(IReadOnlyList<AgendaItem> before, IReadOnlyList<AgendaItem> after)
    {
        var old = before.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var changed = after.Where(i => !old.TryGetValue(i.Id, out var was) || !Same(was, i)).ToList();
        return new AgendaEdited([.. after.Select(i => i.Id)], changed);
    }

    /// <summary>
    /// The agenda after this edit, from the one held before it; null when that agenda lacks an item the
    /// edit keeps (what is held is not what the edit was made on: the client takes a snapshot again).
    /// </summary>
    public IReadOnlyList<AgendaItem>? ApplyTo(IReadOnlyList<AgendaItem> held)
    {
        var items = new Dictionary<string, AgendaItem>(StringComparer.Ordinal);
        foreach (var item in held.Concat(Items))
        {
            items[item.Id] = item;
        }

        var agenda = new List<AgendaItem>(Order.Count);
        foreach (var id in Order)
        {
            if (!items.TryGetValue(id, out var item))
            {
                return null;
            }

            agenda.Add(item);
        }

        return agenda;
    }

    private static bool Same(AgendaItem a, AgendaItem b) =>
        a.Title == b.Title && a.Minutes == b.Minutes && a.Speakers.SequenceEqual(b.Speakers, StringComparer.Ordinal);
}

[GenerateSerializer]
[Immutable]
[Alias("igf.CurrentItemChanged")]
public sealed record CurrentItemChanged(
    [property: Id(0)] string? ItemId);

/// <summary>Limits on agenda input, stated in the docs.</summary>
public static class AgendaLimits
{
    public const int MaxItems = 100;
    public const int MaxTitleLength = 200;
    public const int MaxMinutes = 480;
    public const int MaxSpeakers = 20;
    public const int MaxSpeakerNameLength = 120;
    public const int MaxIdLength = 64;
}

/// <summary>Where an agenda item stands while the session runs.</summary>
public enum AgendaItemStatus
{
    Upcoming = 0,
    Current = 1,
    Done = 2,
    Skipped = 3,
}

/// <summary>What happened to an item: when it was taken up and left, or that it was skipped.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ItemProgress")]
public sealed record ItemProgress(
    [property: Id(0)] DateTimeOffset? StartedAt,
    [property: Id(1)] DateTimeOffset? EndedAt,
    [property: Id(2)] bool Skipped);

/// <summary>One item's place in time: as planned, as now expected, and as it actually went.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.TimelineItem")]
public sealed record TimelineItem(
    [property: Id(0)] string ItemId,
    [property: Id(1)] AgendaItemStatus Status,
    [property: Id(2)] DateTimeOffset PlannedStart,
    [property: Id(3)] DateTimeOffset ExpectedStart,
    [property: Id(4)] DateTimeOffset ExpectedEnd,
    [property: Id(5)] DateTimeOffset? ActualStart,
    [property: Id(6)] DateTimeOffset? ActualEnd);

/// <summary>
/// The session's agenda in time: planned against actual, with the expected start of every remaining
/// item recomputed from how early or late the session runs.
/// </summary>
/// <param name="PlannedStart">When the session was planned to start.</param>
/// <param name="PlannedEnd">The planned start plus every item's allotted minutes.</param>
/// <param name="ActualStart">When the session went live.</param>
/// <param name="ExpectedEnd">When the agenda is now expected to end (its actual end once ended).</param>
/// <param name="RunningLateMinutes">Expected end of the agenda minus its planned end; negative when early.</param>
/// <param name="Items">Every item in agenda order.</param>
/// <param name="ComputedAt">The moment the expectations were computed for (a current item that overruns pushes them later).</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.AgendaTimeline")]
public sealed record AgendaTimeline(
    [property: Id(0)] DateTimeOffset PlannedStart,
    [property: Id(1)] DateTimeOffset PlannedEnd,
    [property: Id(2)] DateTimeOffset? ActualStart,
    [property: Id(3)] DateTimeOffset ExpectedEnd,
    [property: Id(4)] int RunningLateMinutes,
    [property: Id(5)] IReadOnlyList<TimelineItem> Items,
    [property: Id(6)] DateTimeOffset ComputedAt);

[GenerateSerializer]
[Immutable]
[Alias("igf.TimelineChanged")]
public sealed record TimelineChanged(
    [property: Id(0)] AgendaTimeline Timeline);
