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
    private int _kept; // idle connections, counted before each is pushed, so never more than Idle
    private volatile bool _disposed;

    /// <summary>How many connections are kept idle now (tests).</summary>
    public int IdleCount => _idle.Count;

    public T Read<T>(Func<Statements, T> query)
    {
        Statements session;
        if (_idle.TryPop(out var kept))
        {
            Interlocked.Decrement(ref _kept);
            session = kept;
        }
        else
        {
            session = Open();
        }

        T result;
        try
        {
            result = query(session);
        }
        catch
        {
            CloseQuietly(session); // the read's own exception is the one to report
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
            Interlocked.Decrement(ref _kept);
            CloseQuietly(session);
        }
    }

    private void Return(Statements session)
    {
        bool settled;
        try
        {
            settled = Settled(session.Connection);
        }
        catch (Exception)
        {
            settled = false; // a connection that cannot be inspected is not kept
        }

        if (!settled || _disposed)
        {
            CloseQuietly(session);
            return;
        }

        if (Interlocked.Increment(ref _kept) > Idle)
        {
            Interlocked.Decrement(ref _kept);
            CloseQuietly(session);
            return;
        }

        _idle.Push(session);
        if (_disposed && _idle.TryPop(out var late))
        {
            Interlocked.Decrement(ref _kept);
            CloseQuietly(late); // disposed while this one was being returned
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

    /// <summary>Closes a connection that is not kept; a failure to close it (its data is only read) is not the caller's.</summary>
    private static void CloseQuietly(Statements session)
    {
        try
        {
            session.Forget();
        }
        catch (Exception)
        {
            // A statement's last error surfacing at finalize: the connection is closed below all the same.
        }
        finally
        {
            try
            {
                session.Connection.Dispose();
            }
            catch (Exception)
            {
                // Nothing of the caller's depends on it: reads write nothing.
            }
        }
    }
}
