using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;

namespace IgfPlatform.Client.Live;

/// <summary>How the speaking queue's events change what a client shows, including its own position.</summary>
public static class FloorReducer
{
    public static SessionSnapshot Apply(SessionSnapshot state, object data)
    {
        var floor = state.Floor;
        var mine = state.MyFloorEntry;
        switch (data)
        {
            case QueueChanged q:
                floor = floor is null ? null : floor with { Open = q.Open, Waiting = q.Waiting, Order = q.Order, Head = q.Head };
                if (mine is { Speaking: false } && q.Closed.FirstOrDefault(c => c.EntryId == mine.EntryId) is { } closed)
                {
                    // Given the floor: speakerChanged (recorded first) already said so; otherwise it is gone.
                    mine = closed.Outcome == FloorOutcomes.Spoke && floor?.Current?.EntryId == mine.EntryId ? mine with { Speaking = true, Position = 0 } : null;
                }

                return state with { Floor = floor, MyFloorEntry = mine is { Speaking: false } ? Place(mine, floor) : mine };
            case SpeakerChanged s:
                floor = floor is null ? null : floor with { Current = s.Current };
                if (mine is not null && s.Current?.EntryId == mine.EntryId)
                {
                    mine = mine with { Speaking = true, Position = 0 };
                }
                else if (mine is { Speaking: true })
                {
                    mine = null;
                }

                return state with { Floor = floor, MyFloorEntry = mine };
            case FloorLedgerChanged l:
                return state with { Floor = floor is null ? null : floor with { Ledger = l.Ledger } };
            default:
                return state;
        }
    }

    /// <summary>The entry with its position in the line as last pushed (unchanged when the line does not hold it yet).</summary>
    public static MyFloorEntry Place(MyFloorEntry entry, FloorView? floor)
    {
        if (entry.Speaking || floor is null)
        {
            return entry;
        }

        var index = IndexOf(floor.Order, entry.EntryId);
        return index < 0 ? entry : entry with { Position = index + 1, Waiting = floor.Order.Count };
    }

    private static int IndexOf(IReadOnlyList<long> order, long id)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
