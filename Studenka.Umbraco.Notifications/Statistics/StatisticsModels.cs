namespace Studenka.Umbraco.Notifications.Statistics;

/// <summary>One line of a chart: a count per month of the range.</summary>
public sealed record StatisticsSeries(long Id, string Name, IReadOnlyList<long> Values);

/// <summary>Active subscribers at the end of each month (the current month: now); counts only.</summary>
public sealed record SubscriberStatistics(IReadOnlyList<string> Months, IReadOnlyList<long> Total, IReadOnlyList<StatisticsSeries> Packages, IReadOnlyList<StatisticsSeries> CityParts);

/// <summary>Campaign messages per outcome (<see cref="Delivery.DeliveryOutcome"/>): keys are the outcome names.</summary>
public sealed record OutcomeCounts(long Delivered, long Accepted, long FailedDelivery, long Failed, long Unknown, long Pending, long Cancelled)
{
    public long Total => Delivered + Accepted + FailedDelivery + Failed + Unknown + Pending + Cancelled;
}

/// <summary><see cref="Counts"/> over every channel, then split: SMS (paid per segment) and e-mail (free, counted).</summary>
public sealed record MonthDeliveries(string Month, OutcomeCounts Counts, OutcomeCounts Sms, OutcomeCounts Email);

/// <summary><see cref="Counts"/> over every channel, then split by channel as in <see cref="MonthDeliveries"/>.</summary>
public sealed record CampaignDeliveries(long CampaignId, int PackageId, string Text, DateTimeOffset CreatedAt, string State, OutcomeCounts Counts, OutcomeCounts Sms, OutcomeCounts Email);

/// <summary>Per month and per campaign with messages in the range (newest campaign first).</summary>
public sealed record DeliveryStatisticsView(IReadOnlyList<string> Months, IReadOnlyList<MonthDeliveries> ByMonth, IReadOnlyList<CampaignDeliveries> ByCampaign);

/// <param name="Sms">Campaign SMS handed to the gateway (paid for).</param>
public sealed record MonthSms(string Month, long Sms, long Segments, decimal CostCzk);

/// <summary>Segments and cost of campaign SMS per month, at the configured price per segment.</summary>
public sealed record SmsStatistics(IReadOnlyList<string> Months, decimal PricePerSegmentCzk, IReadOnlyList<MonthSms> ByMonth);
