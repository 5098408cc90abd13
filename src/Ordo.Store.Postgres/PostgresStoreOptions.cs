namespace Ordo.Store.Postgres;

/// <param name="ConnectionString">An Npgsql connection string, or a <c>postgres://user:pass@host:port/db</c> URL.</param>
public sealed record PostgresStoreOptions(string ConnectionString)
{
    /// <summary>Most writes committed together in one transaction (one WAL flush).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>
    /// Longest a write may wait in the writer's queue; past it the write is failed without running
    /// (<see cref="Core.Store.StoreUnavailableException"/>, retryable), so no caller ever waits forever.
    /// </summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest the writer waits for a row another node's write holds (PostgreSQL's <c>lock_timeout</c>);
    /// past it the waiting work is rolled back and run again. Shorter than <see cref="QueueTimeout"/>.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest any one statement may run (PostgreSQL's <c>statement_timeout</c>), writer and readers.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a work that is not its batch's first waits for a row another writer holds before the
    /// batch commits without it (see <see cref="GroupCommitWriter"/>); it then runs first in the next batch.
    /// </summary>
    public TimeSpan BatchLockWait { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How many times a work that lost a race with another node (deadlock, lock timeout) is run before it fails retryably.</summary>
    public int MaxAttempts { get; init; } = 3;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchLockWait, TimeSpan.FromMilliseconds(1), nameof(BatchLockWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(LockTimeout, TimeSpan.FromMilliseconds(1), nameof(LockTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(QueueTimeout, TimeSpan.FromHours(1), nameof(QueueTimeout));
        if (LockTimeout >= QueueTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(LockTimeout), LockTimeout, $"must be shorter than the queue timeout ({QueueTimeout})");
        }

        if (StatementTimeout <= LockTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(StatementTimeout), StatementTimeout, $"must be longer than the lock timeout ({LockTimeout})");
        }
    }
}
