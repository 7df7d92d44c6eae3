namespace IgfPlatform.Contracts.Live;

/// <summary>
/// One per server (silo): receives a session's events from its single writer and hands them to the
/// local SignalR group. Returns as soon as the batch is queued, never after client sends, so one
/// slow client cannot slow a session.
/// </summary>
[Alias("igf.ISessionRelay")]
public interface ISessionRelay : IGrainObserver
{
    [Alias("Deliver")]
    Task Deliver(EventBatch batch);
}
