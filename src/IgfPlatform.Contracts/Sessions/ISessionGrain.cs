using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using Orleans.Concurrency;

namespace IgfPlatform.Contracts.Sessions;

/// <summary>
/// A forum session, keyed by its id. The single writer of the session's history: it numbers every
/// event, keeps the recent ones for resync, and delivers them to one relay per server.
/// Every command names the person acting and is checked here against the roles the grains hold.
/// </summary>
[Alias("igf.ISessionGrain")]
public interface ISessionGrain : ILiveFeedGrain, Privacy.IHoldsPersonalData
{
    [Alias("Create")]
    Task<SessionDetails> Create(string organizerId, SessionDraft draft);

    [Alias("Update")]
    Task<SessionDetails> Update(string organizerId, SessionDraft draft);

    [Alias("Schedule")]
    Task<SessionDetails> Schedule(string organizerId);

    [Alias("SetModerators")]
    Task<SessionDetails> SetModerators(string organizerId, IReadOnlyList<string> participantIds);

    [Alias("Start")]
    Task<SessionDetails> Start(string moderatorId);

    [Alias("End")]
    Task<SessionDetails> End(string moderatorId);

    [Alias("SetAgenda")]
    Task<IReadOnlyList<AgendaItem>> SetAgenda(string moderatorId, IReadOnlyList<AgendaItem> items);

    [Alias("SetCurrentItem")]
    Task SetCurrentItem(string moderatorId, string? itemId);

    /// <summary>Inserts an item before <paramref name="beforeItemId"/>, or at the end when null.</summary>
    [Alias("AddAgendaItem")]
    Task<IReadOnlyList<AgendaItem>> AddAgendaItem(string moderatorId, AgendaItem item, string? beforeItemId);

    [Alias("RemoveAgendaItem")]
    Task<IReadOnlyList<AgendaItem>> RemoveAgendaItem(string moderatorId, string itemId);

    [Alias("MoveAgendaItem")]
    Task<IReadOnlyList<AgendaItem>> MoveAgendaItem(string moderatorId, string itemId, int toIndex);

    /// <summary>Extends or shortens an item.</summary>
    [Alias("SetItemMinutes")]
    Task<IReadOnlyList<AgendaItem>> SetItemMinutes(string moderatorId, string itemId, int minutes);

    /// <summary>Passes over an item; when it is the current one, no item is current until the next is set.</summary>
    [Alias("SkipItem")]
    Task SkipItem(string moderatorId, string itemId);

    [Alias("GetTimeline")]
    Task<AgendaTimeline> GetTimeline();

    /// <summary>Who among the moderators is committed elsewhere at the same time (organizers).</summary>
    [Alias("GetRoleClashes")]
    Task<IReadOnlyList<RoleClash>> GetRoleClashes(string organizerId);

    /// <summary>One server's count of the session's followers; counts not renewed within the lease expire.</summary>
    [Alias("ReportPresence")]
    Task ReportPresence(string serverId, Presence.PresenceCounts counts);

    /// <summary>
    /// Records the events of one change of the session's question board, speaking queue or proceedings in
    /// the session's history (they store first, then record), in order and as one batch: followers receive
    /// the change in one message. Only their event types are accepted, all or none. Interleaves: it only
    /// appends, so the session may call those grains while they record.
    /// </summary>
    [Alias("RecordEvents")]
    [AlwaysInterleave]
    Task RecordEvents(IReadOnlyList<Live.FeedChange> changes);

    /// <summary>Who follows the session now, counted.</summary>
    [Alias("GetPresence")]
    [AlwaysInterleave]
    Task<Presence.PresenceCounts> GetPresence();

    /// <summary>The session, or null when it does not exist.</summary>
    [Alias("GetDetails")]
    Task<SessionDetails?> GetDetails();

    [Alias("GetAgenda")]
    Task<IReadOnlyList<AgendaItem>> GetAgenda();

    /// <summary>Whether the person may moderate this session now.</summary>
    [Alias("IsModerator")]
    Task<bool> IsModerator(string participantId);

    [Alias("GetSnapshot")]
    Task<SessionSnapshot> GetSnapshot();

    /// <summary>The events after <paramref name="lastSeq"/>, or a snapshot when they cannot be given.</summary>
    [Alias("Resync")]
    Task<ResyncResult> Resync(long epoch, long lastSeq);

    /// <summary>The session as planned and as held, with its peak attendance: what its proceedings are built from.</summary>
    [Alias("GetHistory")]
    Task<SessionHistory> GetHistory();

    /// <summary>Moves an ended session to published (its proceedings grain calls this after publishing).</summary>
    [Alias("MarkPublished")]
    Task MarkPublished();
}

/// <summary>The session calendar: one grain that lists every session.</summary>
[Alias("igf.ISessionCatalogGrain")]
public interface ISessionCatalogGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Upsert")]
    Task Upsert(SessionSummary summary);

    [Alias("List")]
    Task<IReadOnlyList<SessionSummary>> List(SessionQuery query);

    [Alias("Count")]
    Task<int> Count();
}
