using System.Reflection;
using System.Text.RegularExpressions;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// Migrations kept as SQL files, one per dialect: <c>Persistence/Migrations/{Sqlite,Postgres}/NNNN_name.sql</c>
/// (embedded resources). Each feature adds its schema as a new pair of files, so parallel work never
/// edits one shared C# list; the number in the file name is the version.
/// </summary>
internal static partial class MigrationScripts
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IReadOnlyList<Migration> For(string dialect)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"{assembly.GetName().Name}.Persistence.Migrations.{dialect}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..^".sql".Length];
            var match = FileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration script '{resource}' must be named NNNN_name.sql.");
            }

            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value.Replace('_', ' '), Read(assembly, resource)));
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)$")]
    private static partial Regex FileName();
}
