namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum SignUpOutcome
{
    CodeSent,
    Invalid,
    /// <summary>The number already subscribes: it was told so by SMS, and the page answers as for <see cref="CodeSent"/>.</summary>
    AlreadyActive,
    Throttled,
}

public sealed record SignUpResult(SignUpOutcome Outcome, SignUpAttempt? Attempt = null, IReadOnlyList<FieldError>? Errors = null, ThrottleDecision? Throttle = null)
{
    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];
}

public enum CodeRequestOutcome
{
    CodeSent,
    InvalidPhone,
    NothingPending,
    Throttled,
}

public sealed record CodeRequestResult(CodeRequestOutcome Outcome, string? Phone = null, string? Error = null, ThrottleDecision? Throttle = null);

/// <param name="AlreadyActive">The code was the one an already subscribed number got with its notice: it opens management.</param>
public sealed record ConfirmResult(CodeCheck Check, long? SubscriberId = null, bool AlreadyActive = false)
{
    public bool Succeeded => Check.Outcome == CodeCheckOutcome.Valid && SubscriberId is not null;
}

/// <param name="EmailLinkSent">The e-mail changed and a link to confirm it was queued.</param>
public sealed record UpdateResult(bool Succeeded, IReadOnlyList<FieldError> Errors, bool EmailLinkSent = false);
