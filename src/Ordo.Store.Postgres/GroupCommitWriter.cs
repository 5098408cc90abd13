using System.Diagnostics;

using Npgsql;

using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>
/// The node's single writer, as SQLite's: requests queue up; the writer thread takes all that are
/// waiting (up to a batch), runs each in its own savepoint inside one transaction, commits once, and
/// only then answers them. A request that throws is rolled back alone.
/// <para>
/// Other nodes write the same database at the same time, so a work may lose a race with another
/// node's write (a deadlock, or a row locked past the lock timeout): it is rolled back to its
/// savepoint like any failed work and run again at the head of the next batch, up to
/// <see cref="PostgresStoreOptions.MaxAttempts"/> times, then failed retryably. Works may run again:
/// they read everything through the transaction, and the books follow <see cref="WriteSteps"/>.
/// </para>
/// <para>
/// Group commit holds the rows every work of a batch locked until the commit, and another node's
/// batch may lock the same rows in another order: two batches would deadlock, and PostgreSQL would
/// break the tie only after its <c>deadlock_timeout</c> (1 s by default). So only a batch's first work
/// waits for a row the usual <see cref="PostgresStoreOptions.LockTimeout"/>; a later work waits at
/// most <see cref="PostgresStoreOptions.BatchLockWait"/>, and one that would wait longer (or is chosen
/// as a deadlock's victim) closes the batch: what ran before it commits, releasing its rows, and it
/// runs first in the next batch. This is not counted as a lost race.
/// </para>
/// <para>
/// Every request is answered. When the batch itself breaks (the server went away, the connection
/// was killed, the commit failed), none of it is kept and each of its requests gets
/// <see cref="StoreUnavailableException"/>; the writer rolls back, replaces its connection unless it
/// is still sound, and goes on with the next batch: the store heals when the server is back. A
/// request that waited in the queue past <see cref="PostgresStoreOptions.QueueTimeout"/> is failed
/// the same way without running, by the writer or, should the writer itself be stuck, by a watchdog timer.
/// </para>
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private readonly Queue<WriteRequest> _queue = new();
    private readonly object _gate = new();
    private readonly Func<NpgsqlConnection> _open;
    private readonly int _maxBatch;
    private readonly int _maxAttempts;
    private readonly TimeSpan _batchLockWait;
    private readonly long _queueTimeout;
    private readonly Thread _thread;
    private readonly Timer _watchdog;
    private PostgresWriteTransaction? _tx;
    private bool _closed;

    public GroupCommitWriter(Func<NpgsqlConnection> open, PostgresStoreOptions options)
    {
        _open = open;
        _tx = new PostgresWriteTransaction(open());
        _maxBatch = options.MaxBatch;
        _maxAttempts = options.MaxAttempts;
        _batchLockWait = options.BatchLockWait;
        _queueTimeout = (long)(options.QueueTimeout.TotalSeconds * Stopwatch.Frequency);
        var tick = TimeSpan.FromMilliseconds(Math.Min(options.QueueTimeout.TotalMilliseconds / 4, 1000));
        _watchdog = new Timer(_ => FailLate(), null, tick, tick);
        _thread = new Thread(Loop) { IsBackground = true, Name = "ordo-postgres-writer" };
        _thread.Start();
    }

    /// <summary>Raised after each commit with the batch size and the commit's duration.</summary>
    public event Action<int, TimeSpan>? Committed;

    /// <summary>Raised on the writer thread at each step (see <see cref="WriteStep"/>), before the next work runs.</summary>
    public event Action<WriteStep>? WriteSteps;

    /// <summary>Raised on the writer after a batch that issued or revoked credentials, before its works are answered.</summary>
    public event Action? CredentialsChanged;

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
        var again = new List<WriteRequest>();
        while (Take(batch, again))
        {
            again.Clear();
            try
            {
                RunBatch(batch, kept, again);
            }
            catch (Exception error)
            {
                // Not the database's fault (a listener threw): still, no caller is left waiting.
                var unavailable = PostgresFaults.Unavailable(error);
                batch.ForEach(request => request.Fail(unavailable));
                again.Clear();
            }

            batch.Clear();
            kept.Clear();
        }
    }

    /// <summary>
    /// Takes the works to run again first (they already waited), then waits for requests and takes
    /// up to a batch; false once closed and drained.
    /// </summary>
    private bool Take(List<WriteRequest> batch, List<WriteRequest> again)
    {
        batch.AddRange(again);
        List<WriteRequest>? late = null;
        lock (_gate)
        {
            while (_queue.Count == 0 && batch.Count == 0)
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
        request.Fail(PostgresFaults.QueueTimedOut(Stopwatch.GetElapsedTime(request.EnqueuedAt)));

    private void RunBatch(List<WriteRequest> batch, List<WriteRequest> kept, List<WriteRequest> again)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var committing = false;
        try
        {
            var tx = _tx ??= new PostgresWriteTransaction(_open());
            tx.Begin();
            var closing = false;
            foreach (var request in batch)
            {
                if (closing)
                {
                    // The batch closes early: the works not yet run open the next one, in their order.
                    again.Add(request);
                    continue;
                }

                tx.Savepoint();
                WriteSteps?.Invoke(WriteStep.WorkStarting);
                try
                {
                    request.Run(tx);

                    // What the work queued is sent now: a failure in it is this work's, rolled back alone.
                    tx.Flush();
                }
                catch (Exception error)
                {
                    // Throws in turn when the connection is gone: then the batch is broken.
                    tx.RollbackToSavepoint();
                    WriteSteps?.Invoke(WriteStep.WorkRolledBack);
                    if (PostgresFaults.IsConflict(error) && kept.Count > 0)
                    {
                        // It waited behind another node while this batch holds the rows of the works before it,
                        // which that node may be waiting for: commit those now, and run it first in the next batch.
                        closing = true;
                        again.Add(request);
                    }
                    else if (PostgresFaults.IsConflict(error) && ++request.Conflicts < _maxAttempts)
                    {
                        again.Add(request);
                    }
                    else
                    {
                        request.Fail(PostgresFaults.ForWork(error));
                    }

                    continue;
                }

                tx.Release();
                kept.Add(request);
                if (kept.Count == 1)
                {
                    // From the second work on, a row lock is waited for only briefly (see above).
                    tx.ShortenLockWait(_batchLockWait);
                }
            }

            committing = true;
            tx.Commit();
        }
        catch (Exception error)
        {
            // Kept or not (a commit's outcome may be unknown), what a cache holds may be stale: emptying it is always safe.
            RaiseIfCredentialsChanged();
            Recover();
            WriteSteps?.Invoke(WriteStep.BatchRolledBack);

            // The connection broke during COMMIT without the server's answer: the batch may be durable
            // or not, and its kept works are told so. Otherwise nothing of the batch was kept: every
            // request not yet answered gets the retryable error.
            if (committing && error is not PostgresException)
            {
                var unknown = PostgresFaults.CommitOutcomeUnknown(error);
                kept.ForEach(request => request.Fail(unknown));
            }

            var unavailable = PostgresFaults.Unavailable(error);
            batch.ForEach(request => request.Fail(unavailable));
            again.Clear();
            return;
        }

        // The batch is durable: acknowledged even if a listener throws, so no caller is told "not written" wrongly.
        try
        {
            RaiseIfCredentialsChanged();
            WriteSteps?.Invoke(WriteStep.Committed);
            Committed?.Invoke(batch.Count - again.Count, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            kept.ForEach(request => request.Acknowledge());
        }
    }

    private void RaiseIfCredentialsChanged()
    {
        if (_tx is { CredentialsChanged: true })
        {
            CredentialsChanged?.Invoke();
        }
    }

    /// <summary>After a broken batch: leave the transaction. A connection that cannot is replaced by a fresh one at the next batch.</summary>
    private void Recover()
    {
        if (_tx is null)
        {
            return;
        }

        if (!_tx.RollbackQuietly())
        {
            var broken = _tx;
            _tx = null;
            broken.Dispose();
        }
    }
}
