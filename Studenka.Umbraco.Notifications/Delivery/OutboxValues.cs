namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// An outbox row's life: pending → claimed (leased, not yet sent) → sending (the request may be on
/// the wire) → accepted | failed | unknown (outcome unknown: counted, never resent); cancelled when
/// its campaign stopped or its recipient left before it went. The values the schema's CHECK allows.
/// </summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Claimed = "claimed";
    public const string Sending = "sending";
    public const string Accepted = "accepted";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
    public const string Cancelled = "cancelled";
}

/// <summary>Which queue a row waits in. The service lane is claimed before any campaign batch.</summary>
public static class OutboxLane
{
    /// <summary>One row per recipient of a campaign; the text is the campaign's.</summary>
    public const string Campaign = "campaign";

    /// <summary>A message to one resident (codes, notices, confirmations, STOP/START answers); the text is the row's.</summary>
    public const string Service = "service";
}

/// <summary>How a row is sent; the dispatcher picks the <see cref="IMessageSender"/> by it.</summary>
public static class OutboxChannel
{
    /// <summary>SMS to an E.164 phone number.</summary>
    public const string Sms = "sms";

    /// <summary>E-mail to a verified address (issue 12); the e-mail sender builds the message per recipient.</summary>
    public const string Email = "email";
}
