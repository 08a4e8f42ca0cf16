namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>The SQLite schema history (every script under <c>Persistence/Migrations/Sqlite</c>), for tests and tools.</summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } = MigrationScripts.For(MigrationScripts.Sqlite);
}
