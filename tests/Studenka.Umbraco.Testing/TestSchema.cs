using System.Data.Common;
using Dapper;
using Npgsql;

namespace Studenka.Umbraco.Testing;

/// <summary>Reads the schema in either engine's catalogue (SQLite's sqlite_master, PostgreSQL's information_schema).</summary>
public static class TestSchema
{
    /// <summary>Every table of the package with a text that changes when its definition changes.</summary>
    public static IReadOnlyList<(string Name, string Definition)> Tables(DbConnection connection) =>
        (connection is NpgsqlConnection
            ? connection.Query<(string, string)>("""
                SELECT table_name, string_agg(column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''), ', ' ORDER BY ordinal_position)
                FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name
                """)
            : connection.Query<(string, string)>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")).ToList();
}
