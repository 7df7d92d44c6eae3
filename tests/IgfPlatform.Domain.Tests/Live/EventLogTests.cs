using IgfPlatform.Contracts.Live;
using IgfPlatform.Grains.Live;

namespace IgfPlatform.Domain.Tests.Live;

public sealed class EventLogTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Appends events whose data is their own expected sequence number, to catch any misplaced slot.</summary>
    private static EventLog LogWith(int count, int capacity = LiveLimits.EventBufferSize, long epoch = 7)
    {
        var log = new EventLog(epoch, capacity);
        for (var i = 1; i <= count; i++)
        {
            log.Append(SessionEventTypes.CurrentItemChanged, i, Start.AddSeconds(i));
        }

        return log;
    }

    private static long[] Seqs(IEnumerable<SessionEvent> events) => events.Select(e => e.Seq).ToArray();

    private static long[] Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i).ToArray();

    [Fact]
    public void A_new_log_is_empty_and_up_to_date_at_zero()
    {
        var log = new EventLog(epoch: 99);

        Assert.Equal(99, log.Epoch);
        Assert.Equal(LiveLimits.EventBufferSize, log.Capacity);
        Assert.Equal(0, log.LastSeq);
        Assert.Equal(1, log.FirstHeldSeq);
        Assert.True(log.TryGetAfter(0, out var events));
        Assert.Empty(events);
    }

    [Fact]
    public void Append_numbers_events_contiguously_from_one_and_keeps_what_was_given()
    {
        var log = new EventLog(epoch: 3, capacity: 16);

        var appended = Enumerable.Range(1, 5)
            .Select(i => log.Append(SessionEventTypes.AgendaChanged, $"data-{i}", Start.AddMinutes(i)))
            .ToList();

        Assert.Equal(Range(1, 5), Seqs(appended));
        Assert.Equal(5, log.LastSeq);
        Assert.Equal(1, log.FirstHeldSeq);
        Assert.All(appended, e => Assert.Equal(SessionEventTypes.AgendaChanged, e.Type));
        Assert.All(appended, e => Assert.Equal($"data-{e.Seq}", e.Data));
        Assert.All(appended, e => Assert.Equal(Start.AddMinutes(e.Seq), e.At));
    }

    [Fact]
    public void Append_refuses_an_event_without_type_or_data()
    {
        var log = new EventLog(epoch: 1, capacity: 4);

        Assert.ThrowsAny<ArgumentException>(() => log.Append(string.Empty, 1, Start));
        Assert.Throws<ArgumentNullException>(() => log.Append(SessionEventTypes.AgendaChanged, null!, Start));
        Assert.Equal(0, log.LastSeq);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_log_needs_room_for_at_least_one_event(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventLog(1, capacity));

    [Fact]
    public void The_ring_holds_the_last_capacity_events_only()
    {
        var log = LogWith(count: 10, capacity: 4);

        Assert.Equal(10, log.LastSeq);
        Assert.Equal(7, log.FirstHeldSeq);
        Assert.True(log.TryGetAfter(6, out var held));
        Assert.Equal(Range(7, 10), Seqs(held));
        Assert.Equal([7, 8, 9, 10], held.Select(e => (int)e.Data));
    }

    [Fact]
    public void TryGetAfter_inside_the_buffer_returns_exactly_the_later_events_in_order()
    {
        var log = LogWith(count: 5, capacity: 8);

        Assert.True(log.TryGetAfter(2, out var events));

        Assert.Equal(Range(3, 5), Seqs(events));
        Assert.Equal([3, 4, 5], events.Select(e => (int)e.Data));
    }

    [Fact]
    public void TryGetAfter_at_the_edge_of_the_buffer_returns_everything_held()
    {
        var log = LogWith(count: 10, capacity: 4);

        Assert.True(log.TryGetAfter(log.FirstHeldSeq - 1, out var events));

        Assert.Equal(4, events.Count);
        Assert.Equal(Range(7, 10), Seqs(events));
    }

    [Fact]
    public void TryGetAfter_beyond_the_buffer_is_false_and_empty()
    {
        var log = LogWith(count: 10, capacity: 4);

        Assert.False(log.TryGetAfter(log.FirstHeldSeq - 2, out var events));
        Assert.Empty(events);
        Assert.False(log.TryGetAfter(0, out events));
        Assert.Empty(events);
    }

    [Fact]
    public void TryGetAfter_the_last_seq_is_true_and_empty()
    {
        var log = LogWith(count: 10, capacity: 4);

        Assert.True(log.TryGetAfter(log.LastSeq, out var events));
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void TryGetAfter_a_seq_the_log_never_gave_is_false(long afterSeq)
    {
        var log = LogWith(count: 10, capacity: 16);

        Assert.False(log.TryGetAfter(afterSeq, out var events));
        Assert.Empty(events);
    }

    [Fact]
    public void TryGetAfter_returns_at_most_max_events_starting_right_after_the_seq()
    {
        var log = LogWith(count: 10, capacity: 16);

        Assert.True(log.TryGetAfter(2, max: 3, out var events));
        Assert.Equal(Range(3, 5), Seqs(events));

        Assert.True(log.TryGetAfter(8, max: 3, out events));
        Assert.Equal(Range(9, 10), Seqs(events));
    }

    [Fact]
    public void A_full_default_buffer_is_read_in_batches_of_the_relay_limit()
    {
        var log = LogWith(count: LiveLimits.EventBufferSize + 100);
        var from = log.FirstHeldSeq - 1;

        Assert.True(log.TryGetAfter(from, LiveLimits.MaxEventsPerBatch, out var batch));

        Assert.Equal(LiveLimits.MaxEventsPerBatch, batch.Count);
        Assert.Equal(Range(from + 1, from + LiveLimits.MaxEventsPerBatch), Seqs(batch));
        Assert.True(log.TryGetAfter(from, out var all));
        Assert.Equal(LiveLimits.EventBufferSize, all.Count);
        Assert.Equal(log.LastSeq, all[^1].Seq);
    }

    [Fact]
    public void The_ring_stays_right_after_wrapping_many_times()
    {
        var log = LogWith(count: 100, capacity: 3);

        Assert.Equal(98, log.FirstHeldSeq);
        Assert.True(log.TryGetAfter(97, out var events));
        Assert.Equal(Range(98, 100), Seqs(events));
        Assert.Equal([98, 99, 100], events.Select(e => (int)e.Data));
        Assert.Equal([Start.AddSeconds(98), Start.AddSeconds(99), Start.AddSeconds(100)], events.Select(e => e.At));
    }

    [Fact]
    public void A_ring_of_one_holds_the_newest_event()
    {
        var log = LogWith(count: 5, capacity: 1);

        Assert.True(log.TryGetAfter(4, out var events));
        Assert.Equal(5, Assert.Single(events).Seq);
        Assert.False(log.TryGetAfter(3, out _));
    }
}
