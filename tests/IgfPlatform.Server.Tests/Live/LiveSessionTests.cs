using System.Collections.Concurrent;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Sessions;

namespace IgfPlatform.Server.Tests.Live;

/// <summary>
/// The SDK's <see cref="LiveSession"/> fed by hand where the platform cannot be made to misbehave: an
/// agenda edit that does not apply to what the client holds.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LiveSessionTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static string Ids(IEnumerable<AgendaItem> agenda) => string.Join(",", agenda.Select(i => i.Id));

    /// <summary>A real snapshot of a live session at seq 10 with two items, for a session fed only by the test.</summary>
    private async Task<SessionSnapshot> Held()
    {
        await using var follower = await platform.Server.ConnectAsync();
        var joined = (await follower.JoinSessionAsync(PlatformFixture.LiveSessionId)).Current;
        return joined with
        {
            Agenda = [new("a", "Opening remarks", 10, []), new("b", "Spam and the developing world", 20, ["Nnenna Nwakanma"])],
            Seq = 10,
        };
    }

    [Fact]
    public async Task An_edit_that_does_not_apply_to_the_agenda_held_is_repaired_by_a_snapshot()
    {
        var start = await Held();
        var held = start.Agenda;
        var fresh = start with { Agenda = [new AgendaItem("c", "Never announced", 5, []), held[0]], Seq = 11 };
        var resyncs = new ConcurrentQueue<(long Epoch, long LastSeq)>();
        var session = new LiveSession(start, (_, epoch, lastSeq) =>
        {
            resyncs.Enqueue((epoch, lastSeq));
            return Task.FromResult(epoch == start.Epoch
                ? new ResyncResult(start.Session.Id, start.Epoch, [Edit(11, ["c", "a"])], null) // the same edit again
                : new ResyncResult(start.Session.Id, start.Epoch, null, fresh));
        });
        try
        {
            // The platform's agenda has an item this client never heard of.
            session.Receive(Batch(start.Epoch, Edit(11, ["c", "a"])));
            await session.WaitUntilAsync(s => s.LastSeq == 11, Patience);

            Assert.Equal("c,a", Ids(session.Agenda));
            Assert.Equal("Never announced", session.Agenda[0].Title);
            Assert.Equal(1, session.SnapshotsTaken);
            Assert.Equal(1, session.EventsNotApplicable);
            Assert.Contains((0L, 10L), resyncs);

            // And it goes on from the snapshot.
            session.Receive(Batch(start.Epoch, Edit(12, ["a", "c", "d"], new AgendaItem("d", "Cybersecurity", 15, []))));
            await session.WaitUntilAsync(s => s.LastSeq == 12, Patience);
            Assert.Equal("a,c,d", Ids(session.Agenda));
            Assert.Equal(1, session.SnapshotsTaken);
        }
        finally
        {
            session.Stop();
        }
    }

    [Fact]
    public async Task Edits_that_follow_on_apply_without_a_resync()
    {
        var start = await Held();
        var held = start.Agenda;
        var resyncs = 0;
        var session = new LiveSession(start, (_, _, _) =>
        {
            Interlocked.Increment(ref resyncs);
            return Task.FromResult(new ResyncResult(start.Session.Id, start.Epoch, null, start));
        });
        try
        {
            session.Receive(Batch(start.Epoch, Edit(11, ["b", "c", "a"], new AgendaItem("c", "Critical Internet resources", 30, []))));
            session.Receive(Batch(start.Epoch, Edit(12, ["c", "b"], held[1] with { Title = "Spam" })));
            await session.WaitUntilAsync(s => s.LastSeq == 12, Patience);

            Assert.Equal("c,b", Ids(session.Agenda));
            Assert.Equal("Spam", session.Agenda[1].Title);
            Assert.Equal(0, session.EventsNotApplicable);
            Assert.Equal(["Nnenna Nwakanma"], session.Agenda[1].Speakers);
            Assert.Equal(0, resyncs);
        }
        finally
        {
            session.Stop();
        }
    }

    private static SessionEvent Edit(long seq, string[] order, params AgendaItem[] items) =>
        new(seq, DateTimeOffset.UtcNow, SessionEventTypes.AgendaEdited, new AgendaEdited(order, items));

    private static EventBatch Batch(long epoch, params SessionEvent[] events) =>
        new(PlatformFixture.LiveSessionId, epoch, events[0].Seq, events[^1].Seq, events);
}
