using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Studenka.Umbraco.Testing.Load;

/// <summary>
/// The PostgreSQL side of <see cref="LoadDatabase.AddSubscribersAsync"/>: binary COPY of the three
/// tables in one transaction (a million residents in seconds, where one INSERT per row takes
/// minutes). Ids are given explicitly so the packages and addresses can refer to them; the identity
/// sequence is moved past them afterwards, so the Site's own inserts go on from there.
/// </summary>
internal static class PostgresSubscriberCopy
{
    // A million rows with their foreign-key checks take longer than Npgsql's default 30 s on a busy machine.
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(10);

    public static async Task<IReadOnlyList<string>> AddAsync(
        NpgsqlConnection connection, SubscriberGenerator generator, long firstNumber, int count, long atMs, CancellationToken cancellationToken)
    {
        var firstId = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) + 1 FROM subscribers");
        var subscribers = new List<GeneratedSubscriber>(count);
        for (var i = 0; i < count; i++)
        {
            subscribers.Add(generator.Next(firstNumber + i));
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY subscribers (id, phone, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            copy.Timeout = CopyTimeout;
            for (var i = 0; i < subscribers.Count; i++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(firstId + i, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(subscribers[i].Phone, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("active", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("load-test", NpgsqlDbType.Text, cancellationToken);
                for (var time = 0; time < 4; time++)
                {
                    await copy.WriteAsync(atMs, NpgsqlDbType.Bigint, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY subscriber_packages (subscriber_id, package_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            copy.Timeout = CopyTimeout;
            for (var i = 0; i < subscribers.Count; i++)
            {
                foreach (var package in subscribers[i].Packages)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(firstId + i, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync((long)package, NpgsqlDbType.Bigint, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY subscriber_addresses (subscriber_id, position, city_part_id, street_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            copy.Timeout = CopyTimeout;
            for (var i = 0; i < subscribers.Count; i++)
            {
                var addresses = subscribers[i].Addresses;
                for (var position = 0; position < addresses.Count; position++)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(firstId + i, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync((long)position + 1, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(addresses[position].PartId, NpgsqlDbType.Bigint, cancellationToken);
                    if (addresses[position].StreetId is { } street)
                    {
                        await copy.WriteAsync(street, NpgsqlDbType.Bigint, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync("SELECT setval(pg_get_serial_sequence('subscribers', 'id'), (SELECT MAX(id) FROM subscribers))", transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
        // Autovacuum would gather statistics a minute later; the Site's first query should not plan without them.
        await connection.ExecuteAsync("ANALYZE subscribers, subscriber_packages, subscriber_addresses");
        return subscribers.Select(s => s.Phone).ToList();
    }
}
