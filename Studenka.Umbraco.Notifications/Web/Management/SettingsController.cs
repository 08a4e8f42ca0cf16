using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>A setting in force, the configuration's default and who last changed it (null: the default applies).</summary>
public sealed record SettingValue<T>(T Value, T Default, DateTimeOffset? ChangedAt, string? ChangedBy);

public sealed record SettingsView(
    SettingValue<IReadOnlyList<QuietWindow>> QuietHours,
    SettingValue<decimal> PricePerSegmentCzk,
    SettingValue<RoleOriginators> Originators,
    string DefaultOriginator,
    SettingValue<IReadOnlyList<MessageTemplate>> Templates,
    int MaxTemplateLength,
    SettingValue<PrivacyText> Privacy,
    VerificationCapView VerificationCap);

/// <summary>
/// Settings administrators change at run time (<see cref="RuntimeSettings"/>): stored, audited, in
/// force at once on every node; the configuration gives the defaults and <c>DELETE settings/{name}</c>
/// returns to them. The daily cap on verification SMS is one of them; its own endpoint shows it with
/// the count of today's verification SMS (<see cref="Subscriptions.VerificationCap"/>).
/// </summary>
[Route(RoutePrefix + "/settings")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class SettingsController(
    RuntimeSettings settings, VerificationCap cap, IOperatorContext operators, IOptions<CampaignOptions> campaigns, IOptions<SmsOptions> sms)
    : ManagementApiControllerBase
{
    [HttpGet]
    [ProducesResponseType<SettingsView>(StatusCodes.Status200OK)]
    public async Task<SettingsView> All(CancellationToken cancellationToken) => await ViewAsync(await settings.CurrentAsync(cancellationToken), cancellationToken);

    [HttpPut(SettingNames.QuietHours)]
    public Task<IActionResult> SetQuietHours(QuietHoursRequest request, CancellationToken cancellationToken) =>
        SetAsync(SettingNames.QuietHours, SettingsValidator.QuietHours(request), cancellationToken);

    [HttpPut(SettingNames.Price)]
    public Task<IActionResult> SetPrice(PriceRequest request, CancellationToken cancellationToken) =>
        SetAsync(SettingNames.Price, SettingsValidator.Price(request), cancellationToken);

    [HttpPut(SettingNames.Originators)]
    public Task<IActionResult> SetOriginators(OriginatorsRequest request, CancellationToken cancellationToken) =>
        SetAsync(SettingNames.Originators, SettingsValidator.Originators(request), cancellationToken);

    [HttpPut(SettingNames.Templates)]
    public Task<IActionResult> SetTemplates(TemplatesRequest request, CancellationToken cancellationToken) =>
        SetAsync(SettingNames.Templates, SettingsValidator.Templates(request, campaigns.Value.MaxSegments), cancellationToken);

    [HttpPut(SettingNames.Privacy)]
    public Task<IActionResult> SetPrivacy(PrivacyRequest request, CancellationToken cancellationToken) =>
        SetAsync(SettingNames.Privacy, SettingsValidator.Privacy(request), cancellationToken);

    /// <summary>Back to the configuration's value (audited).</summary>
    [HttpDelete("{name}")]
    public async Task<IActionResult> Reset(string name, CancellationToken cancellationToken)
    {
        if (!SettingNames.All.Contains(name))
        {
            return NotFoundProblem($"Nastavení {name} neexistuje.");
        }

        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return Ok(await ViewAsync(await settings.ResetAsync(name, actor, cancellationToken), cancellationToken));
    }

    [HttpGet("verification-cap")]
    [ProducesResponseType<VerificationCapView>(StatusCodes.Status200OK)]
    public Task<VerificationCapView> VerificationCap(CancellationToken cancellationToken) => cap.ViewAsync(cancellationToken);

    /// <summary>Sets the cap at once for every node (stored, audited); the configured value stays the default.</summary>
    [HttpPut("verification-cap")]
    [ProducesResponseType<VerificationCapView>(StatusCodes.Status200OK)]
    public async Task<IActionResult> SetVerificationCap(VerificationCapRequest request, CancellationToken cancellationToken)
    {
        var (value, errors) = SettingsValidator.VerificationCap(request);
        if (value is not { } dailyCap)
        {
            return Invalid(errors);
        }

        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return Ok(await cap.SetAsync(dailyCap, actor, cancellationToken));
    }

    private async Task<IActionResult> SetAsync<T>(string name, (T? Value, Dictionary<string, string> Errors) validated, CancellationToken cancellationToken)
    {
        if (validated.Errors.Count > 0 || validated.Value is not { } value)
        {
            return Invalid(validated.Errors, "Nastavení nebylo uloženo: opravte chyby.");
        }

        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return Ok(await ViewAsync(await settings.SetAsync(name, value, actor, cancellationToken), cancellationToken));
    }

    private async Task<SettingsView> ViewAsync(EffectiveSettings s, CancellationToken cancellationToken)
    {
        var d = settings.Defaults;
        SettingValue<T> Of<T>(string name, T value, T fallback) =>
            s.Changes.TryGetValue(name, out var c) ? new(value, fallback, c.ChangedAt, c.ChangedBy) : new(value, fallback, null, null);
        return new SettingsView(
            Of(SettingNames.QuietHours, s.QuietHours, d.QuietHours),
            Of(SettingNames.Price, s.PricePerSegmentCzk, d.PricePerSegmentCzk),
            Of(SettingNames.Originators, s.Originators, d.Originators),
            sms.Value.Originator,
            Of(SettingNames.Templates, s.Templates, d.Templates),
            campaigns.Value.MaxSegments * 153,
            Of(SettingNames.Privacy, s.Privacy, d.Privacy),
            await cap.ViewAsync(cancellationToken));
    }
}
