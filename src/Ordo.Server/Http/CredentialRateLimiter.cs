using System.Threading.RateLimiting;

namespace Ordo.Server.Http;

/// <summary>
/// A token bucket per credential, shared by every dialect (ASP.NET Core's partitioned limiter, one
/// partition per credential key; idle partitions are dropped by the limiter itself). The average
/// rate and the burst come from configuration; buckets live in memory, per process.
/// </summary>
public sealed class CredentialRateLimiter(ServerOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = RateLimits.PerKey(options.RateLimitPerSecond, TimeSpan.FromSeconds(1), options.RateLimitBurst);

    /// <summary>True when the credential may go on; otherwise the seconds to wait.</summary>
    public bool TryAcquire(string credentialKey, out int retryAfterSeconds) =>
        RateLimits.TryAcquire(_limiter, credentialKey, 1, out retryAfterSeconds);

    public void Dispose() => _limiter.Dispose();
}
