using System.Collections.Concurrent;

using Microsoft.Data.Sqlite;

namespace Ordo.Store.Sqlite;

/// <summary>
/// The store's read connections, each kept open with its prepared statements (<see cref="Statements"/>).
/// Microsoft.Data.Sqlite's own pool keeps connections but not statements, so every read parsed and planned
/// its SQL again; this pool is ours for that reason. A read takes an idle connection or opens one, and gives
/// it back when it ends cleanly; after any exception, or if it were left inside a transaction (which would
/// hold back checkpoints), the connection is closed instead. At most <see cref="Idle"/> are kept idle.
/// Each read runs outside any transaction, so a kept connection sees every commit made before the read.
/// </summary>
internal sealed class ReaderPool(Func<SqliteConnection> open) : IDisposable
{
    public const int Idle = 16;

    private readonly ConcurrentStack<Statements> _idle = new();
    private volatile bool _disposed;

    /// <summary>How many connections are kept idle now (tests).</summary>
    public int IdleCount => _idle.Count;

    public T Read<T>(Func<Statements, T> query)
    {
        var session = _idle.TryPop(out var kept) ? kept : Open();
        T result;
        try
        {
            result = query(session);
        }
        catch
        {
            Close(session);
            throw;
        }

        Return(session);
        return result;
    }

    /// <summary>Whether any idle connection keeps a prepared statement for this SQL (tests).</summary>
    public bool Holds(string sql) => _idle.Any(s => s.Holds(sql));

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var session))
        {
            Close(session);
        }
    }

    private void Return(Statements session)
    {
        if (!Settled(session.Connection) || _disposed || _idle.Count >= Idle)
        {
            Close(session);
            return;
        }

        _idle.Push(session);
        if (_disposed && _idle.TryPop(out var late))
        {
            Close(late); // disposed while this one was being returned
        }
    }

    private Statements Open()
    {
        var connection = open();

        // SQLitePCL lists a connection's statements (sqlite3_next_stmt, for Settled) only when asked to track them.
        connection.Handle!.enable_sqlite3_next_stmt(true);
        return new Statements(connection);
    }

    /// <summary>Outside any transaction, and no statement left mid-run (each would keep a read snapshot open).</summary>
    private static bool Settled(SqliteConnection connection)
    {
        var db = connection.Handle!;
        if (SQLitePCL.raw.sqlite3_get_autocommit(db) == 0)
        {
            return false;
        }

        for (var statement = SQLitePCL.raw.sqlite3_next_stmt(db, null); statement is not null && !statement.IsInvalid; statement = SQLitePCL.raw.sqlite3_next_stmt(db, statement))
        {
            if (SQLitePCL.raw.sqlite3_stmt_busy(statement) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void Close(Statements session)
    {
        session.Forget();
        session.Connection.Dispose();
    }
}
