using Npgsql;
using Xunit;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// The PostgreSQL server <c>./test.sh</c> starts (<c>STUDENKA_TEST_POSTGRES</c>, an admin connection
/// string). Each test gets its own database, dropped again at the end.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "STUDENKA_TEST_POSTGRES";

    /// <summary>The admin connection string; null on a developer's quick run without the server.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var server = Server ?? throw new InvalidOperationException($"{Variable} is not set: run ./test.sh, which starts PostgreSQL for the tests.");
        var name = "studenka_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        // FORCE: a host still shutting down may hold a connection for a moment.
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A test that needs the PostgreSQL server: reported as skipped (never silently green) when it is not there.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.Server is null)
        {
            Skip = $"{TestPostgres.Variable} is not set; ./test.sh starts PostgreSQL and runs this test.";
        }
    }
}
