using System.Globalization;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Editors;

/// <summary>
/// Fills a page's SMS template. Placeholders: <c>{title}</c> (the page's name in the culture),
/// <c>{date}</c> (the event's day in the town's time, short Czech form with the weekday:
/// "so 12. 12."), <c>{time}</c> ("18:00"), <c>{place}</c> (<c>eventLocation</c>) and <c>{url}</c> (the
/// page's absolute address). A placeholder without a value becomes empty, and the spaces and
/// commas it leaves are tidied, so a news page's template may still mention {date}.
/// </summary>
public sealed class AnnouncementText(TownCalendar calendar)
{
    public string Render(string template, PageValues page, string? url, CultureInfo culture)
    {
        var local = page.EventStart is { } start ? calendar.ToLocal(start) : (DateTimeOffset?)null;
        var text = template
            .Replace("{title}", page.Title, StringComparison.OrdinalIgnoreCase)
            .Replace("{date}", local?.ToString("ddd d. M.", culture) ?? "", StringComparison.OrdinalIgnoreCase)
            .Replace("{time}", local?.ToString("H:mm", culture) ?? "", StringComparison.OrdinalIgnoreCase)
            .Replace("{place}", page.Place ?? "", StringComparison.OrdinalIgnoreCase)
            .Replace("{url}", url ?? "", StringComparison.OrdinalIgnoreCase);
        return Tidy(text);
    }

    /// <summary>Removes what an empty placeholder leaves behind: doubled spaces, " ," and " v ," and a trailing comma.</summary>
    private static string Tidy(string text)
    {
        var tidy = System.Text.RegularExpressions.Regex.Replace(text, @"[ \t]{2,}", " ");
        tidy = System.Text.RegularExpressions.Regex.Replace(tidy, @"\s+([,.])", "$1");
        tidy = System.Text.RegularExpressions.Regex.Replace(tidy, @",\s*([,.])", "$1");
        tidy = System.Text.RegularExpressions.Regex.Replace(tidy, @"\bv([,.])", "$1");
        return tidy.Trim().TrimEnd(',').Trim();
    }
}
