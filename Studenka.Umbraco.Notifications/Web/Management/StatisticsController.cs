using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Statistics;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Statistics for the town hall (Administrators and Editors; Dispatch 403): counts only, as JSON for the
/// charts and the same numbers as CSV. <c>from</c>/<c>to</c> are months <c>yyyy-MM</c> (Prague), default the last 12.
/// </summary>
[Route(RoutePrefix + "/statistics")]
public sealed class StatisticsController(StatisticsService statistics, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet("subscribers")]
    [ProducesResponseType<SubscriberStatistics>(StatusCodes.Status200OK)]
    public Task<IActionResult> Subscribers(string? from, string? to, CancellationToken cancellationToken) =>
        Answer(from, to, async range => Ok(await statistics.SubscribersAsync(range, cancellationToken)));

    [HttpGet("subscribers/export")]
    public Task<IActionResult> SubscribersExport(string? from, string? to, CancellationToken cancellationToken) =>
        Answer(from, to, async range => Csv(StatisticsCsv.Subscribers(await statistics.SubscribersAsync(range, cancellationToken)), "odberatele", range));

    [HttpGet("deliveries")]
    [ProducesResponseType<DeliveryStatisticsView>(StatusCodes.Status200OK)]
    public Task<IActionResult> Deliveries(string? from, string? to, CancellationToken cancellationToken) =>
        Answer(from, to, async range => Ok(await statistics.DeliveriesAsync(range, cancellationToken)));

    /// <summary><c>by=month</c> (default) or <c>by=campaign</c>.</summary>
    [HttpGet("deliveries/export")]
    public Task<IActionResult> DeliveriesExport(string? from, string? to, string? by, CancellationToken cancellationToken) =>
        by is null or "month" or "campaign"
            ? Answer(from, to, async range =>
            {
                var view = await statistics.DeliveriesAsync(range, cancellationToken);
                return by == "campaign" ? Csv(StatisticsCsv.DeliveriesByCampaign(view), "doruceni-podle-zprav", range) : Csv(StatisticsCsv.DeliveriesByMonth(view), "doruceni-podle-mesicu", range);
            })
            : Task.FromResult<IActionResult>(Invalid(new Dictionary<string, string> { ["by"] = "Parametr by smí být month nebo campaign." }));

    [HttpGet("sms")]
    [ProducesResponseType<SmsStatistics>(StatusCodes.Status200OK)]
    public Task<IActionResult> Sms(string? from, string? to, CancellationToken cancellationToken) =>
        Answer(from, to, async range => Ok(await statistics.SmsAsync(range, cancellationToken)));

    [HttpGet("sms/export")]
    public Task<IActionResult> SmsExport(string? from, string? to, CancellationToken cancellationToken) =>
        Answer(from, to, async range => Csv(StatisticsCsv.Sms(await statistics.SmsAsync(range, cancellationToken)), "sms-a-naklady", range));

    private async Task<IActionResult> Answer(string? from, string? to, Func<MonthRange, Task<IActionResult>> answer)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        if (!actor.Permissions.SeesStatistics)
        {
            return ForbiddenProblem($"Role {actor.Role?.CzechName()} nevidí statistiky.");
        }

        var errors = new Dictionary<string, string>();
        var first = Month(from, "from", errors);
        var last = Month(to, "to", errors);
        if (errors.Count == 0)
        {
            var range = statistics.Range(first, last);
            if (range.Months.Count == 0)
            {
                errors["from"] = "Počáteční měsíc musí být nejpozději koncový.";
            }
            else if (range.Months.Count > StatisticsService.MaxMonths)
            {
                errors["from"] = $"Najednou lze zobrazit nejvýše {StatisticsService.MaxMonths} měsíců.";
            }
            else
            {
                return await answer(range);
            }
        }

        return Invalid(errors, "Neplatné období.");
    }

    private static DateOnly? Month(string? value, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 2000)
        {
            return month;
        }

        errors[field] = "Měsíc zadejte ve tvaru RRRR-MM, např. 2026-01.";
        return null;
    }

    private FileContentResult Csv(byte[] bytes, string name, MonthRange range) =>
        File(bytes, "text/csv; charset=utf-8", $"statistika-{name}-{range.Months[0]}-{range.Months[^1]}.csv");
}
