using IgfPlatform.Contracts.Identity;
using IgfPlatform.Grains.Identity;

namespace IgfPlatform.Grains.Tests.Identity;

[Collection(ClusterCollection.Name)]
public sealed class AccountLockoutTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(15);
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task The_threshold_th_failure_in_a_row_locks_the_account_for_the_duration()
    {
        var account = await Registered();

        Assert.Null(await account.RecordFailedSignIn(3, Long));
        Assert.Null(await account.RecordFailedSignIn(3, Long));
        Assert.Null(await account.GetLockedUntil());
        var before = DateTimeOffset.UtcNow;
        var until = await account.RecordFailedSignIn(3, Long);

        Assert.NotNull(until);
        Assert.InRange(until.Value, before + Long - TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow + Long);
        Assert.Equal(until, await account.GetLockedUntil());

        // Failing again while locked does not push the lock further.
        Assert.Equal(until, await account.RecordFailedSignIn(3, Long));
    }

    [Fact]
    public async Task A_success_starts_the_count_again()
    {
        var account = await Registered();
        await account.RecordFailedSignIn(3, Long);
        await account.RecordFailedSignIn(3, Long);

        await account.RecordSuccessfulSignIn();

        Assert.Null(await account.RecordFailedSignIn(3, Long));
        Assert.Null(await account.RecordFailedSignIn(3, Long));
        Assert.NotNull(await account.RecordFailedSignIn(3, Long));
    }

    [Fact]
    public void The_stored_state_copies_the_lockout_so_a_failed_write_is_undone_whole()
    {
        var state = new AccountState { ParticipantId = "p-1", PasswordHash = "pbkdf2:x", FailedSignIns = 3, LockedUntil = DateTimeOffset.UnixEpoch };

        var copy = state.Copy();

        Assert.Equal(3, copy.FailedSignIns);
        Assert.Equal(DateTimeOffset.UnixEpoch, copy.LockedUntil);
        Assert.Equal("p-1", copy.ParticipantId);
        Assert.Equal("pbkdf2:x", copy.PasswordHash);
    }

    [Fact]
    public async Task The_lock_ends_by_itself_and_the_count_starts_again()
    {
        var account = await Registered();
        var shortLock = TimeSpan.FromSeconds(1);
        var until = await account.RecordFailedSignIn(1, shortLock);
        Assert.NotNull(until);

        // The lock ends with time alone: there is no event to await.
        while (await account.GetLockedUntil() is not null)
        {
            Assert.True(DateTimeOffset.UtcNow < until.Value + TimeSpan.FromSeconds(30), "The lock did not end.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Null(await account.RecordFailedSignIn(2, shortLock));
    }

    [Fact]
    public async Task An_unknown_address_locks_alike_and_gets_no_account()
    {
        var account = _grains.GetGrain<IAccountGrain>($"{Guid.NewGuid():N}@test.igf.example");

        Assert.Null(await account.RecordFailedSignIn(2, Long));
        Assert.NotNull(await account.RecordFailedSignIn(2, Long));
        Assert.NotNull(await account.GetLockedUntil());
        Assert.Null(await account.GetCredentials());
    }

    [Fact]
    public async Task Nonsense_settings_are_refused()
    {
        var account = await Registered();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => account.RecordFailedSignIn(0, Long));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => account.RecordFailedSignIn(3, TimeSpan.Zero));
        Assert.Null(await account.GetLockedUntil());
    }

    private async Task<IAccountGrain> Registered()
    {
        var profile = Forum.Profile();
        var account = _grains.GetGrain<IAccountGrain>(profile.Email);
        await account.Register(profile, "pbkdf2:first");
        return account;
    }
}
