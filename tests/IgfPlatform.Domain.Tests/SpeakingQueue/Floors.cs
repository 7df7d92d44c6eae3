using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.SpeakingQueue;

namespace IgfPlatform.Domain.Tests.SpeakingQueue;

/// <summary>People who ask for the floor, and the queue driven the way the grain drives it (prepare, then apply).</summary>
public static class Floors
{
    public static readonly DateTimeOffset Start = Situations.Start;

    public const string ModeratorId = "p-moderator";

    public const string ModeratorName = "Mona Moderator";

    public static readonly ParticipantProfile Amina = Person("p-amina", "Amina Diallo", StakeholderGroup.CivilSociety, Region.Africa, Gender.Female);

    public static readonly ParticipantProfile Bruno = Person("p-bruno", "Bruno Keller", StakeholderGroup.Government, Region.WesternEuropeOthers, Gender.Male);

    public static readonly ParticipantProfile Chen = Person("p-chen", "Chen Wei", StakeholderGroup.TechnicalAcademic, Region.AsiaPacific, null);

    public static readonly ParticipantProfile Dara = Person("p-dara", "Dara Costa", StakeholderGroup.PrivateSector, Region.LatinAmericaCaribbean, Gender.NonBinary);

    public static readonly ParticipantProfile Elena = Person("p-elena", "Elena Petrova", StakeholderGroup.Government, Region.EasternEurope, Gender.Female);

    private static int _requests;

    public static ParticipantProfile Person(string id, string name, StakeholderGroup group, Region region, Gender? gender) =>
        new(id, $"{id}@test.igf.example", name, group, region, gender, null, null, [], Start);

    public static ForumException Refused(Action action, ForumErrorKind kind)
    {
        var ex = Assert.Throws<ForumException>(action);
        Assert.Equal(kind, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }

    public static string NewRequestId() => $"req-{Interlocked.Increment(ref _requests)}";

    /// <summary>A participant's request, prepared and put in the queue.</summary>
    public static FloorEntryRecord Request(
        this FloorQueue queue, ParticipantProfile who, DateTimeOffset at, FloorKind kind = FloorKind.Intervention,
        string? note = null, RemoteHub? hub = null, bool inRoom = true)
    {
        var entry = queue.PrepareRequest(who, NewRequestId(), kind, note, hub, inRoom, at);
        queue.Add(entry);
        return entry;
    }

    /// <summary>Someone a moderator adds (in the room without the app, or a remote hub).</summary>
    public static FloorEntryRecord AddByModerator(this FloorQueue queue, FloorEntryDraft draft, DateTimeOffset at)
    {
        var entry = queue.PrepareAdd(ModeratorId, NewRequestId(), draft, at);
        queue.Add(entry);
        return entry;
    }

    /// <summary>Gives the floor (a reason is needed unless it is the suggestion) and returns the speech started.</summary>
    public static SpeechRecord GiveFloor(this FloorQueue queue, long entryId, DateTimeOffset at, string? reason = null)
    {
        var speech = queue.PrepareGive(ModeratorId, ModeratorName, entryId, reason, at);
        queue.Give(speech);
        return speech;
    }

    public static FloorEntryRecord Withdraw(this FloorQueue queue, FloorEntryRecord entry, DateTimeOffset at)
    {
        var closed = queue.PrepareWithdraw(entry.ParticipantId!, entry.EntryId, at);
        queue.Close(closed);
        return closed;
    }

    public static FloorEntryRecord Dismiss(this FloorQueue queue, long entryId, string reason, DateTimeOffset at)
    {
        var closed = queue.PrepareDismiss(ModeratorId, ModeratorName, entryId, reason, at);
        queue.Close(closed);
        return closed;
    }
}
