using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Ordo.Server.Http;

/// <summary>
/// One token bucket per credential, shared by every dialect: the average rate and the burst come
/// from configuration. Buckets live in memory, per process.
/// </summary>
public sealed class CredentialRateLimiter(ServerOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>True when the credential may go on; otherwise the seconds to wait.</summary>
    public bool TryAcquire(string credentialKey, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (options.RateLimitPerSecond <= 0)
        {
            return true;
        }

        var bucket = _buckets.GetOrAdd(credentialKey, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.RateLimitBurst),
            TokensPerPeriod = options.RateLimitPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfterSeconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        return false;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
