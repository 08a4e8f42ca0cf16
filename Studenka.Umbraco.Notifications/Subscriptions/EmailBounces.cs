using Dapper;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// An address the SMTP server refused for good (5xx for the recipient): it is marked, and campaigns
/// no longer target it (<see cref="SubscriberAudience.EmailUsable"/>) until its owner confirms it again
/// by a new link from the manage pages. Every subscriber who gave the address is marked, verified or not.
/// </summary>
public sealed class EmailBounces(IDbConnectionFactory connections, TimeProvider time, ILogger<EmailBounces> logger)
{
    public async Task MarkBouncedAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscribers SET email_bounced_at_ms = @at, updated_at_ms = @at WHERE email = @email AND email_bounced_at_ms IS NULL",
            new { email = EmailLinks.Normalize(email), at = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        // The address itself stays out of the log: it is personal data.
        logger.LogWarning("An e-mail address was refused for good by the SMTP server; {Count} subscriber(s) marked bounced", marked);
    }
}
