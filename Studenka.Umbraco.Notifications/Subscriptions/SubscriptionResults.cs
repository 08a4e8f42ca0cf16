namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum SignUpOutcome
{
    CodeSent,
    Invalid,
    AlreadyActive,
    Throttled,
    SmsFailed,
}

public sealed record SignUpResult(SignUpOutcome Outcome, string? Phone = null, IReadOnlyList<FieldError>? Errors = null, ThrottleDecision? Throttle = null)
{
    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];
}

public enum CodeRequestOutcome
{
    CodeSent,
    InvalidPhone,
    NotSubscribed,
    NothingPending,
    Throttled,
    SmsFailed,
}

public sealed record CodeRequestResult(CodeRequestOutcome Outcome, string? Phone = null, string? Error = null, ThrottleDecision? Throttle = null);

public sealed record ConfirmResult(CodeCheck Check, long? SubscriberId = null)
{
    public bool Succeeded => Check.Outcome == CodeCheckOutcome.Valid && SubscriberId is not null;
}

public sealed record UpdateResult(bool Succeeded, IReadOnlyList<FieldError> Errors);
