using System.Text.Json;
using Bogus;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Tests.Live;

namespace IgfPlatform.Grains.Tests;

/// <summary>Realistic people, sessions and agendas, made through the grain interfaces as the server does.</summary>
public static class Forum
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly string[] Subjects =
    [
        "critical Internet resources", "spam", "cybersecurity", "interconnection costs", "internationalized domain names",
        "privacy and data protection", "consumer protection", "capacity building", "affordable access",
    ];

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>What a client compares: the public JSON shape (records holding lists compare by reference otherwise).</summary>
    public static string Json(object? value) => JsonSerializer.Serialize(value, ForumJson.Options);

    /// <summary>
    /// A snapshot without its timeline, whose expectations move with the clock (upcoming items start
    /// "now" while nothing is current), for comparing what is stored before and after a command.
    /// </summary>
    public static SessionSnapshot Timeless(SessionSnapshot snapshot) => snapshot with { Timeline = null! };

    public static ParticipantProfile Profile(string? participantId = null, string? email = null)
    {
        var faker = new Faker();
        return new ParticipantProfile(
            participantId ?? NewId("p"),
            email ?? $"{Guid.NewGuid():N}@test.igf.example",
            faker.Name.FullName(),
            faker.PickRandom<StakeholderGroup>(),
            faker.PickRandom<Region>(),
            faker.PickRandom<Gender>(),
            faker.Company.CompanyName(),
            faker.Address.Country(),
            [],
            DateTimeOffset.UtcNow);
    }

    /// <summary>Registers a person through their account, as sign-up does.</summary>
    public static async Task<ParticipantProfile> Register(IGrainFactory grains, bool organizer = false)
    {
        var profile = Profile();
        var created = await grains.GetGrain<IAccountGrain>(profile.Email).Register(profile, "hash:" + Guid.NewGuid());
        return organizer ? await grains.GetGrain<IParticipantGrain>(created.ParticipantId).SetOrganizer(true) : created;
    }

    public static SessionDraft Draft(
        string? topic = null, SessionType? type = null, DateTimeOffset? startsAt = null, int durationMinutes = 90)
    {
        var faker = new Faker();
        var subject = faker.PickRandom(Subjects);
        return new SessionDraft(
            $"{faker.PickRandom("Workshop", "Open Forum", "Town Hall")}: {faker.Hacker.Verb()} {subject} together",
            new Dictionary<string, string> { ["fr"] = $"Atelier : {subject}" },
            type ?? faker.PickRandom<SessionType>(),
            [topic ?? "critical-internet-resources"],
            startsAt ?? DateTimeOffset.UtcNow.AddDays(1),
            durationMinutes,
            $"How the stakeholder groups approach {subject}.");
    }

    public static AgendaItem Item(string id = "")
    {
        var faker = new Faker();
        return new AgendaItem(
            id, $"{faker.Hacker.IngVerb()} {faker.PickRandom(Subjects)}", faker.Random.Int(5, 30), [faker.Name.FullName(), faker.Name.FullName()]);
    }

    public static IReadOnlyList<AgendaItem> Agenda(int count) => Enumerable.Range(0, count).Select(_ => Item()).ToList();

    public static async Task<T> Within<T>(this Task<T> task) => await task.WaitAsync(Timeout);

    public static async Task Within(this Task task) => await task.WaitAsync(Timeout);
}

/// <summary>A session with its organizer and its moderator, brought to the status a test needs.</summary>
public sealed class SessionScenario
{
    private SessionScenario(IGrainFactory grains, string sessionId, ParticipantProfile organizer, ParticipantProfile moderator)
    {
        SessionId = sessionId;
        Organizer = organizer;
        Moderator = moderator;
        Grain = grains.GetGrain<ISessionGrain>(sessionId);
    }

    public string SessionId { get; }

    public ParticipantProfile Organizer { get; }

    public ParticipantProfile Moderator { get; }

    public string OrganizerId => Organizer.ParticipantId;

    public string ModeratorId => Moderator.ParticipantId;

    public ISessionGrain Grain { get; }

    public IReadOnlyList<AgendaItem> Agenda { get; private set; } = [];

    /// <summary>Creates a session (with a moderator, but not moderator of it yet when <paramref name="status"/> is Draft).</summary>
    public static async Task<SessionScenario> Create(
        IGrainFactory grains, SessionStatus status = SessionStatus.Live, int agendaItems = 3, SessionDraft? draft = null)
    {
        var organizer = await Forum.Register(grains, organizer: true);
        var moderator = await Forum.Register(grains);
        var scenario = new SessionScenario(grains, Forum.NewId("s"), organizer, moderator);
        await scenario.Grain.Create(scenario.OrganizerId, draft ?? Forum.Draft());
        await scenario.Grain.SetModerators(scenario.OrganizerId, [scenario.ModeratorId]);
        if (agendaItems > 0)
        {
            scenario.Agenda = await scenario.Grain.SetAgenda(scenario.ModeratorId, Forum.Agenda(agendaItems));
        }

        if (status >= SessionStatus.Scheduled)
        {
            await scenario.Grain.Schedule(scenario.OrganizerId);
        }

        if (status >= SessionStatus.Live)
        {
            await scenario.Grain.Start(scenario.ModeratorId);
        }

        if (status >= SessionStatus.Ended)
        {
            await scenario.Grain.End(scenario.ModeratorId);
        }

        return scenario;
    }

    /// <summary>
    /// Runs a command and returns the events it led to, as <paramref name="relay"/> (attached to the
    /// session) received them; none when the command changed nothing.
    /// </summary>
    public async Task<IReadOnlyList<SessionEvent>> EventsOf(TestRelay relay, Func<Task> command)
    {
        var before = await Grain.GetSnapshot();
        await command();
        var after = await Grain.GetSnapshot();
        Assert.Equal(before.Epoch, after.Epoch);
        if (after.Seq > before.Seq)
        {
            await relay.WaitFor(after.Epoch, after.Seq);
        }

        return relay.Batches.Where(b => b.Epoch == after.Epoch).SelectMany(b => b.Events)
            .Where(e => e.Seq > before.Seq && e.Seq <= after.Seq).ToList();
    }

    /// <summary>Everything stored about the session, as clients see it, to compare before and after a refused command.</summary>
    public async Task<string> Stored()
    {
        var details = await Grain.GetDetails();
        var agenda = await Grain.GetAgenda();
        var snapshot = Forum.Timeless(await Grain.GetSnapshot());
        return Forum.Json(new { details, agenda, snapshot });
    }
}
