using System.Data;

using Npgsql;

using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>
/// Worker leases as PostgreSQL session-level advisory locks, held on one dedicated connection of
/// this node: a lease is the lock on the job's name (within the schema), so a node that dies (or
/// whose connection is cut) lets go of its leases with its session, and another node takes them at
/// its next round. While held, each round checks that the connection is still alive; a node that
/// lost its connection lost its leases too.
/// </summary>
internal sealed class WorkerLeases(string connectionString) : IWorkerLeases, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;
    private bool _disposed;

    /// <summary>The session holding the leases, if open.</summary>
    internal NpgsqlConnection? Session => _connection;

    public async Task<bool> HoldsAsync(string job, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return await HoldsLockedAsync(job, cancellationToken);
            }
            catch (Exception error) when (PostgresFaults.IsTransient(error))
            {
                // The session (and every lease on it) is gone or unreachable: start afresh next round.
                Drop();
                return false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            LetGo();
            Drop();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> HoldsLockedAsync(string job, CancellationToken cancellationToken)
    {
        if (_connection is not { FullState: ConnectionState.Open })
        {
            Drop();
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            _connection = connection;
        }

        if (_held.Contains(job))
        {
            // Still ours while the session lives: one round trip proves it does.
            await using var alive = new NpgsqlCommand("SELECT 1", _connection);
            await alive.ExecuteScalarAsync(cancellationToken);
            return true;
        }

        await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended('ordo-lease:' || current_schema() || ':' || @job, 0))", _connection);
        take.Parameters.Put("job", job);
        if (await take.ExecuteScalarAsync(cancellationToken) is true)
        {
            _held.Add(job);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A node that stops hands its leases over at once: the server lets go of a closed session's
    /// locks only once its backend has exited, a moment later.
    /// </summary>
    private void LetGo()
    {
        if (_held.Count == 0 || _connection is not { FullState: ConnectionState.Open })
        {
            return;
        }

        try
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _connection);
            unlock.ExecuteNonQuery();
        }
        catch (Exception error) when (PostgresFaults.IsTransient(error))
        {
            // The session is gone already, and its locks with it.
        }
    }

    private void Drop()
    {
        _held.Clear();
        _connection?.Dispose();
        _connection = null;
    }
}
