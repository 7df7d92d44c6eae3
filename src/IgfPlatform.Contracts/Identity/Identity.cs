using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Contracts.Identity;

/// <summary>What a person declares when registering (password excluded: it never enters a grain).</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.ParticipantProfile")]
public sealed record ParticipantProfile(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] StakeholderGroup StakeholderGroup,
    [property: Id(4)] Region Region,
    [property: Id(5)] Gender? Gender,
    [property: Id(6)] string? Organization,
    [property: Id(7)] string? Country,
    [property: Id(8)] IReadOnlyList<string> Roles,
    [property: Id(9)] DateTimeOffset RegisteredAt);

/// <summary>What the account grain keeps to check a sign-in.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.AccountCredentials")]
public sealed record AccountCredentials(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string PasswordHash);

/// <summary>
/// The result of a registration, a sign-in or a renewal: a short-lived access token and the refresh token
/// that renews it (used once: each renewal gives a new one).
/// </summary>
public sealed record AuthResult(
    string ParticipantId,
    string Token,
    IReadOnlyList<string> Roles,
    DateTimeOffset ExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshExpiresAt);

/// <summary>One signed-in device or browser: a chain of refresh tokens, each used once.</summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SignInRecord")]
public sealed record SignInRecord(
    [property: Id(0)] string SignInId,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset LastRenewedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] int Renewals);

/// <summary>
/// Told to every server (the <c>accounts</c> feed) when sign-ins end: the server closes the person's
/// connections of that sign-in (all of them when <see cref="SignInId"/> is null).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("igf.SignedOut")]
public sealed record SignedOut(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string? SignInId);

/// <summary>Why a refresh token was refused (the caller says the same to everyone: sign in again).</summary>
public enum RenewalOutcome
{
    Renewed,
    Unknown,
    Expired,

    /// <summary>A token already used was presented again: the whole sign-in is ended, as it may be stolen.</summary>
    Replayed,
}

/// <summary>
/// One account per e-mail address, keyed by the normalized address, so that a second registration
/// of the same address is refused by a single writer.
/// </summary>
[Alias("igf.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account and its participant; refused when the address is taken.</summary>
    [Alias("Register")]
    Task<ParticipantProfile> Register(ParticipantProfile profile, string passwordHash);

    [Alias("GetCredentials")]
    Task<AccountCredentials?> GetCredentials();

    [Alias("UpdatePasswordHash")]
    Task UpdatePasswordHash(string passwordHash);

    /// <summary>Until when sign-in to this address is refused; null when it is not locked.</summary>
    [Alias("GetLockedUntil")]
    Task<DateTimeOffset?> GetLockedUntil();

    /// <summary>
    /// Counts a failed sign-in; the <paramref name="threshold"/>-th in a row locks the address for
    /// <paramref name="duration"/> and returns until when (null while not locked). An address without an
    /// account counts the same way, in memory only, so that locking says nothing about whether it exists.
    /// </summary>
    [Alias("RecordFailedSignIn")]
    Task<DateTimeOffset?> RecordFailedSignIn(int threshold, TimeSpan duration);

    /// <summary>A successful sign-in starts the count of failures again.</summary>
    [Alias("RecordSuccessfulSignIn")]
    Task RecordSuccessfulSignIn();

    /// <summary>Frees the address when it belongs to <paramref name="participantId"/> (the person was erased).</summary>
    [Alias("Erase")]
    Task Erase(string participantId);
}

/// <summary>A registered person, keyed by participant id.</summary>
[Alias("igf.IParticipantGrain")]
public interface IParticipantGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<ParticipantProfile> Create(ParticipantProfile profile);

    [Alias("GetProfile")]
    Task<ParticipantProfile?> GetProfile();

    [Alias("IsOrganizer")]
    Task<bool> IsOrganizer();

    /// <summary>Grants or withdraws the organizer role (done by the platform's operators and demo setup).</summary>
    [Alias("SetOrganizer")]
    Task<ParticipantProfile> SetOrganizer(bool organizer);

    /// <summary>Records that the person moderates a session at a time (kept by the session).</summary>
    [Alias("SetModeration")]
    Task SetModeration(Sessions.Moderation moderation);

    [Alias("RemoveModeration")]
    Task RemoveModeration(string sessionId);

    [Alias("GetModerations")]
    Task<IReadOnlyList<Sessions.Moderation>> GetModerations();

    /// <summary>Starts a sign-in whose first refresh token hashes to <paramref name="refreshHash"/>.</summary>
    [Alias("StartSignIn")]
    Task StartSignIn(string signInId, string refreshHash, DateTimeOffset expiresAt);

    /// <summary>
    /// Exchanges the refresh token hashing to <paramref name="presentedHash"/> for the next one. A token
    /// presented a second time ends the sign-in (it was copied: only the thief or the owner can be first).
    /// </summary>
    [Alias("RenewSignIn")]
    Task<RenewalOutcome> RenewSignIn(string signInId, string presentedHash, string nextHash, DateTimeOffset expiresAt);

    [Alias("EndSignIn")]
    Task EndSignIn(string signInId);

    /// <summary>Ends every sign-in: their tokens stop working on every server and their connections close.</summary>
    [Alias("EndAllSignIns")]
    Task EndAllSignIns();

    /// <summary>Whether access tokens of this sign-in still stand (it was not ended and has not expired).</summary>
    [Alias("AcceptsToken")]
    [Orleans.Concurrency.ReadOnly]
    Task<bool> AcceptsToken(string signInId);

    [Alias("GetSignIns")]
    Task<IReadOnlyList<SignInRecord>> GetSignIns();

    /// <summary>Notes a grain that is about to hold this person's data (again is the same).</summary>
    [Alias("RecordFootprint")]
    Task RecordFootprint(Privacy.DataFootprint footprint);

    /// <summary>Every grain that may hold this person's data.</summary>
    [Alias("GetFootprints")]
    Task<IReadOnlyList<Privacy.DataFootprint>> GetFootprints();

    /// <summary>
    /// Starts erasing the person: every sign-in ends (connections close on every server) and the footprints
    /// are returned for the caller to erase. Signing in again stays possible until <see cref="CompleteErasure"/>,
    /// so that an erasure stopped midway can be asked for again and finished.
    /// </summary>
    [Alias("BeginErasure")]
    Task<IReadOnlyList<Privacy.DataFootprint>> BeginErasure();

    /// <summary>Forgets the person: profile, moderations, sign-ins and footprints (again is the same).</summary>
    [Alias("CompleteErasure")]
    Task CompleteErasure();
}

/// <summary>Limits on identity input, stated in the docs.</summary>
public static class IdentityLimits
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;
    public const int MaxDisplayNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxOrganizationLength = 200;
    public const int MaxCountryLength = 100;
}
