using System.Globalization;
using System.Security.Cryptography;

namespace Ordo.Server.Tanx;

/// <summary>
/// One-time login messages, valid for <see cref="TanxOptions.NonceLifetime"/>, kept in memory (a
/// restart only means asking for a new one). Bounded: at most <see cref="TanxOptions.MaxNoncesPerAddress"/>
/// per address (a new one drops the oldest, so a stranger asking for nonces cannot lock the owner
/// out) and <see cref="TanxOptions.MaxNonces"/> in all (then none is issued until some expire). A
/// nonce is removed only by a login whose signature it verifies, so a wrong signature spends nothing.
/// </summary>
public sealed class TanxNonces(TimeProvider clock, ServerOptions options)
{
    private readonly Dictionary<string, List<(string Message, DateTimeOffset Expires)>> _nonces = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _count;

    public enum Check
    {
        Signed,
        NoNonce,
        WrongSignature,
    }

    /// <summary>A new message for the address to sign; null with the seconds to wait when too many are outstanding.</summary>
    public string? Issue(string address, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        var now = clock.GetUtcNow();
        var expires = now + options.Tanx.NonceLifetime;
        var message = $"Sign in to Ordo as {address}. Nonce: {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}. " +
                      $"Valid until {expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}.";
        lock (_lock)
        {
            if (_count >= options.Tanx.MaxNonces && !Purge(now, out retryAfterSeconds))
            {
                return null;
            }

            if (!_nonces.TryGetValue(address, out var list))
            {
                _nonces[address] = list = [];
            }

            _count -= list.RemoveAll(n => n.Expires <= now);
            while (list.Count >= Math.Max(1, options.Tanx.MaxNoncesPerAddress))
            {
                list.RemoveAt(0);
                _count--;
            }

            list.Add((message, expires));
            _count++;
            return message;
        }
    }

    /// <summary>
    /// Finds the address's outstanding, unexpired message that <paramref name="signedBy"/> accepts
    /// (the signature recovers the address) and removes it, so it logs in once; others stay.
    /// </summary>
    public Check Take(string address, Func<string, bool> signedBy)
    {
        var now = clock.GetUtcNow();
        List<string> live;
        lock (_lock)
        {
            if (!_nonces.TryGetValue(address, out var list))
            {
                return Check.NoNonce;
            }

            live = list.Where(n => n.Expires > now).Select(n => n.Message).ToList();
        }

        if (live.Count == 0)
        {
            return Check.NoNonce;
        }

        // Signature recovery runs outside the lock; the removal below decides who wins a race.
        if (live.FirstOrDefault(signedBy) is not { } signed)
        {
            return Check.WrongSignature;
        }

        lock (_lock)
        {
            if (!_nonces.TryGetValue(address, out var list) || list.RemoveAll(n => n.Message == signed) == 0)
            {
                return Check.NoNonce;
            }

            _count--;
            if (list.Count == 0)
            {
                _nonces.Remove(address);
            }

            return Check.Signed;
        }
    }

    /// <summary>Drops expired nonces; false, with the seconds until one expires, when the store is still full.</summary>
    private bool Purge(DateTimeOffset now, out int retryAfterSeconds)
    {
        var soonest = DateTimeOffset.MaxValue;
        foreach (var (address, list) in _nonces.ToList())
        {
            _count -= list.RemoveAll(n => n.Expires <= now);
            if (list.Count == 0)
            {
                _nonces.Remove(address);
            }
            else if (list[0].Expires < soonest)
            {
                soonest = list[0].Expires;
            }
        }

        retryAfterSeconds = _count < options.Tanx.MaxNonces ? 0 : Math.Max(1, (int)Math.Ceiling((soonest - now).TotalSeconds));
        return _count < options.Tanx.MaxNonces;
    }
}
