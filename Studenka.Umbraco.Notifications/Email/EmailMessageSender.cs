using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Email;

/// <summary>The outbox's sender for channel <c>email</c>: the configured provider (SMTP, or the sandbox by default).</summary>
public sealed class EmailMessageSender(IMessageSender provider) : IMessageSender
{
    public string Channel => OutboxChannel.Email;

    public Task<SmsSendResult> SendAsync(OutgoingBatch batch, CancellationToken cancellationToken) => provider.SendAsync(batch, cancellationToken);
}
