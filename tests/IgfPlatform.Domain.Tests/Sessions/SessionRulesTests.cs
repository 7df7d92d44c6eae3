using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Sessions;

namespace IgfPlatform.Domain.Tests.Sessions;

public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset StartsAt = new(2025, 6, 24, 11, 30, 0, TimeSpan.FromHours(2));

    private static SessionDraft Draft(
        string title = "Workshop: securing critical Internet resources together",
        IReadOnlyDictionary<string, string>? titles = null,
        SessionType type = SessionType.Workshop,
        IReadOnlyList<string>? topics = null,
        DateTimeOffset? startsAt = null,
        int durationMinutes = 90,
        string description = "How the stakeholder groups approach critical Internet resources.",
        IReadOnlyDictionary<string, string>? descriptions = null) =>
        new(title, titles, type, topics ?? ["critical-internet-resources"], startsAt ?? StartsAt, durationMinutes, description, descriptions);

    private static ForumException Invalid(SessionDraft? draft)
    {
        var ex = Assert.Throws<ForumException>(() => SessionRules.Normalize(draft));
        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        return ex;
    }

    public static TheoryData<string> Slugs => new() { "a", "igf-2025", "ws-12-open-forum", "9", new string('a', SessionLimits.MaxIdLength) };

    public static TheoryData<string?> NotSlugs => new()
    {
        null, string.Empty, "-igf", "igf-", "IGF", "igf_2025", "igf 2025", "forum\u00e9", "igf/2025", new string('a', SessionLimits.MaxIdLength + 1),
    };

    [Theory]
    [MemberData(nameof(Slugs))]
    public void IsSlug_accepts_lower_case_letters_digits_and_inner_dashes(string value) => Assert.True(SessionRules.IsSlug(value));

    [Theory]
    [MemberData(nameof(NotSlugs))]
    public void IsSlug_refuses_anything_else(string? value) => Assert.False(SessionRules.IsSlug(value));

    [Fact]
    public void IsSlug_honours_a_custom_length()
    {
        Assert.True(SessionRules.IsSlug("abcde", maxLength: 5));
        Assert.False(SessionRules.IsSlug("abcdef", maxLength: 5));
    }

    [Fact]
    public void Normalize_trims_dedupes_topics_and_moves_the_start_to_utc()
    {
        var clean = SessionRules.Normalize(Draft(
            title: "  Open Forum: spam  ",
            titles: new Dictionary<string, string> { ["fr"] = "  Forum ouvert : spam ", ["es"] = "Foro abierto: spam" },
            topics: [" spam", "spam", "cybersecurity "],
            description: "\tWhat works against spam. ",
            descriptions: new Dictionary<string, string> { ["zh"] = " 垃圾邮件 " }));

        Assert.Equal("Open Forum: spam", clean.Title);
        Assert.Equal("Forum ouvert : spam", clean.Titles!["fr"]);
        Assert.Equal("Foro abierto: spam", clean.Titles["es"]);
        Assert.Equal(["spam", "cybersecurity"], clean.Topics);
        Assert.Equal("What works against spam.", clean.Description);
        Assert.Equal("垃圾邮件", clean.Descriptions!["zh"]);
        Assert.Equal(TimeSpan.Zero, clean.StartsAt.Offset);
        Assert.Equal(StartsAt, clean.StartsAt);
        Assert.Equal(90, clean.DurationMinutes);
        Assert.Equal(SessionType.Workshop, clean.Type);
    }

    [Fact]
    public void Normalize_gives_empty_translations_when_none_are_given()
    {
        var clean = SessionRules.Normalize(Draft());

        Assert.NotNull(clean.Titles);
        Assert.Empty(clean.Titles);
        Assert.NotNull(clean.Descriptions);
        Assert.Empty(clean.Descriptions);
    }

    [Fact]
    public void Normalize_refuses_a_missing_draft() => Invalid(null);

    [Fact]
    public void Normalize_reports_every_bad_field()
    {
        var ex = Invalid(new SessionDraft(
            "   ",
            new Dictionary<string, string> { ["de"] = "Sitzung", ["fr"] = "  " },
            (SessionType)99,
            ["Not A Slug"],
            default,
            SessionLimits.MinDurationMinutes - 1,
            new string('d', SessionLimits.MaxDescriptionLength + 1),
            new Dictionary<string, string> { ["ru"] = new string('d', SessionLimits.MaxDescriptionLength + 1) }));

        Assert.Equal(
            new[] { "title", "titles.de", "titles.fr", "type", "topics", "startsAt", "durationMinutes", "description", "descriptions.ru" }
                .Order(StringComparer.Ordinal),
            ex.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Normalize_accepts_values_at_the_limits()
    {
        var clean = SessionRules.Normalize(Draft(
            title: new string('t', SessionLimits.MaxTitleLength),
            topics: Enumerable.Range(1, SessionLimits.MaxTopics).Select(i => $"topic-{i}").ToList(),
            durationMinutes: SessionLimits.MaxDurationMinutes,
            description: new string('d', SessionLimits.MaxDescriptionLength)));

        Assert.Equal(SessionLimits.MaxTitleLength, clean.Title.Length);
        Assert.Equal(SessionLimits.MaxTopics, clean.Topics.Count);
        Assert.Equal(SessionLimits.MinDurationMinutes, SessionRules.Normalize(Draft(durationMinutes: SessionLimits.MinDurationMinutes)).DurationMinutes);
    }

    [Fact]
    public void Normalize_refuses_values_just_past_the_limits()
    {
        Assert.Equal(["title"], Invalid(Draft(title: new string('t', SessionLimits.MaxTitleLength + 1))).Errors.Keys);
        Assert.Equal(["description"], Invalid(Draft(description: new string('d', SessionLimits.MaxDescriptionLength + 1))).Errors.Keys);
        Assert.Equal(["durationMinutes"], Invalid(Draft(durationMinutes: SessionLimits.MaxDurationMinutes + 1)).Errors.Keys);
        Assert.Equal(["durationMinutes"], Invalid(Draft(durationMinutes: SessionLimits.MinDurationMinutes - 1)).Errors.Keys);
        Assert.Equal(
            ["topics"],
            Invalid(Draft(topics: Enumerable.Range(0, SessionLimits.MaxTopics + 1).Select(i => $"topic-{i}").ToList())).Errors.Keys);
        Assert.Equal(
            ["titles.en"],
            Invalid(Draft(titles: new Dictionary<string, string> { ["en"] = new string('t', SessionLimits.MaxTitleLength + 1) })).Errors.Keys);
    }

    [Fact]
    public void Normalize_refuses_an_empty_or_missing_topic()
    {
        Assert.Equal(["topics"], Invalid(Draft(topics: ["spam", " "])).Errors.Keys);
        Assert.Equal(["topics"], Invalid(Draft(topics: ["spam", null!])).Errors.Keys);
    }

    [Fact]
    public void A_title_message_says_what_the_limit_is()
    {
        var message = Invalid(Draft(title: new string('t', SessionLimits.MaxTitleLength + 1))).Errors["title"].Single();

        Assert.Contains(SessionLimits.MaxTitleLength.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
    }

    public static TheoryData<SessionStatus, SessionStatus> Allowed => new()
    {
        { SessionStatus.Draft, SessionStatus.Scheduled },
        { SessionStatus.Scheduled, SessionStatus.Live },
        { SessionStatus.Live, SessionStatus.Ended },
        { SessionStatus.Ended, SessionStatus.Published },
    };

    public static TheoryData<SessionStatus, SessionStatus> Refused()
    {
        var allowed = Allowed.Select(row => ((SessionStatus)row[0], (SessionStatus)row[1])).ToHashSet();
        var data = new TheoryData<SessionStatus, SessionStatus>();
        foreach (var from in Enum.GetValues<SessionStatus>())
        {
            foreach (var to in Enum.GetValues<SessionStatus>())
            {
                if (!allowed.Contains((from, to)))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_session_moves_one_step_forward(SessionStatus from, SessionStatus to) =>
        SessionRules.EnsureTransition(from, to);

    [Theory]
    [MemberData(nameof(Refused))]
    public void Every_other_move_is_refused_saying_why(SessionStatus from, SessionStatus to)
    {
        var ex = Assert.Throws<ForumException>(() => SessionRules.EnsureTransition(from, to));

        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Contains(SessionRules.Name(from), ex.Message, StringComparison.Ordinal);
        if (from == to)
        {
            Assert.Equal($"The session is already {SessionRules.Name(from)}.", ex.Message);
        }
        else
        {
            Assert.Contains($"cannot become {SessionRules.Name(to)}", ex.Message, StringComparison.Ordinal);
            Assert.Contains("draft → scheduled → live → ended → published", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_move_but_the_four_steps_forward_is_refused_once()
    {
        Assert.Equal((5 * 5) - 4, Refused().Count);
    }

    [Theory]
    [InlineData(SessionStatus.Draft)]
    [InlineData(SessionStatus.Scheduled)]
    [InlineData(SessionStatus.Live)]
    public void A_session_is_editable_until_it_ends(SessionStatus status) => SessionRules.EnsureEditable(status);

    [Theory]
    [InlineData(SessionStatus.Ended)]
    [InlineData(SessionStatus.Published)]
    public void An_ended_or_published_session_is_kept_as_held(SessionStatus status)
    {
        var ex = Assert.Throws<ForumException>(() => SessionRules.EnsureEditable(status));

        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Contains(SessionRules.Name(status), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SessionStatus.Draft, "draft")]
    [InlineData(SessionStatus.Scheduled, "scheduled")]
    [InlineData(SessionStatus.Live, "live")]
    [InlineData(SessionStatus.Ended, "ended")]
    [InlineData(SessionStatus.Published, "published")]
    public void Statuses_have_their_wire_names(SessionStatus status, string name) => Assert.Equal(name, SessionRules.Name(status));
}
