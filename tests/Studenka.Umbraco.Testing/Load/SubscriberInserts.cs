using Microsoft.Data.Sqlite;

namespace Studenka.Umbraco.Testing.Load;

/// <summary>
/// Prepared INSERTs reused for every subscriber of one transaction: the fastest honest way to
/// write hundreds of thousands of rows through ADO.NET (no string building, one plan per statement).
/// </summary>
internal sealed class SubscriberInserts : IDisposable
{
    private readonly SqliteCommand _subscriber;
    private readonly SqliteCommand _package;
    private readonly SqliteCommand _address;

    public SubscriberInserts(SqliteConnection connection, SqliteTransaction transaction, long atMs)
    {
        _subscriber = Prepare(connection, transaction, """
            INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, activated_at_ms, updated_at_ms)
            VALUES ($phone, 'active', 'load-test', $at, $at, $at, $at) RETURNING id
            """, "$phone", "$at");
        _subscriber.Parameters["$at"].Value = atMs;
        _package = Prepare(connection, transaction,
            "INSERT INTO subscriber_packages (subscriber_id, package_id) VALUES ($id, $package)", "$id", "$package");
        _address = Prepare(connection, transaction,
            "INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id, street_id) VALUES ($id, $position, $part, $street)",
            "$id", "$position", "$part", "$street");
    }

    public void Add(GeneratedSubscriber subscriber)
    {
        _subscriber.Parameters["$phone"].Value = subscriber.Phone;
        var id = (long)_subscriber.ExecuteScalar()!;
        _package.Parameters["$id"].Value = id;
        foreach (var package in subscriber.Packages)
        {
            _package.Parameters["$package"].Value = package;
            _package.ExecuteNonQuery();
        }

        _address.Parameters["$id"].Value = id;
        for (var i = 0; i < subscriber.Addresses.Count; i++)
        {
            _address.Parameters["$position"].Value = i + 1;
            _address.Parameters["$part"].Value = subscriber.Addresses[i].PartId;
            _address.Parameters["$street"].Value = (object?)subscriber.Addresses[i].StreetId ?? DBNull.Value;
            _address.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _subscriber.Dispose();
        _package.Dispose();
        _address.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
