using System.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// The resident journey: sign up, confirm with a code, manage with a code, cancel. Every SMS it
/// sends passes the throttle first, because each one costs the town money.
/// </summary>
public sealed class SubscriptionService(
    IDbConnectionFactory connections,
    AreaRepository areas,
    SubscriberRepository subscribers,
    VerificationCodes codes,
    VerificationSmsThrottle throttle,
    PhoneNumberNormalizer phones,
    ISmsGateway gateway,
    SmsTexts texts,
    TownCalendar calendar,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    public async Task<SignUpResult> SignUpAsync(SubscriptionInput input, CancellationToken cancellationToken)
    {
        var phone = phones.Normalize(input.Phone);
        var (details, errors) = SubscriptionValidator.Validate(input, await areas.GetCatalogAsync(cancellationToken), requireConsent: true);
        if (!phone.IsValid || details is null)
        {
            var all = phone.IsValid ? errors : [new FieldError("Phone", phone.Error!), .. errors];
            return new(SignUpOutcome.Invalid, Errors: all);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            var existing = await SubscriberRepository.FindByPhoneAsync(connection, null, phone.E164!, cancellationToken);
            if (existing?.Status == "active")
            {
                return new(SignUpOutcome.AlreadyActive, phone.E164);
            }
        }

        var reservation = await throttle.TryReserveAsync(phone.E164!, cancellationToken);
        if (!reservation.IsAllowed)
        {
            return new(SignUpOutcome.Throttled, phone.E164, Throttle: reservation);
        }

        string? code = null;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken))
        {
            var now = time.GetUtcNow();
            await SubscriberRepository.PurgeStalePendingAsync(connection, transaction, now.AddDays(-1), cancellationToken);
            if ((await SubscriberRepository.FindByPhoneAsync(connection, transaction, phone.E164!, cancellationToken))?.Status != "active")
            {
                await SubscriberRepository.SavePendingAsync(connection, transaction, phone.E164!, details, options.Value.ConsentTextVersion, now, cancellationToken);
                code = await codes.IssueAsync(connection, transaction, phone.E164!, CodePurpose.Signup, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        if (code is null)
        {
            // Released only after our transaction is gone: it holds the write lock the release needs.
            await throttle.ReleaseAsync(reservation.ReservationId!.Value, cancellationToken);
            return new(SignUpOutcome.AlreadyActive, phone.E164);
        }

        return await SendCodeAsync(phone.E164!, reservation, texts.SignupCode(code), cancellationToken)
            ? new(SignUpOutcome.CodeSent, phone.E164)
            : new(SignUpOutcome.SmsFailed, phone.E164);
    }

    /// <summary>A new sign-up code for a number that has a pending sign-up.</summary>
    public Task<CodeRequestResult> ResendSignupCodeAsync(string? phoneInput, CancellationToken cancellationToken) =>
        RequestCodeAsync(phoneInput, CodePurpose.Signup, cancellationToken);

    /// <summary>A code that opens self-service for an active subscriber.</summary>
    public Task<CodeRequestResult> RequestManageCodeAsync(string? phoneInput, CancellationToken cancellationToken) =>
        RequestCodeAsync(phoneInput, CodePurpose.Manage, cancellationToken);

    public async Task<ConfirmResult> ConfirmSignupAsync(string? phoneInput, string? code, CancellationToken cancellationToken)
    {
        var phone = phones.Normalize(phoneInput);
        if (!phone.IsValid)
        {
            return new(new CodeCheck(CodeCheckOutcome.NoCode));
        }

        var check = await codes.CheckAsync(phone.E164!, CodePurpose.Signup, code, cancellationToken);
        if (check.Outcome != CodeCheckOutcome.Valid)
        {
            return new(check);
        }

        var activated = await subscribers.ActivateAsync(phone.E164!, time.GetUtcNow(), cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var state = await SubscriberRepository.FindByPhoneAsync(connection, null, phone.E164!, cancellationToken);
        if (activated)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SubscriberRepository.IncrementStatAsync(connection, transaction, calendar.Today(), "activated", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return state?.Status == "active" ? new(check, state.Id) : new(new CodeCheck(CodeCheckOutcome.NoCode));
    }

    public async Task<ConfirmResult> ConfirmManageAsync(string? phoneInput, string? code, CancellationToken cancellationToken)
    {
        var phone = phones.Normalize(phoneInput);
        if (!phone.IsValid)
        {
            return new(new CodeCheck(CodeCheckOutcome.NoCode));
        }

        var check = await codes.CheckAsync(phone.E164!, CodePurpose.Manage, code, cancellationToken);
        if (check.Outcome != CodeCheckOutcome.Valid)
        {
            return new(check);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var state = await SubscriberRepository.FindByPhoneAsync(connection, null, phone.E164!, cancellationToken);
        return state?.Status == "active" ? new(check, state.Id) : new(new CodeCheck(CodeCheckOutcome.NoCode));
    }

    public Task<Subscriber?> GetAsync(long subscriberId, CancellationToken cancellationToken) => subscribers.LoadAsync(subscriberId, cancellationToken);

    public async Task<UpdateResult> UpdateAsync(long subscriberId, SubscriptionInput input, CancellationToken cancellationToken)
    {
        var (details, errors) = SubscriptionValidator.Validate(input, await areas.GetCatalogAsync(cancellationToken), requireConsent: false);
        if (details is null)
        {
            return new(false, errors);
        }

        await subscribers.UpdateDetailsAsync(subscriberId, details, time.GetUtcNow(), cancellationToken);
        return new(true, []);
    }

    /// <summary>Deletes the subscriber at once and confirms by SMS. A failed confirmation does not undo the cancellation.</summary>
    public async Task<bool> CancelAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.LoadAsync(subscriberId, cancellationToken);
        if (subscriber is null || !await subscribers.DeleteAsync(subscriberId, calendar.Today(), cancellationToken))
        {
            return false;
        }

        var result = await gateway.SendAsync(new SmsBatch("cancel-" + Guid.NewGuid().ToString("N"), texts.Cancelled(), [subscriber.Phone]), cancellationToken);
        if (!result.IsAccepted)
        {
            logger.LogWarning("Cancellation confirmation SMS was not accepted: {Status} {Error}", result.Status, result.Error);
        }

        return true;
    }

    private async Task<CodeRequestResult> RequestCodeAsync(string? phoneInput, CodePurpose purpose, CancellationToken cancellationToken)
    {
        var phone = phones.Normalize(phoneInput);
        if (!phone.IsValid)
        {
            return new(CodeRequestOutcome.InvalidPhone, Error: phone.Error);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            var state = await SubscriberRepository.FindByPhoneAsync(connection, null, phone.E164!, cancellationToken);
            var expected = purpose == CodePurpose.Signup ? "pending" : "active";
            if (state?.Status != expected)
            {
                return new(purpose == CodePurpose.Signup ? CodeRequestOutcome.NothingPending : CodeRequestOutcome.NotSubscribed, phone.E164);
            }
        }

        var reservation = await throttle.TryReserveAsync(phone.E164!, cancellationToken);
        if (!reservation.IsAllowed)
        {
            return new(CodeRequestOutcome.Throttled, phone.E164, Throttle: reservation);
        }

        string code;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            code = await codes.IssueAsync(connection, transaction, phone.E164!, purpose, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var text = purpose == CodePurpose.Signup
            ? texts.SignupCode(code)
            : texts.ManageCode(code);
        return await SendCodeAsync(phone.E164!, reservation, text, cancellationToken)
            ? new(CodeRequestOutcome.CodeSent, phone.E164)
            : new(CodeRequestOutcome.SmsFailed, phone.E164);
    }

    private async Task<bool> SendCodeAsync(string phone, ThrottleDecision reservation, string text, CancellationToken cancellationToken)
    {
        var result = await gateway.SendAsync(new SmsBatch("verify-" + reservation.ReservationId, text, [phone]), cancellationToken);
        if (result.IsAccepted)
        {
            return true;
        }

        logger.LogError("Verification SMS was not accepted by the gateway: {Status} {Error}", result.Status, result.Error);
        await throttle.ReleaseAsync(reservation.ReservationId!.Value, cancellationToken);
        return false;
    }
}
