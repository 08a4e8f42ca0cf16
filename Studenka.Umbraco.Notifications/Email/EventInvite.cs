using System.Globalization;
using System.Text;
using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Email;

/// <summary>
/// The <c>.ics</c> (RFC 5545) of an event campaign: times in Europe/Prague with the zone's own
/// definition (calendars without a zone database read it too), and a UID per campaign, so a resend
/// updates the entry instead of adding a second one.
/// </summary>
public static class EventInvite
{
    private static readonly TimeZoneInfo Prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

    // The EU rule since 1996: summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.
    private const string PragueZone = """
        BEGIN:VTIMEZONE
        TZID:Europe/Prague
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """;

    public static string Uid(long campaignId, string host) => $"campaign-{campaignId}@{host}";

    public static string Build(long campaignId, string host, CampaignEvent @event, string description, DateTimeOffset now)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Studenka.Umbraco.Notifications//CS",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        };
        lines.AddRange(PragueZone.Split('\n').Select(l => l.TrimEnd('\r')));
        lines.Add("BEGIN:VEVENT");
        lines.Add("UID:" + Uid(campaignId, host));
        lines.Add("DTSTAMP:" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        lines.Add("DTSTART;TZID=Europe/Prague:" + Local(@event.Start));
        // Without an end an event is a point in time; an hour is what a calendar shows for a meeting.
        lines.Add("DTEND;TZID=Europe/Prague:" + Local(@event.End ?? @event.Start.AddHours(1)));
        lines.Add("SUMMARY:" + Escape(@event.Title));
        if (@event.Location is { Length: > 0 } location)
        {
            lines.Add("LOCATION:" + Escape(location));
        }

        lines.Add("DESCRIPTION:" + Escape(description));
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return text.ToString();
    }

    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Prague).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    /// <summary>Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never inside a UTF-8 character.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
