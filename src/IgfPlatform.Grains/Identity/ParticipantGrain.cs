using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace IgfPlatform.Grains.Identity;

[GenerateSerializer]
[Alias("igf.ParticipantState")]
public sealed class ParticipantState : ICopyableState<ParticipantState>
{
    [Id(0)]
    public ParticipantProfile? Profile { get; set; }

    /// <summary>The sessions the person moderates, with their times, to warn of clashes.</summary>
    [Id(1)]
    public Dictionary<string, Moderation> Moderations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Signed-in devices by sign-in id (entries are immutable: a renewal replaces its entry).</summary>
    [Id(2)]
    public Dictionary<string, SignInEntry> SignIns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The grains that may hold the person's data (for export and erasure).</summary>
    [Id(3)]
    public HashSet<DataFootprint> Footprints { get; set; } = [];

    /// <summary>Set when an erasure started; cleared with everything else when it completes.</summary>
    [Id(4)]
    public DateTimeOffset? ErasureStartedAt { get; set; }

    public ParticipantState Copy() => new()
    {
        Profile = Profile,
        Moderations = new(Moderations, StringComparer.Ordinal),
        SignIns = new(SignIns, StringComparer.Ordinal),
        Footprints = [.. Footprints],
        ErasureStartedAt = ErasureStartedAt,
    };
}

/// <summary>
/// One sign-in's chain of refresh tokens: only hashes are kept, the current one and those already used
/// (to recognize a replay).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SignInEntry")]
public sealed record SignInEntry(
    [property: Id(0)] string CurrentHash,
    [property: Id(1)] IReadOnlyList<string> UsedHashes,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset LastRenewedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] int Renewals);

/// <summary>A registered person: profile and platform roles.</summary>
public sealed class ParticipantGrain(
    [PersistentState("participant", StorageNames.Table)] IPersistentState<ParticipantState> state,
    TimeProvider time,
    ILogger<ParticipantGrain> logger)
    : Grain, IParticipantGrain
{
    /// <summary>Sign-ins kept at once; the oldest goes when a new one would pass it.</summary>
    public const int MaxSignIns = 50;

    /// <summary>Used refresh tokens remembered per sign-in to recognize a replay.</summary>
    public const int UsedHashesKept = 16;

    public async Task<ParticipantProfile> Create(ParticipantProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.ParticipantId != this.GetPrimaryKeyString())
        {
            throw ForumException.Invalid("participantId", "The profile belongs to another participant.");
        }

        if (state.State.Profile is { } existing)
        {
            // A repeated registration of the same person (same e-mail) is answered with what exists.
            return existing.Email == profile.Email
                ? existing
                : throw ForumException.Conflict("This participant already exists.");
        }

        await Store(profile with { Roles = NormalizeRoles(profile.Roles) });
        return state.State.Profile!;
    }

    public Task<ParticipantProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<bool> IsOrganizer() =>
        Task.FromResult(state.State.Profile?.Roles.Contains(Roles.Organizer, StringComparer.Ordinal) == true);

    public async Task<ParticipantProfile> SetOrganizer(bool organizer)
    {
        var profile = state.State.Profile ?? throw ForumException.NotFound("There is no such participant.");
        var roles = profile.Roles.Where(r => r != Roles.Organizer).ToList();
        if (organizer)
        {
            roles.Add(Roles.Organizer);
        }

        await Store(profile with { Roles = NormalizeRoles(roles) });
        return state.State.Profile!;
    }

    public Task SetModeration(Moderation moderation)
    {
        ArgumentNullException.ThrowIfNull(moderation);
        return state.State.Moderations.TryGetValue(moderation.SessionId, out var known) && known == moderation
            ? Task.CompletedTask
            : state.Apply(s => s.Moderations[moderation.SessionId] = moderation);
    }

    public Task RemoveModeration(string sessionId) =>
        state.State.Moderations.ContainsKey(sessionId) ? state.Apply(s => s.Moderations.Remove(sessionId)) : Task.CompletedTask;

    public Task<IReadOnlyList<Moderation>> GetModerations() =>
        Task.FromResult<IReadOnlyList<Moderation>>(state.State.Moderations.Values.OrderBy(m => m.StartsAt).ToList());

    public async Task StartSignIn(string signInId, string refreshHash, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(signInId);
        ArgumentException.ThrowIfNullOrEmpty(refreshHash);
        if (state.State.Profile is null)
        {
            throw ForumException.NotFound("There is no such participant.");
        }

        var now = time.GetUtcNow();
        await state.Apply(s =>
        {
            Prune(s, now);
            foreach (var oldest in s.SignIns.OrderBy(e => e.Value.LastRenewedAt).Take(Math.Max(0, s.SignIns.Count - MaxSignIns + 1)).Select(e => e.Key).ToList())
            {
                s.SignIns.Remove(oldest);
            }

            s.SignIns[signInId] = new SignInEntry(refreshHash, [], now, now, expiresAt, 0);
        });
    }

    public async Task<RenewalOutcome> RenewSignIn(string signInId, string presentedHash, string nextHash, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(nextHash);
        var now = time.GetUtcNow();
        if (state.State.Profile is null || !state.State.SignIns.TryGetValue(signInId, out var entry))
        {
            return RenewalOutcome.Unknown;
        }

        if (entry.ExpiresAt <= now)
        {
            await state.Apply(s => s.SignIns.Remove(signInId));
            return RenewalOutcome.Expired;
        }

        if (entry.CurrentHash != presentedHash)
        {
            if (!entry.UsedHashes.Contains(presentedHash, StringComparer.Ordinal))
            {
                return RenewalOutcome.Unknown;
            }

            // A used token again: someone holds a copy. End the sign-in for both, and close its connections.
            await state.Apply(s => s.SignIns.Remove(signInId));
            await SignedOut(signInId);
            return RenewalOutcome.Replayed;
        }

        var used = entry.UsedHashes.Append(entry.CurrentHash).TakeLast(UsedHashesKept).ToList();
        await state.Apply(s => s.SignIns[signInId] = new SignInEntry(nextHash, used, entry.StartedAt, now, expiresAt, entry.Renewals + 1));
        return RenewalOutcome.Renewed;
    }

    public async Task EndSignIn(string signInId)
    {
        if (state.State.SignIns.ContainsKey(signInId))
        {
            await state.Apply(s => s.SignIns.Remove(signInId));
        }

        await SignedOut(signInId);
    }

    public async Task EndAllSignIns()
    {
        if (state.State.SignIns.Count > 0)
        {
            await state.Apply(s => s.SignIns.Clear());
        }

        await SignedOut(null);
    }

    // An access token lives only as long as its sign-in: ending the sign-in (or all of them) refuses it at once.
    public Task<bool> AcceptsToken(string signInId) =>
        Task.FromResult(state.State.Profile is not null
            && state.State.SignIns.TryGetValue(signInId, out var entry)
            && entry.ExpiresAt > time.GetUtcNow());

    public Task<IReadOnlyList<SignInRecord>> GetSignIns() =>
        Task.FromResult<IReadOnlyList<SignInRecord>>(state.State.SignIns
            .Select(e => new SignInRecord(e.Key, e.Value.StartedAt, e.Value.LastRenewedAt, e.Value.ExpiresAt, e.Value.Renewals))
            .OrderBy(r => r.StartedAt)
            .ToList());

    public Task RecordFootprint(DataFootprint footprint)
    {
        ArgumentNullException.ThrowIfNull(footprint);

        // Without a profile there is nobody to find the data for (an erased or unknown participant).
        return state.State.Profile is null || state.State.Footprints.Contains(footprint)
            ? Task.CompletedTask
            : state.Apply(s => s.Footprints.Add(footprint));
    }

    public Task<IReadOnlyList<DataFootprint>> GetFootprints() =>
        Task.FromResult<IReadOnlyList<DataFootprint>>([.. state.State.Footprints.OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Key, StringComparer.Ordinal)]);

    public async Task<IReadOnlyList<DataFootprint>> BeginErasure()
    {
        if (state.State.Profile is not null && state.State.ErasureStartedAt is null)
        {
            await state.Apply(s => s.ErasureStartedAt = time.GetUtcNow());
        }

        await EndAllSignIns();
        return await GetFootprints();
    }

    public async Task CompleteErasure()
    {
        if (state.State.Profile is not null || state.State.SignIns.Count > 0 || state.State.Footprints.Count > 0 || state.State.Moderations.Count > 0)
        {
            await state.ClearStateAsync();
            state.State = new ParticipantState();
        }

        logger.LogInformation("Participant {ParticipantId} was erased", this.GetPrimaryKeyString());
    }

    private static void Prune(ParticipantState s, DateTimeOffset now)
    {
        foreach (var expired in s.SignIns.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
        {
            s.SignIns.Remove(expired);
        }
    }

    // Every server hears it and closes the connections of the ended sign-ins. The end is already stored:
    // if this fails, a connection's next call is refused all the same (SignInHubFilter).
    private async Task SignedOut(string? signInId)
    {
        try
        {
            await GrainFactory.GetGrain<IFeedGrain>(LiveFeeds.Accounts)
                .Record([new FeedChange(LiveFeeds.SignedOutEvent, new SignedOut(this.GetPrimaryKeyString(), signInId))]);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not tell the servers that sign-ins of {ParticipantId} ended", this.GetPrimaryKeyString());
        }
    }

    private Task Store(ParticipantProfile profile) => state.Apply(s => s.Profile = profile);

    private static List<string> NormalizeRoles(IEnumerable<string>? roles) =>
        (roles ?? []).Append(Roles.Participant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
