using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace IgfPlatform.Grains.Consultations;

/// <summary>
/// A consultation on a policy topic. Reentrant so that contributions arriving together are stored in
/// one write (<see cref="BatchedStateWriter{TState}"/>); every decision is made by <see cref="Consultation"/>.
/// </summary>
[Reentrant]
public sealed class ConsultationGrain : Grain, IConsultationGrain
{
    private readonly IPersistentState<ConsultationState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<ConsultationGrain> _logger;
    private Consultation _consultation = new();
    private BatchedStateWriter<ConsultationState> _writer = null!;

    // What the commands of the write under way changed, announced to the topic's followers once stored.
    private readonly List<FeedChange> _changes = [];
    private bool _summaryChanged;

    public ConsultationGrain(
        [PersistentState("consultation", StorageNames.Blob)] IPersistentState<ConsultationState> state,
        TimeProvider time,
        ILogger<ConsultationGrain> logger)
    {
        _state = state;
        _time = time;
        _logger = logger;
    }

    private string Id => this.GetPrimaryKeyString();

    private DateTimeOffset Now => _time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _consultation.Load(_state.State);
        _writer = new BatchedStateWriter<ConsultationState>(_state, () => _consultation.ToState(), Restore, Announce, _logger);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<ConsultationDetails> Open(string organizerId, string topicSlug, NewConsultation consultation)
    {
        await RequireOrganizer(organizerId, "Only organizers may open consultations.");
        if (_consultation.Header is not null)
        {
            // Opened before: make sure its topic lists it (the listing may have failed after the write).
            await Index(_consultation.Header.TopicSlug).Upsert(_consultation.Listing());
            throw ForumException.Conflict($"The consultation '{Id}' already exists.");
        }

        if (string.IsNullOrEmpty(topicSlug) || await GrainFactory.GetGrain<ITopicGrain>(topicSlug).Get() is null)
        {
            throw ForumException.NotFound($"There is no topic '{topicSlug}'.");
        }

        await RecordFootprint(organizerId);
        var details = await _writer.Run(() =>
        {
            var opened = _consultation.Open(Id, topicSlug, organizerId, consultation, Now);
            _changes.Add(new FeedChange(TopicEventTypes.ConsultationChanged, new ConsultationChanged(opened)));
            return opened;
        });
        await Index(topicSlug).Upsert(_consultation.Listing());
        return details;
    }

    public Task<ConsultationDetails?> Get() => Task.FromResult(_consultation.Details(Now));

    public async Task<Contribution> Contribute(string participantId, ContributionDraft draft)
    {
        RequireSignedIn(participantId, "Sign in to contribute.");
        RequireOpened();
        if (draft is not null && _consultation.FindRequest(participantId, draft.ClientRequestId?.Trim() ?? string.Empty) is { } known)
        {
            return Consultation.ViewOf(known, participantId, organizer: false);
        }

        var who = await GrainFactory.GetGrain<IParticipantGrain>(participantId).GetProfile()
            ?? throw ForumException.Unauthenticated("Your account no longer exists.");
        await RecordFootprint(participantId);
        var record = await _writer.Run(() =>
        {
            var added = _consultation.Contribute(who, draft!, Now);
            _changes.Add(new FeedChange(TopicEventTypes.ContributionAdded, new ContributionAdded(Id, Consultation.ViewOf(added, null, organizer: false))));
            _summaryChanged = true;
            return added;
        });
        return Consultation.ViewOf(record, participantId, organizer: false);
    }

    public async Task<IReadOnlyList<Contribution>> GetContributions(string? viewerId)
    {
        RequireOpened();
        var organizer = await IsOrganizer(viewerId);
        return _consultation.Threads(viewerId, organizer);
    }

    public async Task<ReportResult> Report(string participantId, string contributionId)
    {
        RequireSignedIn(participantId, "Sign in to report a contribution.");
        RequireOpened();
        var organizer = await IsOrganizer(participantId);
        await RecordFootprint(participantId);
        return await _writer.Run(() =>
        {
            var result = _consultation.Report(participantId, contributionId, organizer);
            if (result.Status == ContributionStatus.HiddenPendingReview && result.Reports == ConsultationLimits.ReportsToHide)
            {
                _changes.Add(new FeedChange(TopicEventTypes.ContributionChanged, new ContributionChanged(Id, contributionId, null)));
                _summaryChanged = true;
            }

            return result;
        });
    }

    public async Task<Contribution> Review(string organizerId, string contributionId, ContributionReview review)
    {
        await RequireOrganizer(organizerId, "Only organizers may review contributions.");
        RequireOpened();
        await RecordFootprint(organizerId);
        var reviewed = await _writer.Run(() =>
        {
            var record = _consultation.Review(organizerId, contributionId, review, Now);
            _changes.Add(new FeedChange(TopicEventTypes.ContributionChanged, new ContributionChanged(Id, contributionId, _consultation.PublicThread(contributionId))));
            _summaryChanged = true;
            return record;
        });
        return Consultation.ViewOf(reviewed, organizerId, organizer: true);
    }

    public Task<PersonalDataPart?> ExportPersonalData(string participantId)
    {
        var contributions = _consultation.Contributions.Where(c => c.AuthorId == participantId)
            .Select(c => new ExportedContribution(c.Id, c.ParentId, c.Paragraph, c.Stance, c.Text, c.At, c.Status, c.ReportedBy.Count, c.ReviewReason))
            .ToList();
        var reported = _consultation.Contributions.Where(c => c.ReportedBy.Contains(participantId, StringComparer.Ordinal)).Select(c => c.Id).ToList();
        return Task.FromResult(contributions.Count == 0 && reported.Count == 0
            ? null
            : new PersonalDataPart(PersonalDataKinds.Consultation, Id, new ConsultationExport(Id, contributions, reported)));
    }

    public async Task ErasePersonalData(string participantId)
    {
        RequireSignedIn(participantId, "Say whose data to erase.");
        if (!ConsultationErasure.Holds(_consultation.ToState(), participantId))
        {
            return;
        }

        await _writer.Run(() =>
        {
            var erased = ConsultationErasure.Erase(_consultation.ToState(), participantId);
            _consultation = new Consultation();
            _consultation.Load(erased);
            _summaryChanged = true;
            return true;
        });
    }

    /// <summary>Notes the consultation in the person's index before anything of theirs is stored here.</summary>
    private Task RecordFootprint(string participantId) =>
        GrainFactory.GetGrain<IParticipantGrain>(participantId).RecordFootprint(new DataFootprint(PersonalDataKinds.Consultation, Id));

    public Task<ConsultationSummary> GetSummary() => Task.FromResult(_consultation.Summary());

    public async Task<ConsultationVersion> Publish(string organizerId, PublishedText text)
    {
        await RequireOrganizer(organizerId, "Only organizers may publish the final text.");
        RequireOpened();
        await RecordFootprint(organizerId);
        return await _writer.Run(() =>
        {
            var version = _consultation.Publish(organizerId, text, Now);
            _changes.Add(new FeedChange(TopicEventTypes.ConsultationChanged, new ConsultationChanged(_consultation.Details(Now)!)));
            return version;
        });
    }

    private IConsultationIndexGrain Index(string topicSlug) => GrainFactory.GetGrain<IConsultationIndexGrain>(topicSlug);

    /// <summary>Tells the topic's followers what was just stored: the changes, then the figures once.</summary>
    private async Task Announce()
    {
        if (_summaryChanged)
        {
            _changes.Add(new FeedChange(TopicEventTypes.ConsultationSummaryChanged, new ConsultationSummaryChanged(_consultation.Summary())));
        }

        var changes = _changes.ToList();
        _changes.Clear();
        _summaryChanged = false;
        if (changes.Count == 0 || _consultation.Header is not { } header)
        {
            return;
        }

        await GrainFactory.GetGrain<IFeedGrain>(LiveFeeds.Topic(header.TopicSlug)).Record(changes);
    }

    private void Restore(ConsultationState stored)
    {
        // What was not stored is not announced.
        _changes.Clear();
        _summaryChanged = false;
        _consultation = new Consultation();
        _consultation.Load(stored);
    }

    private void RequireOpened()
    {
        if (_consultation.Header is null)
        {
            throw ForumException.NotFound($"There is no consultation '{Id}'.");
        }
    }

    private async Task<bool> IsOrganizer(string? participantId) =>
        !string.IsNullOrEmpty(participantId) && await GrainFactory.GetGrain<IParticipantGrain>(participantId).IsOrganizer();

    private async Task RequireOrganizer(string organizerId, string refusal)
    {
        RequireSignedIn(organizerId, "Sign in as an organizer to do this.");
        if (!await IsOrganizer(organizerId))
        {
            throw ForumException.Forbidden(refusal);
        }
    }

    private static void RequireSignedIn(string participantId, string message)
    {
        if (string.IsNullOrEmpty(participantId))
        {
            throw ForumException.Unauthenticated(message);
        }
    }
}

[GenerateSerializer]
[Alias("igf.ConsultationIndexState")]
public sealed class ConsultationIndexState : ICopyableState<ConsultationIndexState>
{
    [Id(0)]
    public Dictionary<string, ConsultationListing> Consultations { get; set; } = new(StringComparer.Ordinal);

    public ConsultationIndexState Copy() => new() { Consultations = new(Consultations, StringComparer.Ordinal) };
}

/// <summary>The consultations of one topic, keyed by the topic slug (kept beside the topic, not in it).</summary>
public sealed class ConsultationIndexGrain(
    [PersistentState("consultationIndex", StorageNames.Blob)] IPersistentState<ConsultationIndexState> state)
    : Grain, IConsultationIndexGrain
{
    public Task Upsert(ConsultationListing listing) => state.ApplyMerging(s => s.Consultations[listing.Id] = listing);

    public Task<IReadOnlyList<ConsultationListing>> List() =>
        Task.FromResult<IReadOnlyList<ConsultationListing>>(
            [.. state.State.Consultations.Values.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal)]);
}
