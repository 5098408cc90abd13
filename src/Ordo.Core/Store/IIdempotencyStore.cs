namespace Ordo.Core.Store;

/// <summary>Stored responses for idempotent retries, kept for a limited time.</summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> FindAsync(string scope, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    /// <summary>Saves the record (durably) unless a live one exists for the scope and key: then false (the key was taken first).</summary>
    Task<bool> SaveAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}
