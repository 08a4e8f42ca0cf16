using System.Data;
using System.Data.Common;
using System.Net;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// The resident journey: sign up, confirm with a code, manage with a code, cancel. Every SMS it
/// sends passes the throttle first, because each one costs the town money, and goes through the
/// outbox's service lane, queued in the transaction that issues its code (so a crash loses neither).
/// Whether a number subscribes is never told on the page (that would let anyone test numbers); the
/// number's owner learns it by SMS instead.
/// </summary>
public sealed class SubscriptionService(
    IDbConnectionFactory connections,
    AreaRepository areas,
    SubscriberRepository subscribers,
    VerificationCodes codes,
    VerificationSmsThrottle throttle,
    PhoneNumberNormalizer phones,
    OutboxOperations outbox,
    SmsTexts texts,
    TownCalendar calendar,
    EmailVerifications emailLinks,
    IOptions<SubscriptionOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// A sign-up waits beside its own code (<see cref="SignUpAttempt"/>): a second sign-up for the
    /// same number is a second attempt and cannot change what the first one's code confirms.
    /// An already active number gets an SMS saying so instead of a code; the caller cannot tell.
    /// </summary>
    public async Task<SignUpResult> SignUpAsync(SubscriptionInput input, IPAddress? client, CancellationToken cancellationToken)
    {
        var (e164, details, errors) = await ValidateSignUpAsync(input, cancellationToken);
        if (e164 is null || details is null)
        {
            return new(SignUpOutcome.Invalid, Errors: errors);
        }

        var attempt = SignUpAttempt.New(e164);
        var reservation = await throttle.TryReserveAsync(attempt.Phone, client, cancellationToken);
        if (!reservation.IsAllowed)
        {
            return new(SignUpOutcome.Throttled, attempt, Throttle: reservation);
        }

        // Serializable, and run again when it lost to a concurrent one (PostgreSQL 40001): a new code, the same outcome.
        var active = await connections.InTransactionAsync(IsolationLevel.Serializable, async (connection, transaction) =>
        {
            var now = time.GetUtcNow();
            await SubscriberRepository.PurgeStalePendingAsync(connection, transaction, now.AddDays(-1), cancellationToken);
            var isActive = await ActiveIdAsync(connection, transaction, attempt.Phone, cancellationToken) is not null;
            // An active number's attempt has no data to confirm: its code, sent with the notice, opens management instead.
            var code = await codes.IssueSignUpAsync(connection, transaction, attempt,
                isActive ? null : new PendingSignUp(details, options.Value.ConsentTextVersion, now.ToUnixTimeMilliseconds()), cancellationToken);
            await EnqueueAsync(connection, transaction, attempt.Phone, isActive ? texts.AlreadySubscribed(code) : texts.SignupCode(code), cancellationToken);
            return isActive;
        }, cancellationToken);

        outbox.Wake();
        return new(active ? SignUpOutcome.AlreadyActive : SignUpOutcome.CodeSent, attempt);
    }

    /// <summary>The public form's rules for a sign-up (the number, the addresses, the packages, the consent), for every way of signing up.</summary>
    public async Task<(string? Phone, SubscriptionDetails? Details, IReadOnlyList<FieldError> Errors)> ValidateSignUpAsync(SubscriptionInput input, CancellationToken cancellationToken)
    {
        var phone = phones.Normalize(input.Phone);
        var (details, errors) = SubscriptionValidator.Validate(input, await areas.GetCatalogAsync(cancellationToken), requireConsent: true);
        return phone.IsValid && details is not null
            ? (phone.E164, details, errors)
            : (null, null, phone.IsValid ? errors : [new FieldError("Phone", phone.Error!), .. errors]);
    }

    /// <summary>A new code for a sign-up attempt still waiting (or, for a number that became active, the SMS saying so).</summary>
    public async Task<CodeRequestResult> ResendSignupCodeAsync(SignUpAttempt attempt, IPAddress? client, CancellationToken cancellationToken)
    {
        PendingSignUp? pending;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            if (await ActiveIdAsync(connection, null, attempt.Phone, cancellationToken) is not null)
            {
                return await NoticeAsync(attempt.Phone, client, texts.AlreadySubscribed,
                    (c, t) => codes.IssueSignUpAsync(c, t, attempt, null, cancellationToken), cancellationToken);
            }

            pending = await codes.FindSignUpAsync(connection, attempt, cancellationToken);
        }

        if (pending is null)
        {
            return new(CodeRequestOutcome.NothingPending, attempt.Phone);
        }

        var reservation = await throttle.TryReserveAsync(attempt.Phone, client, cancellationToken);
        if (!reservation.IsAllowed)
        {
            return new(CodeRequestOutcome.Throttled, attempt.Phone, Throttle: reservation);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var code = await codes.IssueSignUpAsync(connection, transaction, attempt, pending, cancellationToken);
            await EnqueueAsync(connection, transaction, attempt.Phone, texts.SignupCode(code), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return new(CodeRequestOutcome.CodeSent, attempt.Phone);
    }

    /// <summary>A code that opens self-service for an active subscriber; any other number is told by SMS that it does not subscribe.</summary>
    public async Task<CodeRequestResult> RequestManageCodeAsync(string? phoneInput, IPAddress? client, CancellationToken cancellationToken)
    {
        var phone = phones.Normalize(phoneInput);
        if (!phone.IsValid)
        {
            return new(CodeRequestOutcome.InvalidPhone, Error: phone.Error);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            if (await ActiveIdAsync(connection, null, phone.E164!, cancellationToken) is null)
            {
                return await NoticeAsync(phone.E164!, client, _ => texts.NotSubscribed(),
                    (c, t) => codes.IssueAsync(c, t, phone.E164!, CodePurpose.Manage, cancellationToken), cancellationToken);
            }
        }

        var reservation = await throttle.TryReserveAsync(phone.E164!, client, cancellationToken);
        if (!reservation.IsAllowed)
        {
            return new(CodeRequestOutcome.Throttled, phone.E164, Throttle: reservation);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var code = await codes.IssueAsync(connection, transaction, phone.E164!, CodePurpose.Manage, cancellationToken);
            await EnqueueAsync(connection, transaction, phone.E164!, texts.ManageCode(code), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return new(CodeRequestOutcome.CodeSent, phone.E164);
    }

    /// <summary>The code of one attempt makes that attempt's data the active subscription; the number's other attempts end.</summary>
    public async Task<ConfirmResult> ConfirmSignupAsync(SignUpAttempt attempt, string? code, CancellationToken cancellationToken)
    {
        var check = await codes.CheckSignUpAsync(attempt, code, cancellationToken);
        if (check.Outcome != CodeCheckOutcome.Valid)
        {
            return new(check);
        }

        if (check.SignUp is not { } signUp)
        {
            // The number already subscribes and its owner typed the code the notice carried: the next
            // step is managing the subscription, without a second code (and a second cooldown).
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await ActiveIdAsync(connection, null, attempt.Phone, cancellationToken) is { } activeId
                ? new(check, activeId, AlreadyActive: true)
                : new(new CodeCheck(CodeCheckOutcome.NoCode));
        }

        var id = await connections.InTransactionAsync(IsolationLevel.Serializable, async (connection, transaction) =>
        {
            var (subscriberId, activated) = await SubscriberRepository.ActivateSignUpAsync(connection, transaction, attempt.Phone, signUp, time.GetUtcNow(), cancellationToken);
            await VerificationCodes.DeleteSignUpsAsync(connection, transaction, attempt.Phone, cancellationToken);
            if (activated)
            {
                await SubscriberRepository.IncrementStatAsync(connection, transaction, calendar.Today(), "activated", cancellationToken);
                // The number is proven now; the e-mail still has to be (and gets nothing else until it is).
                if (signUp.Details.Email is { } email)
                {
                    await emailLinks.QueueAsync(connection, transaction, subscriberId, email, cancellationToken);
                }
            }

            return subscriberId;
        }, cancellationToken);
        outbox.Wake();
        return new(check, id);
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
        return await ActiveIdAsync(connection, null, phone.E164!, cancellationToken) is { } id
            ? new(check, id)
            : new(new CodeCheck(CodeCheckOutcome.NoCode));
    }

    public Task<Subscriber?> GetAsync(long subscriberId, CancellationToken cancellationToken) => subscribers.LoadAsync(subscriberId, cancellationToken);

    public async Task<UpdateResult> UpdateAsync(long subscriberId, SubscriptionInput input, CancellationToken cancellationToken)
    {
        var (details, errors) = SubscriptionValidator.Validate(input, await areas.GetCatalogAsync(cancellationToken), requireConsent: false);
        if (details is null)
        {
            return new(false, errors);
        }

        var current = await subscribers.LoadAsync(subscriberId, cancellationToken);
        var newEmail = details.Email is not null && details.Email != current?.Email;
        if (newEmail && await emailLinks.NextAllowedAsync(subscriberId, cancellationToken) is { } next)
        {
            return new(false, [new FieldError("Email", $"Odkaz pro potvrzení e-mailu jsme poslali před chvílí. E-mail můžete změnit znovu {RetryTime(next)}.")]);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await SubscriberRepository.UpdateDetailsAsync(connection, transaction, subscriberId, details, time.GetUtcNow(), cancellationToken);
            if (newEmail)
            {
                await emailLinks.QueueAsync(connection, transaction, subscriberId, details.Email!, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return new(true, [], EmailLinkSent: newEmail);
    }

    /// <summary>
    /// A new link for the subscriber's address not (or no longer) confirmed: never verified, or bounced.
    /// Returns when the next one may go when it is too soon, else null (sent).
    /// </summary>
    public async Task<(bool Sent, DateTimeOffset? RetryAt)> ResendEmailLinkAsync(long subscriberId, CancellationToken cancellationToken)
    {
        if (await subscribers.LoadAsync(subscriberId, cancellationToken) is not { Email: { } email } subscriber || subscriber.EmailUsable)
        {
            return (false, null);
        }

        if (await emailLinks.NextAllowedAsync(subscriberId, cancellationToken) is { } next)
        {
            return (false, next);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await emailLinks.QueueAsync(connection, transaction, subscriberId, email, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return (true, null);
    }

    private string RetryTime(DateTimeOffset at) =>
        Web.RetryTime.Czech(calendar.ToLocal(at), (int)Math.Ceiling((at - time.GetUtcNow()).TotalSeconds));

    /// <summary>Deletes the subscriber (and with it every manage session) at once and confirms by SMS (queued after the deletion, so it is not forgotten with the number).</summary>
    public async Task<bool> CancelAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.LoadAsync(subscriberId, cancellationToken);
        if (subscriber is null || !await subscribers.DeleteAsync(subscriberId, calendar.Today(), cancellationToken))
        {
            return false;
        }

        await outbox.EnqueueServiceAsync(new ServiceMessage(subscriber.Phone, texts.Cancelled()), cancellationToken);
        return true;
    }

    /// <summary>The id of the number's active subscription, or null (none, or only a pending one).</summary>
    private static async Task<long?> ActiveIdAsync(DbConnection connection, DbTransaction? transaction, string phone, CancellationToken cancellationToken) =>
        await SubscriberRepository.FindByPhoneAsync(connection, transaction, phone, cancellationToken) is { Status: SubscriberStatus.Active } state ? state.Id : null;

    /// <summary>
    /// An SMS that replaces a code: it costs the same, so it passes the same limits, and a code stands
    /// where the real one would, so the code page behaves the same (the notice's text may carry it).
    /// </summary>
    private async Task<CodeRequestResult> NoticeAsync(string phone, IPAddress? client, Func<string, string> text, Func<DbConnection, DbTransaction, Task<string>> issueCode, CancellationToken cancellationToken)
    {
        var reservation = await throttle.TryReserveAsync(phone, client, cancellationToken);
        if (!reservation.IsAllowed)
        {
            return new(CodeRequestOutcome.Throttled, phone, Throttle: reservation);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var code = await issueCode(connection, transaction);
            await EnqueueAsync(connection, transaction, phone, text(code), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return new(CodeRequestOutcome.CodeSent, phone);
    }

    /// <summary>
    /// The SMS into the outbox's service lane, in the transaction that issued its code. The limits
    /// counted it when it was reserved, as they counted a sent SMS before: a refused form costs nothing.
    /// </summary>
    private Task EnqueueAsync(DbConnection connection, DbTransaction transaction, string phone, string text, CancellationToken cancellationToken) =>
        OutboxOperations.EnqueueServiceAsync(connection, transaction, new ServiceMessage(phone, text), time.GetUtcNow(), cancellationToken);
}
