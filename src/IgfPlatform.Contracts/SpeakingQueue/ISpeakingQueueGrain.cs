using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Contracts.SpeakingQueue;

/// <summary>
/// A session's speaking queue, keyed by the session id: requests for the floor, the balanced
/// suggestion, speeches and the balance ledger. Changes are stored before they are acknowledged
/// and reach clients through the session's history (<c>queueChanged</c>, <c>speakerChanged</c>,
/// <c>floorLedgerChanged</c>).
/// </summary>
[Alias("igf.ISpeakingQueueGrain")]
public interface ISpeakingQueueGrain : Privacy.IHoldsPersonalData
{
    /// <summary>
    /// Asks for the floor; one waiting entry per participant. The same <paramref name="clientRequestId"/>
    /// again returns the same entry. A reply answers the current (or last) speech.
    /// </summary>
    [Alias("RequestFloor")]
    Task<MyFloorEntry> RequestFloor(string participantId, string clientRequestId, FloorKind kind, string? note, RemoteHub? hub, bool inRoom);

    [Alias("WithdrawFloor")]
    Task WithdrawFloor(string participantId, long entryId);

    /// <summary>A moderator puts someone in the queue (in the room without the app, or a remote hub).</summary>
    [Alias("AddEntry")]
    Task<FloorEntry> AddEntry(string moderatorId, string clientRequestId, FloorEntryDraft draft);

    /// <summary>A moderator takes a request out of the queue; the reason is kept and shown in the ledger.</summary>
    [Alias("DismissEntry")]
    Task DismissEntry(string moderatorId, long entryId, string reason);

    /// <summary>The balanced suggestion for the next speaker with its reasons; null when nobody waits.</summary>
    [Alias("SuggestNextSpeaker")]
    Task<FloorSuggestion?> SuggestNextSpeaker(string moderatorId);

    /// <summary>
    /// Gives the floor to an entry (ending any running speech). A reason is required when the entry
    /// is not the current suggestion; it is kept and shown in the ledger.
    /// </summary>
    [Alias("GiveFloor")]
    Task<Speech> GiveFloor(string moderatorId, long entryId, string? reason);

    [Alias("EndSpeech")]
    Task<Speech> EndSpeech(string moderatorId);

    [Alias("SetQueueOpen")]
    Task SetQueueOpen(string moderatorId, bool open);

    /// <summary>Organizers set the allotted times, targets and budgets of the session.</summary>
    [Alias("SetSettings")]
    Task<FloorSettings> SetSettings(string organizerId, FloorSettings settings);

    [Alias("GetView")]
    Task<FloorView> GetView();

    /// <summary>The participant's waiting (or speaking) entry, or null.</summary>
    [Alias("GetMine")]
    Task<MyFloorEntry?> GetMine(string participantId);

    /// <summary>Every waiting entry in order, with who they are, for the session's moderators.</summary>
    [Alias("GetQueue")]
    Task<IReadOnlyList<FloorEntry>> GetQueue(string moderatorId);

    [Alias("GetFigures")]
    Task<FloorFigures> GetFigures();

    /// <summary>Every speech with its speaker's number in the session (the same person, the same number) and region and declared gender.</summary>
    [Alias("GetSpeechesOnRecord")]
    Task<IReadOnlyList<SpeechOnRecord>> GetSpeechesOnRecord();

    /// <summary>The session ended: the running speech ends with it and the queue closes. Returns the final ledger.</summary>
    [Alias("CloseWithSession")]
    Task<FloorLedger> CloseWithSession(DateTimeOffset endedAt);
}
