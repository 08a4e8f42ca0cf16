using System.Data;
using System.Globalization;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum AssistedOutcome
{
    /// <summary>The code went to the resident's phone; the attempt waits for it.</summary>
    CodeSent,
    /// <summary>The office recorded the written consent: the subscription is active.</summary>
    Active,
    Invalid,
    AlreadyActive,
    Throttled,
}

public sealed record AssistedResult(AssistedOutcome Outcome, SignUpAttempt? Attempt = null, long? SubscriberId = null, IReadOnlyList<FieldError>? Errors = null, ThrottleDecision? Throttle = null);

/// <summary>
/// What the town office does for residents: signs up one who came in person or on paper (the public
/// form's rules; the number proven by its SMS code, or the written consent recorded instead), and
/// deletes one who asked for it (GDPR) the way the resident's own cancel does. Audited; the audit
/// names subscribers by id only, because an entry outlives the person it is about.
/// </summary>
public sealed class SubscriberAdministration(
    IDbConnectionFactory connections,
    SubscriptionService subscriptions,
    OutboxOperations outbox,
    SmsTexts texts,
    TownCalendar calendar,
    AuditLog audit,
    EmailVerifications emailLinks,
    IOptions<SubscriptionOptions> options,
    TimeProvider time)
{
    public const string DeleteAction = "subscribers.delete";
    public const string WrittenConsentAction = "subscribers.written-consent";
    public const string CodeSentAction = "subscribers.assisted-code-sent";
    public const string ConfirmedAction = "subscribers.assisted-confirmed";

    /// <summary>
    /// The resident's code goes to their phone (the throttle and daily cap apply as on the web; the
    /// office's own address is not a resident's, so no per-client limit). An already subscribed
    /// number is told to the office, which may see it, and gets no SMS.
    /// </summary>
    public async Task<AssistedResult> SendCodeAsync(SubscriptionInput input, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var (phone, details, errors) = await subscriptions.ValidateSignUpAsync(input, cancellationToken);
        if (phone is null || details is null)
        {
            return new(AssistedOutcome.Invalid, Errors: errors);
        }

        if (await IsActiveAsync(phone, cancellationToken))
        {
            return new(AssistedOutcome.AlreadyActive);
        }

        var result = await subscriptions.SignUpAsync(input, client: null, cancellationToken);
        switch (result.Outcome)
        {
            case SignUpOutcome.CodeSent:
                await audit.AppendAsync(actor, CodeSentAction, null, "Ověřovací kód odeslán obyvateli přihlášenému na úřadě.", cancellationToken);
                return new(AssistedOutcome.CodeSent, result.Attempt);
            case SignUpOutcome.Throttled:
                return new(AssistedOutcome.Throttled, Throttle: result.Throttle);
            case SignUpOutcome.Invalid:
                return new(AssistedOutcome.Invalid, Errors: result.FieldErrors);
            default:
                return new(AssistedOutcome.AlreadyActive);
        }
    }

    /// <summary>The code the resident read out (or typed later); on success the subscription is active and the office's part audited.</summary>
    public async Task<ConfirmResult> ConfirmAsync(SignUpAttempt attempt, string? code, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var result = await subscriptions.ConfirmSignupAsync(attempt, code, cancellationToken);
        if (result.Succeeded)
        {
            await audit.AppendAsync(actor, ConfirmedAction, Subject(result.SubscriberId!.Value), "Kód z SMS zadán na úřadě; odběr je aktivní.", cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The written consent instead of the code: active at once, who recorded it kept with the
    /// subscriber and in the audit. An SMS tells the number what happened and how to leave, so a
    /// mistyped number learns of it at once.
    /// </summary>
    public async Task<AssistedResult> RecordWrittenConsentAsync(SubscriptionInput input, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var (phone, details, errors) = await subscriptions.ValidateSignUpAsync(input, cancellationToken);
        if (phone is null || details is null)
        {
            return new(AssistedOutcome.Invalid, Errors: errors);
        }

        var now = time.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        if (await SubscriberRepository.FindByPhoneAsync(connection, transaction, phone, cancellationToken) is { Status: SubscriberStatus.Active })
        {
            return new(AssistedOutcome.AlreadyActive);
        }

        var version = options.Value.ConsentTextVersion;
        var (id, _) = await SubscriberRepository.ActivateSignUpAsync(connection, transaction, phone, new PendingSignUp(details, version, now.ToUnixTimeMilliseconds()), now, cancellationToken);
        var recordedBy = $"{actor.DisplayName} ({actor.Id})";
        await SubscriberRepository.MarkWrittenConsentAsync(connection, transaction, id, recordedBy, cancellationToken);
        await VerificationCodes.DeleteSignUpsAsync(connection, transaction, phone, cancellationToken);
        await SubscriberRepository.IncrementStatAsync(connection, transaction, calendar.Today(), "activated", cancellationToken);
        await audit.AppendAsync(connection, transaction, actor, WrittenConsentAction, Subject(id),
            $"Písemný souhlas se zpracováním údajů (verze {version}) zapsán na úřadě; odběr je aktivní.", cancellationToken);
        await OutboxOperations.EnqueueServiceAsync(connection, transaction, new ServiceMessage(phone, texts.SignedUpAtOffice()), now, cancellationToken);
        // Written consent proves the number, not the mailbox: the e-mail still gets only its link until confirmed.
        if (details.Email is { } email)
        {
            await emailLinks.QueueAsync(connection, transaction, id, email, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Wake();
        return new(AssistedOutcome.Active, SubscriberId: id);
    }

    /// <summary>
    /// Deletion on the resident's request: everything the resident's own cancel removes (addresses,
    /// packages, every code of the number, sessions, the number in the outbox), with the audit entry in the same
    /// transaction, and the same confirmation SMS.
    /// </summary>
    public async Task<bool> DeleteAsync(long subscriberId, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        string? phone;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            phone = await SubscriberRepository.DeleteAsync(connection, transaction, subscriberId, calendar.Today(), time.GetUtcNow(), cancellationToken);
            if (phone is null)
            {
                return false;
            }

            await audit.AppendAsync(connection, transaction, actor, DeleteAction, Subject(subscriberId), "Odběratel smazán na vlastní žádost (GDPR).", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await outbox.EnqueueServiceAsync(new ServiceMessage(phone, texts.Cancelled()), cancellationToken);
        return true;
    }

    private async Task<bool> IsActiveAsync(string phone, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await SubscriberRepository.FindByPhoneAsync(connection, null, phone, cancellationToken) is { Status: SubscriberStatus.Active };
    }

    private static string Subject(long subscriberId) => string.Create(CultureInfo.InvariantCulture, $"subscriber:{subscriberId}");
}
