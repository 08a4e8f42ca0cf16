using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Settings;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// Creates campaigns and moves them draft → scheduled → (the delivery worker's) sending, or to
/// cancelled. Every schedule, send and cancel is audited with the operator in the transaction of
/// the change. A state change is one conditional UPDATE, taken first, so a double click or a second
/// node finds the row already moved and gets a refusal instead of a second send. The acting
/// operator is a parameter (the API passes the signed-in one, background callers
/// <see cref="OperatorIdentity.System"/>), and each command first asks <see cref="OperatorPermissions"/>
/// whether that operator may send the campaign's package.
/// </summary>
public sealed class CampaignService(
    IDbConnectionFactory connections,
    CampaignRepository campaigns,
    CampaignPreviewService previews,
    DeliveryProgressQuery progress,
    RuntimeSettings settings,
    AuditLog audit,
    DeliverySignal signal,
    TownCalendar calendar,
    IOptions<CampaignOptions> options,
    IOptions<Gateway.SmsOptions> sms,
    TimeProvider time)
{
    public const int MaxReasonLength = 500;
    public const int MaxPageSize = 100;

    private static readonly string[] Open = [CampaignStates.Draft, CampaignStates.Scheduled];

    /// <summary>What the draft would do if sent, for an operator who may send its package.</summary>
    public async Task<(CampaignPreview? Preview, IReadOnlyDictionary<string, string> Errors, string? Forbidden)> PreviewAsync(
        CampaignDraft draft, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (PackageForbidden(draft, actor) is { } forbidden)
        {
            return (null, new Dictionary<string, string>(), forbidden);
        }

        var (preview, errors) = await previews.PreviewAsync(draft, cancellationToken);
        if (preview is not null && await SenderRefusalAsync(draft, actor, cancellationToken) is { } sender)
        {
            return (null, sender, null);
        }

        return (preview, errors, null);
    }

    public async Task<CampaignResult> CreateAsync(CampaignDraft draft, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (PackageForbidden(draft, actor) is { } forbidden)
        {
            return CampaignResult.Forbidden(forbidden);
        }

        var (valid, errors) = await previews.ValidateAsync(draft, cancellationToken);
        if (valid is null)
        {
            return CampaignResult.Invalid(errors);
        }

        if (await SenderRefusalAsync(draft, actor, cancellationToken) is { } sender)
        {
            return CampaignResult.Invalid(sender);
        }

        var now = time.GetUtcNow();
        DateTimeOffset? due = valid.Scheduled ? (await settings.QuietHoursAsync(cancellationToken)).MayGoAt(valid.Audience.PackageId, valid.RequestedAt ?? now) : null;
        var row = new NewCampaignRow(
            valid.Audience.PackageId, valid.Audience.CityPartIds, valid.Audience.StreetIds, valid.Text,
            valid.Diacritics == DiacriticsChoice.Keep ? "keep" : "transliterate", valid.Sms.SentText,
            CampaignPreviewService.EncodingName(valid.Sms.Count.Encoding), valid.Sms.Count.Segments, valid.Source,
            valid.ContentKey?.ToString("D"), valid.ContentUrl, Actor(actor), valid.Scheduled ? CampaignStates.Scheduled : CampaignStates.Draft,
            valid.RequestedAt?.ToUnixTimeMilliseconds(), due?.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), valid.Originator, draft.Event);

        long id;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            id = await CampaignRepository.InsertAsync(connection, transaction, row, cancellationToken);
            await audit.AppendAsync(connection, transaction, actor, "campaign.create", Subject(id), $"package={row.PackageId}; segments={row.Segments}", cancellationToken);
            if (due is { } dueAt)
            {
                await AuditScheduleAsync(connection, transaction, actor, id, valid.RequestedAt, dueAt, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        WakeIfDue(due, now);
        return CampaignResult.Done((await campaigns.GetAsync(id, cancellationToken))!);
    }

    /// <summary>Schedules a draft (or moves a scheduled campaign) to <paramref name="sendAt"/> (ISO 8601, see <see cref="SendTime"/>); blank sends now.</summary>
    public async Task<CampaignResult> ScheduleAsync(long id, string? sendAt, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var (instant, errors) = CampaignValidator.ValidateSendAt(sendAt, options.Value, calendar, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return CampaignResult.Invalid(errors);
        }

        return await MoveToScheduledAsync(id, instant, actor, cancellationToken);
    }

    /// <summary>Sends at once (or when the package's quiet hours end).</summary>
    public Task<CampaignResult> SendNowAsync(long id, OperatorIdentity actor, CancellationToken cancellationToken) => MoveToScheduledAsync(id, null, actor, cancellationToken);

    /// <summary>Cancels; only an operator who may send the package may stop it (an Editor cannot stop a crisis message).</summary>
    public async Task<CampaignResult> CancelAsync(long id, string? reason, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > MaxReasonLength)
        {
            return CampaignResult.Invalid(new Dictionary<string, string> { ["reason"] = $"Důvod zrušení může mít nejvýše {MaxReasonLength} znaků." });
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        if (await CampaignRepository.GetStateAsync(connection, null, id, cancellationToken) is not { } current)
        {
            return CampaignResult.NotFound;
        }

        if (!actor.Permissions.MaySend((int)current.PackageId))
        {
            return CampaignResult.Forbidden(actor.Permissions.PackageRefusal((int)current.PackageId));
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await CampaignRepository.CancelAsync(connection, transaction, id, reason, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefusalAsync(connection, id, CancelRefusal, cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, actor, "campaign.cancel", Subject(id), reason, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CampaignResult.Done((await campaigns.GetAsync(id, cancellationToken))!);
    }

    public async Task<CampaignDetails?> GetAsync(long id, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(id, cancellationToken) is { } campaign
            ? new CampaignDetails(campaign, await progress.GetAsync(id, cancellationToken))
            : null;

    public async Task<(CampaignPage? Page, IReadOnlyDictionary<string, string> Errors)> ListAsync(string? state, int skip, int take, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        state = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToLowerInvariant();
        if (state is not null && !CampaignStates.All.Contains(state))
        {
            errors["state"] = $"Neznámý stav kampaně. Použijte jeden z: {string.Join(", ", CampaignStates.All)}.";
        }

        if (skip < 0)
        {
            errors["skip"] = "Počet přeskočených kampaní nesmí být záporný.";
        }

        if (take is < 1 or > MaxPageSize)
        {
            errors["take"] = $"Na stránku lze načíst 1 až {MaxPageSize} kampaní.";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Each item carries its progress, so the list can show live counts without a call per campaign.
        var page = await campaigns.ListAsync(state, skip, take, cancellationToken);
        var counts = await progress.GetManyAsync(page.Items.Select(c => c.Id).ToList(), cancellationToken);
        return (page with { Items = page.Items.Select(c => c with { Delivery = counts[c.Id] }).ToList() }, errors);
    }

    private async Task<CampaignResult> MoveToScheduledAsync(long id, DateTimeOffset? sendAt, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await connections.OpenAsync(cancellationToken);
        // The package never changes, so reading it before the transaction is safe; the state is decided by the UPDATE.
        if (await CampaignRepository.GetStateAsync(connection, null, id, cancellationToken) is not { } current)
        {
            return CampaignResult.NotFound;
        }

        if (!actor.Permissions.MaySend((int)current.PackageId))
        {
            return CampaignResult.Forbidden(actor.Permissions.PackageRefusal((int)current.PackageId));
        }

        var now = time.GetUtcNow();
        var due = (await settings.QuietHoursAsync(cancellationToken)).MayGoAt((int)current.PackageId, sendAt ?? now);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = sendAt is null
            ? await CampaignRepository.SendNowAsync(connection, transaction, id, due.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), cancellationToken)
            : await CampaignRepository.ScheduleAsync(connection, transaction, id, Open, sendAt.Value.ToUnixTimeMilliseconds(), due.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), cancellationToken);
        if (!moved)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefusalAsync(connection, id, SendRefusal, cancellationToken);
        }

        await AuditScheduleAsync(connection, transaction, actor, id, sendAt, due, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WakeIfDue(due, now);
        return CampaignResult.Done((await campaigns.GetAsync(id, cancellationToken))!);
    }

    private Task AuditScheduleAsync(DbConnection connection, DbTransaction transaction, OperatorIdentity actor, long id, DateTimeOffset? requestedAt, DateTimeOffset due, CancellationToken cancellationToken) =>
        audit.AppendAsync(connection, transaction, actor, requestedAt is null ? "campaign.send" : "campaign.schedule", Subject(id),
            string.Create(CultureInfo.InvariantCulture, $"requested={requestedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "now"}; due={due:O}"), cancellationToken);

    private async Task<CampaignResult> RefusalAsync(DbConnection connection, long id, Func<CampaignStateRow, string> reason, CancellationToken cancellationToken) =>
        await CampaignRepository.GetStateAsync(connection, null, id, cancellationToken) is { } state
            ? CampaignResult.Refused(reason(state))
            : CampaignResult.NotFound;

    private string SendRefusal(CampaignStateRow campaign) => campaign.State switch
    {
        CampaignStates.Scheduled => $"Kampaň už je zařazena k odeslání ({LocalTime(campaign.DueAtMs)}); podruhé ji poslat nelze.",
        CampaignStates.Sending => "Kampaň se právě odesílá; podruhé ji poslat nelze.",
        CampaignStates.Sent => "Kampaň už byla odeslána; podruhé ji poslat nelze. Pro nové rozeslání vytvořte novou kampaň.",
        CampaignStates.Cancelled => "Kampaň je zrušená; odeslat ji už nelze.",
        CampaignStates.Failed => "Odesílání kampaně skončilo chybou; pro nový pokus vytvořte novou kampaň.",
        _ => "Kampaň teď nelze odeslat; načtěte ji znovu.",
    };

    private static string CancelRefusal(CampaignStateRow campaign) => campaign.State switch
    {
        CampaignStates.Sent => "Kampaň už byla odeslána; zrušit ji nelze.",
        CampaignStates.Cancelled => "Kampaň už je zrušená.",
        CampaignStates.Failed => "Odesílání kampaně už skončilo chybou; není co rušit.",
        _ => "Kampaň teď nelze zrušit; načtěte ji znovu.",
    };

    private string LocalTime(long? ms) => ms is { } value
        ? calendar.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(value)).ToString("d. M. yyyy H:mm", CultureInfo.GetCultureInfo("cs-CZ"))
        : "hned";

    private void WakeIfDue(DateTimeOffset? due, DateTimeOffset now)
    {
        if (due <= now)
        {
            signal.Wake();
        }
    }

    /// <summary>Refused before validation: the role decides, whatever else the draft gets wrong.</summary>
    private static string? PackageForbidden(CampaignDraft draft, OperatorIdentity actor)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        return draft.PackageId is { } package and >= 1 and <= 4 && !actor.Permissions.MaySend(package)
            ? actor.Permissions.PackageRefusal(package)
            : null;
    }

    /// <summary>
    /// A sender the operator's role may not use (the Settings' senders per role); the configured
    /// default is always allowed, a role without a list may use any valid sender.
    /// </summary>
    private async Task<Dictionary<string, string>?> SenderRefusalAsync(CampaignDraft draft, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(draft.Originator) || actor.Role is not { } role
            || (await settings.CurrentAsync(cancellationToken)).Originators.For(role) is not { } allowed)
        {
            return null;
        }

        var sender = draft.Originator.Trim();
        if (sender == sms.Value.Originator || allowed.Contains(sender, StringComparer.Ordinal))
        {
            return null;
        }

        var choices = string.Join(", ", allowed.Prepend(sms.Value.Originator).Distinct(StringComparer.Ordinal));
        return new() { ["originator"] = $"Role {role.CzechName()} smí posílat jen pod odesílatelem: {choices}." };
    }

    private static string Actor(OperatorIdentity actor) => $"{actor.DisplayName} ({actor.Id})";

    private static string Subject(long id) => string.Create(CultureInfo.InvariantCulture, $"campaign:{id}");
}
