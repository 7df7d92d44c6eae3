using System.Globalization;
using Bogus;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.LoadGen.Archive;

/// <summary>A forum topic as the archive's sessions speak of it, in the languages summaries are written in.</summary>
/// <param name="Since">The first forum at which sessions took it up.</param>
public sealed record CorpusTopic(string Slug, int Since, string Name, string[] En, string[] Fr, string[] Es, string[] Zh);

/// <summary>A fake session of twenty years of forums: what is created, what is said on the floor, and what is published.</summary>
/// <param name="Speakers">Added to the speakers' list by the moderator, then given the floor in turn.</param>
public sealed record CorpusSession(
    string Id,
    int Year,
    string Title,
    SessionType Type,
    IReadOnlyList<string> Topics,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string Description,
    IReadOnlyList<FloorEntryDraft> Speakers,
    string Language,
    ProceedingsText Text);

/// <summary>
/// Twenty years of Internet Governance Forum sessions made with Bogus: titles and summaries over the
/// forum's topics, the stakeholder groups that spoke, most in English, some in French, Spanish and
/// Chinese. Session <c>i</c> is always the same (its generator is seeded with <c>i</c>), so a partial
/// seeding can be resumed and two machines get the same archive.
/// </summary>
public static class ArchiveCorpus
{
    public const int FirstYear = 2006;
    public const int Years = 20;

    [ThreadStatic]
    private static Dictionary<string, Faker>? _fakers;

    public static readonly IReadOnlyList<CorpusTopic> Topics =
    [
        new("critical-internet-resources", 2006, "Critical Internet resources",
            ["root servers", "domain name system", "IP address allocation", "regional Internet registries", "IANA functions", "ICANN accountability", "internationalized domain names", "new generic top-level domains"],
            ["serveurs racines", "système des noms de domaine", "attribution des adresses IP", "registres Internet régionaux", "noms de domaine internationalisés"],
            ["servidores raíz", "sistema de nombres de dominio", "asignación de direcciones IP", "registros regionales de Internet", "nombres de dominio internacionalizados"],
            ["根服务器", "域名系统", "地址分配", "区域互联网注册机构", "国际化域名"]),
        new("spam", 2006, "Spam",
            ["unsolicited bulk email", "spam filtering", "anti-spam legislation", "botnets", "phishing campaigns", "sender authentication"],
            ["courrier indésirable", "filtrage des pourriels", "législation contre le spam", "réseaux de zombies", "hameçonnage"],
            ["correo no deseado", "filtrado de spam", "legislación contra el spam", "redes de bots", "suplantación de identidad"],
            ["垃圾邮件", "垃圾邮件过滤", "反垃圾邮件立法", "僵尸网络", "网络钓鱼"]),
        new("cybersecurity", 2006, "Cybersecurity",
            ["incident response teams", "critical infrastructure protection", "ransomware", "cyber norms", "vulnerability disclosure", "confidence-building measures", "supply chain security"],
            ["équipes de réponse aux incidents", "protection des infrastructures critiques", "rançongiciels", "normes de comportement", "divulgation des vulnérabilités"],
            ["equipos de respuesta a incidentes", "protección de infraestructuras críticas", "programas de secuestro", "normas cibernéticas", "divulgación de vulnerabilidades"],
            ["网络安全", "应急响应小组", "关键基础设施保护", "勒索软件", "漏洞披露"]),
        new("interconnection-costs", 2006, "Interconnection costs",
            ["international transit prices", "Internet exchange points", "peering agreements", "submarine cables", "landlocked developing countries", "backbone capacity"],
            ["prix du transit international", "points d'échange Internet", "accords d'appairage", "câbles sous-marins", "pays en développement sans littoral"],
            ["precios de tránsito internacional", "puntos de intercambio de Internet", "acuerdos de interconexión", "cables submarinos", "países en desarrollo sin litoral"],
            ["国际转接价格", "互联网交换中心", "对等互联协议", "海底光缆", "内陆发展中国家"]),
        new("access", 2006, "Access",
            ["affordable broadband", "rural connectivity", "community networks", "universal service funds", "mobile data prices", "meaningful connectivity", "spectrum policy"],
            ["haut débit abordable", "connectivité rurale", "réseaux communautaires", "fonds de service universel", "prix des données mobiles"],
            ["banda ancha asequible", "conectividad rural", "redes comunitarias", "fondos de servicio universal", "precios de datos móviles"],
            ["可负担的宽带", "农村连通", "社区网络", "普遍服务基金", "移动数据价格"]),
        new("diversity", 2006, "Diversity",
            ["multilingual content", "local content creation", "indigenous languages", "gender digital divide", "persons with disabilities", "accessibility standards"],
            ["contenu multilingue", "création de contenu local", "langues autochtones", "fracture numérique entre les genres", "personnes handicapées"],
            ["contenido multilingüe", "creación de contenido local", "lenguas indígenas", "brecha digital de género", "personas con discapacidad"],
            ["多语言内容", "本地内容创作", "土著语言", "性别数字鸿沟", "无障碍标准"]),
        new("openness", 2006, "Openness",
            ["freedom of expression", "open standards", "access to information", "open source software", "Internet shutdowns", "platform transparency"],
            ["liberté d'expression", "normes ouvertes", "accès à l'information", "logiciels libres", "coupures d'Internet"],
            ["libertad de expresión", "estándares abiertos", "acceso a la información", "software de código abierto", "apagones de Internet"],
            ["言论自由", "开放标准", "信息获取", "开源软件", "断网"]),
        new("development", 2007, "Internet for development",
            ["digital economy", "e-commerce in developing countries", "sustainable development goals", "digital public infrastructure", "mobile money"],
            ["économie numérique", "commerce électronique", "objectifs de développement durable", "infrastructure publique numérique"],
            ["economía digital", "comercio electrónico", "objetivos de desarrollo sostenible", "infraestructura pública digital"],
            ["数字经济", "电子商务", "可持续发展目标", "数字公共基础设施"]),
        new("capacity-building", 2007, "Capacity building",
            ["schools on Internet governance", "youth engagement", "technical training", "fellowship programmes", "national and regional initiatives"],
            ["écoles sur la gouvernance de l'Internet", "engagement des jeunes", "formation technique", "initiatives nationales et régionales"],
            ["escuelas de gobernanza de Internet", "participación juvenil", "formación técnica", "iniciativas nacionales y regionales"],
            ["互联网治理学校", "青年参与", "技术培训", "国家和区域倡议"]),
        new("human-rights", 2009, "Human rights online",
            ["privacy", "surveillance", "online harassment", "digital rights of children", "encryption", "due process"],
            ["vie privée", "surveillance de masse", "harcèlement en ligne", "droits numériques des enfants", "chiffrement"],
            ["privacidad", "vigilancia masiva", "acoso en línea", "derechos digitales de la infancia", "cifrado"],
            ["隐私", "大规模监控", "网络骚扰", "儿童数字权利", "加密"]),
        new("ipv6", 2008, "IPv6 deployment",
            ["IPv4 exhaustion", "IPv6 adoption", "carrier-grade NAT", "address transfer markets", "dual stack networks"],
            ["épuisement des adresses IPv4", "adoption d'IPv6", "marchés de transfert d'adresses"],
            ["agotamiento de IPv4", "adopción de IPv6", "mercados de transferencia de direcciones"],
            ["地址耗尽", "部署", "地址转让市场"]),
        new("net-neutrality", 2010, "Net neutrality",
            ["traffic management", "zero rating", "specialized services", "quality of service", "network discrimination"],
            ["gestion du trafic", "tarification zéro", "qualité de service", "neutralité du réseau"],
            ["gestión del tráfico", "tarifa cero", "calidad de servicio", "neutralidad de la red"],
            ["网络中立", "流量管理", "零费率", "服务质量"]),
        new("data-governance", 2015, "Data governance",
            ["cross-border data flows", "data protection", "data localization", "open data", "personal data portability"],
            ["flux transfrontières de données", "protection des données", "localisation des données", "données ouvertes"],
            ["flujos transfronterizos de datos", "protección de datos", "localización de datos", "datos abiertos"],
            ["跨境数据流动", "数据保护", "数据本地化", "开放数据"]),
        new("artificial-intelligence", 2017, "Artificial intelligence",
            ["algorithmic accountability", "machine learning", "generative models", "automated decision-making", "AI ethics", "facial recognition"],
            ["responsabilité algorithmique", "apprentissage automatique", "modèles génératifs", "éthique de l'intelligence artificielle"],
            ["rendición de cuentas algorítmica", "aprendizaje automático", "modelos generativos", "ética de la inteligencia artificial"],
            ["人工智能", "算法问责", "机器学习", "生成式模型", "人脸识别"]),
        new("content-moderation", 2018, "Content moderation",
            ["disinformation", "hate speech", "platform governance", "trust and safety", "intermediary liability"],
            ["désinformation", "discours de haine", "gouvernance des plateformes", "responsabilité des intermédiaires"],
            ["desinformación", "discurso de odio", "gobernanza de plataformas", "responsabilidad de intermediarios"],
            ["虚假信息", "仇恨言论", "平台治理", "中介责任"]),
        new("environment", 2020, "Internet and the environment",
            ["energy consumption of data centres", "electronic waste", "green networks", "climate data"],
            ["consommation énergétique des centres de données", "déchets électroniques", "réseaux verts"],
            ["consumo energético de los centros de datos", "residuos electrónicos", "redes verdes"],
            ["数据中心能耗", "电子废物", "绿色网络"]),
    ];

    /// <summary>Where the forum met, year by year (from 2006).</summary>
    private static readonly string[] Hosts =
    [
        "Athens", "Rio de Janeiro", "Hyderabad", "Sharm El Sheikh", "Vilnius", "Nairobi", "Baku", "Bali", "Istanbul", "João Pessoa",
        "Guadalajara", "Geneva", "Paris", "Berlin", "Katowice", "Katowice", "Addis Ababa", "Kyoto", "Riyadh", "Oslo",
    ];

    private static readonly (SessionType Type, int Weight, int[] Minutes)[] Types =
    [
        (SessionType.Workshop, 40, [60, 90]),
        (SessionType.OpenForum, 14, [60]),
        (SessionType.LightningTalk, 10, [20, 30]),
        (SessionType.DynamicCoalition, 9, [60, 90]),
        (SessionType.BestPracticeForum, 8, [90]),
        (SessionType.Nri, 8, [60, 90]),
        (SessionType.TownHall, 7, [60]),
        (SessionType.MainSession, 4, [120, 180]),
    ];

    private static readonly string[] EnAngles =
    [
        "lessons from {0}", "the view from {1}", "a multistakeholder approach", "what comes next", "policy options for {2}",
        "building trust", "closing the gaps", "from principles to practice", "regional perspectives", "measuring progress",
        "the role of {3}", "challenges and opportunities", "a decade on", "who decides?",
    ];

    private static readonly string[] EnSummary =
    [
        "Participants discussed **{0}** and what it means for {1}.",
        "Speakers from {2} stressed that {0} cannot be addressed by one stakeholder group alone.",
        "The session reviewed experience with {0} in {3}, where {4} had changed the picture since the previous forum.",
        "Several interventions linked {0} to {4}, and asked how {5} could be involved earlier.",
        "A remote hub in {6} reported on {0} and on the cost of {4} for small operators.",
        "The moderator summarized broad agreement that {0} needs open, transparent and inclusive processes.",
        "Views differed on whether {4} should be left to markets or addressed through regulation.",
        "Examples from {3} and {6} showed how {0} affects {1} in practice.",
        "Questions from the floor focused on {4} and on how to measure progress between forums.",
        "The discussion built on the {7} forum in {8}, and noted what had changed since.",
    ];

    private static readonly string[] EnTakeaways =
    [
        "{0} depends on cooperation between governments, the private sector, civil society and the technical community.",
        "Data on {4} is scarce; better measurement would help policy makers.",
        "Local initiatives in {3} show that {0} can improve quickly with the right incentives.",
        "{4} is a shared responsibility, not a problem of one country.",
        "Capacity building remains essential for {1}.",
        "The forum is a useful place to compare approaches to {0}.",
    ];

    private static readonly string[] EnCalls =
    [
        "Publish regular reports on {4}.",
        "Include {1} in decisions on {0}.",
        "Share good practices on {0} through the national and regional initiatives.",
        "Set up a working group on {4} before the next forum.",
        "Fund research on {0} in developing countries.",
    ];

    private static readonly string[] FrSummary =
    [
        "Les participants ont débattu de **{0}** et de ses effets sur {1}.",
        "Les intervenants ont souligné que {4} exige une coopération entre toutes les parties prenantes.",
        "La session a examiné l'expérience de {3} en matière de {0}.",
        "Un centre distant à {6} a présenté ses travaux sur {4} et sur la sécurité des réseaux.",
        "Le modérateur a constaté un large accord : {0} demande des processus ouverts et transparents.",
        "Les questions de la salle ont porté sur {4} et sur l'accès des pays en développement.",
    ];

    private static readonly string[] FrItems =
    [
        "{0} relève d'une responsabilité partagée.", "Mieux mesurer {4} aiderait les décideurs.", "Renforcer les capacités des acteurs locaux.",
        "Publier des rapports réguliers sur {4}.", "Associer la société civile aux décisions sur {0}.",
    ];

    private static readonly string[] EsSummary =
    [
        "Los participantes debatieron sobre **{0}** y su efecto en {1}.",
        "Los oradores subrayaron que {4} requiere la cooperación de todas las partes interesadas.",
        "La sesión examinó la experiencia de {3} en materia de {0}.",
        "Un nodo remoto en {6} informó sobre {4} y sobre el costo para los pequeños operadores.",
        "El moderador resumió un amplio acuerdo: {0} necesita procesos abiertos, transparentes e inclusivos.",
        "Las preguntas del público se centraron en {4} y en el acceso de los países en desarrollo.",
    ];

    private static readonly string[] EsItems =
    [
        "{0} es una responsabilidad compartida.", "Medir mejor {4} ayudaría a los responsables políticos.", "Fortalecer las capacidades locales.",
        "Publicar informes periódicos sobre {4}.", "Incluir a la sociedad civil en las decisiones sobre {0}.",
    ];

    private static readonly string[] ZhSummary =
    [
        "与会者讨论了{0}及其对发展中国家的影响。",
        "发言者强调，{4}需要政府、私营部门、民间社会和技术界的合作。",
        "会议回顾了{3}在{0}方面的经验。",
        "来自{6}的远程中心介绍了{4}的最新情况。",
        "主持人总结说，各方普遍认为{0}需要开放、透明和包容的进程。",
        "现场提问集中在{4}和互联网接入问题上。",
    ];

    private static readonly string[] ZhItems =
    [
        "{0}是各方的共同责任。", "更好地衡量{4}有助于决策。", "加强地方能力建设。", "定期发布关于{4}的报告。", "让民间社会参与{0}的决策。",
    ];

    private static readonly string[] Audiences =
    [
        "small island developing states", "least developed countries", "young people", "small businesses", "rural communities",
        "women and girls", "persons with disabilities", "local governments", "journalists", "Internet users everywhere",
    ];

    private static readonly string[] FrAudiences =
    [
        "les petits États insulaires en développement", "les pays les moins avancés", "les jeunes", "les petites entreprises", "les communautés rurales",
        "les femmes et les filles", "les collectivités locales", "les journalistes",
    ];

    private static readonly string[] EsAudiences =
    [
        "los pequeños Estados insulares en desarrollo", "los países menos adelantados", "los jóvenes", "las pequeñas empresas", "las comunidades rurales",
        "las mujeres y las niñas", "los gobiernos locales", "los periodistas",
    ];

    private static readonly string[] GroupNames =
    [
        "governments", "the private sector", "civil society", "intergovernmental organizations", "the technical community", "academia",
    ];

    /// <summary>Sessions a year: 6,000 fill the twenty years; beyond, the years come round again.</summary>
    public const int PerYear = 300;

    /// <summary>Session <paramref name="index"/>: the same whatever the archive's size.</summary>
    public static CorpusSession Session(int index)
    {
        var faker = FakerOf("en");
        faker.Random = new Randomizer(1_000_003 * (index + 1));
        var year = FirstYear + (index / PerYear % Years);
        var (type, minutes) = PickType(faker);

        // The forum met over four or five days in the last quarter of the year (some years earlier).
        var opening = new DateTimeOffset(year, faker.PickRandom(9, 10, 11, 11, 12), faker.Random.Int(1, 24), 0, 0, 0, TimeSpan.Zero);
        var startsAt = opening.AddDays(faker.Random.Int(0, 4)).AddHours(faker.Random.Int(8, 17)).AddMinutes(faker.PickRandom(0, 15, 30, 45));

        var available = Topics.Where(t => t.Since <= year).ToList();
        var topics = faker.PickRandom(available, faker.Random.WeightedRandom([1, 2, 3], [0.45f, 0.4f, 0.15f])).ToList();
        var main = topics[0];
        var language = faker.Random.WeightedRandom(["en", "fr", "es", "zh"], [0.8f, 0.07f, 0.07f, 0.06f]);
        var host = Hosts[year - FirstYear];
        var term = faker.PickRandom(main.En);

        var local = language == "en" ? faker : FakerOf(language switch { "fr" => "fr", "es" => "es", _ => "zh_CN" });
        local.Random = faker.Random;
        string[] TermsOf(CorpusTopic t) => language switch { "fr" => t.Fr, "es" => t.Es, "zh" => t.Zh, _ => t.En };
        var audiences = language switch { "fr" => FrAudiences, "es" => EsAudiences, _ => Audiences };

        // {0} term, {1} audience, {2} group, {3} country, {4} second term, {5} group, {6} city, {7} previous year, {8} previous host.
        string[] Fill() =>
        [
            faker.PickRandom(TermsOf(main)), faker.PickRandom(audiences), faker.PickRandom(GroupNames), local.Address.Country(),
            faker.PickRandom(TermsOf(faker.PickRandom(topics))), faker.PickRandom(GroupNames), local.Address.City(),
            (year - 1).ToString(CultureInfo.InvariantCulture), year > FirstYear ? Hosts[year - FirstYear - 1] : "Tunis",
        ];
        string Line(string template) => Capitalize(string.Format(CultureInfo.InvariantCulture, template, Fill()));

        var angle = string.Format(CultureInfo.InvariantCulture, faker.PickRandom(EnAngles), host, faker.Address.Country(), faker.PickRandom(Audiences), faker.PickRandom(GroupNames));
        var title = type switch
        {
            SessionType.MainSession => $"Main session: {main.Name.ToLowerInvariant()} — {angle}",
            SessionType.Nri => $"{faker.Address.Country()} IGF: {term}",
            SessionType.DynamicCoalition => $"Dynamic Coalition on {main.Name}: {angle}",
            SessionType.BestPracticeForum => $"Best Practice Forum on {term}",
            SessionType.LightningTalk => $"{Capitalize(term)} in {faker.Address.Country()}",
            _ => $"{Capitalize(term)}: {angle}",
        };
        if (title.Length > 190)
        {
            title = title[..190].TrimEnd();
        }

        var (summaryBank, itemBank) = language switch
        {
            "fr" => (FrSummary, FrItems),
            "es" => (EsSummary, EsItems),
            "zh" => (ZhSummary, ZhItems),
            _ => (EnSummary, EnTakeaways),
        };
        var sentences = faker.PickRandom(summaryBank, Math.Min(summaryBank.Length, faker.Random.Int(4, 7))).Select(Line).ToList();
        var separator = language == "zh" ? string.Empty : " ";
        var summary = string.Join(separator, sentences.Take(sentences.Count / 2)) + "\n\n" + string.Join(separator, sentences.Skip(sentences.Count / 2));
        var takeaways = faker.PickRandom(itemBank, faker.Random.Int(2, 4)).Select(Line).ToList();
        var calls = (language == "en" ? faker.PickRandom(EnCalls, faker.Random.Int(1, 3)) : faker.PickRandom(itemBank, faker.Random.Int(1, 2)))
            .Select(Line).ToList();

        var speakers = Enumerable.Range(0, faker.Random.WeightedRandom([1, 2, 3, 4], [0.2f, 0.35f, 0.3f, 0.15f])).Select(_ => new FloorEntryDraft(
            faker.Name.FullName(), faker.PickRandom<StakeholderGroup>(), faker.PickRandom<Region>(), faker.PickRandom<Gender>(),
            FloorKind.Intervention, faker.Random.Bool(0.7f))).ToList();

        return new CorpusSession(
            $"archive-{year}-{index + 1:D5}", year, title, type, [.. topics.Select(t => t.Slug)], startsAt, faker.PickRandom(minutes),
            $"{main.Name} at the {year} forum in {host}. {faker.Company.CatchPhrase()}.", speakers, language,
            new ProceedingsText(summary, takeaways, calls));
    }

    /// <summary>A Faker is slow to make (its locale's data): one per locale and thread, given a new seed per session.</summary>
    private static Faker FakerOf(string locale)
    {
        _fakers ??= new Dictionary<string, Faker>(StringComparer.Ordinal);
        if (!_fakers.TryGetValue(locale, out var faker))
        {
            _fakers[locale] = faker = new Faker(locale);
        }

        return faker;
    }

    private static (SessionType Type, int[] Minutes) PickType(Faker faker)
    {
        var pick = faker.Random.Int(0, Types.Sum(t => t.Weight) - 1);
        foreach (var (type, weight, minutes) in Types)
        {
            if (pick < weight)
            {
                return (type, minutes);
            }

            pick -= weight;
        }

        return (SessionType.Workshop, [90]);
    }

    private static string Capitalize(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
