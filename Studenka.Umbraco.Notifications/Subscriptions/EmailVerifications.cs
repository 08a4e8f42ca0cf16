using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Email;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum EmailLinkOutcome
{
    Valid,
    Unknown,
    Expired,
    Used,

    /// <summary>The subscriber has changed or removed the address since the link was sent.</summary>
    Replaced,

    /// <summary>Another subscription has already confirmed the address (a verified address belongs to one).</summary>
    Taken,
}

public sealed record EmailLinkCheck(EmailLinkOutcome Outcome, string? Email = null);

/// <summary>
/// The link that proves a resident reads the e-mail they gave. Nothing but this link is sent to an
/// address before it is confirmed, so nobody can subscribe someone else's mailbox. The token is
/// random and only its SHA-256 is stored; it expires and works once. The link is a service-lane
/// e-mail in the outbox, queued in the transaction that issues it. Each costs nothing but can annoy
/// a stranger, so a subscriber gets few of them (the page limits them per client address too).
/// </summary>
public sealed class EmailVerifications(IDbConnectionFactory connections, EmailLinkBase links, IOptions<SmsOptions> sms, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(1);
    public const int PerDay = 5;

    /// <summary>When the subscriber may get the next link, or null when now (cooldown and a daily count, from the links issued).</summary>
    public async Task<DateTimeOffset?> NextAllowedAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var recent = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT created_at_ms FROM email_verifications WHERE subscriber_id = @subscriberId AND created_at_ms >= @since ORDER BY created_at_ms DESC",
            new { subscriberId, since = now.AddDays(-1).ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken))).ToList();
        var cooldownEnds = recent.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(recent[0]) + Cooldown : now;
        var dayEnds = recent.Count >= PerDay ? DateTimeOffset.FromUnixTimeMilliseconds(recent[PerDay - 1]).AddDays(1) : now;
        var next = cooldownEnds > dayEnds ? cooldownEnds : dayEnds;
        return next > now ? next : null;
    }

    /// <summary>Issues a link for the subscriber's address and queues its e-mail, in the caller's transaction (call <see cref="OutboxOperations.Wake"/> after the commit).</summary>
    public async Task QueueAsync(DbConnection connection, DbTransaction transaction, long subscriberId, string email, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO email_verifications (token_hash, subscriber_id, email, created_at_ms, expires_at_ms, used_at_ms)
            VALUES (@hash, @subscriberId, @email, @now, @expires, NULL)
            """, new { hash = Hash(token), subscriberId, email, now = now.ToUnixTimeMilliseconds(), expires = (now + Lifetime).ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken));
        var town = sms.Value.TownName;
        var link = links.Absolute($"{EmailLinks.VerifyPath}?t={token}");
        // The outbox's e-mail body format: the subject, a blank line, then the plain text (the sender renders the HTML).
        var body = $"""
            Potvrďte e-mail pro zprávy města {town}

            Dobrý den,

            tuto adresu někdo zadal pro zasílání zpráv města {town}. Pokud jste to byli vy, potvrďte ji prosím otevřením odkazu (platí {Lifetime.TotalHours:0} hodin):

            {link}

            Dokud adresu nepotvrdíte, nepošleme na ni nic jiného. Pokud jste o nic nežádali, tento e-mail prosím ignorujte.
            """;
        await OutboxOperations.EnqueueServiceAsync(connection, transaction, new ServiceMessage(email, body, OutboxChannel.Email), now, cancellationToken);
    }

    /// <summary>What a link would do, without using it (the GET page; link scanners must not consume it).</summary>
    public async Task<EmailLinkCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await CheckAsync(connection, null, token, cancellationToken)).Check;
    }

    /// <summary>Uses the link: the subscriber's address is verified (and a bounce forgotten), once.</summary>
    public Task<EmailLinkCheck> ConfirmAsync(string? token, CancellationToken cancellationToken) =>
        connections.InTransactionAsync(IsolationLevel.Serializable, async (connection, transaction) =>
        {
            var (check, subscriberId) = await CheckAsync(connection, transaction, token, cancellationToken);
            if (check.Outcome != EmailLinkOutcome.Valid)
            {
                return check;
            }

            var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            // The guard on used_at_ms makes the link single use even when two clicks race.
            if (await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE email_verifications SET used_at_ms = @nowMs WHERE token_hash = @hash AND used_at_ms IS NULL",
                    new { nowMs, hash = Hash(token!) }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                return check with { Outcome = EmailLinkOutcome.Used };
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE subscribers SET email_verified_at_ms = @nowMs, email_bounced_at_ms = NULL, updated_at_ms = @nowMs WHERE id = @subscriberId AND email = @Email",
                new { nowMs, subscriberId, check.Email }, transaction, cancellationToken: cancellationToken));
            return check;
        }, cancellationToken);

    private async Task<(EmailLinkCheck Check, long SubscriberId)> CheckAsync(DbConnection connection, DbTransaction? transaction, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return (new(EmailLinkOutcome.Unknown), 0);
        }

        var row = await connection.QuerySingleOrDefaultAsync<(long SubscriberId, string Email, long ExpiresAtMs, long? UsedAtMs, string? Current, long? CurrentVerifiedMs)?>(new CommandDefinition("""
            SELECT v.subscriber_id, v.email, v.expires_at_ms, v.used_at_ms, s.email, s.email_verified_at_ms
            FROM email_verifications v JOIN subscribers s ON s.id = v.subscriber_id
            WHERE v.token_hash = @hash
            """, new { hash = Hash(token) }, transaction, cancellationToken: cancellationToken));
        if (row is not { } r)
        {
            return (new(EmailLinkOutcome.Unknown), 0);
        }

        var outcome = r.UsedAtMs is not null ? EmailLinkOutcome.Used
            : r.Current != r.Email ? EmailLinkOutcome.Replaced
            : r.ExpiresAtMs <= time.GetUtcNow().ToUnixTimeMilliseconds() ? EmailLinkOutcome.Expired
            : await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM subscribers WHERE email = @Email AND email_verified_at_ms IS NOT NULL AND id <> @SubscriberId",
                new { r.Email, r.SubscriberId }, transaction, cancellationToken: cancellationToken)) > 0 ? EmailLinkOutcome.Taken
            : EmailLinkOutcome.Valid;
        return (new(outcome, r.Email), r.SubscriberId);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
