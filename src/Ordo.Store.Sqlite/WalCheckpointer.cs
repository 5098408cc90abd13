using Microsoft.Data.Sqlite;

namespace Ordo.Store.Sqlite;

/// <summary>
/// Copies the WAL back into the database file from its own connection and thread, so no commit
/// waits for it. SQLite's automatic checkpoint would run on the writer's connection right after a
/// commit, writing and fsyncing the database file while the next batch waits; the writer turns it
/// off (<c>wal_autocheckpoint = 0</c>) and signals this one instead.
/// <para>
/// After commits, a PASSIVE checkpoint at most every <see cref="SqliteStoreOptions.CheckpointInterval"/>:
/// it copies what it can without waiting for readers or the writer. Under steady commits that alone
/// never lets the WAL start over (new frames always follow the copied ones, and a checkpoint that
/// waits for the writer's lock loses the race for it to the writer), so once the WAL holds
/// <see cref="SqliteStoreOptions.MaxWalPages"/> the writer, between two batches, runs a RESTART
/// checkpoint: it copies only the frames committed since the PASSIVE one, waits up to
/// <see cref="LockWait"/> for readers to leave the WAL, and the WAL starts over. When commits stop for
/// <see cref="SqliteStoreOptions.IdleCheckpointAfter"/>, a TRUNCATE checkpoint empties the WAL file.
/// A reader that keeps an old snapshot (an operator's open transaction) makes RESTART give up after
/// <see cref="LockWait"/> and the WAL grow until it lets go (each next try waits for twice the WAL);
/// the store's own reads are single statements.
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>Longest a RESTART or TRUNCATE checkpoint waits for readers and the writer.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(100);

    private readonly Func<SqliteConnection> _open;
    private readonly SqliteStoreOptions _options;
    private readonly object _gate = new();
    private readonly Lock _running = new();
    private readonly Thread _thread;
    private SqliteConnection? _connection;
    private bool _committed;
    private bool _closed;
    private volatile bool _restartWanted;
    private long _restartAt;

    public WalCheckpointer(Func<SqliteConnection> open, SqliteStoreOptions options)
    {
        _open = open;
        _options = options;
        _restartAt = options.MaxWalPages;
        _thread = new Thread(Loop) { IsBackground = true, Name = "ordo-sqlite-checkpointer" };
        _thread.Start();
    }

    /// <summary>Raised after each checkpoint (on the checkpointer's thread; RESTART on the writer's): its mode, the WAL's frames, the frames copied.</summary>
    public event Action<string, long, long>? Checkpointed;

    /// <summary>Called by the writer after each commit; cheap, never blocks on a checkpoint.</summary>
    public void Committed()
    {
        lock (_gate)
        {
            if (!_committed)
            {
                _committed = true;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>
    /// Called by the writer between batches, on its own connection: when the WAL is past its bound,
    /// starts it over (RESTART), waiting at most <see cref="LockWait"/> for readers.
    /// </summary>
    public void RestartIfWanted(SqliteConnection writer)
    {
        // The checkpointer's own PASSIVE may be under way: waited for no longer than a RESTART waits for
        // readers (LockWait), then the RESTART is tried after the next batch instead.
        if (!_restartWanted || !_running.TryEnter(LockWait))
        {
            return;
        }

        _restartWanted = false;
        try
        {
            Sql.Execute(writer, FormattableString.Invariant($"PRAGMA busy_timeout = {(long)LockWait.TotalMilliseconds}"));
            try
            {
                // Held back by a reader: the next try waits for twice the WAL, so a long reader costs writes little.
                var (busy, _) = Run(writer, "RESTART");
                Volatile.Write(ref _restartAt, busy ? 2 * Volatile.Read(ref _restartAt) : _options.MaxWalPages);
            }
            finally
            {
                Sql.Execute(writer, FormattableString.Invariant($"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}"));
            }
        }
        catch (Exception)
        {
            // Never a reason to fail the batch: a broken connection fails the batch's own statements next, and is replaced then.
        }
        finally
        {
            _running.Exit();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
        _connection?.Dispose();
    }

    private void Loop()
    {
        var dirty = false;
        while (WaitForWork(dirty) is { } mode)
        {
            // An idle TRUNCATE that a reader got in the way of is tried again after the next idle spell.
            dirty = !Checkpoint(mode) || mode == "PASSIVE";
            if (mode == "PASSIVE")
            {
                // Lets commits gather before the next checkpoint: fewer, larger copies and fsyncs of the database file.
                lock (_gate)
                {
                    if (!_closed)
                    {
                        Monitor.Wait(_gate, _options.CheckpointInterval);
                    }
                }
            }
        }
    }

    /// <summary>PASSIVE after commits; TRUNCATE when idle long enough after some; null once closed.</summary>
    private string? WaitForWork(bool dirty)
    {
        lock (_gate)
        {
            while (!_committed && !_closed)
            {
                if (!Monitor.Wait(_gate, dirty ? _options.IdleCheckpointAfter : Timeout.InfiniteTimeSpan))
                {
                    return "TRUNCATE";
                }
            }

            if (_closed)
            {
                return null;
            }

            _committed = false;
            return "PASSIVE";
        }
    }

    /// <summary>Runs one checkpoint (asking the writer for a RESTART if the WAL is past its bound); false when SQLite was busy.</summary>
    private bool Checkpoint(string mode)
    {
        try
        {
            _connection ??= _open();

            // One checkpoint at a time in this process: a writer's RESTART that met this PASSIVE would count
            // as held back by a reader and double its next bound, again and again under load.
            long frames;
            bool busy;
            lock (_running)
            {
                (busy, frames) = Run(_connection, mode);
            }

            if (mode == "PASSIVE" && frames >= Volatile.Read(ref _restartAt))
            {
                _restartWanted = true;
            }

            return !busy;
        }
        catch (Exception)
        {
            // A failed checkpoint is tried again later and must not end this thread (nor the process); a broken
            // connection (I/O error, full disk) is replaced: the writer reports those faults to callers.
            _connection?.Dispose();
            _connection = null;
            return false;
        }
    }

    private (bool Busy, long Frames) Run(SqliteConnection connection, string mode)
    {
        long busy, frames, copied;

        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA wal_checkpoint({mode})";
            using var reader = command.ExecuteReader();
            reader.Read();
            (busy, frames, copied) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        Checkpointed?.Invoke(mode, frames, copied);
        return (busy != 0, frames);
    }
}
