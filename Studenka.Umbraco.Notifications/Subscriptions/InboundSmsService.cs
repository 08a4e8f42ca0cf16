using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum InboundSmsOutcome
{
    /// <summary>STOP from a subscriber: deleted, confirmation SMS sent.</summary>
    Unsubscribed,
    /// <summary>STOP from a number we do not know (or a repeat): nothing to do, nothing sent.</summary>
    NotSubscribed,
    /// <summary>START: the sign-up link was sent.</summary>
    SignUpLinkSent,
    /// <summary>START again today, or the daily reply cap reached: nothing sent.</summary>
    ReplyLimited,
    /// <summary>Not a keyword: kept out of the way, nothing sent.</summary>
    Ignored,
}

/// <summary>
/// A resident's SMS to the town's number. STOP cancels through the same path as the web page
/// (personal data deleted, confirmation SMS); START is answered with the sign-up link, because
/// consent is given on the web form only. Replies are idempotent: repeats send nothing twice.
/// </summary>
public sealed class InboundSmsService(
    IDbConnectionFactory connections,
    SubscriptionService subscriptions,
    PhoneNumberNormalizer phones,
    InboundReplyGuard replies,
    OutboxOperations outbox,
    SmsTexts texts,
    Web.PublicUrls urls,
    ILogger<InboundSmsService> logger)
{
    /// <param name="signUpUrl">The sign-up page on the host that received the webhook; used only without a configured public address.</param>
    public async Task<InboundSmsOutcome> HandleAsync(string originator, string text, string signUpUrl, CancellationToken cancellationToken)
    {
        var keyword = InboundKeywords.Match(text);
        var phone = phones.NormalizeMsisdn(originator);
        var outcome = (keyword, phone.IsValid) switch
        {
            (InboundKeyword.None, _) => InboundSmsOutcome.Ignored,
            // A number we cannot accept can never have subscribed, nor be invited to.
            (_, false) => keyword == InboundKeyword.Stop ? InboundSmsOutcome.NotSubscribed : InboundSmsOutcome.Ignored,
            (InboundKeyword.Stop, true) => await StopAsync(phone.E164!, cancellationToken),
            _ => await StartAsync(phone.E164!, urls.SignUpUrl(signUpUrl), cancellationToken),
        };
        // The number stays out of the log: it is personal data, and the outcome is what operators need.
        logger.LogInformation("Inbound SMS ({Keyword}) handled: {Outcome}", keyword, outcome);
        return outcome;
    }

    private async Task<InboundSmsOutcome> StopAsync(string phone, CancellationToken cancellationToken)
    {
        SubscriberState? subscriber;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // STOP also withdraws a sign-up still waiting for its code: its data goes, its code subscribes nobody.
            await VerificationCodes.DeleteSignUpsAsync(connection, transaction, phone, cancellationToken);
            subscriber = await SubscriberRepository.FindByPhoneAsync(connection, transaction, phone, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // CancelAsync deletes first and sends only when it deleted, so a concurrent repeat sends nothing.
        return subscriber is not null && await subscriptions.CancelAsync(subscriber.Id, cancellationToken)
            ? InboundSmsOutcome.Unsubscribed
            : InboundSmsOutcome.NotSubscribed;
    }

    private async Task<InboundSmsOutcome> StartAsync(string phone, string signUpUrl, CancellationToken cancellationToken)
    {
        if (await replies.TryReserveAsync(phone, cancellationToken) is null)
        {
            return InboundSmsOutcome.ReplyLimited;
        }

        // The reply leaves through the outbox's service lane (pause, limits, retries and audit of every SMS).
        await outbox.EnqueueServiceAsync(new ServiceMessage(phone, texts.SignUpLink(signUpUrl)), cancellationToken);
        return InboundSmsOutcome.SignUpLinkSent;
    }
}
