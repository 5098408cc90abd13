using Microsoft.Data.Sqlite;

namespace Ordo.Store.Sqlite;

/// <summary>
/// Prepared statements kept on one connection, by their SQL text. Microsoft.Data.Sqlite keeps a command's
/// compiled statement while the command lives and its text stays the same; parsing and planning a
/// statement cost more than running it for the one-row reads and writes of this store, so the writer
/// and each pooled reader keep their commands. A command is handed out with no parameters; it stays
/// the cache's (never dispose it), and its reader must be disposed before the command is asked for again.
/// </summary>
internal sealed class Statements(SqliteConnection connection)
{
    /// <summary>At most this many statements a connection: past it, they are all dropped and prepared again
    /// (filters that build their SQL have many shapes; the hot ones come back at once).</summary>
    public const int Capacity = 128;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The kept command for this SQL, with no parameters set.</summary>
    public SqliteCommand For(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (_commands.Count >= Capacity)
        {
            Forget();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    /// <summary>The kept command for this SQL with these parameters.</summary>
    public SqliteCommand For(string sql, List<SqliteParameter> parameters)
    {
        var command = For(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public bool Holds(string sql) => _commands.ContainsKey(sql);

    /// <summary>Drops every kept statement (after a failure, so a statement that failed is never reused).</summary>
    public void Forget()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
