using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public sealed record SubscriberState(long Id, string Status);

/// <summary>
/// Subscribers, their addresses and packages. Methods taking a transaction join the caller's unit of work.
/// Every change of who counts where is also written to <see cref="SubscriberHistory"/> in the same transaction.
/// </summary>
public sealed class SubscriberRepository(IDbConnectionFactory connections, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public static async Task<SubscriberState?> FindByPhoneAsync(DbConnection connection, DbTransaction? transaction, string phone, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<SubscriberState>(new CommandDefinition(
            "SELECT id AS Id, status AS Status FROM subscribers WHERE phone = @phone",
            new { phone }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Makes the confirmed sign-up the number's active subscription, inside the caller's transaction.
    /// Returns the subscriber's id and whether this call activated it; an already active subscription
    /// is left as it is (its owner changes it in self-service). A pending row from before sign-ups
    /// waited beside their codes is taken over.
    /// </summary>
    public static async Task<(long Id, bool Activated)> ActivateSignUpAsync(DbConnection connection, DbTransaction transaction, string phone, PendingSignUp signUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        var pendingId = (await FindByPhoneAsync(connection, transaction, phone, cancellationToken))?.Id;
        var before = pendingId is { } existing ? await SubscriberHistory.MembershipAsync(connection, transaction, existing, cancellationToken) : new HashSet<CountKey>();
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO subscribers (phone, name, email, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms)
            VALUES (@phone, @Name, @Email, 'active', @ConsentVersion, @ConsentAtMs, @at, @at, @at)
            ON CONFLICT (phone) DO UPDATE SET
                name = excluded.name, email = excluded.email, email_verified_at_ms = NULL, email_bounced_at_ms = NULL, status = 'active', consent_version = excluded.consent_version,
                consent_at_ms = excluded.consent_at_ms, activated_at_ms = excluded.activated_at_ms, updated_at_ms = excluded.updated_at_ms
            WHERE subscribers.status = 'pending'
            RETURNING id
            """, new { phone, signUp.Details.Name, signUp.Details.Email, signUp.ConsentVersion, signUp.ConsentAtMs, at }, transaction, cancellationToken: cancellationToken));
        if (id is { } activated)
        {
            await ReplaceChoicesAsync(connection, transaction, activated, signUp.Details, cancellationToken);
            await SubscriberHistory.RecordAsync(connection, transaction, before,
                await SubscriberHistory.MembershipAsync(connection, transaction, activated, cancellationToken), now, cancellationToken);
            return (activated, true);
        }

        return (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM subscribers WHERE phone = @phone", new { phone }, transaction, cancellationToken: cancellationToken)), false);
    }

    /// <summary>
    /// Saves the resident's changes inside the caller's transaction and returns the e-mail stored
    /// before. A changed address is unverified again (its owner confirms it by a new link), and
    /// nothing waiting in the outbox goes to the old one any more.
    /// </summary>
    public static async Task<string?> UpdateDetailsAsync(DbConnection connection, DbTransaction transaction, long id, SubscriptionDetails details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = await SubscriberHistory.MembershipAsync(connection, transaction, id, cancellationToken);
        var oldEmail = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT email FROM subscribers WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var changed = oldEmail != details.Email;
        await connection.ExecuteAsync(new CommandDefinition(
            changed
                ? "UPDATE subscribers SET name = @Name, email = @Email, email_verified_at_ms = NULL, email_bounced_at_ms = NULL, updated_at_ms = @at WHERE id = @id"
                : "UPDATE subscribers SET name = @Name, updated_at_ms = @at WHERE id = @id",
            new { id, details.Name, details.Email, at = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        if (changed)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM email_verifications WHERE subscriber_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            if (oldEmail is not null)
            {
                await OutboxOperations.ForgetAddressAsync(connection, transaction, OutboxChannel.Email, oldEmail, cancellationToken);
            }
        }

        await ReplaceChoicesAsync(connection, transaction, id, details, cancellationToken);
        await SubscriberHistory.RecordAsync(connection, transaction, before,
            await SubscriberHistory.MembershipAsync(connection, transaction, id, cancellationToken), now, cancellationToken);
        return oldEmail;
    }

    public async Task<Subscriber?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Phone, string? Name, string? Email, string Status, string ConsentVersion, long ConsentAtMs, long CreatedAtMs, long? ActivatedAtMs, long? VerifiedMs, long? BouncedMs)?>(new CommandDefinition(
            "SELECT id, phone, name, email, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, email_verified_at_ms, email_bounced_at_ms FROM subscribers WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
        if (row is not { } s)
        {
            return null;
        }

        var choices = (await connection.QueryAsync<(long Package, long BySms, long ByEmail)>(new CommandDefinition(
            "SELECT package_id, by_sms, by_email FROM subscriber_packages WHERE subscriber_id = @id ORDER BY package_id", new { id }, cancellationToken: cancellationToken))).ToList();
        var packages = choices.Select(c => (int)c.Package).ToList();
        // SQLite returns every INTEGER as Int64; Dapper will not bind that to the record's int Position, so map by hand.
        var addresses = await connection.QueryAsync<(long Position, long PartId, string PartName, long? StreetId, string? StreetName, string? HouseNumber, string? StreetText)>(new CommandDefinition("""
            SELECT a.position AS Position, a.city_part_id AS PartId, p.name AS PartName, a.street_id AS StreetId, st.name AS StreetName, a.house_number AS HouseNumber,
                   a.street_text AS StreetText
            FROM subscriber_addresses a
            JOIN city_parts p ON p.id = a.city_part_id
            LEFT JOIN streets st ON st.id = a.street_id
            WHERE a.subscriber_id = @id ORDER BY a.position
            """, new { id }, cancellationToken: cancellationToken));
        return new Subscriber(s.Id, s.Phone, s.Name, s.Email, s.Status, packages,
            addresses.Select(a => new SubscriberAddress((int)a.Position, a.PartId, a.PartName, a.StreetId, a.StreetName, a.HouseNumber, a.StreetText)).ToList(), s.ConsentVersion,
            DateTimeOffset.FromUnixTimeMilliseconds(s.ConsentAtMs), DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAtMs),
            s.ActivatedAtMs is { } a ? DateTimeOffset.FromUnixTimeMilliseconds(a) : null,
            choices.ToDictionary(c => (int)c.Package, c => Channel(c.BySms == 1, c.ByEmail == 1)),
            s.VerifiedMs is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null,
            s.BouncedMs is { } b ? DateTimeOffset.FromUnixTimeMilliseconds(b) : null);
    }

    /// <summary>
    /// Removes every personal trace of a subscriber (row, addresses, packages, codes) and keeps only
    /// an anonymous count of the cancellation for the town's statistics.
    /// </summary>
    public async Task<bool> DeleteAsync(long id, string statsDay, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await DeleteAsync(connection, transaction, id, statsDay, _time.GetUtcNow(), cancellationToken) is null)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary><see cref="DeleteAsync(long, string, CancellationToken)"/> inside the caller's transaction; returns the deleted number, or null when there was none.</summary>
    public static async Task<string?> DeleteAsync(DbConnection connection, DbTransaction transaction, long id, string statsDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await connection.QuerySingleOrDefaultAsync<(string Phone, string? Email)?>(new CommandDefinition(
            "SELECT phone, email FROM subscribers WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        if (found is not { Phone: var phone, Email: var email })
        {
            return null;
        }

        await SubscriberHistory.RecordAsync(connection, transaction,
            await SubscriberHistory.MembershipAsync(connection, transaction, id, cancellationToken), new HashSet<CountKey>(), now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM subscriber_addresses WHERE subscriber_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM subscriber_packages WHERE subscriber_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM email_verifications WHERE subscriber_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM subscribers WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM verification_codes WHERE phone = @phone", new { phone }, transaction, cancellationToken: cancellationToken));
        // A cancellation before sending removes the phone from campaigns in flight (Delivery owns the outbox).
        await OutboxOperations.ForgetAddressAsync(connection, transaction, OutboxChannel.Sms, phone, cancellationToken);
        if (email is not null)
        {
            await OutboxOperations.ForgetAddressAsync(connection, transaction, OutboxChannel.Email, email, cancellationToken);
        }

        await IncrementStatAsync(connection, transaction, statsDay, "cancelled", cancellationToken);
        return phone;
    }

    /// <summary>Who at the town office recorded the subscriber's written consent (instead of an SMS code).</summary>
    public static Task MarkWrittenConsentAsync(DbConnection connection, DbTransaction transaction, long id, string recordedBy, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subscribers SET written_consent_by = @recordedBy WHERE id = @id", new { id, recordedBy }, transaction, cancellationToken: cancellationToken));

    public static Task IncrementStatAsync(DbConnection connection, DbTransaction transaction, string day, string @event, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO subscription_stats (day, event, count) VALUES (@day, @event, 1) ON CONFLICT (day, event) DO UPDATE SET count = subscription_stats.count + 1",
            new { day, @event }, transaction, cancellationToken: cancellationToken));

    /// <summary>Pending rows (written before sign-ups waited beside their codes) are personal data with no purpose after a day.</summary>
    public static Task PurgeStalePendingAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM subscribers WHERE status = 'pending' AND updated_at_ms < @before
            """, new { before = olderThan.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));

    private static async Task ReplaceChoicesAsync(DbConnection connection, DbTransaction transaction, long id, SubscriptionDetails details, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM subscriber_addresses WHERE subscriber_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM subscriber_packages WHERE subscriber_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id, street_id, street_text, house_number, house_kind, house_building, house_orientation, house_orientation_letter)
            VALUES (@id, @Position, @PartId, @StreetId, @StreetText, @HouseNumber, @Kind, @Building, @Orientation, @OrientationLetter)
            """,
            details.Addresses.Select(a => new
            {
                id, a.Position, a.PartId, a.StreetId, a.StreetText, a.HouseNumber,
                a.House?.Kind, a.House?.Building, a.House?.Orientation, a.House?.OrientationLetter,
            }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO subscriber_packages (subscriber_id, package_id, by_sms, by_email) VALUES (@id, @package, @bySms, @byEmail)",
            details.Packages.Select(package => details.ChannelOf(package) switch
            {
                PackageChannel.Email => new { id, package, bySms = 0, byEmail = 1 },
                PackageChannel.Both => new { id, package, bySms = 1, byEmail = 1 },
                _ => new { id, package, bySms = 1, byEmail = 0 },
            }), transaction, cancellationToken: cancellationToken));
    }

    public static PackageChannel Channel(bool bySms, bool byEmail) => (bySms, byEmail) switch
    {
        (true, true) => PackageChannel.Both,
        (false, true) => PackageChannel.Email,
        _ => PackageChannel.Sms,
    };
}
