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

    /// <summary>
    /// Least time between two checkpoints while commits go on (see <see cref="WalCheckpointer"/>):
    /// longer gathers more commits into one copy and fsync of the database file, shorter keeps the WAL smaller.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After commits stop for this long, the WAL file is emptied (a TRUNCATE checkpoint).</summary>
    public TimeSpan IdleCheckpointAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// From this many pages in the WAL, a checkpoint holds writes back briefly so the WAL starts over
    /// (1,000 pages, about 4 MB: SQLite's own automatic checkpoint threshold).
    /// </summary>
    public long MaxWalPages { get; init; } = 1_000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointInterval, TimeSpan.Zero, nameof(CheckpointInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(IdleCheckpointAfter, TimeSpan.FromMilliseconds(1), nameof(IdleCheckpointAfter));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWalPages, 1, nameof(MaxWalPages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.FromMilliseconds(1), nameof(BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(QueueTimeout, TimeSpan.FromHours(1), nameof(QueueTimeout));
        if (BusyTimeout >= QueueTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, $"must be shorter than the queue timeout ({QueueTimeout})");
        }
    }
}
