using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;

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

    public ParticipantState Copy() => new() { Profile = Profile, Moderations = new(Moderations, StringComparer.Ordinal) };
}

/// <summary>A registered person: profile and platform roles.</summary>
public sealed class ParticipantGrain(
    [PersistentState("participant", StorageNames.Table)] IPersistentState<ParticipantState> state)
    : Grain, IParticipantGrain
{
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

    private Task Store(ParticipantProfile profile) => state.Apply(s => s.Profile = profile);

    private static List<string> NormalizeRoles(IEnumerable<string>? roles) =>
        (roles ?? []).Append(Roles.Participant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
