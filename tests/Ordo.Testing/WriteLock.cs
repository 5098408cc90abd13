using Microsoft.Data.Sqlite;

namespace Ordo.Testing;

/// <summary>
/// Another process's write transaction on a database file, as an operator's <c>sqlite3</c> or a
/// backup would hold it: SQLite's write lock, until disposed.
/// </summary>
public static class WriteLock
{
    public static IDisposable Hold(string databasePath)
    {
        var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        other.Open();
        using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return other;
    }
}
