using IgfPlatform.Contracts.Presence;
using IgfPlatform.Grains.Presence;

namespace IgfPlatform.Domain.Tests.Presence;

/// <summary><see cref="SessionPresence"/>: the sum of the servers' latest reports, handed out once per change.</summary>
public sealed class SessionPresenceTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Lease = Now + PresenceLimits.ServerLease;

    /// <summary>Counts of <paramref name="total"/> followers: all registered civil society from Africa, one in the room.</summary>
    private static PresenceCounts Followers(int total, string group = "civilSociety") => new(
        total, total, 0, Math.Min(1, total), total - Math.Min(1, total),
        new Dictionary<string, int> { [group] = total },
        new Dictionary<string, int> { ["africa"] = total },
        new Dictionary<string, int> { ["female"] = total });

    private static void AssertTotals(int total, PresenceCounts? counts)
    {
        Assert.NotNull(counts);
        Assert.Equal(total, counts.Total);
        Assert.Equal(total, counts.Registered);
        Assert.Equal(total, counts.ByRegion.GetValueOrDefault("africa"));
    }

    [Fact]
    public void Nothing_reported_is_nothing_to_push()
    {
        var presence = new SessionPresence();

        Assert.False(presence.HasServers);
        Assert.Null(presence.TakeChange());
        Assert.True(presence.Pushed.SameAs(PresenceCounts.Empty));
    }

    [Fact]
    public void The_servers_reports_are_summed_and_the_change_is_handed_out_once()
    {
        var presence = new SessionPresence();

        presence.Report("server-a", Followers(3), Lease);
        presence.Report("server-b", Followers(2, "government"), Lease);
        var change = presence.TakeChange();

        AssertTotals(5, change);
        Assert.Equal(3, change!.ByGroup["civilSociety"]);
        Assert.Equal(2, change.ByGroup["government"]);
        Assert.Equal(2, change.InRoom);
        Assert.True(presence.HasServers);
        Assert.Same(change, presence.Pushed);
        Assert.Null(presence.TakeChange());
    }

    [Fact]
    public void A_new_report_replaces_the_servers_previous_one()
    {
        var presence = new SessionPresence();
        presence.Report("server-a", Followers(3), Lease);
        presence.Report("server-a", Followers(7), Lease);
        presence.Report("server-b", Followers(1), Lease);

        AssertTotals(8, presence.TakeChange());
    }

    [Fact]
    public void Many_reports_between_pushes_give_one_change_with_the_latest_sum()
    {
        var presence = new SessionPresence();

        for (var i = 1; i <= 200; i++)
        {
            presence.Report(i % 2 == 0 ? "server-a" : "server-b", Followers(i), Lease);
        }

        AssertTotals(199 + 200, presence.TakeChange());
        Assert.Null(presence.TakeChange());
    }

    [Fact]
    public void A_heartbeat_with_the_same_figures_is_no_change()
    {
        var presence = new SessionPresence();
        presence.Report("server-a", Followers(3), Lease);
        presence.Report("server-b", Followers(2), Lease);
        var pushed = presence.TakeChange();

        presence.Report("server-a", Followers(3), Lease.AddSeconds(10));
        presence.Report("server-b", Followers(2), Lease.AddSeconds(10));

        Assert.Null(presence.TakeChange());
        Assert.Same(pushed, presence.Pushed);
    }

    [Fact]
    public void A_change_undone_before_the_push_is_no_change()
    {
        var presence = new SessionPresence();
        presence.Report("server-a", Followers(3), Lease);
        presence.TakeChange();

        presence.Report("server-a", Followers(4), Lease);
        presence.Report("server-a", Followers(3), Lease);

        Assert.Null(presence.TakeChange());
        AssertTotals(3, presence.Pushed);
    }

    [Fact]
    public void A_servers_zero_report_removes_its_share()
    {
        var presence = new SessionPresence();
        presence.Report("server-a", Followers(3), Lease);
        presence.Report("server-b", Followers(2), Lease);
        presence.TakeChange();

        presence.Report("server-b", PresenceCounts.Empty, Lease);
        AssertTotals(3, presence.TakeChange());
        Assert.True(presence.HasServers);

        presence.Report("server-a", Followers(0), Lease);
        var none = presence.TakeChange();
        Assert.NotNull(none);
        Assert.True(none.SameAs(PresenceCounts.Empty));
        Assert.False(presence.HasServers);
    }

    [Fact]
    public void A_zero_report_from_an_unknown_server_changes_nothing()
    {
        var presence = new SessionPresence();

        presence.Report("server-a", PresenceCounts.Empty, Lease);

        Assert.False(presence.HasServers);
        Assert.Null(presence.TakeChange());
    }

    [Fact]
    public void Expire_drops_the_servers_whose_lease_ran_out_and_only_those()
    {
        var presence = new SessionPresence();
        presence.Report("server-a", Followers(3), Lease);
        presence.Report("server-b", Followers(2), Lease.AddSeconds(20));
        presence.TakeChange();

        presence.Expire(Lease.AddSeconds(-1));
        Assert.Null(presence.TakeChange());

        // At the moment the lease runs out, the server no longer counts.
        presence.Expire(Lease);
        AssertTotals(2, presence.TakeChange());
        Assert.True(presence.HasServers);

        presence.Expire(Lease.AddSeconds(20));
        var none = presence.TakeChange();
        Assert.NotNull(none);
        Assert.Equal(0, none.Total);
        Assert.False(presence.HasServers);
    }

    [Fact]
    public void A_report_renews_the_servers_lease()
    {
        var presence = new SessionPresence();
        presence.Report("server-a", Followers(3), Lease);
        presence.TakeChange();

        presence.Report("server-a", Followers(3), Lease + PresenceLimits.Heartbeat);
        presence.Expire(Lease.AddSeconds(1));

        Assert.Null(presence.TakeChange());
        Assert.True(presence.HasServers);
        AssertTotals(3, presence.Pushed);
    }

    [Fact]
    public void Expire_with_nothing_expired_keeps_a_pending_change()
    {
        var presence = new SessionPresence();
        presence.Report("server-a", Followers(3), Lease);

        presence.Expire(Now);

        AssertTotals(3, presence.TakeChange());
    }
}
