using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Consultations;

/// <summary>
/// A consultation as plain logic: its texts, contributions, reports and reviews, and the rules that
/// guard them. The grain stores it; everything decided is decided here, so it is tested without a
/// cluster. Every command checks everything before it changes anything, so a refusal changes nothing.
/// </summary>
public sealed class Consultation
{
    private readonly List<ConsultationVersion> _versions = [];
    private readonly List<ContributionRecord> _contributions = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _requests = [];
    private readonly Dictionary<string, List<DateTimeOffset>> _byAuthor = new(StringComparer.Ordinal);

    public ConsultationHeader? Header { get; private set; }

    public long LastNumber { get; private set; }

    public IReadOnlyList<ConsultationVersion> Versions => _versions;

    public IReadOnlyList<ContributionRecord> Contributions => _contributions;

    public ConsultationVersion Draft => _versions[0];

    public void Load(ConsultationState state)
    {
        Header = state.Header;
        LastNumber = state.LastNumber;
        _versions.AddRange(state.Versions);
        foreach (var c in state.Contributions)
        {
            Put(c);
        }
    }

    /// <summary>A new state object holding everything: the grain writes it while this moves on.</summary>
    public ConsultationState ToState() => new()
    {
        Header = Header,
        Versions = [.. _versions],
        Contributions = [.. _contributions],
        LastNumber = LastNumber,
    };

    public ConsultationPhase PhaseAt(DateTimeOffset now) =>
        _versions.Count > 1 ? ConsultationPhase.Published
        : Header is { } h && now < h.ClosesAt ? ConsultationPhase.Open
        : ConsultationPhase.Closed;

    public ConsultationDetails? Details(DateTimeOffset now) => Header is not { } h ? null : new ConsultationDetails(
        h.Id, h.TopicSlug, h.Slug, h.Title, PhaseAt(now), h.OpenedAt, h.ClosesAt, [.. _versions], _contributions.Count(c => c.Level == 1 && Shown(c)));

    public ConsultationListing Listing() => Header is { } h
        ? new ConsultationListing(h.Id, h.TopicSlug, h.Title, h.OpenedAt, h.ClosesAt)
        : throw new InvalidOperationException("The consultation is not open.");

    public ContributionRecord? Find(string contributionId) =>
        _index.TryGetValue(contributionId ?? string.Empty, out var i) ? _contributions[i] : null;

    public ContributionRecord? FindRequest(string participantId, string clientRequestId) =>
        _requests.TryGetValue((participantId, clientRequestId ?? string.Empty), out var id) ? Find(id) : null;

    /// <summary>Opens the consultation with its draft (version 1). The closing date must be in the future.</summary>
    public ConsultationDetails Open(string id, string topicSlug, string organizerId, NewConsultation consultation, DateTimeOffset now)
    {
        if (consultation is null)
        {
            throw ForumException.Invalid("The consultation is required.");
        }

        if (Header is not null)
        {
            throw ForumException.Conflict($"The consultation '{id}' already exists.");
        }

        var errors = new Dictionary<string, string[]>();
        var slug = string.IsNullOrWhiteSpace(consultation.Slug) ? ConsultationIds.SlugFrom(consultation.Title) : consultation.Slug;
        if (!ConsultationIds.IsSlug(slug) || ConsultationIds.Of(topicSlug, slug) != id)
        {
            errors["slug"] = [$"A consultation's slug has lower-case letters, digits and single dashes, at most {ConsultationLimits.MaxSlugLength}."];
        }

        var title = consultation.Title?.Trim() ?? string.Empty;
        if (title.Length == 0 || title.Length > ConsultationLimits.MaxTitleLength)
        {
            errors["title"] = [$"A consultation's title has from 1 to {ConsultationLimits.MaxTitleLength} characters."];
        }

        if (consultation.ClosesAt <= now)
        {
            errors["closesAt"] = ["The closing date must be in the future."];
        }

        var paragraphs = CleanParagraphs(consultation.Paragraphs, errors);
        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The consultation is not valid.", errors);
        }

        Header = new ConsultationHeader(id, topicSlug, slug!, title, organizerId, now, consultation.ClosesAt.ToUniversalTime());
        _versions.Add(new ConsultationVersion(1, true, paragraphs, now, organizerId));
        return Details(now)!;
    }

    /// <summary>
    /// Adds a contribution (no parent) or a reply. The same client request id of the same participant
    /// returns the first result and adds nothing.
    /// </summary>
    public ContributionRecord Contribute(ParticipantProfile who, ContributionDraft draft, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (draft is null)
        {
            throw ForumException.Invalid("A contribution with a stance and a text is required.");
        }

        var header = RequireOpened();
        var requestId = draft.ClientRequestId?.Trim() ?? string.Empty;
        ClientRequestIds.Require(requestId);

        if (FindRequest(who.ParticipantId, requestId) is { } known)
        {
            return known;
        }

        if (now >= header.ClosesAt)
        {
            throw ForumException.Conflict($"The consultation closed on {header.ClosesAt:u}; contributions and replies are no longer taken.");
        }

        var text = draft.Text?.Trim() ?? string.Empty;
        var errors = new Dictionary<string, string[]>();
        if (text.Length == 0 || text.Length > ConsultationLimits.MaxContributionLength)
        {
            errors["text"] = [$"A contribution has from 1 to {ConsultationLimits.MaxContributionLength} characters."];
        }

        if (draft.Stance is { } s && !Enum.IsDefined(s))
        {
            errors["stance"] = ["The stance is agree, disagree or neutral."];
        }

        ContributionRecord? parent = null;
        var level = 1;
        var paragraph = draft.Paragraph;
        if (draft.ParentId is not null)
        {
            parent = Find(draft.ParentId);
            if (parent is null || (parent.Hidden && parent.AuthorId != who.ParticipantId))
            {
                throw ForumException.NotFound($"There is no contribution '{draft.ParentId}' to reply to.");
            }

            level = parent.Level + 1;
            if (level > ConsultationLimits.MaxDepth)
            {
                errors["parentId"] = [$"Replies are threaded at most {ConsultationLimits.MaxDepth} levels deep (a contribution, a reply and a reply to a reply); reply to the contribution above instead."];
            }

            if (paragraph is not null && paragraph != parent.Paragraph)
            {
                errors["paragraph"] = ["A reply speaks to the paragraph of its thread; leave the paragraph out."];
            }

            paragraph = parent.Paragraph;
        }
        else
        {
            if (draft.Stance is null)
            {
                errors["stance"] = ["A contribution states a stance: agree, disagree or neutral."];
            }

            if (paragraph is { } p && (p < 1 || p > Draft.Paragraphs.Count))
            {
                errors["paragraph"] = [$"The draft has paragraphs 1 to {Draft.Paragraphs.Count}; leave the paragraph out to speak to the whole text."];
            }
        }

        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The contribution is not valid.", errors);
        }

        if (_byAuthor.TryGetValue(who.ParticipantId, out var times)
            && times.Count(t => now - t < ConsultationLimits.ContributionWindow) >= ConsultationLimits.MaxContributionsPerWindow)
        {
            throw ForumException.TooManyRequests($"At most {ConsultationLimits.MaxContributionsPerWindow} contributions and replies a minute; wait a moment.");
        }

        if (_contributions.Count >= ConsultationLimits.MaxContributions)
        {
            throw ForumException.Conflict($"The consultation has reached {ConsultationLimits.MaxContributions} contributions and takes no more.");
        }

        var record = new ContributionRecord(
            $"c{LastNumber + 1}", parent?.Id, level, paragraph, draft.Stance, text, who.ParticipantId, who.DisplayName,
            who.StakeholderGroup, who.Region, requestId, now, []);
        LastNumber++;
        Put(record);
        return record;
    }

    /// <summary>A participant reports someone else's contribution, once; enough reports hide it until reviewed.</summary>
    public ReportResult Report(string participantId, string contributionId, bool organizer)
    {
        RequireOpened();
        var c = Find(contributionId);
        if (c is null || (c.Hidden && !organizer && c.AuthorId != participantId))
        {
            throw ForumException.NotFound($"There is no contribution '{contributionId}'.");
        }

        if (c.AuthorId == participantId)
        {
            throw ForumException.Forbidden("You cannot report your own contribution.");
        }

        if (c.ReportedBy.Contains(participantId, StringComparer.Ordinal))
        {
            throw ForumException.Conflict("You have already reported this contribution.");
        }

        var reported = c with { ReportedBy = [.. c.ReportedBy, participantId] };
        if (reported.Status == ContributionStatus.Visible && reported.ReportedBy.Count >= ConsultationLimits.ReportsToHide)
        {
            reported = reported with { Status = ContributionStatus.HiddenPendingReview };
        }

        Replace(reported);
        return new ReportResult(reported.Id, reported.ReportedBy.Count, reported.Status);
    }

    /// <summary>An organizer restores a contribution or keeps (or makes) it hidden, with a reason.</summary>
    public ContributionRecord Review(string organizerId, string contributionId, ContributionReview review, DateTimeOffset now)
    {
        RequireOpened();
        if (review is null)
        {
            throw ForumException.Invalid("A review says whether the contribution is visible, and why.");
        }

        var c = Find(contributionId) ?? throw ForumException.NotFound($"There is no contribution '{contributionId}'.");
        var reason = review.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            reason = null;
        }

        if (!review.Visible && reason is null)
        {
            throw ForumException.Invalid("reason", "Say why the contribution is kept hidden.");
        }

        if (reason?.Length > ConsultationLimits.MaxReasonLength)
        {
            throw ForumException.Invalid("reason", $"A reason has at most {ConsultationLimits.MaxReasonLength} characters.");
        }

        var reviewed = c with
        {
            Status = review.Visible ? ContributionStatus.Restored : ContributionStatus.KeptHidden,
            ReviewedBy = organizerId,
            ReviewReason = reason,
            ReviewedAt = now,
        };
        Replace(reviewed);
        return reviewed;
    }

    /// <summary>After the closing date: the final text as a new version (2, 3, …). Versions never change.</summary>
    public ConsultationVersion Publish(string organizerId, PublishedText text, DateTimeOffset now)
    {
        var header = RequireOpened();
        if (now < header.ClosesAt)
        {
            throw ForumException.Conflict($"The consultation is open until {header.ClosesAt:u}; the final text is published after it closes.");
        }

        var errors = new Dictionary<string, string[]>();
        var paragraphs = CleanParagraphs(text?.Paragraphs, errors);
        if (errors.Count > 0)
        {
            throw ForumException.Invalid("The final text is not valid.", errors);
        }

        var version = new ConsultationVersion(_versions.Count + 1, false, paragraphs, now, organizerId);
        _versions.Add(version);
        return version;
    }

    /// <summary>The threads in order, as <paramref name="viewerId"/> may see them.</summary>
    public IReadOnlyList<Contribution> Threads(string? viewerId, bool organizer)
    {
        var children = _contributions.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!, StringComparer.Ordinal);
        List<Contribution> Build(IEnumerable<ContributionRecord> records) =>
            [.. records.Where(r => MaySee(r, viewerId, organizer)).Select(r => ViewOf(r, viewerId, organizer, Build(children[r.Id])))];
        return Build(_contributions.Where(c => c.ParentId is null));
    }

    /// <summary>A contribution with its replies as the public sees it; null when the public does not see it.</summary>
    public Contribution? PublicThread(string contributionId)
    {
        static Contribution? Search(IReadOnlyList<Contribution> threads, string id)
        {
            foreach (var c in threads)
            {
                if (c.Id == id)
                {
                    return c;
                }

                if (Search(c.Replies, id) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        return Search(Threads(null, organizer: false), contributionId);
    }

    /// <summary>Whether the public sees it: neither it nor a contribution it replies to is hidden.</summary>
    private bool Shown(ContributionRecord c)
    {
        for (var r = c; r is not null; r = r.ParentId is { } parent ? Find(parent) : null)
        {
            if (r.Hidden)
            {
                return false;
            }
        }

        return true;
    }

    public static Contribution ViewOf(ContributionRecord r, string? viewerId, bool organizer, IReadOnlyList<Contribution>? replies = null)
    {
        var mine = viewerId is not null && r.AuthorId == viewerId;
        var privileged = mine || organizer;
        return new Contribution(
            r.Id, r.ParentId, r.Level, r.Paragraph, r.Stance, r.Text, r.AuthorName, r.Group, r.Region, r.At, r.Status, mine,
            privileged ? r.ReportedBy.Count : 0, privileged ? r.ReviewReason : null, replies ?? []);
    }

    /// <summary>The figures of the contributions that are not hidden: by stakeholder group and by paragraph.</summary>
    public ConsultationSummary Summary()
    {
        var header = RequireOpened();
        var shown = _contributions.Where(Shown).ToList();
        var byGroup = Enum.GetValues<StakeholderGroup>().ToDictionary(
            g => WireNames.Name(g),
            g => Figures(shown.Where(c => c.Group == g), (n, r, s) => new GroupContributions(n, r, s)),
            StringComparer.Ordinal);
        var byParagraph = new List<ParagraphContributions> { Figures(shown.Where(c => c.Paragraph is null), (n, r, s) => new ParagraphContributions(null, n, r, s)) };
        byParagraph.AddRange(Draft.Paragraphs.Select(p =>
            Figures(shown.Where(c => c.Paragraph == p.Number), (n, r, s) => new ParagraphContributions(p.Number, n, r, s))));
        return Figures(shown, (n, r, s) => new ConsultationSummary(header.Id, n, r, s, byGroup, byParagraph, _contributions.Count(c => c.Hidden)));
    }

    private static T Figures<T>(IEnumerable<ContributionRecord> records, Func<int, int, StanceCounts, T> make)
    {
        int contributions = 0, replies = 0, agree = 0, disagree = 0, neutral = 0;
        foreach (var r in records)
        {
            if (r.Level == 1)
            {
                contributions++;
            }
            else
            {
                replies++;
            }

            switch (r.Stance)
            {
                case Stance.Agree: agree++; break;
                case Stance.Disagree: disagree++; break;
                case Stance.Neutral: neutral++; break;
            }
        }

        return make(contributions, replies, new StanceCounts(agree, disagree, neutral));
    }

    private static bool MaySee(ContributionRecord r, string? viewerId, bool organizer) =>
        !r.Hidden || organizer || (viewerId is not null && r.AuthorId == viewerId);

    private static System.Collections.ObjectModel.ReadOnlyCollection<ConsultationParagraph> CleanParagraphs(IReadOnlyList<string>? paragraphs, Dictionary<string, string[]> errors)
    {
        if (paragraphs is null || paragraphs.Count == 0 || paragraphs.Count > ConsultationLimits.MaxParagraphs)
        {
            errors["paragraphs"] = [$"A text has from 1 to {ConsultationLimits.MaxParagraphs} paragraphs."];
            return new List<ConsultationParagraph>().AsReadOnly();
        }

        var clean = new List<ConsultationParagraph>(paragraphs.Count);
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var text = paragraphs[i]?.Trim() ?? string.Empty;
            if (text.Length == 0 || text.Length > ConsultationLimits.MaxParagraphLength)
            {
                errors[$"paragraphs[{i}]"] = [$"A paragraph has from 1 to {ConsultationLimits.MaxParagraphLength} characters."];
            }

            clean.Add(new ConsultationParagraph(i + 1, text));
        }

        return clean.AsReadOnly();
    }

    private ConsultationHeader RequireOpened() =>
        Header ?? throw ForumException.NotFound("There is no such consultation.");

    private void Put(ContributionRecord c)
    {
        _index[c.Id] = _contributions.Count;
        _contributions.Add(c);
        _requests[(c.AuthorId, c.ClientRequestId)] = c.Id;
        if (!_byAuthor.TryGetValue(c.AuthorId, out var times))
        {
            _byAuthor[c.AuthorId] = times = [];
        }

        times.Add(c.At);
        if (times.Count > ConsultationLimits.MaxContributionsPerWindow)
        {
            times.RemoveAt(0);
        }
    }

    private void Replace(ContributionRecord c) => _contributions[_index[c.Id]] = c;
}
