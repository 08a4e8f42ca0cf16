using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <param name="Phone">The address (a phone, or an e-mail when <paramref name="Channel"/> is "email"): in full only for roles that
/// see personal data; otherwise masked, "+420 603 *** 456" or "j***@s***.cz".</param>
public sealed record RecipientItem(string Phone, string Status, DateTimeOffset UpdatedAt, string? Error, string Channel)
{
    public static RecipientItem Of(CampaignRecipient r, OperatorPermissions permissions) =>
        new(permissions.MaskAddress(r.Channel, r.Phone), r.Status, r.UpdatedAt, r.Error, r.Channel);
}

public sealed record RecipientPage(int Total, IReadOnlyList<RecipientItem> Items);

/// <summary>
/// Who of a campaign got what, per recipient (from the outbox). Editors see counts only (the campaign's
/// progress), so this list is refused to them; Dispatch sees it with masked numbers, Administrators in full
/// and may download it (CSV) to call round those the SMS did not reach.
/// </summary>
[Route(RoutePrefix + "/campaigns/{id:long}/recipients")]
public sealed class CampaignRecipientsController(CampaignRepository campaigns, CampaignRecipients recipients, IOperatorContext operators, AuditLog audit) : ManagementApiControllerBase
{
    public const int MaxTake = 500;

    [HttpGet("")]
    public async Task<IActionResult> List(long id, [FromQuery] string? status, [FromQuery] int skip = 0, [FromQuery] int take = 100, CancellationToken cancellationToken = default)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var permissions = actor.Permissions;
        if (!permissions.SeesRecipients)
        {
            return ForbiddenProblem($"Role {actor.Role?.CzechName()} vidí u kampaní jen počty příjemců, ne jednotlivé příjemce.");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        status = string.IsNullOrWhiteSpace(status) ? null : status.Trim().ToLowerInvariant();
        if (status is not null && !CampaignRecipients.Statuses.Contains(status))
        {
            errors["status"] = $"Neznámý stav příjemce. Použijte jeden z: {string.Join(", ", CampaignRecipients.Statuses)}.";
        }

        if (skip < 0)
        {
            errors["skip"] = "Počet přeskočených příjemců nesmí být záporný.";
        }

        if (take is < 1 or > MaxTake)
        {
            errors["take"] = $"Na stránku lze načíst 1 až {MaxTake} příjemců.";
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        if (await campaigns.GetAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem(CampaignsController.Unknown);
        }

        var page = await recipients.PageAsync(id, status, skip, take, cancellationToken);
        return Ok(new RecipientPage(page.Total, page.Items.Select(r => RecipientItem.Of(r, permissions)).ToList()));
    }

    public const string ExportAction = "campaign.recipients-export";

    /// <summary>Every recipient as CSV (UTF-8 with BOM, for Excel), for roles that may export residents' data; audited.</summary>
    [HttpGet("export")]
    public async Task<IActionResult> Export(long id, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        if (!actor.Permissions.MayExport)
        {
            return ForbiddenProblem($"Role {actor.Role?.CzechName()} nesmí stahovat údaje občanů.");
        }

        if (await campaigns.GetAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem(CampaignsController.Unknown);
        }

        var page = await recipients.PageAsync(id, null, 0, int.MaxValue, cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteRecords(page.Items.Select(r => RecipientItem.Of(r, actor.Permissions)));
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        await audit.AppendAsync(actor, ExportAction, $"campaign:{id}", string.Create(CultureInfo.InvariantCulture, $"{page.Total} příjemců"), cancellationToken);
        return File(bytes, "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"kampan-{id}-prijemci.csv"));
    }
}
