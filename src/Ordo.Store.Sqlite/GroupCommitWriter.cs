using System.Diagnostics;
using System.Threading.Channels;

using Microsoft.Data.Sqlite;

namespace Ordo.Store.Sqlite;

/// <summary>
/// The single writer. Requests queue up; the writer thread takes all that are waiting (up to a
/// batch), runs each in its own savepoint inside one transaction, commits once (one fsync for the
/// whole batch), and only then answers them. A request that throws is rolled back alone; a commit
/// that fails fails the whole batch, and none of it is acknowledged.
/// One writer means every write is serialized, so two commands on one order never interleave.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteWriteTransaction _tx;
    private readonly int _maxBatch;
    private readonly Thread _thread;

    public GroupCommitWriter(SqliteConnection connection, int maxBatch)
    {
        _tx = new SqliteWriteTransaction(connection);
        _maxBatch = maxBatch;
        _thread = new Thread(Loop) { IsBackground = true, Name = "ordo-sqlite-writer" };
        _thread.Start();
    }

    /// <summary>Raised after each commit with the batch size and the commit's duration.</summary>
    public event Action<int, TimeSpan>? Committed;

    /// <summary>Raised on the writer thread when a work or a whole batch was rolled back, before the next work runs.</summary>
    public event Action? RolledBack;

    public Task<T> Enqueue<T>(Func<Core.Store.IOrderTransaction, T> work)
    {
        var request = new WriteRequest<T>(work);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "the store is closed");
        }

        return request.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _tx.Dispose();
    }

    private void Loop()
    {
        var batch = new List<WriteRequest>(_maxBatch);
        var done = new List<WriteRequest>(_maxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            done.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                _tx.Begin();
                foreach (var request in batch)
                {
                    _tx.Savepoint();
                    try
                    {
                        request.Run(_tx);
                        _tx.Release();
                        done.Add(request);
                    }
                    catch (Exception error)
                    {
                        _tx.RollbackToSavepoint();
                        RolledBack?.Invoke();
                        request.Fail(error);
                    }
                }

                _tx.Commit();
            }
            catch (Exception error)
            {
                _tx.RollbackQuietly();
                RolledBack?.Invoke();
                foreach (var request in done)
                {
                    request.Fail(error);
                }

                continue;
            }

            Committed?.Invoke(batch.Count, Stopwatch.GetElapsedTime(started));
            foreach (var request in done)
            {
                request.Acknowledge();
            }
        }
    }
}
