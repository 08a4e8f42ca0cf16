using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>The audit log for administrators: newest first. It is only ever read here; nothing edits it.</summary>
[Route(RoutePrefix + "/audit")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class AuditController(AuditLog audit, TownCalendar calendar) : ManagementApiControllerBase
{
    public const int MaxTake = 1000;

    [HttpGet("")]
    public async Task<IActionResult> List([FromQuery] int take = 100, CancellationToken cancellationToken = default)
    {
        if (take is < 1 or > MaxTake)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Neplatný počet záznamů", detail: $"Parametr take musí být 1 až {MaxTake}.");
        }

        return Ok(await audit.ReadAsync(take, cancellationToken));
    }

    /// <summary>
    /// Filtered and paged: <c>actor</c> and <c>q</c> (subject or details) match a part, <c>action</c> the whole
    /// action or a kind ending with a dot (<c>campaign.</c>), <c>from</c>/<c>to</c> are days (yyyy-MM-dd, Prague, both included).
    /// </summary>
    [HttpGet("search")]
    [ProducesResponseType<AuditPage>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Search(string? actor, string? action, string? from, string? to, string? q,
        [FromQuery] int skip = 0, [FromQuery] int take = 50, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        var first = Day(from, "from", errors);
        var last = Day(to, "to", errors);
        if (skip < 0)
        {
            errors["skip"] = "Parametr skip nesmí být záporný.";
        }

        if (take is < 1 or > MaxTake)
        {
            errors["take"] = $"Parametr take musí být 1 až {MaxTake}.";
        }

        if (first is { } f && last is { } l && f > l)
        {
            errors["to"] = "Konec období nesmí být před jeho začátkem.";
        }

        if (errors.Count > 0)
        {
            return Invalid(errors, "Neplatný filtr auditního záznamu.");
        }

        var query = new AuditQuery(actor, action, first is { } start ? calendar.FromLocal(start.ToDateTime(TimeOnly.MinValue)) : null,
            last is { } end ? calendar.FromLocal(end.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null, q, skip, take);
        return Ok(await audit.SearchAsync(query, cancellationToken));
    }

    [HttpGet("actions")]
    public async Task<IReadOnlyList<string>> Actions(CancellationToken cancellationToken) => await audit.ActionsAsync(cancellationToken);

    private static DateOnly? Day(string? value, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = "Datum zadejte ve tvaru RRRR-MM-DD, např. 2026-11-27.";
        return null;
    }
}
