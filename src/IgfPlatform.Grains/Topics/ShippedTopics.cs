using IgfPlatform.Contracts.Topics;

namespace IgfPlatform.Grains.Topics;

/// <summary>
/// The policy topics the platform ships with: the issues the WSIS founding texts (Geneva Declaration
/// of Principles, Geneva Plan of Action, Tunis Commitment, Tunis Agenda) name for the forum to discuss.
/// The platform installs them at start, so that organizers can build sessions around them and the
/// public can follow them from the first day. Each topic cites its paragraphs by number and quotes at
/// most one sentence of each, copied verbatim from the Chinese edition of the outcome documents.
/// </summary>
public static class ShippedTopics
{
    public static IReadOnlyList<TopicDetails> All { get; } =
    [
        Topic(
            ShippedTopicSlugs.CriticalInternetResources,
            new Dictionary<string, string>
            {
                ["ar"] = "موارد الإنترنت الحيوية",
                ["zh"] = "关键互联网资源",
                ["en"] = "Critical Internet resources",
                ["fr"] = "Ressources critiques de l'Internet",
                ["ru"] = "Критически важные ресурсы интернета",
                ["es"] = "Recursos críticos de Internet",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "الأسماء والأرقام وخواديم الجذر التي تعتمد عليها الإنترنت، وقضايا السياسة العامة المتعلقة بتنسيقها وإدارتها. وتناقش الجلسات المخصصة لهذا الموضوع الجهات التي تدير هذه الموارد وكيفية مشاركة الحكومات وسائر أصحاب المصلحة في ذلك.",
                ["zh"] = "互联网赖以运行的域名、地址和根服务器，以及有关其协调和管理的公共政策问题。本议题的会议讨论由谁管理这些资源，以及各国政府和其他利益相关方如何参与其中。",
                ["en"] = "The names, numbers and root servers the Internet depends on, and the public-policy questions of how they are coordinated and managed. Sessions on this topic discuss who administers these resources and how governments and other stakeholders take part.",
                ["fr"] = "Les noms, les numéros et les serveurs racine dont dépend l'Internet, ainsi que les questions de politique publique liées à leur coordination et à leur gestion. Les sessions consacrées à ce thème examinent qui administre ces ressources et comment les gouvernements et les autres parties prenantes y participent.",
                ["ru"] = "Имена, номера и корневые серверы, от которых зависит работа интернета, а также вопросы государственной политики, связанные с их координацией и управлением. На сессиях по этой теме обсуждается, кто управляет этими ресурсами и как в этом участвуют правительства и другие заинтересованные стороны.",
                ["es"] = "Los nombres, los números y los servidores raíz de los que depende Internet, y las cuestiones de política pública relativas a su coordinación y gestión. Las sesiones sobre este tema examinan quién administra estos recursos y cómo participan los gobiernos y las demás partes interesadas.",
            },
            [
                TunisAgenda("58", "我们认识到，互联网治理不仅包含互联网域名和地址，还包括其他重要的公共政策问题，如关键互联网资源，互联网的安全性和与互联网使用相关的发展问题。"),
                TunisAgenda("70", "利用相关的国际组织，此类合作应包括制定关于与关键互联网资源的协调和管理有关的公共政策问题的全球通用原则。"),
                TunisAgenda("72 j", "特别讨论与关键互联网资源相关的问题。"),
                GenevaPlanOfAction("C6 d", "与利益相关方合作，促进区域根服务器的发展和国际化域名的使用，以克服接入障碍。"),
            ],
            ["domain-names", "multilingualism", ShippedTopicSlugs.Cybersecurity, "development"]),

        Topic(
            ShippedTopicSlugs.Spam,
            new Dictionary<string, string>
            {
                ["ar"] = "الرسائل الاقتحامية",
                ["zh"] = "垃圾邮件",
                ["en"] = "Spam",
                ["fr"] = "Spam",
                ["ru"] = "Спам",
                ["es"] = "Correo basura (spam)",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "الرسائل الجماعية غير المرغوب فيها والمشاكل التي تسببها للمستخدمين والشبكات وللإنترنت ككل. وتقارن الجلسات المخصصة لهذا الموضوع بين الاستجابات الوطنية والدولية: التوعية والتشريع وإنفاذ القانون والتدابير التقنية وتدابير التنظيم الذاتي والتعاون.",
                ["zh"] = "未经请求而大量发送的信息，以及它们给用户、网络和整个互联网造成的问题。本议题的会议比较各国和国际上的应对措施：教育、立法、执法、技术和自律措施以及国际合作。",
                ["en"] = "Unsolicited bulk messages and the problems they cause for users, networks and the Internet as a whole. Sessions on this topic compare national and international responses: education, legislation, enforcement, technical and self-regulatory measures, and cooperation.",
                ["fr"] = "Les messages non sollicités envoyés en masse et les problèmes qu'ils posent aux utilisateurs, aux réseaux et à l'Internet dans son ensemble. Les sessions consacrées à ce thème comparent les réponses nationales et internationales, qu'il s'agisse de sensibilisation, de législation, d'application de la loi, de mesures techniques et d'autorégulation ou de coopération.",
                ["ru"] = "Массовые рассылки нежелательных сообщений и проблемы, которые они создают для пользователей, сетей и интернета в целом. На сессиях по этой теме сравниваются национальные и международные меры: просвещение, законодательство, правоприменение, технические меры и саморегулирование, а также сотрудничество.",
                ["es"] = "Los mensajes masivos no solicitados y los problemas que causan a los usuarios, a las redes y a Internet en su conjunto. Las sesiones sobre este tema comparan las respuestas nacionales e internacionales: educación, legislación, aplicación de la ley, medidas técnicas y de autorregulación, y cooperación.",
            },
            [
                GenevaDeclaration("37", "垃圾信息是用户、网络和整个互联网面临的日益严峻的问题。"),
                GenevaPlanOfAction("C5 d", "对垃圾信息采取适当行动。"),
                TunisAgenda("41", "我们决心有效解决垃圾邮件造成的严重及日益增长的问题。"),
            ],
            [ShippedTopicSlugs.Cybersecurity, "consumer-protection", "privacy-data-protection"]),

        Topic(
            ShippedTopicSlugs.Cybersecurity,
            new Dictionary<string, string>
            {
                ["ar"] = "الأمن السيبراني",
                ["zh"] = "网络安全",
                ["en"] = "Cybersecurity",
                ["fr"] = "Cybersécurité",
                ["ru"] = "Кибербезопасность",
                ["es"] = "Ciberseguridad",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "الثقة والأمن في استخدام تكنولوجيا المعلومات والاتصالات: ثقافة عالمية للأمن السيبراني، ومكافحة الجريمة السيبرانية، وحماية الشبكات من التهديدات والهجمات. وتتناول الجلسات المخصصة لهذا الموضوع التعاون بين البلدان وأصحاب المصلحة مع احترام حقوق الإنسان والخصوصية وحرية التعبير.",
                ["zh"] = "使用信息通信技术的信任与安全：全球网络安全文化、打击网络犯罪，以及保护网络免受威胁与攻击。本议题的会议讨论各国和各利益相关方之间的合作，同时尊重人权、隐私和言论自由。",
                ["en"] = "Trust and security in the use of ICTs: a global culture of cybersecurity, fighting cybercrime, and protecting networks against threats and attacks. Sessions on this topic discuss cooperation between countries and stakeholders that respects human rights, privacy and freedom of expression.",
                ["fr"] = "La confiance et la sécurité dans l'utilisation des TIC, c'est-à-dire une culture mondiale de la cybersécurité, la lutte contre la cybercriminalité et la protection des réseaux contre les menaces et les attaques. Les sessions consacrées à ce thème traitent de la coopération entre pays et parties prenantes dans le respect des droits de l'homme, de la vie privée et de la liberté d'expression.",
                ["ru"] = "Доверие и безопасность при использовании ИКТ: глобальная культура кибербезопасности, борьба с киберпреступностью и защита сетей от угроз и атак. На сессиях по этой теме обсуждается сотрудничество между странами и заинтересованными сторонами при уважении прав человека, неприкосновенности частной жизни и свободы выражения мнений.",
                ["es"] = "La confianza y la seguridad en la utilización de las TIC: una cultura mundial de ciberseguridad, la lucha contra la ciberdelincuencia y la protección de las redes frente a amenazas y ataques. Las sesiones sobre este tema tratan de la cooperación entre países y partes interesadas respetando los derechos humanos, la privacidad y la libertad de expresión.",
            },
            [
                GenevaDeclaration("35", "加强包括信息安全和网络安全、鉴权、隐私和消费者保护在内的信任框架，这是发展信息社会和树立信息通信技术用户信心的先决条件。"),
                GenevaDeclaration("36", "因此，在尊重人权的同时，有必要防止有人利用信息资源和技术从事刑事犯罪和恐怖主义活动。"),
                GenevaDeclaration("37", "应在相应的国家层面和国际层面上解决垃圾信息和网络安全问题。"),
                GenevaPlanOfAction("C5", "信心和安全是信息社会的主要支柱。"),
                TunisAgenda("39", "我们努力强化信任框架，以提高使用ICT的信心和安全性。"),
                TunisAgenda("40", "我们强调惩治网络犯罪的重要意义，包括惩治在一个司法辖区实施、但对另一辖区产生影响的网络犯罪。"),
                TunisAgenda("41", "我们决心有效解决垃圾邮件造成的严重及日益增长的问题。"),
                TunisAgenda("42", "我们确认所采取的旨在确保互联网的稳定性和安全性、打击网络犯罪和反垃圾邮件的措施，必须保护和尊重《世界人权宣言》和日内瓦《原则宣言》相关部分中有关隐私和言论自由的规定。"),
                TunisAgenda("43", "我们重申致力于建设性地使用互联网和其他信息通信技术，采取法律规定的行动和预防措施，反对《日内瓦原则宣言》的“信息社会的伦理范畴”和《行动计划》提到的对信息通信技术的滥用。"),
                TunisAgenda("44", "我们还强调打击互联网上形形色色的恐怖主义的重要性，同时尊重人权并遵守参照《2005年世界峰会成果》第85条形成的联大A/60/L.1号文件提出的国际法规定的其他义务。"),
                TunisAgenda("45", "我们强调互联网安全性、连续性和稳定性的重要意义，以及保护互联网及其他信息通信技术网络免受威胁与攻击的必要性。"),
            ],
            [ShippedTopicSlugs.Spam, "privacy-data-protection", "consumer-protection", ShippedTopicSlugs.CriticalInternetResources]),

        Topic(
            ShippedTopicSlugs.InterconnectionCosts,
            new Dictionary<string, string>
            {
                ["ar"] = "تكاليف التوصيل البيني",
                ["zh"] = "互连费用",
                ["en"] = "Interconnection costs",
                ["fr"] = "Coûts d'interconnexion",
                ["ru"] = "Стоимость межсетевого соединения",
                ["es"] = "Costos de interconexión",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "ما يدفعه مقدمو خدمات الإنترنت والبلدان للاتصال بالإنترنت العالمية، وكيف يمكن جعل تكاليف العبور والتوصيل البيني أكثر إنصافاً للبلدان النامية وأقل البلدان نمواً. وتتناول الجلسات المخصصة لهذا الموضوع نقاط تبادل الإنترنت والشبكات الأساسية الإقليمية والتوصيل البيني المتفاوض عليه تجارياً.",
                ["zh"] = "互联网业务提供商和各国为接入全球互联网所支付的费用，以及如何使经转和互连费用对发展中国家和最不发达国家更加公平。本议题的会议涉及互联网交换点、区域性骨干网和通过商业谈判确定的互连。",
                ["en"] = "What Internet service providers and countries pay to connect to the global Internet, and how transit and interconnection costs can be made fairer for developing and least developed countries. Sessions on this topic cover Internet exchange points, regional backbones and commercially negotiated interconnection.",
                ["fr"] = "Ce que les fournisseurs d'accès et les pays paient pour se connecter à l'Internet mondial, et comment rendre les coûts de transit et d'interconnexion plus équitables pour les pays en développement et les pays les moins avancés. Les sessions consacrées à ce thème portent sur les points d'échange Internet, les dorsales régionales et l'interconnexion négociée sur une base commerciale.",
                ["ru"] = "Сколько интернет-провайдеры и страны платят за подключение к глобальному интернету и как сделать стоимость транзита и межсетевого соединения более справедливой для развивающихся и наименее развитых стран. На сессиях по этой теме рассматриваются точки обмена интернет-трафиком, региональные магистральные сети и межсетевое соединение на основе коммерческих переговоров.",
                ["es"] = "Lo que pagan los proveedores de servicios de Internet y los países para conectarse a la Internet mundial, y cómo hacer más equitativos los costos de tránsito e interconexión para los países en desarrollo y los países menos adelantados. Las sesiones sobre este tema abordan los puntos de intercambio de Internet, las redes troncales regionales y la interconexión negociada comercialmente.",
            },
            [
                GenevaPlanOfAction("C2 k", "以商业谈判形式确定的互联网经转和互连互通费用应以客观、透明和非歧视性为导向，并考虑到在此方面正在开展的工作。"),
                TunisAgenda("49", "就更为广泛的互联网治理方案中的发展方面形成和提供指导意见，涉及的问题包括国际互连费用、能力建设和技术/技能转让等。"),
                TunisAgenda("50", "我们了解，发展中国家重点关注的问题是，只有使国际互联网连接费更加公平合理，才能够增加接入。"),
                TunisAgenda("50 a", "推出竞争环境中的商业性互联网转和互连费，而这种收费应以客观、透明和不偏不倚的参数为准，并考虑到就此议题正在开展的工作。"),
                TunisAgenda("50 b", "建立区域性互联网骨干网，开辟国家、次区域和区域性互联网交换点（IXP）。"),
                TunisAgenda("50 f", "鼓励参与商业谈判的互联网业务提供商（ISP）和其他各方采取措施，确定公平合理的互连价格。"),
                TunisAgenda("50 g", "鼓励相关各方开展商业谈判，以削减最不发达国家（LDC）的互连费用，同时考虑到最不发达国家特有的局限性。"),
            ],
            ["development", "capacity-building", ShippedTopicSlugs.CriticalInternetResources]),

        Topic(
            "multilingualism",
            new Dictionary<string, string>
            {
                ["ar"] = "تعدد اللغات وأسماء النطاقات الدولية",
                ["zh"] = "多语种与国际化域名",
                ["en"] = "Multilingualism and internationalized domain names",
                ["fr"] = "Multilinguisme et noms de domaine internationalisés",
                ["ru"] = "Многоязычие и интернационализированные доменные имена",
                ["es"] = "Multilingüismo y nombres de dominio internacionalizados",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "جعل الإنترنت تعمل بجميع اللغات: المحتوى المحلي والترجمة، وأسماء النطاقات وعناوين البريد الإلكتروني والبحث بالكلمات الرئيسية بأنظمة كتابة متعددة. وتتناول الجلسات المخصصة لهذا الموضوع أسماء النطاقات الدولية وما يلزم لاستخدامها عالمياً من معايير وتعاون.",
                ["zh"] = "让互联网支持各种语言：本地内容、翻译，以及以多种文字书写的域名、电子邮件地址和关键词查询。本议题的会议涉及国际化域名，以及其在全球应用所需的技术标准与合作。",
                ["en"] = "Making the Internet work in every language: local content, translation, and domain names, e-mail addresses and keyword look-up in many scripts. Sessions on this topic cover internationalized domain names and the standards and cooperation needed for their use worldwide.",
                ["fr"] = "Faire fonctionner l'Internet dans toutes les langues, qu'il s'agisse des contenus locaux, de la traduction ou des noms de domaine, adresses électroniques et recherches par mot clé dans de nombreuses écritures. Les sessions consacrées à ce thème portent sur les noms de domaine internationalisés ainsi que sur les normes et la coopération nécessaires à leur utilisation dans le monde entier.",
                ["ru"] = "Как сделать интернет доступным на всех языках: местный контент, перевод, а также доменные имена, адреса электронной почты и поиск по ключевым словам с использованием разных систем письма. На сессиях по этой теме рассматриваются интернационализированные доменные имена, а также стандарты и сотрудничество, необходимые для их применения во всем мире.",
                ["es"] = "Lograr que Internet funcione en todos los idiomas: contenidos locales, traducción, y nombres de dominio, direcciones de correo electrónico y búsquedas por palabra clave en muchas escrituras. Las sesiones sobre este tema tratan de los nombres de dominio internacionalizados y de las normas y la cooperación necesarias para su uso en todo el mundo.",
            },
            [
                TunisAgenda("53", "我们将全身心地投入实现互联网语言多样化的工作，使它成为多边、透明和民主进程的一部分，让各国政府和所有利益相关方都参与其中，发挥各自的作用。"),
                TunisAgenda("53 a", "在域名、电子邮件地址和关键词查询等诸多领域推进采用多种语言的进程；"),
            ],
            ["domain-names", ShippedTopicSlugs.CriticalInternetResources, "development"]),

        Topic(
            "domain-names",
            new Dictionary<string, string>
            {
                ["ar"] = "نطاقات المستوى الأعلى القُطرية والعامة",
                ["zh"] = "国家代码顶级域名与通用顶级域名",
                ["en"] = "Country-code and generic top-level domains",
                ["fr"] = "Domaines de premier niveau nationaux et génériques",
                ["ru"] = "Национальные и общие домены верхнего уровня",
                ["es"] = "Dominios de nivel superior de código de país y genéricos",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "حوكمة نطاقات المستوى الأعلى الخاصة برموز البلدان (ccTLD)، وهي نطاق لكل بلد أو إقليم، ونطاقات المستوى الأعلى العامة (gTLD). وتناقش الجلسات المخصصة لهذا الموضوع المصلحة المشروعة لكل بلد في القرارات التي تمس نطاقه القُطري، والسياسات العامة التي يضعها أصحاب المصلحة لنطاقات المستوى الأعلى العامة.",
                ["zh"] = "如何治理国家代码顶级域名（ccTLD，每个国家或地区各有一个）和通用顶级域名（gTLD）。本议题的会议讨论各国在影响其ccTLD的决策中的合法利益，以及各利益相关方为gTLD制定的公共政策。",
                ["en"] = "How country-code top-level domains (ccTLDs), one for each country or territory, and generic top-level domains (gTLDs) are governed. Sessions on this topic discuss each country's legitimate interest in decisions affecting its ccTLD and the public policy that stakeholders develop for gTLDs.",
                ["fr"] = "La gouvernance des domaines de premier niveau nationaux (ccTLD), un par pays ou territoire, et des domaines génériques de premier niveau (gTLD). Les sessions consacrées à ce thème traitent de l'intérêt légitime de chaque pays dans les décisions concernant son ccTLD et des politiques publiques que les parties prenantes élaborent pour les gTLD.",
                ["ru"] = "Управление национальными доменами верхнего уровня (ccTLD), по одному для каждой страны или территории, и общими доменами верхнего уровня (gTLD). На сессиях по этой теме обсуждаются законные интересы каждой страны в решениях, затрагивающих ее ccTLD, и государственная политика, которую заинтересованные стороны вырабатывают в отношении gTLD.",
                ["es"] = "La gobernanza de los dominios de nivel superior de código de país (ccTLD), uno por cada país o territorio, y de los dominios genéricos de nivel superior (gTLD). Las sesiones sobre este tema abordan el interés legítimo de cada país en las decisiones que afectan a su ccTLD y las políticas públicas que las partes interesadas elaboran para los gTLD.",
            },
            [
                TunisAgenda("63", "一个国家不应该参与和另一个国家的国家代码顶级域名（ccTLD）有关的决策。"),
                TunisAgenda("64", "我们认识到，各利益相关方需要为通用顶级域名（gTLD）进一步制定公共政策，并加强在此领域的合作。"),
            ],
            [ShippedTopicSlugs.CriticalInternetResources, "multilingualism"]),

        Topic(
            "privacy-data-protection",
            new Dictionary<string, string>
            {
                ["ar"] = "الخصوصية وحماية البيانات",
                ["zh"] = "隐私与数据保护",
                ["en"] = "Privacy and data protection",
                ["fr"] = "Vie privée et protection des données",
                ["ru"] = "Неприкосновенность частной жизни и защита данных",
                ["es"] = "Privacidad y protección de datos",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "احترام الخصوصية وحماية المعلومات والبيانات الشخصية على الإنترنت. وتناقش الجلسات المخصصة لهذا الموضوع التشريعات وأطر التعاون وأفضل الممارسات والتدابير التقنية وتدابير التنظيم الذاتي التي تتخذها الشركات والمستخدمون.",
                ["zh"] = "在互联网上尊重隐私权，保护个人信息和数据。本议题的会议讨论立法、合作框架、最佳做法，以及工商企业和用户采取的自律和技术措施。",
                ["en"] = "Respect for privacy and the protection of personal information and data on the Internet. Sessions on this topic discuss legislation, cooperation frameworks, best practices, and the self-regulatory and technical measures taken by businesses and users.",
                ["fr"] = "Le respect de la vie privée et la protection des informations et données personnelles sur l'Internet. Les sessions consacrées à ce thème traitent de la législation, des cadres de coopération, des bonnes pratiques et des mesures techniques et d'autorégulation prises par les entreprises et les utilisateurs.",
                ["ru"] = "Уважение неприкосновенности частной жизни и защита персональной информации и данных в интернете. На сессиях по этой теме обсуждаются законодательство, рамки сотрудничества, передовой опыт, а также технические меры и меры саморегулирования, принимаемые компаниями и пользователями.",
                ["es"] = "El respeto de la privacidad y la protección de la información y los datos personales en Internet. Las sesiones sobre este tema tratan de la legislación, los marcos de cooperación, las mejores prácticas y las medidas técnicas y de autorregulación de las empresas y los usuarios.",
            },
            [
                TunisAgenda("46", "我们呼吁所有利益相关方以通过立法、实施合作框架、交流最佳做法以及工商企业和用户采取自律和技术措施，确保隐私权得到尊重，个人信息和数据受到保护。"),
            ],
            [ShippedTopicSlugs.Cybersecurity, "consumer-protection", ShippedTopicSlugs.Spam]),

        Topic(
            "consumer-protection",
            new Dictionary<string, string>
            {
                ["ar"] = "حماية المستهلك",
                ["zh"] = "消费者保护",
                ["en"] = "Consumer protection",
                ["fr"] = "Protection des consommateurs",
                ["ru"] = "Защита прав потребителей",
                ["es"] = "Protección del consumidor",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "حماية حقوق الأشخاص الذين يشترون السلع والخدمات عبر الإنترنت، داخل بلدانهم وعبر الحدود. وتناقش الجلسات المخصصة لهذا الموضوع قوانين حماية المستهلك وإنفاذها والتعاون الدولي الذي يعزز الثقة في التجارة الإلكترونية.",
                ["zh"] = "保护在本国和跨境在线购买商品和服务的消费者的权利。本议题的会议讨论消费者保护法及其执行，以及增强消费者对电子商务信心的国际合作。",
                ["en"] = "Protecting the rights of people who buy goods and services online, in their own country and across borders. Sessions on this topic discuss consumer protection laws, their enforcement, and the international cooperation that builds confidence in e-commerce.",
                ["fr"] = "La protection des droits des personnes qui achètent des biens et des services en ligne, dans leur propre pays comme à l'étranger. Les sessions consacrées à ce thème traitent des lois de protection des consommateurs, de leur application et de la coopération internationale qui renforce la confiance dans le commerce électronique.",
                ["ru"] = "Защита прав людей, покупающих товары и услуги онлайн, как в своей стране, так и за рубежом. На сессиях по этой теме обсуждаются законы о защите прав потребителей, их применение и международное сотрудничество, укрепляющее доверие к электронной торговле.",
                ["es"] = "La protección de los derechos de quienes compran bienes y servicios en línea, en su propio país y a través de las fronteras. Las sesiones sobre este tema tratan de las leyes de protección del consumidor, de su aplicación y de la cooperación internacional que fortalece la confianza en el comercio electrónico.",
            },
            [
                TunisAgenda("47", "制定国家消费者保护法和实施办法，同时在必要时建立执法机制，以保护在线购买商品和服务的消费者的权利"),
            ],
            ["privacy-data-protection", ShippedTopicSlugs.Spam, ShippedTopicSlugs.Cybersecurity]),

        Topic(
            "capacity-building",
            new Dictionary<string, string>
            {
                ["ar"] = "بناء القدرات",
                ["zh"] = "能力建设",
                ["en"] = "Capacity building",
                ["fr"] = "Renforcement des capacités",
                ["ru"] = "Укрепление потенциала",
                ["es"] = "Creación de capacidad",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "تنمية المهارات والمؤسسات التي تمكّن البلدان النامية وجميع أصحاب المصلحة من المشاركة في حوكمة الإنترنت. وتتناول الجلسات المخصصة لهذا الموضوع التعليم والتدريب في مجال تكنولوجيا المعلومات والاتصالات، ومراكز الخبرة، ونقل التكنولوجيا، وتبادل أفضل الممارسات.",
                ["zh"] = "培养技能、建设机构，使发展中国家和所有利益相关方都能参与互联网治理。本议题的会议涉及信息通信技术教育和培训、专业技能中心、技术转让和最佳做法交流。",
                ["en"] = "Building the skills and institutions that let developing countries and all stakeholders take part in Internet governance. Sessions on this topic cover ICT education and training, centres of expertise, technology transfer and the exchange of best practices.",
                ["fr"] = "Développer les compétences et les institutions qui permettent aux pays en développement et à toutes les parties prenantes de participer à la gouvernance de l'Internet. Les sessions consacrées à ce thème portent sur l'éducation et la formation aux TIC, les centres d'expertise, le transfert de technologie et l'échange de bonnes pratiques.",
                ["ru"] = "Развитие навыков и институтов, позволяющих развивающимся странам и всем заинтересованным сторонам участвовать в управлении интернетом. На сессиях по этой теме рассматриваются образование и подготовка кадров в области ИКТ, центры компетенций, передача технологий и обмен передовым опытом.",
                ["es"] = "El desarrollo de las competencias y las instituciones que permiten a los países en desarrollo y a todas las partes interesadas participar en la gobernanza de Internet. Las sesiones sobre este tema abordan la educación y la formación en TIC, los centros de especialización, la transferencia de tecnología y el intercambio de mejores prácticas.",
            },
            [
                TunisAgenda("51", "此外，还要在自愿基础上，为加强互联网治理方面的能力而扩大国际合作。"),
            ],
            ["development", ShippedTopicSlugs.InterconnectionCosts]),

        Topic(
            "development",
            new Dictionary<string, string>
            {
                ["ar"] = "التنمية",
                ["zh"] = "发展",
                ["en"] = "Development",
                ["fr"] = "Développement",
                ["ru"] = "Развитие",
                ["es"] = "Desarrollo",
            },
            new Dictionary<string, string>
            {
                ["ar"] = "تحويل الفجوة الرقمية إلى فرصة رقمية، بحيث تخدم الإنترنت التنمية المنصفة للجميع. وتناقش الجلسات المخصصة لهذا الموضوع جوانب حوكمة الإنترنت المتصلة بالتنمية، مثل النفاذ الميسور التكلفة، وتكاليف التوصيل البيني، وبناء القدرات، والبرمجيات التي يسهل تكييفها محلياً.",
                ["zh"] = "将数字鸿沟转化为数字机遇，使互联网服务于所有人的平等发展。本议题的会议讨论互联网治理中的发展问题，例如可承受的接入、互连费用、能力建设以及易于本地化的软件。",
                ["en"] = "Turning the digital divide into digital opportunity, so that the Internet serves equitable development for all. Sessions on this topic discuss the development aspects of Internet governance, such as affordable access, interconnection costs, capacity building and software that is easy to localize.",
                ["fr"] = "Transformer la fracture numérique en possibilités numériques, afin que l'Internet serve un développement équitable pour tous. Les sessions consacrées à ce thème traitent des aspects de la gouvernance de l'Internet liés au développement, tels que l'accès à un coût abordable, les coûts d'interconnexion, le renforcement des capacités et les logiciels faciles à adapter aux besoins locaux.",
                ["ru"] = "Превращение цифрового разрыва в цифровые возможности, чтобы интернет служил справедливому развитию для всех. На сессиях по этой теме обсуждаются аспекты управления интернетом, связанные с развитием, такие как доступ по приемлемой цене, стоимость межсетевого соединения, укрепление потенциала и программное обеспечение, легко адаптируемое к местным условиям.",
                ["es"] = "Convertir la brecha digital en oportunidad digital, para que Internet sirva a un desarrollo equitativo para todos. Las sesiones sobre este tema tratan de los aspectos de la gobernanza de Internet relacionados con el desarrollo, como el acceso asequible, los costos de interconexión, la creación de capacidad y el software fácil de adaptar a las necesidades locales.",
            },
            [
                TunisAgenda("49", "我们重申将数字鸿沟转化为数字机遇的承诺，并致力于确保所有人都能和谐、平等地发展。"),
            ],
            [ShippedTopicSlugs.InterconnectionCosts, "capacity-building", "multilingualism"]),
    ];

    /// <summary>A topic whose English title and description are the "en" entries of its translations.</summary>
    private static TopicDetails Topic(
        string slug,
        Dictionary<string, string> titles,
        Dictionary<string, string> descriptions,
        IReadOnlyList<SourceParagraph> sources,
        IReadOnlyList<string> relatedTopics) =>
        new(slug, titles["en"], titles, descriptions["en"], descriptions, sources, relatedTopics);

    private static SourceParagraph GenevaDeclaration(string paragraph, string quotation) =>
        new("Geneva Declaration of Principles", paragraph, quotation, "zh");

    private static SourceParagraph GenevaPlanOfAction(string paragraph, string quotation) =>
        new("Geneva Plan of Action", paragraph, quotation, "zh");

    private static SourceParagraph TunisAgenda(string paragraph, string quotation) =>
        new("Tunis Agenda", paragraph, quotation, "zh");
}
