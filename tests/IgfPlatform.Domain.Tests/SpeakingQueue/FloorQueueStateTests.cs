using System.Text.Json;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;
using static IgfPlatform.Domain.Tests.SpeakingQueue.Floors;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>
/// What the queue stores and shows: <see cref="FloorQueue.ToState"/> and <see cref="FloorQueue.Load"/>
/// give back the same queue, and everyone's position is their place in the projected order.
/// </summary>
public sealed class FloorQueueStateTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(5);

    private static readonly ParticipantProfile[] Crowd = [.. Enumerable.Range(0, 30).Select(i => Person(
        $"p-crowd-{i}", $"Speaker {i}", (StakeholderGroup)(i % 6), (Region)(i * 7 % 5), i % 4 == 3 ? null : (Gender)(i % 3)))];

    /// <summary>Someone who opens the page of an ended session.</summary>
    private static readonly PresenceCounts Latecomer = Following("government", "latinAmericaCaribbean", "nonBinary");

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    /// <summary>
    /// A session five minutes in: an intervention, a point of order, a reply, an override, a dismissal, a
    /// withdrawal, a remote hub and a walk-in; Dara speaking (within her time); thirty-odd waiting.
    /// </summary>
    private static FloorQueue Busy()
    {
        var queue = new FloorQueue();
        queue.SetSettings(FloorQueue.Normalize(new FloorSettings(
            120, 45,
            new Dictionary<string, int>(StringComparer.Ordinal) { ["government"] = 30, ["civilSociety"] = 30, ["technicalAcademic"] = 20, ["privateSector"] = 20 },
            new Dictionary<string, int>(StringComparer.Ordinal) { ["government"] = 10 })));
        var bruno = queue.Request(Bruno, Start);
        queue.GiveFloor(bruno.EntryId, Start.AddSeconds(5));
        var amina = queue.Request(Amina, Start.AddSeconds(10), FloorKind.Reply, note: "On the minister's point");
        var chen = queue.Request(Chen, Start.AddSeconds(12), hub: new RemoteHub("Nairobi hub", 40));
        var walkIn = queue.AddByModerator(new FloorEntryDraft("Walk-in Speaker", StakeholderGroup.PrivateSector, Region.EasternEurope, null, FloorKind.Intervention, true), Start.AddSeconds(14));
        var elena = queue.Request(Elena, Start.AddSeconds(16), FloorKind.PointOfOrder);
        queue.GiveFloor(elena.EntryId, Start.AddMinutes(2));
        queue.GiveFloor(amina.EntryId, Start.AddMinutes(2).AddSeconds(30));
        queue.Dismiss(walkIn.EntryId, "Left the room", Start.AddMinutes(3));
        queue.Withdraw(chen, Start.AddMinutes(3).AddSeconds(10));
        foreach (var (who, i) in Crowd.Select((p, i) => (p, i)))
        {
            queue.Request(who, Start.AddMinutes(3).AddSeconds(i));
        }

        var dara = queue.Request(Dara, Start.AddMinutes(4));
        var suggested = queue.Suggest(Start.AddMinutes(4))!.Candidate.EntryId;
        queue.GiveFloor(dara.EntryId, Start.AddMinutes(4).AddSeconds(1), dara.EntryId == suggested ? null : "Asked to answer the hub");
        queue.Request(Chen, Start.AddMinutes(4).AddSeconds(30), FloorKind.Reply);
        return queue;
    }

    [Fact]
    public void A_queue_loaded_from_its_state_shows_and_decides_the_same()
    {
        var queue = Busy();

        var loaded = new FloorQueue();
        loaded.Load(queue.ToState());

        Assert.Equal(Json(queue.View(Now)), Json(loaded.View(Now)));
        Assert.Equal(Json(queue.Queue(Now)), Json(loaded.Queue(Now)));
        Assert.Equal(Json(queue.Figures("s-1", Now)), Json(loaded.Figures("s-1", Now)));
        Assert.Equal(Json(queue.Suggest(Now)), Json(loaded.Suggest(Now)));
        foreach (var who in Crowd.Append(Amina).Append(Bruno).Append(Chen).Append(Dara).Append(Elena))
        {
            Assert.Equal(queue.Mine(who.ParticipantId, Now), loaded.Mine(who.ParticipantId, Now));
        }

        Assert.Equal(queue.Speeches, loaded.Speeches);
        Assert.Equal(queue.Current, loaded.Current);
        Assert.Equal(queue.AnsweredSpeechId, loaded.AnsweredSpeechId);
        Assert.Equal((queue.Open, queue.LastEntryId, queue.Waiting, queue.ClosedWithSessionAt), (loaded.Open, loaded.LastEntryId, loaded.Waiting, loaded.ClosedWithSessionAt));
        Assert.Equal(Json(queue.Settings), Json(loaded.Settings));
        Assert.Equal(Json(queue.ToState()), Json(loaded.ToState()));

        // And both take the next steps alike: the same numbers, the same rules.
        Assert.Equal(queue.PrepareRequest(Bruno, "req-next", FloorKind.Reply, null, null, true, Now), loaded.PrepareRequest(Bruno, "req-next", FloorKind.Reply, null, null, true, Now));
        Refused(() => loaded.PrepareRequest(Crowd[0], "req-twice", FloorKind.Intervention, null, null, true, Now), ForumErrorKind.Conflict);
        var chen = queue.Find(queue.Mine(Chen.ParticipantId, Now)!.EntryId)!;
        Assert.Equal(chen, loaded.FindRequest(Chen.ParticipantId, chen.ClientRequestId));
        var ended = Now.AddMinutes(1);
        Assert.Equal(queue.CloseWithSession(ended), loaded.CloseWithSession(ended));
    }

    [Fact]
    public void The_state_holds_everything_and_is_a_copy_the_queue_no_longer_changes()
    {
        var queue = Busy();

        var state = queue.ToState();
        queue.Request(Bruno, Now);
        queue.EndCurrent(Now);

        Assert.Equal(queue.LastEntryId - 1, state.LastEntryId);
        Assert.Equal(Enumerable.Range(1, (int)state.LastEntryId).Select(i => (long)i), state.Entries.Select(e => e.EntryId));
        Assert.Equal(4, state.Speeches.Count);
        Assert.Null(state.Speeches[^1].EndedAt);
        Assert.NotNull(queue.Speeches[^1].EndedAt);
        Assert.True(state.Open);
        Assert.NotNull(state.Settings);
        Assert.Equal(
            [EntryStatus.Spoke, EntryStatus.Spoke, EntryStatus.Withdrawn, EntryStatus.Dismissed, EntryStatus.Spoke],
            state.Entries.Take(5).Select(e => e.Status));
    }

    [Fact]
    public void Default_settings_are_stored_as_none_and_a_closed_session_stays_closed()
    {
        var queue = new FloorQueue();
        queue.Request(Amina, Start);
        queue.CloseWithSession(Start.AddMinutes(1));

        var state = queue.ToState();
        var loaded = new FloorQueue();
        loaded.Load(state);

        Assert.Null(state.Settings);
        Assert.Same(FloorSettings.Default, loaded.Settings);
        Assert.Equal(Start.AddMinutes(1), loaded.ClosedWithSessionAt);
        Assert.False(loaded.Open);
        Assert.Equal(1, loaded.Waiting);
        Refused(() => loaded.PrepareRequest(Bruno, "req-late", FloorKind.Intervention, null, null, true, Start.AddMinutes(2)), ForumErrorKind.Conflict);
        Refused(() => loaded.SetOpen(true), ForumErrorKind.Conflict);
    }

    /// <summary>One registered person following the session, of the given group, region and gender.</summary>
    private static PresenceCounts Following(string group, string region, string gender) => new(
        1, 1, 0, 0, 1,
        new Dictionary<string, int>(StringComparer.Ordinal) { [group] = 1 },
        new Dictionary<string, int>(StringComparer.Ordinal) { [region] = 1 },
        new Dictionary<string, int>(StringComparer.Ordinal) { [gender] = 1 });

    private static string[] Keys(IReadOnlyDictionary<string, FloorShare> shares) => [.. shares.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Amina spoke, Chen still waits, someone of the private sector follows; the session ends three minutes in.</summary>
    private static FloorQueue Ended()
    {
        var queue = new FloorQueue();
        var amina = queue.Request(Amina, Start);
        queue.GiveFloor(amina.EntryId, Start.AddSeconds(1));
        queue.Request(Chen, Start.AddSeconds(2));
        queue.SetPresence(Following("privateSector", "easternEurope", "male"));
        queue.CloseWithSession(Start.AddMinutes(3));
        return queue;
    }

    [Fact]
    public void An_ended_queue_keeps_the_targets_of_the_end_whoever_follows_later_and_stores_them()
    {
        var queue = Ended();
        var atEnd = Json(queue.Ledger(Start.AddMinutes(3)));
        var stored = Json(queue.ToState());
        Assert.Equal(["civilSociety", "privateSector", "technicalAcademic"], Keys(queue.Ledger(Now).ByGroup));
        Assert.Equal(["africa", "asiaPacific", "easternEurope"], Keys(queue.Ledger(Now).ByRegion));

        queue.SetPresence(Latecomer);

        Assert.Equal(atEnd, Json(queue.Ledger(Start.AddHours(2))));
        Assert.Equal(stored, Json(queue.ToState()));
        Assert.Equal(Start.AddMinutes(3), queue.Ledger(Start.AddHours(2)).At);
        var loaded = new FloorQueue();
        loaded.Load(queue.ToState());
        loaded.SetPresence(Latecomer);
        Assert.Equal(atEnd, Json(loaded.Ledger(Start.AddDays(1))));
        Assert.Equal(Json(queue.Targets()), Json(loaded.Targets()));
    }

    [Fact]
    public void A_queue_stored_ended_without_its_targets_counts_only_who_waited_or_spoke()
    {
        var state = Ended().ToState();
        state.TargetsAtEnd = null;

        var loaded = new FloorQueue();
        loaded.Load(state);
        loaded.SetPresence(Latecomer);

        var ledger = loaded.Ledger(Now);
        Assert.Equal(["civilSociety", "technicalAcademic"], Keys(ledger.ByGroup));
        Assert.Equal(["africa", "asiaPacific"], Keys(ledger.ByRegion));
        Assert.Equal(["female", "undisclosed"], Keys(ledger.ByGender));
    }

    [Fact]
    public void A_floor_never_used_stores_no_targets_and_shows_none_once_ended()
    {
        var queue = new FloorQueue();
        queue.SetPresence(Following("privateSector", "easternEurope", "male"));
        Assert.Equal(["privateSector"], Keys(queue.Ledger(Start).ByGroup));

        queue.CloseWithSession(Start.AddMinutes(1));
        queue.SetPresence(Latecomer);

        var ledger = queue.Ledger(Now);
        Assert.Null(queue.ToState().TargetsAtEnd);
        Assert.Empty(ledger.ByGroup);
        Assert.Empty(ledger.ByRegion);
        Assert.Empty(ledger.ByGender);
    }

    [Fact]
    public void Everyones_position_is_their_place_in_the_order()
    {
        var queue = Busy();

        var order = queue.Order(Now);
        var entries = order.Select(id => queue.Find(id)!).ToList();

        Assert.Equal(queue.Waiting, order.Count);
        Assert.Equal(Enumerable.Range(1, order.Count), queue.Queue(Now).Select(e => e.Position));
        Assert.Equal(order, queue.Queue(Now).Select(e => e.EntryId));
        Assert.Equal(order.Take(FloorLimits.HeadSize), queue.Head(Now).Select(e => e.EntryId));
        Assert.Equal(order[0], queue.Suggest(Now)!.Candidate.EntryId);
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            Assert.Equal(EntryStatus.Waiting, entry.Status);
            Assert.Equal(i + 1, queue.ViewFor(entry, Now).Position);
            var mine = queue.MineOf(entry, Now);
            Assert.Equal((entry.EntryId, i + 1, queue.Waiting, false), (mine.EntryId, mine.Position, mine.Waiting, mine.Speaking));
            if (entry.ParticipantId is { } participant)
            {
                Assert.Equal(mine, queue.Mine(participant, Now));
            }
        }
    }

    [Fact]
    public void The_speaker_has_no_position_and_whoever_no_longer_waits_has_no_entry_of_their_own()
    {
        var queue = Busy();

        var speaking = queue.Mine(Dara.ParticipantId, Now)!;
        var spoke = queue.Find(1)!;

        Assert.True(speaking.Speaking);
        Assert.Equal(0, speaking.Position);
        Assert.Equal(queue.Current!.Entry.EntryId, speaking.EntryId);
        Assert.Null(queue.Mine(Bruno.ParticipantId, Now));
        Assert.Null(queue.Mine("p-nobody", Now));
        Assert.Equal(0, queue.MineOf(spoke, Now).Position);
        Assert.Equal(0, queue.ViewFor(spoke, Now).Position);
    }
}
