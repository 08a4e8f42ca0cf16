using System.Data.Common;
using System.Globalization;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Settings;

namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// "Resend to failed only": a new campaign with the original's text, package, areas and sender,
/// whose recipients are the original's failed ones (still subscribed), frozen into the outbox at
/// once and sent now (or when the package's quiet hours end). Audited; a campaign's failures are
/// resent once, so a double click cannot send twice.
/// </summary>
public sealed class CampaignResend(
    IDbConnectionFactory connections, CampaignRepository campaigns, RuntimeSettings settings, AuditLog audit, DeliverySignal signal, TimeProvider time)
{
    public async Task<CampaignResult> ResendFailedAsync(long id, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await campaigns.GetAsync(id, cancellationToken) is not { } original)
        {
            return CampaignResult.NotFound;
        }

        if (!actor.Permissions.MaySend(original.PackageId))
        {
            return CampaignResult.Forbidden(actor.Permissions.PackageRefusal(original.PackageId));
        }

        var now = time.GetUtcNow();
        var due = (await settings.QuietHoursAsync(cancellationToken)).MayGoAt(original.PackageId, now);
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            return await ResendAsync(connection, original, actor, now, due, cancellationToken);
        }
        catch (DbException)
        {
            // The unique index: another click or node resent it a moment earlier.
            if (await CampaignTransitions.ResentAsAsync(connection, null, id, cancellationToken) is { } resend)
            {
                return CampaignResult.Refused(AlreadyResent(resend));
            }

            throw;
        }
    }

    private async Task<CampaignResult> ResendAsync(DbConnection connection, Campaign original, OperatorIdentity actor, DateTimeOffset now, DateTimeOffset due, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CampaignTransitions.ResentAsAsync(connection, transaction, original.Id, cancellationToken) is { } earlier)
        {
            return CampaignResult.Refused(AlreadyResent(earlier));
        }

        if (await CampaignRecipients.CountFailedAsync(connection, transaction, original.Id, cancellationToken) == 0)
        {
            return CampaignResult.Refused("Žádnému příjemci této kampaně se zprávu nepodařilo doručit; není komu ji posílat znovu.");
        }

        var row = new NewCampaignRow(
            original.PackageId, original.CityPartIds, original.StreetIds, original.Text, original.Diacritics, original.Body, original.Encoding,
            original.Segments, original.Source, original.ContentKey?.ToString("D"), original.ContentUrl, $"{actor.DisplayName} ({actor.Id})",
            CampaignStates.Sending, null, due.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), original.Originator);
        var id = await CampaignRepository.InsertAsync(connection, transaction, row, cancellationToken);
        var count = await CampaignRecipients.SnapshotFailedAsync(connection, transaction, original.Id, id, original.PackageId, due, now, cancellationToken);
        if (count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return CampaignResult.Refused("Příjemci, kterým se zprávu nepodařilo doručit, už zprávy tohoto balíčku neodebírají; není komu ji posílat znovu.");
        }

        await audit.AppendAsync(connection, transaction, actor, "campaign.resend-failed", Subject(id),
            string.Create(CultureInfo.InvariantCulture, $"of=campaign:{original.Id}; recipients={count}; due={due:O}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (due <= now)
        {
            signal.Wake();
        }

        return CampaignResult.Done((await campaigns.GetAsync(id, cancellationToken))!);
    }

    private static string AlreadyResent(long resend) => string.Create(CultureInfo.InvariantCulture,
        $"Neúspěšným příjemcům této kampaně už zprávu znovu poslala kampaň č. {resend}; další neúspěšné pošlete znovu z ní.");

    private static string Subject(long id) => string.Create(CultureInfo.InvariantCulture, $"campaign:{id}");
}
