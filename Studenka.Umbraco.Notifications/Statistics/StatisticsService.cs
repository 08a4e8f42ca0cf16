using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Statistics;

/// <summary>
/// The numbers a town council asks for, composed from each feature's read operation (Subscriptions'
/// history, Delivery's outbox counts, Campaigns' summaries); this class runs no SQL of its own.
/// Months are the town's (Europe/Prague) calendar months.
/// </summary>
public sealed class StatisticsService(
    SubscriberHistory history, DeliveryStatistics deliveries, CampaignSummaries campaigns, AreaRepository areas,
    TownCalendar calendar, TimeProvider time, RuntimeSettings settings)
{
    public const int MaxMonths = 60;

    /// <summary>The months first … last; null for either: the 12 months up to the current one.</summary>
    public MonthRange Range(DateOnly? first, DateOnly? last)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(time.GetUtcNow()).DateTime);
        var to = last ?? new DateOnly(today.Year, today.Month, 1);
        var from = first ?? to.AddMonths(-11);
        return MonthRange.Create(from, to, calendar.FromLocal);
    }

    public async Task<SubscriberStatistics> SubscribersAsync(MonthRange range, CancellationToken cancellationToken)
    {
        var series = await history.SeriesAsync(range, cancellationToken);
        IReadOnlyList<long> Values(string dimension, long key) =>
            series.Counts.GetValueOrDefault(new CountKey(dimension, key)) ?? new long[range.Months.Count];
        var parts = (await areas.GetCatalogAsync(cancellationToken)).Parts;
        return new SubscriberStatistics(
            range.Months,
            Values(CountKey.Total, 0),
            TopicPackages.All.Select(p => new StatisticsSeries(p.Id, p.Name, Values(CountKey.Package, p.Id))).ToList(),
            parts.Select(p => new StatisticsSeries(p.Part.Id, p.Part.Name, Values(CountKey.CityPart, p.Part.Id))).ToList());
    }

    public async Task<DeliveryStatisticsView> DeliveriesAsync(MonthRange range, CancellationToken cancellationToken)
    {
        var counts = await deliveries.CountsAsync(range, cancellationToken);
        var summaries = await campaigns.GetAsync(counts.Select(c => c.CampaignId).Distinct().ToList(), cancellationToken);
        var byMonth = range.Months.Select((month, i) =>
        {
            var inMonth = counts.Where(c => c.MonthIndex == i).ToList();
            return new MonthDeliveries(month, Sum(inMonth), Sum(inMonth, OutboxChannel.Sms), Sum(inMonth, OutboxChannel.Email));
        }).ToList();
        var byCampaign = counts.GroupBy(c => c.CampaignId)
            .Where(g => summaries.ContainsKey(g.Key))
            .Select(g => (Campaign: summaries[g.Key], Rows: g.ToList()))
            .Select(c => new CampaignDeliveries(c.Campaign.Id, c.Campaign.PackageId, c.Campaign.Text, c.Campaign.CreatedAt, c.Campaign.State,
                Sum(c.Rows), Sum(c.Rows, OutboxChannel.Sms), Sum(c.Rows, OutboxChannel.Email)))
            .OrderByDescending(c => c.CampaignId)
            .ToList();
        return new DeliveryStatisticsView(range.Months, byMonth, byCampaign);
    }

    public async Task<SmsStatistics> SmsAsync(MonthRange range, CancellationToken cancellationToken)
    {
        // Only SMS are paid; an e-mail costs the town nothing per message.
        var billed = (await deliveries.CountsAsync(range, cancellationToken))
            .Where(c => c.Channel == OutboxChannel.Sms && DeliveryOutcome.Billed(c.Outcome)).ToList();
        var summaries = await campaigns.GetAsync(billed.Select(c => c.CampaignId).Distinct().ToList(), cancellationToken);
        // The price an administrator set in Settings (else the configured one), as the compose preview uses it.
        var price = (await settings.CurrentAsync(cancellationToken)).PricePerSegmentCzk;
        var byMonth = range.Months.Select((month, i) =>
        {
            var inMonth = billed.Where(c => c.MonthIndex == i).ToList();
            var segments = inMonth.Sum(c => c.Count * (summaries.TryGetValue(c.CampaignId, out var s) ? s.Segments : 1));
            return new MonthSms(month, inMonth.Sum(c => c.Count), segments, segments * price);
        }).ToList();
        return new SmsStatistics(range.Months, price, byMonth);
    }

    private static OutcomeCounts Sum(IEnumerable<CampaignDeliveryCount> counts, string channel) => Sum(counts.Where(c => c.Channel == channel));

    private static OutcomeCounts Sum(IEnumerable<CampaignDeliveryCount> counts)
    {
        var by = counts.GroupBy(c => c.Outcome).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        long Of(string outcome) => by.GetValueOrDefault(outcome);
        return new OutcomeCounts(Of(DeliveryOutcome.Delivered), Of(DeliveryOutcome.Accepted), Of(DeliveryOutcome.FailedDelivery),
            Of(DeliveryOutcome.Failed), Of(DeliveryOutcome.Unknown), Of(DeliveryOutcome.Pending), Of(DeliveryOutcome.Cancelled));
    }
}
