using System.Threading.RateLimiting;

namespace Ordo.Server.Http;

/// <summary>Token buckets partitioned by a key (a credential, a client address), from System.Threading.RateLimiting.</summary>
public static class RateLimits
{
    /// <summary>
    /// A bucket of <paramref name="burst"/> tokens per key, refilled with <paramref name="permits"/>
    /// every <paramref name="period"/> (the limiter refills its partitions on its own timer); 0 permits means no limit.
    /// </summary>
    public static PartitionedRateLimiter<string> PerKey(int permits, TimeSpan period, int burst) =>
        PartitionedRateLimiter.Create<string, string>(key => permits <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, burst),
                TokensPerPeriod = permits,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Takes <paramref name="permits"/> tokens of the key's bucket; on refusal, the whole seconds until it has them again.</summary>
    public static bool TryAcquire(PartitionedRateLimiter<string> limiter, string key, int permits, out int retryAfterSeconds)
    {
        using var lease = limiter.AttemptAcquire(key, permits);
        retryAfterSeconds = lease.IsAcquired
            ? 0
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        return lease.IsAcquired;
    }
}
