using Microsoft.Data.Sqlite;

using Ordo.Core.Store;

namespace Ordo.Store.Sqlite;

/// <summary>
/// Which SQLite failures belong to the machine rather than to the work (a lock held elsewhere, a
/// full disk, an I/O error), and the retryable error they become. Result codes: sqlite.org/rescode.html.
/// </summary>
internal static class SqliteFaults
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Protocol = 15;

    private static readonly TimeSpan AfterLock = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterDiskFault = TimeSpan.FromSeconds(5);

    public static bool IsTransient(Exception error) =>
        error is SqliteException { SqliteErrorCode: Busy or Locked or IoError or Full or CantOpen or Protocol };

    /// <summary>A lock held by another connection: the connection itself is fine.</summary>
    public static bool IsLockWait(Exception error) => error is SqliteException { SqliteErrorCode: Busy or Locked };

    /// <summary>The error a work's caller gets: a machine fault becomes retryable, a bug stays itself.</summary>
    public static Exception ForWork(Exception error) => IsTransient(error) ? Unavailable(error) : error;

    /// <summary>The retryable error for a write that was not kept, whatever broke it.</summary>
    public static StoreUnavailableException Unavailable(Exception cause) => cause switch
    {
        StoreUnavailableException already => already,
        SqliteException { SqliteErrorCode: Busy or Locked or Protocol } =>
            new("the database is locked by another process; nothing was written, retry", AfterLock, cause),
        SqliteException { SqliteErrorCode: Full } =>
            new("the database's disk is full; nothing was written, retry later", AfterDiskFault, cause),
        SqliteException { SqliteErrorCode: IoError or CantOpen } =>
            new("the database could not be read or written (I/O error); nothing was written, retry later", AfterDiskFault, cause),
        _ => new("the store could not complete the write; nothing was written, retry", AfterLock, cause),
    };

    public static StoreUnavailableException QueueTimedOut(TimeSpan waited) =>
        new($"the store's writer is busy: this write waited {waited.TotalSeconds:0.#} s and was not run; retry", AfterLock);
}
