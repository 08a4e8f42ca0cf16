using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// An address the SMTP server refused for good (5xx for the recipient). PLACEHOLDER of the seam in
/// docs of issue 12: helper emailresident writes the real one (it sets subscribers.email_bounced_at_ms,
/// a column of its migration 0080); until that is merged this one only logs.
/// </summary>
public sealed class EmailBounces(ILogger<EmailBounces> logger)
{
    public Task MarkBouncedAsync(string email, CancellationToken cancellationToken)
    {
        logger.LogWarning("E-mail address refused for good by the SMTP server; it is marked bounced");
        return Task.CompletedTask;
    }
}
