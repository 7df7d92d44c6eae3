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

    public AccountState Copy() => new() { ParticipantId = ParticipantId, PasswordHash = PasswordHash };
}

/// <summary>An e-mail address's account: the one place that decides whether the address is taken.</summary>
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Table)] IPersistentState<AccountState> state,
    ILogger<AccountGrain> logger)
    : Grain, IAccountGrain
{
    public async Task<ParticipantProfile> Register(ParticipantProfile profile, string passwordHash)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        if (state.State.ParticipantId is not null)
        {
            throw ForumException.Conflict("An account with this e-mail address already exists.");
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
}
