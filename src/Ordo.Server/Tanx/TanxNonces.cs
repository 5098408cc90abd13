using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace Ordo.Server.Tanx;

/// <summary>
/// One-time login messages, one per address, valid for five minutes. Kept in memory: a restart
/// only means asking for a new one. Taking a nonce removes it, so a signature logs in once.
/// </summary>
public sealed class TanxNonces(TimeProvider clock, ServerOptions options)
{
    private const int MaxOutstanding = 100_000;
    private readonly ConcurrentDictionary<string, (string Message, DateTimeOffset Expires)> _nonces = new(StringComparer.Ordinal);

    public string Issue(string address)
    {
        var now = clock.GetUtcNow();
        if (_nonces.Count >= MaxOutstanding)
        {
            foreach (var (key, value) in _nonces)
            {
                if (value.Expires <= now)
                {
                    _nonces.TryRemove(key, out _);
                }
            }
        }

        var expires = now + options.Tanx.NonceLifetime;
        var message = $"Sign in to Ordo as {address}. Nonce: {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}. " +
                      $"Valid until {expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}.";
        _nonces[address] = (message, expires);
        return message;
    }

    /// <summary>The address's outstanding message, removed so it cannot be used again; null when there is none or it expired.</summary>
    public string? Take(string address) =>
        _nonces.TryRemove(address, out var nonce) && nonce.Expires > clock.GetUtcNow() ? nonce.Message : null;
}
