using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Gateway;

/// <summary>One text to up to 50 recipients (MessageBird's limit per request), in E.164.</summary>
/// <param name="Encoding">How the text is sent; null means whatever <see cref="SmsSegments.Count"/> finds for the body.</param>
/// <param name="Originator">The sender shown on phones; null means the configured <see cref="SmsOptions.Originator"/>.</param>
public sealed record SmsBatch(string Reference, string Body, IReadOnlyList<string> Recipients, SmsEncoding? Encoding = null, string? Originator = null);

public enum SmsSendStatus
{
    Accepted,
    /// <summary>The gateway refused this batch for good (bad recipient, bad text).</summary>
    RejectedPermanently,
    /// <summary>The gateway demonstrably did not take it (5xx, 429, connection refused): safe to retry.</summary>
    TransientFailure,
    /// <summary>The request may or may not have been taken (timeout after sending): never resend blindly.</summary>
    OutcomeUnknown,
    /// <summary>Wrong access key or originator: nothing will succeed until an administrator acts.</summary>
    ConfigurationError,
    InsufficientBalance,
}

public sealed record SmsSendResult(SmsSendStatus Status, string? ProviderMessageId = null, string? Error = null)
{
    public bool IsAccepted => Status == SmsSendStatus.Accepted;
}

/// <summary>The seam to the SMS provider: MessageBird in production, the sandbox otherwise.</summary>
public interface ISmsGateway
{
    /// <summary>True when nothing leaves the building (no provider configured).</summary>
    bool IsSandbox { get; }

    Task<SmsSendResult> SendAsync(SmsBatch batch, CancellationToken cancellationToken);
}
