using System.Globalization;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Presence;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Proceedings;

/// <summary>
/// Builds a session's proceedings from its own log: the session as planned and as held, every
/// speech, the balance ledger, attendance at its peak, the question figures, the moderators'
/// overrides and dismissals with their reasons, and the moderators' text. Deterministic: the same
/// log gives the same record.
/// </summary>
public static class ProceedingsBuilder
{
    public static ProceedingsContent Build(
        SessionHistory history,
        FloorFigures floor,
        IReadOnlyList<SpeechOnRecord> speeches,
        QuestionFigures questions,
        ProceedingsText text,
        IReadOnlyDictionary<string, int>? moderatorActions = null)
    {
        var details = history.Details;
        var numbers = speeches.ToDictionary(s => s.Speech.SpeechId, s => s);
        return new ProceedingsContent(
            new RecordedSession(
                details.Title, Sorted(details.Titles), WireNames.Name(details.Type), [.. details.Topics], Stamp(details.StartsAt),
                details.DurationMinutes, StampOrNull(details.StartedAt), StampOrNull(details.EndedAt), details.Description),
            Agenda(history),
            [.. speeches.Select((s, i) => Speech(s, i + 1, numbers))],
            Floor(floor.Ledger),
            Attendance(history.PeakAttendance, history.PeakAt),
            Questions(questions),
            [.. floor.Ledger.Overrides.Select(o => new RecordedOverride(
                Stamp(o.At), SpeechNumber(o.SpeechId, speeches), WireNames.Name(o.GivenToGroup),
                o.SuggestedGroup is { } g ? WireNames.Name(g) : null, o.Reason))],
            [.. floor.Ledger.Dismissals.Select(d => new RecordedDismissal(Stamp(d.At), WireNames.Name(d.Group), d.Reason))],
            text.Summary,
            [.. text.Takeaways],
            [.. text.CallsToAction],
            new SortedDictionary<string, int>(moderatorActions?.ToDictionary() ?? [], StringComparer.Ordinal));
    }

    /// <summary>UTC to the second: the record's one format for times.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? StampOrNull(DateTimeOffset? at) => at is { } value ? Stamp(value) : null;

    /// <summary>The planned items in their planned order (with how they were held), then the items added during the session.</summary>
    private static List<RecordedItem> Agenda(SessionHistory history)
    {
        var held = history.Agenda.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var timeline = history.Timeline.Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var planned = history.PlannedAgenda.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var plannedStarts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var start = history.Details.StartsAt;
        foreach (var item in history.PlannedAgenda)
        {
            plannedStarts[item.Id] = start;
            start += TimeSpan.FromMinutes(item.Minutes);
        }

        RecordedItem Item(AgendaItem item, bool isPlanned)
        {
            var isHeld = held.ContainsKey(item.Id);
            var current = isHeld ? held[item.Id] : item;
            timeline.TryGetValue(item.Id, out var time);
            var status = !isHeld ? "removed" : time is null ? "skipped" : WireNames.Name(time.Status);
            return new RecordedItem(
                current.Id, current.Title, current.Minutes, [.. current.Speakers], isPlanned, isHeld, status,
                plannedStarts.TryGetValue(item.Id, out var at) ? Stamp(at) : null,
                StampOrNull(time?.ActualStart), StampOrNull(time?.ActualEnd));
        }

        return [.. history.PlannedAgenda.Select(i => Item(i, true)), .. history.Agenda.Where(i => !planned.Contains(i.Id)).Select(i => Item(i, false))];
    }

    private static RecordedSpeech Speech(SpeechOnRecord s, int number, Dictionary<long, SpeechOnRecord> bySpeech)
    {
        var speech = s.Speech;
        var where = speech.Hub is not null ? "remoteHub" : speech.InRoom ? "inRoom" : "remote";
        var seconds = speech.EndedAt is { } ended ? Seconds((long)(ended - speech.StartedAt).TotalMilliseconds) : 0;
        return new RecordedSpeech(
            number, $"Speaker {s.Speaker}", WireNames.Name(speech.Group), WireNames.Name(s.Region), s.Gender is { } g ? WireNames.Name(g) : null,
            WireNames.Name(speech.Kind), where, speech.Hub?.Name, speech.Hub?.Headcount ?? 0, Stamp(speech.StartedAt), seconds,
            speech.AllottedSeconds, speech.RepliesTo is { } r && bySpeech.ContainsKey(r) ? SpeechNumber(r, bySpeech.Values) : null);
    }

    private static int SpeechNumber(long speechId, IEnumerable<SpeechOnRecord> speeches) =>
        speeches.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Speech.SpeechId == speechId) is var (_, index) ? index + 1 : 0;

    private static RecordedFloor Floor(FloorLedger ledger) => new(
        ledger.Speeches, Seconds(ledger.Milliseconds), Shares(ledger.ByGroup), Shares(ledger.ByRegion), Shares(ledger.ByGender),
        Share(ledger.InRoom), Share(ledger.Remote), Share(ledger.RemoteHubs), ledger.RemoteHubHeadcount);

    private static SortedDictionary<string, RecordedShare> Shares(IReadOnlyDictionary<string, FloorShare> shares) =>
        new(shares.ToDictionary(s => s.Key, s => Share(s.Value), StringComparer.Ordinal), StringComparer.Ordinal);

    private static RecordedShare Share(FloorShare share) =>
        new(share.Speeches, Seconds(share.Milliseconds), Permille(share.Share), share.Target is { } t ? Permille(t) : null);

    private static long Seconds(long milliseconds) => (long)Math.Round(milliseconds / 1000.0, MidpointRounding.AwayFromZero);

    private static int Permille(double share) => (int)Math.Round(share * 1000, MidpointRounding.AwayFromZero);

    private static RecordedAttendance Attendance(PresenceCounts? peak, DateTimeOffset? at) => peak is null
        ? new RecordedAttendance(null, 0, 0, 0, 0, 0, Sorted<int>(null), Sorted<int>(null), Sorted<int>(null))
        : new RecordedAttendance(
            StampOrNull(at), peak.Total, peak.Registered, peak.Anonymous, peak.InRoom, peak.Remote,
            Sorted(peak.ByGroup), Sorted(peak.ByRegion), Sorted(peak.ByGender));

    private static RecordedQuestions Questions(QuestionFigures q) => new(
        q.Asked, q.Approved, q.Answered, q.Hidden, q.Upvotes,
        new SortedDictionary<string, RecordedTally>(q.ByGroup.ToDictionary(t => t.Key, t => new RecordedTally(t.Value.Asked, t.Value.Approved, t.Value.Answered)), StringComparer.Ordinal),
        new SortedDictionary<string, RecordedTally>(q.ByRegion.ToDictionary(t => t.Key, t => new RecordedTally(t.Value.Asked, t.Value.Approved, t.Value.Answered)), StringComparer.Ordinal));

    private static SortedDictionary<string, T> Sorted<T>(IReadOnlyDictionary<string, T>? values) =>
        values is null ? new(StringComparer.Ordinal) : new(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal);
}
