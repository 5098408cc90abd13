namespace Ordo.Core.Store;

/// <summary>
/// The store cannot take this write or read now: its file is locked by another process, the disk
/// is full, an I/O error, or the write waited too long behind others. Nothing of the write was
/// kept, so the same request may simply be sent again after <see cref="RetryAfter"/>. This is
/// broken infrastructure, not a rule: callers answer "unavailable, retry" (HTTP 503 with Retry-After).
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>When a retry has a fair chance (a hint; at least one second).</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Whole seconds for a <c>Retry-After</c> header, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
