using System.Threading.RateLimiting;

namespace Ordo.Server.Http;

/// <summary>Token buckets partitioned by a key (a credential, a client address), from System.Threading.RateLimiting.</summary>
public static class RateLimits
{
    /// <summary>A bucket per key refilled every second; a rate of 0 or less means no limit.</summary>
    public static PartitionedRateLimiter<string> PerKey(int perSecond, int burst) =>
        PartitionedRateLimiter.Create<string, string>(key => perSecond <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, burst),
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>
    /// Takes <paramref name="permits"/> tokens of the key's bucket; 0 only asks whether any is left.
    /// On refusal, the whole seconds until the bucket has one again.
    /// </summary>
    public static bool TryAcquire(PartitionedRateLimiter<string> limiter, string key, int permits, out int retryAfterSeconds)
    {
        using var lease = limiter.AttemptAcquire(key, permits);
        retryAfterSeconds = lease.IsAcquired
            ? 0
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        return lease.IsAcquired;
    }
}
