using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>An overrunning speech adds to its group's floor time: the line, the positions and the suggestion follow it.</summary>
public sealed class FloorQueueOverrunTests
{
    private static readonly DateTimeOffset T = Floors.Start;

    [Fact]
    public void The_order_and_the_suggestion_agree_while_a_speech_overruns()
    {
        var queue = new FloorQueue();
        var first = queue.Request(Floors.Bruno, T);
        queue.GiveFloor(first.EntryId, T);
        queue.EndCurrent(T.AddSeconds(300));
        var speaking = queue.Request(Floors.Amina, T.AddSeconds(300));
        queue.GiveFloor(speaking.EntryId, T.AddSeconds(300));
        var civil = queue.Request(Floors.Person("p-kofi", "Kofi Mensah", StakeholderGroup.CivilSociety, Region.Africa, Gender.Male), T.AddSeconds(301));
        var government = queue.Request(Floors.Elena, T.AddSeconds(302));

        Assert.Equal([civil.EntryId, government.EntryId], queue.Order(T.AddSeconds(310)));
        Assert.Equal(1, queue.PositionOf(civil.EntryId, T.AddSeconds(310)));

        // Civil society's speech runs on for twenty minutes: government is now further below its share.
        var late = T.AddSeconds(1500);
        Assert.Equal(government.EntryId, queue.Suggest(late)!.Candidate.EntryId);
        Assert.Equal([government.EntryId, civil.EntryId], queue.Order(late));
        Assert.Equal(1, queue.PositionOf(government.EntryId, late));
        Assert.Null(queue.PrepareGive(Floors.ModeratorId, Floors.ModeratorName, government.EntryId, null, late).OverrideReason);
    }

    [Fact]
    public void A_fourth_reply_to_a_speech_waits_and_speaks_as_an_intervention()
    {
        var queue = new FloorQueue();
        var speech = queue.GiveFloor(queue.Request(Floors.Bruno, T).EntryId, T);
        var repliers = Enumerable.Range(0, FloorLimits.MaxRepliesPerSpeech + 1)
            .Select(i => queue.Request(Floors.Person($"p-r{i}", $"Replier {i}", StakeholderGroup.CivilSociety, Region.Africa, Gender.Female), T.AddSeconds(10 + i), FloorKind.Reply))
            .ToList();

        var given = new List<SpeechRecord>();
        for (var i = 0; i < repliers.Count; i++)
        {
            var next = queue.Suggest(T.AddMinutes(5 + i))!;
            given.Add(queue.GiveFloor(next.Candidate.EntryId, T.AddMinutes(5 + i)));
        }

        Assert.All(given.Take(FloorLimits.MaxRepliesPerSpeech), s => Assert.True(s.AnswersSpeech));
        Assert.All(given.Take(FloorLimits.MaxRepliesPerSpeech), s => Assert.Equal(FloorLimits.DefaultReplySeconds, s.AllottedSeconds));
        var fourth = given[^1];
        Assert.False(fourth.AnswersSpeech);
        Assert.Equal(FloorLimits.DefaultAllottedSeconds, fourth.AllottedSeconds);
        Assert.Equal(fourth.SpeechId, queue.AnsweredSpeechId);
        Assert.NotEqual(speech.SpeechId, queue.AnsweredSpeechId);
    }
}
