using Bogus;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Demo;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Identity;
using IgfPlatform.Server.Proceedings;
using Microsoft.Extensions.Options;

namespace IgfPlatform.Server.Demo;

public static class DemoDataHosting
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoSettings>().BindConfiguration(DemoSettings.Section).ValidateOnStart();
        if (builder.Configuration.GetValue<bool>($"{DemoSettings.Section}:{nameof(DemoSettings.Seed)}"))
        {
            builder.Services.AddHostedService<DemoDataSeeder>();
        }

        return builder;
    }
}

/// <summary>The demo sign-ins that ./run.sh prints.</summary>
public static class DemoAccounts
{
    public const string OrganizerEmail = "organizer@demo.igf.example";
    public const string ModeratorEmail = "moderator@demo.igf.example";
    public const string Password = "IgfDemo!2026";
    public const int Participants = 200;
    public const string LiveSessionId = "main-session-critical-internet-resources";
}

/// <summary>
/// Makes a realistic demo forum from a fixed seed on first start, through the same grains and rules
/// as real use, and never again once it was made. Safe to resume after an interrupted first start.
/// </summary>
public sealed class DemoDataSeeder(
    IGrainFactory grains,
    AccountService accounts,
    IOptions<DemoSettings> settings,
    TimeProvider time,
    ArchiveIndexRefresher archive,
    StartupGate gate,
    ILogger<DemoDataSeeder> logger) : StartupTask(gate, logger)
{
    protected override string Name => "demo data";

    protected override async Task Run(CancellationToken cancellationToken)
    {
        var marker = grains.GetGrain<IDemoDataGrain>(IDemoDataGrain.Key);
        if (await marker.GetSeededAt() is not null)
        {
            return;
        }

        var seed = settings.Value.RandomSeed;
        var faker = new Faker { Random = new Randomizer(seed) };
        var hash = accounts.HashPassword(DemoAccounts.Password);

        var organizer = await Register(new RegisterRequest(
            DemoAccounts.OrganizerEmail, DemoAccounts.Password, "IGF Secretariat (demo organizer)", StakeholderGroup.IntergovernmentalOrganization,
            Region.WesternEuropeOthers, Gender.Undisclosed, "IGF Secretariat", "Switzerland"), hash);
        await grains.GetGrain<IParticipantGrain>(organizer).SetOrganizer(true);
        var moderator = await Register(new RegisterRequest(
            DemoAccounts.ModeratorEmail, DemoAccounts.Password, "Amina Diallo", StakeholderGroup.CivilSociety,
            Region.Africa, Gender.Female, "West Africa Internet Governance Forum", "Senegal"), hash);

        var people = DemoPeople.Make(faker, DemoAccounts.Participants);
        var participantIds = new List<string>();
        foreach (var chunk in people.Chunk(16))
        {
            participantIds.AddRange(await Task.WhenAll(chunk.Select(p => Register(p, hash))));
        }

        var now = time.GetUtcNow();
        foreach (var plan in DemoSessions.Plans)
        {
            await MakeSession(plan, organizer, moderator, faker, now);
        }

        await AskDemoQuestions(moderator, participantIds, faker);
        await OpenDemoFloor(moderator, participantIds);
        await PublishDemoProceedings(moderator);

        // Ready means the archive shows what was just published, not after the next periodic reading.
        await archive.RefreshNow(cancellationToken);
        await marker.MarkSeeded(seed);
        logger.LogInformation("Demo data made: {Sessions} sessions, {People} participants", DemoSessions.Plans.Count, people.Count + 2);
    }

    private async Task<string> Register(RegisterRequest request, string hash)
    {
        var existing = await grains.GetGrain<IAccountGrain>(AccountService.NormalizeEmail(request.Email!)).GetCredentials();
        return existing?.ParticipantId ?? (await accounts.RegisterWithHash(request, hash)).ParticipantId;
    }

    private async Task MakeSession(DemoSessionPlan plan, string organizer, string moderator, Faker faker, DateTimeOffset now)
    {
        var session = grains.GetGrain<ISessionGrain>(plan.Id);
        var startsAt = RoundToQuarter(now + plan.StartsIn);
        var agenda = plan.Items.Select((title, i) => new AgendaItem(
            $"item-{i + 1}", title, faker.PickRandom(10, 15, 20, 25), faker.Make(faker.Random.Int(1, 3), () => faker.Name.FullName()).ToList())).ToList();
        if (await session.GetDetails() is not { } details)
        {
            details = await session.Create(organizer, new SessionDraft(
                plan.Title, plan.Titles, plan.Type, plan.Topics, startsAt, agenda.Sum(a => a.Minutes), plan.Description));
        }

        if (details.Moderators.Count == 0)
        {
            details = await session.SetModerators(organizer, plan.Status == SessionStatus.Live ? [moderator] : [moderator, organizer]);
            await session.SetAgenda(moderator, agenda);
        }

        if (plan.Status >= SessionStatus.Scheduled && details.Status == SessionStatus.Draft)
        {
            details = await session.Schedule(organizer);
        }

        if (plan.Status >= SessionStatus.Live && details.Status == SessionStatus.Scheduled)
        {
            details = await session.Start(moderator);

            // The live session has moved past its opening to its second item.
            await session.SetCurrentItem(moderator, agenda[0].Id);
            if (plan.Status == SessionStatus.Live)
            {
                await session.SetCurrentItem(moderator, agenda[1].Id);
            }
        }

        if (plan.Status >= SessionStatus.Ended && details.Status == SessionStatus.Live)
        {
            await session.End(moderator);
        }
    }

    /// <summary>The moderator writes and publishes the proceedings of three ended sessions (once).</summary>
    private async Task PublishDemoProceedings(string moderator)
    {
        foreach (var (sessionId, text) in DemoProceedings.Published)
        {
            var proceedings = grains.GetGrain<IProceedingsGrain>(sessionId);
            if ((await proceedings.GetVersions()).Count > 0)
            {
                continue;
            }

            var draft = await proceedings.GetDraft(moderator);
            await proceedings.SaveText(moderator, text, draft.Revision);
            await proceedings.Publish(moderator, null);
        }
    }

    /// <summary>Questions in the live session from people of several groups: answered, approved with votes, one awaiting review.</summary>
    private async Task AskDemoQuestions(string moderator, List<string> participantIds, Faker faker)
    {
        var board = grains.GetGrain<IQuestionBoardGrain>(DemoAccounts.LiveSessionId);
        if ((await board.GetFigures()).Asked > 0)
        {
            return;
        }

        var asked = new List<string>();
        for (var i = 0; i < DemoQuestions.Texts.Count; i++)
        {
            var result = await board.Ask(participantIds[i * 7 % participantIds.Count], $"demo-{i}", DemoQuestions.Texts[i], anonymous: i % 3 == 2);
            asked.Add(result.QuestionId);
        }

        foreach (var voter in participantIds.Take(60))
        {
            foreach (var question in asked.Where(_ => faker.Random.Bool(0.3f)))
            {
                await board.Upvote(voter, question);
            }
        }

        await board.MarkAnswered(moderator, asked[0]);
        await board.Highlight(moderator, asked[1]);
        await board.SetPreModeration(moderator, true);
        await board.Ask(participantIds[^1], "demo-pending", DemoQuestions.AwaitingReview, anonymous: false);
    }

    /// <summary>
    /// The live session's floor: one participant speaking, and a line of requests from several
    /// stakeholder groups, one of them a remote hub, one a reply to the speech.
    /// </summary>
    private async Task OpenDemoFloor(string moderator, List<string> participantIds)
    {
        var queue = grains.GetGrain<ISpeakingQueueGrain>(DemoAccounts.LiveSessionId);
        if ((await queue.GetFigures()).Speeches.Count > 0 || (await queue.GetView()).Waiting > 0)
        {
            return;
        }

        // One person per stakeholder group, from the first participants.
        var byGroup = new Dictionary<StakeholderGroup, string>();
        foreach (var id in participantIds.Take(60))
        {
            var profile = await grains.GetGrain<IParticipantGrain>(id).GetProfile();
            if (profile is not null)
            {
                byGroup.TryAdd(profile.StakeholderGroup, id);
            }
        }

        var people = byGroup.OrderBy(p => p.Key).Select(p => p.Value).ToList();
        var first = await queue.RequestFloor(people[0], "demo-floor-0", FloorKind.Intervention, "On root server instances in Africa", null, inRoom: true);
        await queue.GiveFloor(moderator, first.EntryId, null);
        for (var i = 1; i < people.Count; i++)
        {
            var (kind, note, hub) = i switch
            {
                1 => (FloorKind.Reply, "A short answer on the cost of anycast instances", (RemoteHub?)null),
                2 => (FloorKind.Intervention, "For the youth hub in Nairobi", new RemoteHub("Nairobi youth remote hub", 34)),
                _ => (FloorKind.Intervention, (string?)null, (RemoteHub?)null),
            };
            await queue.RequestFloor(people[i], $"demo-floor-{i}", kind, note, hub, inRoom: i % 2 == 0 && hub is null);
        }
    }

    private static DateTimeOffset RoundToQuarter(DateTimeOffset t) =>
        new(t.Year, t.Month, t.Day, t.Hour, t.Minute / 15 * 15, 0, TimeSpan.Zero);
}

/// <summary>Participants spread over the stakeholder groups, regions and genders, with names of their regions.</summary>
internal static class DemoPeople
{
    private static readonly Dictionary<Region, string[]> Locales = new()
    {
        [Region.Africa] = ["fr", "en", "ar", "af_ZA"],
        [Region.AsiaPacific] = ["zh_CN", "ja", "ko", "id_ID", "vi", "en_IND"],
        [Region.EasternEurope] = ["ru", "pl", "uk", "cz", "ro"],
        [Region.LatinAmericaCaribbean] = ["es", "pt_BR", "es_MX"],
        [Region.WesternEuropeOthers] = ["en", "de", "fr", "it", "nl", "sv"],
    };

    private static readonly Dictionary<Region, string[]> Countries = new()
    {
        [Region.Africa] = ["Senegal", "Kenya", "Nigeria", "Egypt", "South Africa", "Ghana", "Tunisia", "Rwanda"],
        [Region.AsiaPacific] = ["China", "India", "Japan", "Indonesia", "Viet Nam", "Fiji", "Bangladesh", "Republic of Korea"],
        [Region.EasternEurope] = ["Poland", "Ukraine", "Russian Federation", "Czechia", "Romania", "Georgia"],
        [Region.LatinAmericaCaribbean] = ["Brazil", "Mexico", "Argentina", "Colombia", "Jamaica", "Chile"],
        [Region.WesternEuropeOthers] = ["Germany", "France", "United Kingdom", "Canada", "Sweden", "Italy", "Australia"],
    };

    private static readonly Dictionary<StakeholderGroup, string[]> Organizations = new()
    {
        [StakeholderGroup.Government] = ["Ministry of Digital Economy", "National Communications Authority", "Ministry of Foreign Affairs"],
        [StakeholderGroup.PrivateSector] = ["Regional Telecom Operator", "Cloud Services Association", "Internet Exchange Operators Network"],
        [StakeholderGroup.CivilSociety] = ["Digital Rights Collective", "Community Networks Alliance", "Consumers International chapter"],
        [StakeholderGroup.IntergovernmentalOrganization] = ["Regional Economic Commission", "Intergovernmental Telecommunications Union office"],
        [StakeholderGroup.InternationalOrganization] = ["Regional Internet Registry", "Standards Development Organization"],
        [StakeholderGroup.TechnicalAcademic] = ["University Internet Research Lab", "National Research and Education Network", "Country-code TLD Registry"],
    };

    public static List<RegisterRequest> Make(Faker faker, int count)
    {
        var groups = Enum.GetValues<StakeholderGroup>();
        var regions = Enum.GetValues<Region>();
        var people = new List<RegisterRequest>(count);
        for (var i = 1; i <= count; i++)
        {
            // Every group and region is represented; gender is declared by most, not all.
            var group = i <= groups.Length ? groups[i - 1] : faker.PickRandom(groups);
            var region = i <= regions.Length ? regions[i - 1] : faker.PickRandom(regions);
            var gender = faker.Random.WeightedRandom<Gender?>(
                [Gender.Female, Gender.Male, Gender.NonBinary, Gender.Undisclosed, null], [0.44f, 0.42f, 0.03f, 0.06f, 0.05f]);
            var local = new Faker(faker.PickRandom(Locales[region])) { Random = faker.Random };
            var sex = gender == Gender.Male ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female;
            var name = $"{local.Name.FirstName(sex)} {local.Name.LastName(sex)}";
            people.Add(new RegisterRequest(
                $"participant{i:D3}@demo.igf.example", DemoAccounts.Password, name, group, region, gender,
                faker.PickRandom(Organizations[group]), faker.PickRandom(Countries[region])));
        }

        return people;
    }
}

/// <summary>What remote participants ask in the live demo session.</summary>
internal static class DemoQuestions
{
    public static IReadOnlyList<string> Texts { get; } =
    [
        "How can small island states host root server instances when international links are few and costly?",
        "Who should pay for the interconnection between local exchange points and the global transit providers?",
        "What is the plan for internationalized domain names in scripts that are not yet supported?",
        "How do regional Internet registries make sure the remaining IPv4 addresses reach developing regions?",
        "Could the panel say more about IPv6 adoption in least developed countries?",
        "What can governments do so that critical Internet resources stay resilient during natural disasters?",
        "How are civil society voices included when registries change their policies?",
        "Is there data on how much of local traffic stays local once an exchange point opens?",
    ];

    public const string AwaitingReview = "Will the recommendations of this session be shared with national IGFs in their languages?";
}

internal sealed record DemoSessionPlan(
    string Id,
    string Title,
    IReadOnlyDictionary<string, string> Titles,
    SessionType Type,
    SessionStatus Status,
    TimeSpan StartsIn,
    IReadOnlyList<string> Topics,
    string Description,
    IReadOnlyList<string> Items);

/// <summary>A dozen sessions of several types around the shipped topics: one live, some scheduled, some ended, two drafts.</summary>
internal static class DemoSessions
{
    private static readonly string[] PanelItems = ["Opening and framing", "Panel round", "Interventions from the floor and online", "Responses from the panel", "Key takeaways and closing"];

    public static IReadOnlyList<DemoSessionPlan> Plans { get; } =
    [
        new(DemoAccounts.LiveSessionId, "Main Session: Critical Internet resources for the next billion users",
            new Dictionary<string, string>
            {
                ["fr"] = "Session principale : les ressources critiques de l'Internet pour le prochain milliard d'usagers",
                ["es"] = "Sesión principal: los recursos críticos de Internet para los próximos mil millones de usuarios",
            },
            SessionType.MainSession, SessionStatus.Live, TimeSpan.FromMinutes(-20),
            [ShippedTopicSlugs.CriticalInternetResources, ShippedTopicSlugs.InterconnectionCosts],
            "How names, numbers and root servers can serve the regions that are coming online now (Tunis Agenda ¶72 j).",
            ["Opening and framing", "Names and numbers: where the next billion connect", "Root server anycast in the regions", "Interventions from the floor and online", "Key takeaways and closing"]),
        new("workshop-spam-across-borders", "Workshop: Fighting spam across borders",
            new Dictionary<string, string>(), SessionType.Workshop, SessionStatus.Scheduled, TimeSpan.FromDays(1) + TimeSpan.FromHours(2),
            [ShippedTopicSlugs.Spam, ShippedTopicSlugs.Cybersecurity],
            "What operators in developing countries have learnt about cooperation against spam (Tunis Agenda ¶41).", PanelItems),
        new("open-forum-national-certs", "Open Forum: Capacity building for national CERTs",
            new Dictionary<string, string>(), SessionType.OpenForum, SessionStatus.Ended, TimeSpan.FromDays(-1),
            [ShippedTopicSlugs.Cybersecurity, "capacity-building"],
            "Computer emergency response teams share how they were built and what they still need.", PanelItems),
        new("bpf-ixps-least-developed-countries", "Best Practice Forum: Internet exchange points in least developed countries",
            new Dictionary<string, string>(), SessionType.BestPracticeForum, SessionStatus.Scheduled, TimeSpan.FromDays(1) + TimeSpan.FromHours(5),
            [ShippedTopicSlugs.InterconnectionCosts, "development"],
            "Lowering the cost of interconnection with local and regional exchange points (Tunis Agenda ¶50).", PanelItems),
        new("dc-multilingual-internet", "Dynamic Coalition on a multilingual Internet",
            new Dictionary<string, string>(), SessionType.DynamicCoalition, SessionStatus.Ended, TimeSpan.FromDays(-2),
            ["multilingualism", "domain-names"],
            "Internationalized domain names and local-language content (Tunis Agenda ¶53).", PanelItems),
        new("nri-african-igf-affordable-access", "NRI session: The African IGF on affordable access",
            new Dictionary<string, string>(), SessionType.Nri, SessionStatus.Scheduled, TimeSpan.FromDays(2),
            [ShippedTopicSlugs.InterconnectionCosts, "development"],
            "National and regional initiatives report on affordability and interconnection.", PanelItems),
        new("town-hall-privacy-public-services", "Town Hall: Privacy in digital public services",
            new Dictionary<string, string>(), SessionType.TownHall, SessionStatus.Scheduled, TimeSpan.FromDays(2) + TimeSpan.FromHours(3),
            ["privacy-data-protection"],
            "How governments and civil society protect personal data in e-government (Tunis Agenda ¶46).", PanelItems),
        new("lightning-measuring-spam", "Lightning Talk: Measuring spam with open data",
            new Dictionary<string, string>(), SessionType.LightningTalk, SessionStatus.Ended, TimeSpan.FromDays(-1) + TimeSpan.FromHours(3),
            [ShippedTopicSlugs.Spam],
            "Open data sets that show where spam comes from and where it lands.", ["Talk", "Questions"]),
        new("workshop-consumer-protection-ecommerce", "Workshop: Consumer protection in cross-border e-commerce",
            new Dictionary<string, string>(), SessionType.Workshop, SessionStatus.Scheduled, TimeSpan.FromDays(3),
            ["consumer-protection"],
            "Redress for consumers when the seller is in another jurisdiction (Tunis Agenda ¶47).", PanelItems),
        new("workshop-root-servers-small-islands", "Workshop: Root server instances in small island states",
            new Dictionary<string, string>(), SessionType.Workshop, SessionStatus.Ended, TimeSpan.FromDays(-3),
            [ShippedTopicSlugs.CriticalInternetResources],
            "Experiences deploying anycast root server instances where links are few and costly.", PanelItems),
        new("main-session-cybercrime-cooperation", "Main Session: Multistakeholder cooperation against cybercrime",
            new Dictionary<string, string>(), SessionType.MainSession, SessionStatus.Draft, TimeSpan.FromDays(4),
            [ShippedTopicSlugs.Cybersecurity],
            "Draft: how the stakeholder groups cooperate against cybercrime (Tunis Agenda ¶40).", PanelItems),
        new("open-forum-cctld-governance", "Open Forum: Country-code top-level domain governance",
            new Dictionary<string, string>(), SessionType.OpenForum, SessionStatus.Draft, TimeSpan.FromDays(5),
            ["domain-names"],
            "Draft: how ccTLD registries and their communities govern together (Tunis Agenda ¶63).", PanelItems),
    ];
}
