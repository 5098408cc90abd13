using System.Diagnostics;

using Microsoft.Data.Sqlite;

using Ordo.Core.Store;

namespace Ordo.Store.Sqlite;

/// <summary>
/// The single writer. Requests queue up; the writer thread takes all that are waiting (up to a
/// batch), runs each in its own savepoint inside one transaction, commits once (one fsync for the
/// whole batch), and only then answers them. A request that throws is rolled back alone.
/// One writer means every write is serialized, so two commands on one order never interleave.
/// <para>
/// Every request is answered. When the batch itself breaks (the lock is held elsewhere past the
/// busy timeout, the disk is full, an I/O error), none of it is kept and each of its requests gets
/// <see cref="StoreUnavailableException"/>; the writer rolls back, replaces its connection unless
/// the fault was only a lock wait, and goes on with the next batch. A request that waited in the
/// queue past <see cref="SqliteStoreOptions.QueueTimeout"/> is failed the same way without running,
/// by the writer or, should the writer itself be stuck, by a watchdog timer.
/// </para>
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private readonly Queue<WriteRequest> _queue = new();
    private readonly object _gate = new();
    private readonly Func<SqliteConnection> _open;
    private readonly WalCheckpointer _checkpointer;
    private readonly int _maxBatch;
    private readonly long _queueTimeout;
    private readonly Thread _thread;
    private readonly Timer _watchdog;
    private SqliteWriteTransaction? _tx;
    private bool _closed;

    /// <param name="checkpointer">Woken after each commit; may ask for a RESTART checkpoint between batches.</param>
    public GroupCommitWriter(Func<SqliteConnection> open, WalCheckpointer checkpointer, SqliteStoreOptions options)
    {
        _open = open;
        _checkpointer = checkpointer;
        _tx = new SqliteWriteTransaction(open());
        _maxBatch = options.MaxBatch;
        _queueTimeout = (long)(options.QueueTimeout.TotalSeconds * Stopwatch.Frequency);
        var tick = TimeSpan.FromMilliseconds(Math.Min(options.QueueTimeout.TotalMilliseconds / 4, 1000));
        _watchdog = new Timer(_ => FailLate(), null, tick, tick);
        _thread = new Thread(Loop) { IsBackground = true, Name = "ordo-sqlite-writer" };
        _thread.Start();
    }

    /// <summary>Raised after each commit with the batch size and the commit's duration.</summary>
    public event Action<int, TimeSpan>? Committed;

    /// <summary>Raised on the writer thread at each step (see <see cref="WriteStep"/>), before the next work runs.</summary>
    public event Action<WriteStep>? WriteSteps;

    /// <summary>
    /// Raised on the writer after a batch that issued or revoked credentials, before its works are answered,
    /// with the credentials' change counter as the batch committed it (null when the batch failed).
    /// </summary>
    public event Action<long?>? CredentialsChanged;

    public Task<T> Enqueue<T>(Func<IOrderTransaction, T> work)
    {
        var request = new WriteRequest<T>(work, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Enqueue(request);
            Monitor.Pulse(_gate);
        }

        return request.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
        _watchdog.Dispose();
        _tx?.Dispose();
    }

    private void Loop()
    {
        var batch = new List<WriteRequest>(_maxBatch);
        var kept = new List<WriteRequest>(_maxBatch);
        while (Take(batch))
        {
            try
            {
                RunBatch(batch, kept);
            }
            catch (Exception error)
            {
                // Not SQLite's fault (a listener threw): still, no caller is left waiting.
                var unavailable = SqliteFaults.Unavailable(error);
                batch.ForEach(request => request.Fail(unavailable));
            }

            batch.Clear();
            kept.Clear();
        }
    }

    /// <summary>Waits for requests and takes up to a batch; false once closed and drained.</summary>
    private bool Take(List<WriteRequest> batch)
    {
        List<WriteRequest>? late = null;
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_closed)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }

            var now = Stopwatch.GetTimestamp();
            while (batch.Count < _maxBatch && _queue.TryDequeue(out var request))
            {
                if (now - request.EnqueuedAt > _queueTimeout)
                {
                    (late ??= []).Add(request);
                }
                else
                {
                    batch.Add(request);
                }
            }
        }

        late?.ForEach(TimeOut);
        return true;
    }

    /// <summary>The watchdog: fails the requests at the head of the queue that waited too long.</summary>
    private void FailLate()
    {
        List<WriteRequest>? late = null;
        lock (_gate)
        {
            // Deadlines grow along the queue (one timeout, first in first out): stop at the first in time.
            var now = Stopwatch.GetTimestamp();
            while (_queue.TryPeek(out var head) && now - head.EnqueuedAt > _queueTimeout)
            {
                (late ??= []).Add(_queue.Dequeue());
            }
        }

        late?.ForEach(TimeOut);
    }

    private static void TimeOut(WriteRequest request) =>
        request.Fail(SqliteFaults.QueueTimedOut(Stopwatch.GetElapsedTime(request.EnqueuedAt)));

    private void RunBatch(List<WriteRequest> batch, List<WriteRequest> kept)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var tx = _tx ??= new SqliteWriteTransaction(_open());
            _checkpointer.RestartIfWanted(tx.Connection);
            tx.Begin();
            foreach (var request in batch)
            {
                tx.Savepoint();
                WriteSteps?.Invoke(WriteStep.WorkStarting);
                try
                {
                    request.Run(tx);
                }
                catch (Exception error)
                {
                    // Throws in turn when SQLite already undid the whole transaction: then the batch is broken.
                    tx.RollbackToSavepoint();
                    WriteSteps?.Invoke(WriteStep.WorkRolledBack);
                    request.Fail(SqliteFaults.ForWork(error));
                    continue;
                }

                tx.Release();
                kept.Add(request);
            }

            tx.Commit();
        }
        catch (Exception error)
        {
            // Kept or not (a commit's outcome may be unknown), what a cache holds may be stale: emptying it is always safe.
            RaiseIfCredentialsChanged(committed: false);
            Recover(error);
            WriteSteps?.Invoke(WriteStep.BatchRolledBack);

            // Nothing of the batch was kept: every request not yet answered gets the retryable error.
            var unavailable = SqliteFaults.Unavailable(error);
            batch.ForEach(request => request.Fail(unavailable));
            return;
        }

        // The batch is durable: acknowledged even if a listener throws, so no caller is told "not written" wrongly.
        try
        {
            RaiseIfCredentialsChanged(committed: true);
            _checkpointer.Committed();
            WriteSteps?.Invoke(WriteStep.Committed);
            Committed?.Invoke(batch.Count, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            kept.ForEach(request => request.Acknowledge());
        }
    }

    private void RaiseIfCredentialsChanged(bool committed)
    {
        if (_tx is { CredentialsChanged: true })
        {
            CredentialsChanged?.Invoke(committed ? _tx.CredentialVersion : null);
        }
    }

    /// <summary>
    /// After a broken batch: leave the transaction. A connection that cannot, or whose fault was more
    /// than a lock held elsewhere, is replaced by a fresh one at the next batch.
    /// </summary>
    private void Recover(Exception error)
    {
        if (_tx is null)
        {
            return;
        }

        if (!_tx.RollbackQuietly() || !SqliteFaults.IsLockWait(error))
        {
            var broken = _tx;
            _tx = null;
            broken.Dispose();
        }
    }
}
