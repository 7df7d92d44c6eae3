using IgfPlatform.Grains.Tests.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using static IgfPlatform.Grains.Tests.SpeakingQueue.Floor;

namespace IgfPlatform.Grains.Tests.SpeakingQueue;

/// <summary>Only the session's moderators run the queue, checked on every call; dismissals keep their reason.</summary>
[Collection(FloorCollection.Name)]
public sealed class FloorModeratorTests(ShiftedClockClusterFixture fixture)
{
    private Task<FloorScenario> Live() => FloorScenario.Create(fixture);

    [Fact]
    public async Task Only_the_sessions_moderators_run_the_queue()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.CivilSociety);
        var participant = await s.Person(StakeholderGroup.Government);
        var entry = await s.Request(asker);
        var before = await s.Standing();
        var commands = new (string Name, Func<string, Task> Run)[]
        {
            ("SuggestNextSpeaker", id => s.Queue.SuggestNextSpeaker(id)),
            ("GiveFloor", id => s.Queue.GiveFloor(id, entry.EntryId, "I say so")),
            ("EndSpeech", id => s.Queue.EndSpeech(id)),
            ("SetQueueOpen", id => s.Queue.SetQueueOpen(id, false)),
            ("GetQueue", id => s.Queue.GetQueue(id)),
            ("DismissEntry", id => s.Queue.DismissEntry(id, entry.EntryId, "Off topic")),
            ("AddEntry", id => s.Queue.AddEntry(id, "add-1", new FloorEntryDraft("Someone", StakeholderGroup.Government, Region.Africa, null, FloorKind.Intervention, true))),
        };

        foreach (var (name, run) in commands)
        {
            foreach (var who in new[] { participant.ParticipantId, asker.ParticipantId, s.OrganizerId, Forum.NewId("p") })
            {
                var ex = await Record.ExceptionAsync(() => run(who));
                Assert.True(ex is ForumException { Kind: ForumErrorKind.Forbidden }, $"{name} by a non-moderator: {ex?.Message ?? "accepted"}");
            }

            await Refused(() => run(string.Empty), ForumErrorKind.Unauthenticated);
        }

        Assert.Equal(before, await s.Standing());
        Assert.True((await s.Queue.GetView()).Open);
        Assert.Equal(entry.EntryId, (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!.Entry.EntryId);
    }

    [Fact]
    public async Task A_moderator_removed_from_the_session_is_refused_on_the_very_next_call()
    {
        using var s = await Live();
        var asker = await s.Person(StakeholderGroup.CivilSociety);
        var successor = await s.Person(StakeholderGroup.TechnicalAcademic);
        var entry = await s.Request(asker);
        Assert.Single(await s.Queue.GetQueue(s.ModeratorId));
        Assert.Equal(entry.EntryId, (await s.Queue.SuggestNextSpeaker(s.ModeratorId))!.Entry.EntryId);

        await s.Session.Grain.SetModerators(s.OrganizerId, [successor.ParticipantId]);

        await Refused(() => s.Queue.GetQueue(s.ModeratorId), ForumErrorKind.Forbidden);
        await Refused(() => s.Queue.GiveFloor(s.ModeratorId, entry.EntryId, null), ForumErrorKind.Forbidden);
        await Refused(() => s.Queue.SuggestNextSpeaker(s.ModeratorId), ForumErrorKind.Forbidden);
        Assert.Null((await s.Queue.GetView()).Current);
        var speech = await s.Queue.GiveFloor(successor.ParticipantId, entry.EntryId, null);
        Assert.Equal(entry.EntryId, speech.EntryId);
        await Refused(() => s.Queue.EndSpeech(s.ModeratorId), ForumErrorKind.Forbidden);
        Assert.Equal(speech.SpeechId, (await s.Queue.GetView()).Current!.SpeechId);
    }

    [Fact]
    public async Task A_dismissed_entry_leaves_the_queue_with_its_reason_in_the_ledger()
    {
        using var s = await Live();
        var kept = await s.Person(StakeholderGroup.Government);
        var dismissed = await s.Person(StakeholderGroup.PrivateSector);
        var a = await s.Request(kept);
        var b = await s.Request(dismissed);

        await Refused(() => s.Queue.DismissEntry(s.ModeratorId, b.EntryId, "   "), ForumErrorKind.Invalid);
        await Refused(() => s.Queue.DismissEntry(s.ModeratorId, b.EntryId, new string('r', FloorLimits.MaxReasonLength + 1)), ForumErrorKind.Invalid);
        await Refused(() => s.Queue.DismissEntry(s.ModeratorId, 999_999, "Not here"), ForumErrorKind.NotFound);
        Assert.Equal([a.EntryId, b.EntryId], (await s.Queue.GetView()).Order);

        await s.Queue.DismissEntry(s.ModeratorId, b.EntryId, "  Asked three times already  ");

        var view = await s.Queue.GetView();
        Assert.Equal([a.EntryId], view.Order);
        Assert.Null(await s.Queue.GetMine(dismissed.ParticipantId));
        var dismissal = Assert.Single(view.Ledger.Dismissals);
        Assert.Equal(
            (b.EntryId, s.Session.Moderator.DisplayName, StakeholderGroup.PrivateSector, "Asked three times already"),
            (dismissal.EntryId, dismissal.ModeratorName, dismissal.Group, dismissal.Reason));
        Assert.Equal(Forum.Json(view.Ledger.Dismissals), Forum.Json((await s.Queue.GetFigures()).Ledger.Dismissals));
        await Refused(() => s.Queue.DismissEntry(s.ModeratorId, b.EntryId, "Again"), ForumErrorKind.Conflict);

        // Dismissed, the participant may ask again.
        var again = await s.Request(dismissed);
        Assert.Equal([a.EntryId, again.EntryId], (await s.Queue.GetView()).Order);
    }
}
