using System.Globalization;
using System.Text;
using CsvHelper;

namespace Studenka.Umbraco.Notifications.Statistics;

/// <summary>The statistics as CSV (UTF-8 with BOM, for Excel): the same numbers the charts draw, one row per month or campaign.</summary>
public static class StatisticsCsv
{
    private static readonly string[] OutcomeNames = ["delivered", "accepted", "failedDelivery", "failed", "unknown", "pending", "cancelled", "total"];

    // Every channel first (the columns as they were before e-mail), then the same split per channel.
    private static readonly string[] OutcomeHeaders = [.. OutcomeNames, .. OutcomeNames.Select(o => "sms " + o), .. OutcomeNames.Select(o => "email " + o)];

    public static byte[] Subscribers(SubscriberStatistics s) => Write(
        ["month", "total", .. s.Packages.Select(p => $"package {p.Id}: {p.Name}"), .. s.CityParts.Select(p => $"city part: {p.Name}")],
        s.Months.Select((month, i) => (IEnumerable<object>)[month, s.Total[i], .. s.Packages.Select(p => (object)p.Values[i]), .. s.CityParts.Select(p => (object)p.Values[i])]));

    public static byte[] DeliveriesByMonth(DeliveryStatisticsView d) => Write(
        ["month", .. OutcomeHeaders],
        d.ByMonth.Select(m => (IEnumerable<object>)[m.Month, .. Outcomes(m.Counts, m.Sms, m.Email)]));

    public static byte[] DeliveriesByCampaign(DeliveryStatisticsView d) => Write(
        ["campaign", "package", "created", "state", "text", .. OutcomeHeaders],
        d.ByCampaign.Select(c => (IEnumerable<object>)[c.CampaignId, c.PackageId, c.CreatedAt.ToString("O", CultureInfo.InvariantCulture), c.State, c.Text, .. Outcomes(c.Counts, c.Sms, c.Email)]));

    public static byte[] Sms(SmsStatistics s) => Write(
        ["month", "sms", "segments", "costCzk"],
        s.ByMonth.Select(m => (IEnumerable<object>)[m.Month, m.Sms, m.Segments, m.CostCzk]));

    private static object[] Outcomes(params OutcomeCounts[] counts) =>
        [.. counts.SelectMany(c => new object[] { c.Delivered, c.Accepted, c.FailedDelivery, c.Failed, c.Unknown, c.Pending, c.Cancelled, c.Total })];

    private static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<object>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var field in header)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
