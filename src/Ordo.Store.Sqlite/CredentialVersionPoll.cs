using Microsoft.Data.Sqlite;

using Ordo.Core.Store;

namespace Ordo.Store.Sqlite;

/// <summary>
/// Learns of credential changes made by another process on the same file (the <c>ordo</c> command):
/// every <see cref="Interval"/> it reads the counter that each change bumps (migration 010), on a
/// connection of its own, and reports a new value. A read that fails drops the watch (caches are
/// bypassed) until a read succeeds again. Changes made through this store are reported by its writer at once.
/// </summary>
internal sealed class CredentialVersionPoll(string connectionString, CredentialSignal signal) : IDisposable
{
    /// <summary>How stale a cache may be after another process's change: one poll, about a tenth of a second.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Past this since the last read, the watch is not trusted (caches are bypassed) until a read succeeds.</summary>
    public static readonly TimeSpan StaleAfter = 3 * Interval;

    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly Lock _gate = new();
    private Task? _loop;
    private SqliteConnection? _connection;
    private SqliteCommand? _read;
    private long? _seen;
    private long _lastRead = long.MinValue / 2;

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>
    /// Whether the last read is recent (within <see cref="StaleAfter"/>): a poll held up (a starved thread
    /// pool, a busy file) must not leave caches trusting a watch that has stopped looking.
    /// </summary>
    public bool Fresh => Environment.TickCount64 - Volatile.Read(ref _lastRead) <= (long)StaleAfter.TotalMilliseconds;

    public void Dispose()
    {
        // A store may be disposed twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _loop?.Wait();
        Drop();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Poll();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // The store is closing.
        }
    }

    private void Poll()
    {
        try
        {
            if (_read is null)
            {
                _connection = new SqliteConnection(connectionString);
                _connection.Open();
                _read = _connection.CreateCommand();
                _read.CommandText = "SELECT version FROM credential_changes WHERE id = 1";
            }

            var version = _read.ExecuteScalar() as long? ?? throw new InvalidOperationException("credential_changes has no row");
            bool first, changed;
            lock (_gate)
            {
                (first, changed) = (_seen is null, _seen is not null && version != _seen);
                _seen = version;
            }

            if (first)
            {
                signal.Watch(true);
            }
            else if (changed)
            {
                signal.Changed();
            }

            // Only after the change was reported: a cache trusts the watch again from here.
            Volatile.Write(ref _lastRead, Environment.TickCount64);
        }
        catch (Exception)
        {
            // Unreadable for now (the file busy past the timeout, a broken connection), or anything else that
            // stops this poll: caches are bypassed until it reads again, never trusted on a watch that failed.
            Drop();
            lock (_gate)
            {
                _seen = null;
            }

            if (signal.Watching)
            {
                signal.Watch(false);
            }
        }
    }

    /// <summary>
    /// This store's writer committed the counter's value <paramref name="version"/> and has reported it
    /// itself: not reported again. Every change before it is covered by that report too.
    /// </summary>
    public void Saw(long version)
    {
        lock (_gate)
        {
            if (_seen is not null)
            {
                _seen = version;
            }
        }
    }

    private void Drop()
    {
        _read?.Dispose();
        _connection?.Dispose();
        _read = null;
        _connection = null;
    }
}
