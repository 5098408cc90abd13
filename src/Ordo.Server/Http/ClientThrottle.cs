using System.Threading.RateLimiting;

namespace Ordo.Server.Http;

/// <summary>
/// Limits what a client address may do before it has authenticated: each failed authentication
/// (a bad key, token, flag or signature) and each call to an endpoint that needs no credential
/// (tanX nonce, login, refresh; Tronify uploadHash and fastTrade's unsigned quote and create)
/// spends one token of the address's bucket. An address with an empty bucket is refused before any
/// credential is looked up, in the dialect's own envelope with <c>Retry-After</c>. The address is the connection's peer (no forwarded headers are trusted).
/// </summary>
public sealed class ClientThrottle(ServerOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = RateLimits.PerKey(options.ClientAddressLimit, options.ClientAddressWindow, options.ClientAddressBurst);

    /// <summary>Whether the address has a whole token left to try to authenticate with; spends nothing.</summary>
    public bool Allows(HttpContext http, out int retryAfterSeconds)
    {
        // Asking for 0 permits would pass on a fraction of a token (the bucket refills continuously),
        // so the whole tokens left are read instead; the wait is the time one token takes to come back.
        var left = _limiter.GetStatistics(Address(http))?.CurrentAvailablePermits ?? 1;
        retryAfterSeconds = left >= 1 ? 0 : Math.Max(1, (int)Math.Ceiling(options.ClientAddressWindow.TotalSeconds / Math.Max(1, options.ClientAddressLimit)));
        return left >= 1;
    }

    /// <summary>Spends one token: a failed authentication.</summary>
    public void Failed(HttpContext http) => RateLimits.TryAcquire(_limiter, Address(http), 1, out _);

    /// <summary>Spends one token for a call that needs no credential; false (and the wait) when none is left.</summary>
    public bool TryAcquire(HttpContext http, out int retryAfterSeconds) => RateLimits.TryAcquire(_limiter, Address(http), 1, out retryAfterSeconds);

    public void Dispose() => _limiter.Dispose();

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        var address => address.ToString(),
    };
}
