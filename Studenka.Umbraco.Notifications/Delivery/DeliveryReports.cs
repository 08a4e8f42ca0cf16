using Dapper;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Delivery;

public enum DeliveryReportOutcome
{
    /// <summary>The recipient's delivery status changed.</summary>
    Updated,
    /// <summary>A repeat, or older than what we already know: nothing changed.</summary>
    Unchanged,
    /// <summary>No outbox row has this reference and phone (e.g. a verification SMS, or a purged campaign).</summary>
    UnknownRecipient,
}

/// <summary>
/// Applies MessageBird's delivery reports to the outbox. Reports may repeat and arrive out of
/// order (sent, then delivered; or a late "sent" after "delivered"), so a report only wins when
/// it is newer than what is stored, or equally old but final where the stored one was not.
/// </summary>
public sealed class DeliveryReports(IDbConnectionFactory connections, TimeProvider time, ILogger<DeliveryReports> logger)
{
    public async Task<DeliveryReportOutcome> ApplyAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET
                delivery_status = @Status,
                delivery_status_at_ms = @At,
                delivery_error_code = @ErrorCode,
                provider_message_id = COALESCE(provider_message_id, @ProviderMessageId),
                updated_at_ms = @Now
            WHERE batch_id = @Reference AND address = @Phone
              AND (delivery_status_at_ms IS NULL
                   OR delivery_status_at_ms < @At
                   OR (delivery_status_at_ms = @At AND @IsFinal = 1
                       AND delivery_status NOT IN ('delivered', 'expired', 'delivery_failed')))
            """,
            new
            {
                report.Status,
                At = report.StatusAt.ToUnixTimeMilliseconds(),
                report.ErrorCode,
                report.ProviderMessageId,
                Now = time.GetUtcNow().ToUnixTimeMilliseconds(),
                report.Reference,
                report.Phone,
                IsFinal = report.IsFinal ? 1 : 0,
            },
            cancellationToken: cancellationToken));
        if (changed > 0)
        {
            return DeliveryReportOutcome.Updated;
        }

        var known = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox WHERE batch_id = @Reference AND address = @Phone",
            new { report.Reference, report.Phone }, cancellationToken: cancellationToken));
        if (known > 0)
        {
            return DeliveryReportOutcome.Unchanged;
        }

        // Answered with 200 all the same: MessageBird cannot fix it, and a retry would not either.
        logger.LogInformation("Delivery report for unknown reference {Reference} (status {Status}) ignored", report.Reference, report.Status);
        return DeliveryReportOutcome.UnknownRecipient;
    }
}
