namespace Ordo.Store.Sqlite;

public sealed record SqliteStoreOptions(string Path)
{
    /// <summary>Most writes committed together in one transaction (one fsync).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>
    /// Longest a write may wait in the writer's queue; past it the write is failed without running
    /// (<see cref="Core.Store.StoreUnavailableException"/>, retryable), so no caller ever waits forever.
    /// </summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest a statement waits for SQLite's lock held by another process (an operator's
    /// <c>sqlite3</c>, a backup, the <c>ordo</c> command) before its batch fails retryably.
    /// Shorter than <see cref="QueueTimeout"/>.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.FromMilliseconds(1), nameof(BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(QueueTimeout, TimeSpan.FromHours(1), nameof(QueueTimeout));
        if (BusyTimeout >= QueueTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, $"must be shorter than the queue timeout ({QueueTimeout})");
        }
    }
}
