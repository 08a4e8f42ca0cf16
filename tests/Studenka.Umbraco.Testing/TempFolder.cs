using Microsoft.Data.Sqlite;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// A fresh folder under the system temp folder for one test's files (SQLite databases, content roots),
/// deleted on dispose. SQLite's pool is cleared first, or its open handles would keep the files; a file
/// still held by a finishing host is left to the OS temp cleaner rather than failing the test.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string area = "studenka-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), area, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> in this folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Held by a host that is still shutting down; not worth failing a test over.
        }
        catch (UnauthorizedAccessException)
        {
            // Same, on file systems that report a held file this way.
        }
    }
}
