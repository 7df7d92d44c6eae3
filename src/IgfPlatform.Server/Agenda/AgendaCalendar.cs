using System.Globalization;
using System.Text;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Server.Agenda;

/// <summary>
/// A session and its agenda as iCalendar (RFC 5545): one event for the session, one per item at its
/// expected time, all in UTC, with stable UIDs so that a subscribed calendar updates in place.
/// </summary>
public static class AgendaCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(SessionDetails session, IReadOnlyList<AgendaItem> agenda, AgendaTimeline timeline, Uri sessionPage, DateTimeOffset now)
    {
        var ics = new Writer();
        ics.Line("BEGIN:VCALENDAR");
        ics.Line("VERSION:2.0");
        ics.Line("PRODID:-//IGF Platform//Session agenda//EN");
        ics.Line("CALSCALE:GREGORIAN");
        ics.Line("METHOD:PUBLISH");
        ics.Property("X-WR-CALNAME", session.Title);

        var sessionUid = $"{session.Id}@igf-platform";
        // As held once ended; as now expected while live (never before its start); as planned before.
        var starts = session.StartedAt ?? session.StartsAt;
        var ends = session.Status switch
        {
            SessionStatus.Ended or SessionStatus.Published when session.EndedAt is { } ended => ended,
            SessionStatus.Live => timeline.ExpectedEnd > starts ? timeline.ExpectedEnd : starts.AddMinutes(session.DurationMinutes),
            _ => session.StartsAt.AddMinutes(session.DurationMinutes),
        };
        ics.Line("BEGIN:VEVENT");
        ics.Property("UID", sessionUid);
        ics.Line("DTSTAMP:" + Utc(now));
        ics.Line("DTSTART:" + Utc(starts));
        ics.Line("DTEND:" + Utc(ends));
        ics.Property("SUMMARY", session.Title);
        ics.Property("DESCRIPTION", session.Description);
        ics.Property("URL", sessionPage.ToString());
        ics.Property("CATEGORIES", JsonName(session.Type.ToString()));
        ics.Line("STATUS:" + (session.Status == SessionStatus.Draft ? "TENTATIVE" : "CONFIRMED"));
        ics.Line("END:VEVENT");

        var times = timeline.Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        foreach (var item in agenda)
        {
            var time = times[item.Id];
            ics.Line("BEGIN:VEVENT");
            ics.Property("UID", $"{session.Id}.{item.Id}@igf-platform");
            ics.Line("DTSTAMP:" + Utc(now));
            ics.Line("DTSTART:" + Utc(time.ActualStart ?? time.ExpectedStart));
            ics.Line("DTEND:" + Utc(time.ActualEnd ?? time.ExpectedEnd));
            ics.Property("SUMMARY", $"{item.Title} ({session.Title})");
            if (item.Speakers.Count > 0)
            {
                ics.Property("DESCRIPTION", "Speakers: " + string.Join(", ", item.Speakers));
            }

            ics.Property("RELATED-TO", sessionUid);
            ics.Line("STATUS:" + (time.Status == AgendaItemStatus.Skipped ? "CANCELLED" : "CONFIRMED"));
            ics.Line("END:VEVENT");
        }

        ics.Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Content lines: escaped text, CRLF endings, folded at 75 octets without splitting a character.</summary>
    private sealed class Writer
    {
        private const int MaxOctets = 75;
        private readonly StringBuilder _text = new();

        public void Property(string name, string value) => Line($"{name}:{Escape(value)}");

        public void Line(string line)
        {
            var octets = 0;
            var limit = MaxOctets;
            foreach (var rune in line.EnumerateRunes())
            {
                var size = rune.Utf8SequenceLength;
                if (octets + size > limit)
                {
                    _text.Append("\r\n ");
                    octets = 0;
                    limit = MaxOctets - 1; // the leading space of a continuation counts
                }

                _text.Append(rune.ToString());
                octets += size;
            }

            _text.Append("\r\n");
        }

        public override string ToString() => _text.ToString();

        private static string Escape(string value) => value
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\n", StringComparison.Ordinal);
    }
}
