using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.SpeakingQueue.Floor;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>
/// What the queue tells the session's followers: <c>speakerChanged</c>, <c>queueChanged</c> and
/// <c>floorLedgerChanged</c> in the session's history, after the change they announce, numbered without gaps;
/// and what the end of the session does to the floor.
/// </summary>
[Collection(FloorCollection.Name)]
public sealed class FloorEventTests(ShiftedClockClusterFixture fixture)
{
    private const string Speaker = SessionEventTypes.SpeakerChanged;
    private const string Queue = SessionEventTypes.QueueChanged;
    private const string Ledger = SessionEventTypes.FloorLedgerChanged;

    /// <summary>Real milliseconds a speech may run beyond the time the test moves the clock on (the calls themselves).</summary>
    private const long Slack = 15_000;

    private Task<FloorScenario> Live() => FloorScenario.Create(fixture);

    /// <summary>The command's events are exactly one of each type; a speaker change comes before the ledger it changes.</summary>
    private static void AssertOneEach(IReadOnlyList<SessionEvent> events, params string[] types)
    {
        Assert.Equal(types.Order(StringComparer.Ordinal), events.Select(e => e.Type).Order(StringComparer.Ordinal));
        var speaker = events.ToList().FindIndex(e => e.Type == Speaker);
        var ledger = events.ToList().FindIndex(e => e.Type == Ledger);
        if (speaker >= 0 && ledger >= 0)
        {
            Assert.True(speaker < ledger, $"speakerChanged came after floorLedgerChanged: {string.Join(", ", events.Select(e => $"{e.Seq} {e.Type}"))}");
        }
    }

    private static T Of<T>(IReadOnlyList<SessionEvent> events, string type) => DataOf<T>(Assert.Single(events, e => e.Type == type));

    [Fact]
    public async Task Every_change_reaches_the_relay_after_the_command_in_order_and_numbered_without_gaps()
    {
        using var s = await Live();
        var gov = await s.Person(StakeholderGroup.Government);
        var civil = await s.Person(StakeholderGroup.CivilSociety);
        var business = await s.Person(StakeholderGroup.PrivateSector);
        var academic = await s.Person(StakeholderGroup.TechnicalAcademic);
        var start = await s.Session.Grain.GetSnapshot();
        var perCommand = new List<IReadOnlyList<SessionEvent>>();

        async Task<IReadOnlyList<SessionEvent>> Run(Func<Task> command, params string[] types)
        {
            var events = await s.FloorEventsOf(command, types);
            AssertOneEach(events, types);
            perCommand.Add(events);
            return events;
        }

        MyFloorEntry a = null!, b = null!, c = null!, d = null!;
        var requestedA = Of<QueueChanged>(await Run(async () => a = await s.Request(gov), Queue), Queue);
        Assert.Equal((true, 1), (requestedA.Open, requestedA.Waiting));
        Assert.Equal([a.EntryId], requestedA.Order);
        var head = Assert.Single(requestedA.Head);
        Assert.Equal((a.EntryId, FloorKind.Intervention, StakeholderGroup.Government, true, a.RequestedAt), (head.EntryId, head.Kind, head.Group, head.InRoom, head.RequestedAt));
        Assert.Empty(requestedA.Closed);

        // Requests in quick succession: each is pushed, coalesced within the push interval but not lost.
        var requestedB = Of<QueueChanged>(await Run(async () => b = await s.Request(civil), Queue), Queue);
        Assert.Equal([a.EntryId, b.EntryId], requestedB.Order);
        var requestedC = Of<QueueChanged>(await Run(async () => c = await s.Request(business), Queue), Queue);
        Assert.Equal((await s.Queue.GetView()).Order, requestedC.Order);
        Assert.Equal(3, requestedC.Waiting);

        // Giving the floor: the speaker, the line without them, the ledger.
        Speech speech1 = null!;
        var given = await Run(async () => speech1 = await s.Queue.GiveFloor(s.ModeratorId, a.EntryId, null), Speaker, Queue, Ledger);
        var changed = Of<SpeakerChanged>(given, Speaker);
        Assert.Equal(Forum.Json(speech1), Forum.Json(changed.Current));
        Assert.Null(changed.Ended);
        var line = Of<QueueChanged>(given, Queue);
        Assert.Equal(2, line.Waiting);
        Assert.Equal([b.EntryId, c.EntryId], line.Order);
        Assert.Equal([new ClosedEntry(a.EntryId, FloorOutcomes.Spoke)], line.Closed);
        var ledger1 = Of<FloorLedgerChanged>(given, Ledger).Ledger;
        Assert.Equal((1, 1), (ledger1.Speeches, ledger1.ByGroup["government"].Speeches));
        await s.Advance(TimeSpan.FromSeconds(40));

        // The next speech ends the running one: both are in one speaker change.
        Speech speech2 = null!;
        var handedOver = await Run(async () => speech2 = await s.Queue.GiveFloor(s.ModeratorId, b.EntryId, null), Speaker, Queue, Ledger);
        var handOver = Of<SpeakerChanged>(handedOver, Speaker);
        // Past the queue's push interval, the whole change leaves as one batch: one message per follower.
        Assert.Equal(1, s.Relay.BatchesHolding(handedOver));
        Assert.Equal((speech2.SpeechId, speech1.SpeechId, speech2.StartedAt), (handOver.Current!.SpeechId, handOver.Ended!.SpeechId, handOver.Ended.EndedAt!.Value));
        Assert.Equal([new ClosedEntry(b.EntryId, FloorOutcomes.Spoke)], Of<QueueChanged>(handedOver, Queue).Closed);
        Assert.Equal(2, Of<FloorLedgerChanged>(handedOver, Ledger).Ledger.Speeches);
        Assert.InRange(Of<FloorLedgerChanged>(handedOver, Ledger).Ledger.ByGroup["government"].Milliseconds, 40_000, 40_000 + Slack);
        await s.Advance(TimeSpan.FromSeconds(20));

        var ended = await Run(() => s.Queue.EndSpeech(s.ModeratorId), Speaker, Queue, Ledger);
        var end = Of<SpeakerChanged>(ended, Speaker);
        Assert.Equal(1, s.Relay.BatchesHolding(ended));
        Assert.Null(end.Current);
        Assert.Equal(speech2.SpeechId, end.Ended!.SpeechId);
        Assert.NotNull(end.Ended.EndedAt);
        Assert.Equal([c.EntryId], Of<QueueChanged>(ended, Queue).Order);
        Assert.InRange(Of<FloorLedgerChanged>(ended, Ledger).Ledger.ByGroup["civilSociety"].Milliseconds, 20_000, 20_000 + Slack);

        // Withdrawn and dismissed entries are named with their outcome; a dismissal changes the ledger too.
        var requestedD = Of<QueueChanged>(await Run(async () => d = await s.Request(academic), Queue), Queue);
        Assert.Equal([c.EntryId, d.EntryId], requestedD.Order);
        var withdrawn = Of<QueueChanged>(await Run(() => s.Queue.WithdrawFloor(academic.ParticipantId, d.EntryId), Queue), Queue);
        Assert.Equal([new ClosedEntry(d.EntryId, FloorOutcomes.Withdrawn)], withdrawn.Closed);
        Assert.Equal([c.EntryId], withdrawn.Order);

        var dismissed = await Run(() => s.Queue.DismissEntry(s.ModeratorId, c.EntryId, "Not on the agenda item"), Queue, Ledger);
        Assert.Equal([new ClosedEntry(c.EntryId, FloorOutcomes.Dismissed)], Of<QueueChanged>(dismissed, Queue).Closed);
        Assert.Empty(Of<QueueChanged>(dismissed, Queue).Order);
        Assert.Equal("Not on the agenda item", Assert.Single(Of<FloorLedgerChanged>(dismissed, Ledger).Ledger.Dismissals).Reason);

        var closed = await Run(() => s.Queue.SetQueueOpen(s.ModeratorId, false), Queue);
        Assert.False(Of<QueueChanged>(closed, Queue).Open);

        // A refused command records nothing.
        var refusedFrom = (await s.Session.Grain.GetSnapshot()).Seq;
        await Refused(() => s.Queue.EndSpeech(s.ModeratorId), ForumErrorKind.Conflict);
        await Refused(() => s.Request(academic), ForumErrorKind.Conflict);
        Assert.Equal(refusedFrom, (await s.Session.Grain.GetSnapshot()).Seq);

        // Everything the relay received: no gaps, the floor events exactly those of the commands, in their order.
        var all = s.Relay.Batches.Where(x => x.Epoch == start.Epoch).ToList();
        Assert.All(all.Zip(all.Skip(1)), p => Assert.Equal(p.First.ToSeq + 1, p.Second.FromSeq));
        Assert.All(all, x => Assert.Equal(x.ToSeq - x.FromSeq + 1, x.Events.Count));
        var seqs = all.SelectMany(x => x.Events).Select(e => e.Seq).ToList();
        Assert.Equal(start.Seq + 1, seqs[0]);
        Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(perCommand.SelectMany(x => x).Select(e => e.Seq), s.FloorEventsAfter(start.Epoch, start.Seq).Select(e => e.Seq));
        Assert.Equal(seqs, (await s.Session.Grain.Resync(start.Epoch, start.Seq)).Events!.Select(e => e.Seq));
    }

    [Fact]
    public async Task When_the_floor_is_given_the_speaker_and_ledger_are_in_the_history_before_the_moderator_is_answered()
    {
        using var s = await Live();
        var gov = await s.Person(StakeholderGroup.Government);
        var entry = await s.Request(gov);
        await s.Relay.WaitForEvent(e => e.Type == Queue);
        var before = await s.Session.Grain.GetSnapshot();

        var speech = await s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null);
        var history = (await s.Session.Grain.Resync(before.Epoch, before.Seq)).Events!;

        var speaker = DataOf<SpeakerChanged>(Assert.Single(history, e => e.Type == Speaker));
        Assert.Equal(speech.SpeechId, speaker.Current!.SpeechId);
        Assert.Equal(1, DataOf<FloorLedgerChanged>(Assert.Single(history, e => e.Type == Ledger)).Ledger.Speeches);
        Assert.True(history.Single(e => e.Type == Speaker).Seq < history.Single(e => e.Type == Ledger).Seq);
        await s.Relay.WaitForEvent(e => e.Seq > before.Seq && e.Type == Queue);
    }

    [Fact]
    public async Task A_queue_change_held_back_by_the_push_interval_is_not_lost_when_the_queue_deactivates()
    {
        using var s = await Live();
        var first = await s.Person(StakeholderGroup.Government);
        var second = await s.Person(StakeholderGroup.CivilSociety);
        var a = await s.Request(first);
        await s.Relay.WaitForEvent(e => e.Type == Queue && DataOf<QueueChanged>(e).Order.Contains(a.EntryId));

        // The grains' clock is set half a minute back: the next change comes well within the push interval of
        // the last push, so it is held back for a delayed push, some thirty seconds later.
        var before = await s.Session.Grain.GetSnapshot();
        await s.Advance(TimeSpan.FromSeconds(-30));
        MyFloorEntry b;
        try
        {
            b = await s.Request(second);
            Assert.DoesNotContain((await s.Session.Grain.Resync(before.Epoch, before.Seq)).Events!, e => e.Type == Queue);
            await fixture.Cluster.DeactivateAsync(s.Queue);
        }
        finally
        {
            await s.Advance(TimeSpan.FromSeconds(30));
        }

        // Someone looks at the floor: a new activation holds the entry.
        Assert.Contains(b.EntryId, (await s.Queue.GetView()).Order);
        var pushed = await Record.ExceptionAsync(() => s.Relay.WaitForEvent(e => e.Type == Queue && DataOf<QueueChanged>(e).Order.Contains(b.EntryId), TimeSpan.FromSeconds(3)));

        Assert.True(pushed is null, $"Entry {b.EntryId} is in the queue ({string.Join(", ", (await s.Queue.GetView()).Order)}) but no queueChanged with it reached the followers.");
    }

    [Fact]
    public async Task Ending_a_session_whose_floor_was_never_used_announces_no_speaker_and_no_ledger_change()
    {
        using var s = await Live();

        var events = await s.Session.EventsOf(s.Relay, () => s.Session.Grain.End(s.ModeratorId));

        Assert.Contains(events, e => e.Type == SessionEventTypes.SessionStatusChanged);
        Assert.False((await s.Queue.GetView()).Open);
        var spurious = events.Where(e => e.Type is Speaker or Ledger).ToList();
        Assert.True(spurious.Count == 0, $"Nobody ever had the floor, yet the end of the session announced: {Forum.Json(spurious)}");
    }

    [Fact]
    public async Task The_end_of_the_session_ends_the_speech_and_closes_the_queue()
    {
        using var s = await Live();
        var speaker = await s.Person(StakeholderGroup.Government);
        var waiting = await s.Person(StakeholderGroup.CivilSociety);
        var late = await s.Person(StakeholderGroup.PrivateSector);
        var entry = await s.Request(speaker);
        var still = await s.Request(waiting);
        var speech = await s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null);
        await s.Advance(TimeSpan.FromSeconds(30));
        var before = await s.Session.Grain.GetSnapshot();

        var details = await s.Session.Grain.End(s.ModeratorId);

        var view = await s.Queue.GetView();
        var figures = await s.Queue.GetFigures();
        Assert.Null(view.Current);
        Assert.False(view.Open);
        var ended = Assert.Single(figures.Speeches);
        Assert.Equal((speech.SpeechId, details.EndedAt), (ended.SpeechId, ended.EndedAt));
        Assert.InRange(figures.Ledger.Milliseconds, 30_000, 30_000 + Slack);
        Assert.Equal([still.EntryId], view.Order);

        await Refused(() => s.Request(late), ForumErrorKind.Conflict);
        await Refused(() => s.Queue.GiveFloor(s.ModeratorId, still.EntryId, null), ForumErrorKind.Conflict);
        await Refused(() => s.Queue.GiveFloor(s.ModeratorId, still.EntryId, "One last word"), ForumErrorKind.Conflict);
        await Refused(() => s.Queue.SetQueueOpen(s.ModeratorId, true), ForumErrorKind.Conflict);
        await Refused(() => s.Queue.EndSpeech(s.ModeratorId), ForumErrorKind.Conflict);
        await Refused(
            () => s.Queue.AddEntry(s.ModeratorId, "add-late", new FloorEntryDraft("Late", StakeholderGroup.Government, Region.Africa, null, FloorKind.Intervention, true)),
            ForumErrorKind.Conflict);
        // The line stays on record as it was: neither withdrawn nor dismissed afterwards (dismissals are in the ledger).
        await Refused(() => s.Queue.WithdrawFloor(waiting.ParticipantId, still.EntryId), ForumErrorKind.Conflict);
        await Refused(() => s.Queue.DismissEntry(s.ModeratorId, still.EntryId, "Left after the session"), ForumErrorKind.Conflict);
        Assert.Equal([still.EntryId], (await s.Queue.GetView()).Order);
        Assert.Empty((await s.Queue.GetFigures()).Ledger.Dismissals);
        Assert.Null(await s.Queue.GetMine(late.ParticipantId));
        Assert.Single((await s.Queue.GetFigures()).Speeches);
        Assert.False((await s.Queue.GetView()).Open);

        // Followers are told: the speech ended (nobody speaks) and the queue closed.
        var speakerEvent = await s.Relay.WaitForEvent(e => e.Seq > before.Seq && e.Type == Speaker);
        var queueEvent = await s.Relay.WaitForEvent(e => e.Seq > before.Seq && e.Type == Queue);
        var change = DataOf<SpeakerChanged>(speakerEvent);
        Assert.Null(change.Current);
        Assert.Equal((speech.SpeechId, details.EndedAt), (change.Ended!.SpeechId, change.Ended.EndedAt));
        Assert.False(DataOf<QueueChanged>(queueEvent).Open);
        var statusSeq = (await s.Relay.WaitForEvent(e => e.Seq > before.Seq && e.Type == SessionEventTypes.SessionStatusChanged)).Seq;
        Assert.True(statusSeq < speakerEvent.Seq);
    }
}
