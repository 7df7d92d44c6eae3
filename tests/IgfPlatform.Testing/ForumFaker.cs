using Bogus;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Testing;

/// <summary>Realistic forum data for tests: people of every group and region, agendas, sessions.</summary>
public static class ForumFaker
{
    public const string Password = "Test-Password-2026";

    private static readonly string[] Subjects =
    [
        "critical Internet resources", "spam", "cybersecurity", "interconnection costs", "internationalized domain names",
        "privacy and data protection", "consumer protection", "capacity building", "affordable access",
    ];

    public static Registration Person(Faker? faker = null)
    {
        faker ??= new Faker();
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        return new Registration(
            $"{Guid.NewGuid():N}@test.igf.example", Password, $"{first} {last}",
            faker.PickRandom<StakeholderGroup>(), faker.PickRandom<Region>(), faker.PickRandom<Gender>(),
            faker.Company.CompanyName(), faker.Address.Country());
    }

    public static NewSession Session(Faker? faker = null, SessionType? type = null)
    {
        faker ??= new Faker();
        var subject = faker.PickRandom(Subjects);
        return new NewSession(
            null, $"{faker.PickRandom("Workshop", "Open Forum", "Town Hall")}: {faker.Hacker.Verb()} {subject} together",
            type ?? faker.PickRandom<SessionType>(), ["critical-internet-resources"], DateTimeOffset.UtcNow.AddHours(1), 90,
            $"How the stakeholder groups approach {subject}.");
    }

    public static AgendaItem Item(Faker? faker = null, string id = "")
    {
        faker ??= new Faker();
        return new AgendaItem(id, $"{faker.Hacker.IngVerb()} {faker.PickRandom(Subjects)}", faker.Random.Int(5, 30),
            [faker.Name.FullName(), faker.Name.FullName()]);
    }
}
