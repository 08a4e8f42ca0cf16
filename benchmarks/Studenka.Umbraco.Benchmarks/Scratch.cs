using Microsoft.Data.Sqlite;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>Temp folders for the benchmark databases, removed afterwards.</summary>
internal static class Scratch
{
    public static string NewDirectory(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "studenka-benchmarks", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static void Delete(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a benchmark run over.
        }
    }
}
