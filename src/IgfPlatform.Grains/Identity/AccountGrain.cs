using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace IgfPlatform.Grains.Identity;

[GenerateSerializer]
[Alias("igf.AccountState")]
public sealed class AccountState : ICopyableState<AccountState>
{
    [Id(0)]
    public string? ParticipantId { get; set; }

    [Id(1)]
    public string? PasswordHash { get; set; }

    /// <summary>Failed sign-ins in a row since the last success or lock.</summary>
    [Id(2)]
    public int FailedSignIns { get; set; }

    [Id(3)]
    public DateTimeOffset? LockedUntil { get; set; }

    public AccountState Copy() => new()
    {
        ParticipantId = ParticipantId,
        PasswordHash = PasswordHash,
        FailedSignIns = FailedSignIns,
        LockedUntil = LockedUntil,
    };
}

/// <summary>An e-mail address's account: the one place that decides whether the address is taken.</summary>
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Table)] IPersistentState<AccountState> state,
    ILogger<AccountGrain> logger,
    TimeProvider time)
    : Grain, IAccountGrain
{
    // An address without an account counts failures here, never in storage (no rows for guessed
    // addresses); it lives as long as the activation, which idles out after about the lockout.
    private readonly AccountState _unknown = new();

    private bool Exists => state.State.ParticipantId is not null;

    public async Task<ParticipantProfile> Register(ParticipantProfile profile, string passwordHash)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        if (state.State.ParticipantId is { } holder)
        {
            // An erasure stopped between forgetting the person and freeing the address leaves the address
            // to a participant who no longer exists: it is free.
            if (await GrainFactory.GetGrain<IParticipantGrain>(holder).GetProfile() is not null)
            {
                throw ForumException.Conflict("An account with this e-mail address already exists.");
            }

            await Erase(holder);
        }

        // The participant is created first: if storing the account then fails, the address stays
        // free and the orphan participant holds nothing anyone can sign in to.
        var created = await GrainFactory.GetGrain<IParticipantGrain>(profile.ParticipantId).Create(profile);
        await state.Apply(s =>
        {
            s.ParticipantId = created.ParticipantId;
            s.PasswordHash = passwordHash;
        });

        try
        {
            await GrainFactory.GetGrain<IStakeholderGroupGrain>(WireNames.Name(created.StakeholderGroup)).Join(created.ParticipantId, created.Region, created.Gender);
        }
        catch (Exception ex)
        {
            // The account stands; the group's member count misses one until the member is counted again.
            logger.LogWarning(ex, "Could not count participant {ParticipantId} in their stakeholder group", created.ParticipantId);
        }

        return created;
    }

    public Task<AccountCredentials?> GetCredentials() =>
        Task.FromResult(state.State is { ParticipantId: { } id, PasswordHash: { } hash }
            ? new AccountCredentials(id, hash)
            : null);

    public async Task UpdatePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        if (state.State.ParticipantId is null)
        {
            throw ForumException.NotFound("There is no account with this e-mail address.");
        }

        await state.Apply(s => s.PasswordHash = passwordHash);
    }

    public Task<DateTimeOffset?> GetLockedUntil()
    {
        var lockout = Exists ? state.State : _unknown;
        return Task.FromResult(lockout.LockedUntil is { } until && until > time.GetUtcNow() ? until : (DateTimeOffset?)null);
    }

    public async Task<DateTimeOffset?> RecordFailedSignIn(int threshold, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var lockout = (Exists ? state.State : _unknown).Copy();
        if (lockout.LockedUntil is { } until && until > now)
        {
            return until;
        }

        lockout.LockedUntil = null;
        lockout.FailedSignIns++;
        if (lockout.FailedSignIns >= threshold)
        {
            lockout.FailedSignIns = 0;
            lockout.LockedUntil = now + duration;
            logger.LogWarning("Sign-in locked until {LockedUntil} after {Threshold} failures", lockout.LockedUntil, threshold);
        }

        await Keep(lockout);
        return lockout.LockedUntil;
    }

    public async Task RecordSuccessfulSignIn()
    {
        var lockout = Exists ? state.State : _unknown;
        if (lockout.FailedSignIns != 0 || lockout.LockedUntil is not null)
        {
            await Keep(new AccountState());
        }
    }

    public async Task Erase(string participantId)
    {
        if (state.State.ParticipantId == participantId)
        {
            await state.ClearStateAsync();
            state.State = new AccountState();
        }
    }

    private async Task Keep(AccountState lockout)
    {
        if (Exists)
        {
            await state.Apply(s =>
            {
                s.FailedSignIns = lockout.FailedSignIns;
                s.LockedUntil = lockout.LockedUntil;
            });
        }
        else
        {
            _unknown.FailedSignIns = lockout.FailedSignIns;
            _unknown.LockedUntil = lockout.LockedUntil;
        }
    }
}
