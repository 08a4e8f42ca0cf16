using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>Section <c>Studenka:Campaigns</c>.</summary>
public sealed class CampaignOptions
{
    public const string SectionName = "Studenka:Campaigns";

    /// <summary>Price of one SMS segment in CZK, for the cost shown before sending.</summary>
    [Range(0, 100)]
    public decimal PricePerSegmentCzk { get; set; } = 0.90m;

    /// <summary>Longest text accepted, in segments per recipient.</summary>
    [Range(1, 10)]
    public int MaxSegments { get; set; } = 10;

    /// <summary>How far ahead a campaign may be scheduled, in days; a later time is refused with 400.</summary>
    [Range(1, 3650)]
    public int MaxScheduleAheadDays { get; set; } = 365;

    /// <summary>
    /// Quiet hours per package id, in the town's local time ("21:00" to "07:00"). A package
    /// missing here (crisis, 1) has none. Keys are package ids as strings because configuration keys are strings.
    /// </summary>
    public Dictionary<string, QuietHoursWindow> QuietHours { get; set; } = new()
    {
        ["2"] = new() { Start = "21:00", End = "07:00" },
        ["3"] = new() { Start = "21:00", End = "07:00" },
        ["4"] = new() { Start = "21:00", End = "07:00" },
    };
}

public sealed class QuietHoursWindow
{
    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string Start { get; set; } = "21:00";

    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string End { get; set; } = "07:00";
}
