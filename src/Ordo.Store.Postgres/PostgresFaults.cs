using Npgsql;

using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>
/// Which PostgreSQL failures belong to the machine rather than to the work (the server unreachable
/// or shutting down, out of disk or memory, a statement cut off by its timeout, a row locked past
/// the lock timeout, a deadlock with another node), and the retryable error they become. A bug (a
/// constraint the work broke, bad SQL) stays itself. SQLSTATEs: postgresql.org/docs/current/errcodes-appendix.html.
/// </summary>
internal static class PostgresFaults
{
    private static readonly TimeSpan AfterLock = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterServerFault = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The work lost a race with another node's write (deadlock, serialization failure, lock
    /// timeout): rolled back to its savepoint, it may simply run again.
    /// </summary>
    public static bool IsConflict(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable };

    public static bool IsTransient(Exception error) => error switch
    {
        StoreUnavailableException => true,
        PostgresException pg => IsConflict(pg) || IsServerFault(pg.SqlState),
        // Not the server's answer: the connection broke, timed out or could not be opened.
        NpgsqlException => true,
        _ => false,
    };

    /// <summary>The error a work's caller gets: a machine fault becomes retryable, a bug stays itself.</summary>
    public static Exception ForWork(Exception error) => IsTransient(error) ? Unavailable(error) : error;

    /// <summary>The retryable error for a write (or read) that was not kept, whatever broke it.</summary>
    public static StoreUnavailableException Unavailable(Exception cause) => cause switch
    {
        StoreUnavailableException already => already,
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } =>
            new("the database's disk is full; nothing was written, retry later", AfterServerFault, cause),
        PostgresException pg when pg.SqlState.StartsWith("53", StringComparison.Ordinal) =>
            new("the database server is out of resources (memory or connections); nothing was written, retry later", AfterServerFault, cause),
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } =>
            new("a statement ran past the store's statement timeout and was cancelled; nothing was written, retry", AfterLock, cause),
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } =>
            new("a row stayed locked by another write past the lock timeout; nothing was written, retry", AfterLock, cause),
        PostgresException pg when IsConflict(pg) =>
            new("the write kept conflicting with other nodes' writes; nothing was written, retry", AfterLock, cause),
        PostgresException pg when IsServerFault(pg.SqlState) =>
            new("the database server is shutting down or restarting; nothing was written, retry later", AfterServerFault, cause),
        NpgsqlException =>
            new("the database server could not be reached (connection lost or refused); nothing was written, retry later", AfterServerFault, cause),
        _ => new("the store could not complete the write; nothing was written, retry", AfterLock, cause),
    };

    /// <summary>
    /// The connection broke while the commit was on its way: the server may have committed it or
    /// not, and cannot be asked. The caller must find out, not assume either.
    /// </summary>
    public static StoreUnavailableException CommitOutcomeUnknown(Exception cause) =>
        new("the connection to the database broke during the commit: the write may or may not have been kept; " +
            "retry with the same Idempotency-Key, or read the order back, before doing it again", AfterServerFault, cause);

    public static StoreUnavailableException QueueTimedOut(TimeSpan waited) =>
        new($"the store's writer is busy: this write waited {waited.TotalSeconds:0.#} s and was not run; retry", AfterLock);

    // 08: connection exceptions; 53: insufficient resources; 57P0x: shutdown, crash, cannot connect now;
    // 57014: cancelled by statement_timeout; 58: system (I/O) errors outside PostgreSQL.
    private static bool IsServerFault(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) ||
        state.StartsWith("57P", StringComparison.Ordinal) || state == PostgresErrorCodes.QueryCanceled ||
        state.StartsWith("58", StringComparison.Ordinal);
}
