using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>One claimed batch as a channel's sender gets it: one text to up to 50 addresses.
/// <see cref="CampaignId"/> is null for a service message (its text is <see cref="Body"/>).</summary>
public sealed record OutgoingBatch(string Reference, string Body, IReadOnlyList<string> Addresses, SmsEncoding? Encoding, string? Originator, long? CampaignId = null);

/// <summary>
/// The seam between the outbox and a channel's provider: the dispatcher picks the sender by the
/// row's <see cref="OutboxChannel"/>. Results use the gateway's statuses, whose meaning (accepted,
/// refused for good, retry, unknown, pause) every channel shares. E-mail adds one implementation.
/// </summary>
public interface IMessageSender
{
    string Channel { get; }

    Task<SmsSendResult> SendAsync(OutgoingBatch batch, CancellationToken cancellationToken);
}

/// <summary>SMS through <see cref="ISmsGateway"/> (MessageBird or the sandbox).</summary>
public sealed class SmsMessageSender(ISmsGateway gateway) : IMessageSender
{
    public string Channel => OutboxChannel.Sms;

    public Task<SmsSendResult> SendAsync(OutgoingBatch batch, CancellationToken cancellationToken) =>
        gateway.SendAsync(new SmsBatch(batch.Reference, batch.Body, batch.Addresses, batch.Encoding, batch.Originator), cancellationToken);
}
