using Ordo.Store.Sqlite;

namespace Ordo.Testing;

/// <summary>A real SQLite file in a fresh temporary folder, removed afterwards.</summary>
public sealed class ScratchDatabase : IDisposable
{
    /// <param name="parent">Where the folder is made (default: the temporary folder), e.g. a small file system.</param>
    public ScratchDatabase(string? parent = null)
    {
        Folder = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), "ordo-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "ordo.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public SqliteOrderStore Open() => SqliteOrderStore.Open(new SqliteStoreOptions(Path));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A server process may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
