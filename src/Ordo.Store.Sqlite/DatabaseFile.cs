namespace Ordo.Store.Sqlite;

/// <summary>
/// The database holds credentials' hashes, sealed secrets and every account's money, so a new file
/// is created readable and writable by its owner only, before SQLite opens it (an empty file is an
/// empty database). SQLite gives the -wal and -shm files it creates the database file's permissions.
/// An existing file keeps the permissions its operator chose.
/// </summary>
internal static class DatabaseFile
{
    public static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || path.Length == 0 || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal) || File.Exists(path))
        {
            return;
        }

        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (the ordo command beside a starting server) created it first.
        }
    }
}
