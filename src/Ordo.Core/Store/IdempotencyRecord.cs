namespace Ordo.Core.Store;

/// <summary>A completed response kept for replay under an idempotency key.</summary>
public sealed record IdempotencyRecord(
    string Scope,
    string Key,
    string RequestHash,
    int StatusCode,
    string ContentType,
    string Body,
    DateTimeOffset CreatedAt)
{
    /// <summary>How long a stored response is replayed.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
}
