using IgfPlatform.Contracts.Privacy;

namespace IgfPlatform.Grains.SpeakingQueue;

/// <summary>
/// What a speaking queue keeps of an erased person: their requests and speeches stay (the session's record
/// and its figures are built from them) under the handle the proceedings give them ("Speaker N", or
/// <see cref="FormerParticipant.Name"/> when they never spoke); their id, name and notes go. Where they
/// moderated, their id and name are replaced the same way.
/// </summary>
public static class FloorErasure
{
    public static SpeakingQueueState Erase(SpeakingQueueState state, string participantId, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = state.Entries.Where(e => Owns(e, participantId)).Select(e => e.EntryId)
            .Concat(state.Speeches.Where(s => Owns(s.Entry, participantId)).Select(s => s.Entry.EntryId))
            .ToList();

        // One pseudonymous id for all the person's entries, so that they stay one speaker (as numbered on the record).
        var pseudonym = own.Count == 0 ? null : $"{FormerParticipant.Id}:{own.Min()}";
        var handle = Handle(state, participantId);

        FloorEntryRecord Entry(FloorEntryRecord e)
        {
            if (Owns(e, participantId))
            {
                e = e with { ParticipantId = pseudonym, Name = handle, Note = null, ClientRequestId = "erased-" + e.EntryId };
            }

            if (e.AddedBy == participantId)
            {
                e = e with { AddedBy = FormerParticipant.Id, ClientRequestId = "erased-" + e.EntryId };
            }

            if (e.ClosedBy is { } by && (by == participantId || (displayName is not null && by == displayName)))
            {
                e = e with { ClosedBy = by == participantId ? pseudonym ?? FormerParticipant.Id : FormerParticipant.Name };
            }

            return e;
        }

        return new SpeakingQueueState
        {
            Open = state.Open,
            Settings = state.Settings,
            LastEntryId = state.LastEntryId,
            ClosedWithSessionAt = state.ClosedWithSessionAt,
            TargetsAtEnd = state.TargetsAtEnd,
            Entries = [.. state.Entries.Select(Entry)],
            Speeches = [.. state.Speeches.Select(s =>
            {
                var speech = s with { Entry = Entry(s.Entry) };
                return speech.ModeratorId == participantId
                    ? speech with { ModeratorId = FormerParticipant.Id, ModeratorName = FormerParticipant.Name }
                    : speech;
            })],
        };
    }

    /// <summary>Whether the person's id or name is anywhere in the state (what erasure must leave false).</summary>
    public static bool Holds(SpeakingQueueState state, string participantId) =>
        state.Entries.Concat(state.Speeches.Select(s => s.Entry)).Any(e => e.ParticipantId == participantId || e.AddedBy == participantId || e.ClosedBy == participantId)
        || state.Speeches.Any(s => s.ModeratorId == participantId);

    private static bool Owns(FloorEntryRecord e, string participantId) => e.ParticipantId == participantId && e.AddedBy is null;

    // The number the proceedings give the person: speakers are numbered by their first speech.
    private static string Handle(SpeakingQueueState state, string participantId)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in state.Speeches)
        {
            var who = s.Entry.ParticipantId is { } p && s.Entry.AddedBy is null ? "p:" + p : "e:" + s.Entry.EntryId;
            numbers.TryAdd(who, numbers.Count + 1);
        }

        return numbers.TryGetValue("p:" + participantId, out var number) ? $"Speaker {number}" : FormerParticipant.Name;
    }
}
