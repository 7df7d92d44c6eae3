using IgfPlatform.Contracts.Proceedings;

namespace IgfPlatform.Server.Demo;

/// <summary>
/// The proceedings the demo's moderators wrote and published for three of the ended sessions; the
/// fourth ended session waits for its proceedings, so that a moderator can try writing them.
/// </summary>
public static class DemoProceedings
{
    public static readonly IReadOnlyDictionary<string, ProceedingsText> Published = new Dictionary<string, ProceedingsText>(StringComparer.Ordinal)
    {
        ["open-forum-national-certs"] = new(
            "National computer emergency response teams from four regions compared how they were set up and funded. " +
            "Teams founded with regional partners reached **24-hour coverage** sooner; most still lack staff trained in incident forensics.",
            [
                "Regional peer reviews helped new CERTs more than one-off trainings.",
                "Shared incident-handling tools lower the cost of starting a team.",
                "Trust between CERTs grows through regular, small joint exercises.",
            ],
            [
                "Regional organizations to fund a peer-review round for the newest teams.",
                "The forum to keep a public list of open incident-handling tools in several languages.",
            ]),
        ["dc-multilingual-internet"] = new(
            "La coalition a fait le point sur les noms de domaine internationalisés et les contenus en langues locales. " +
            "Participants noted that **universal acceptance** of internationalized email addresses still fails in many systems.",
            [
                "Many registrars still reject internationalized email addresses.",
                "Local-language content grows where local hosting is affordable.",
            ],
            [
                "Software vendors to test universal acceptance in their release checks.",
            ]),
        ["workshop-root-servers-small-islands"] = new(
            "Operators from small island states described deploying anycast instances of the root servers where international links are few and costly. " +
            "Local instances kept name resolution working during cable cuts.",
            [
                "A local root server instance kept resolution working through two cable cuts.",
                "An Internet exchange point is needed first, so that the instance serves local networks.",
            ],
            [
                "Root server operators to publish the conditions for hosting an instance in plain terms.",
                "Island governments to include exchange points in their broadband plans.",
            ]),
    };
}
