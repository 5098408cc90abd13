using System.Globalization;
using System.Security.Cryptography;

namespace Ordo.Server.Tanx;

/// <summary>
/// One-time login messages per address, valid for <see cref="TanxOptions.NonceLifetime"/>, in a
/// <see cref="TanxNonceBook{T}"/> bounded by <see cref="TanxOptions.MaxNoncesPerAddress"/> and
/// <see cref="TanxOptions.MaxNonces"/>. A nonce is removed only by a login whose signature it
/// verifies, so a wrong signature spends nothing.
/// </summary>
public sealed class TanxNonces(TimeProvider clock, ServerOptions options)
{
    private readonly TanxNonceBook<string> _book = new(clock, options.Tanx.NonceLifetime, options.Tanx.MaxNoncesPerAddress, options.Tanx.MaxNonces);

    public enum Check
    {
        Signed,
        NoNonce,
        WrongSignature,
    }

    /// <summary>A new message for the address to sign; null with the seconds to wait when too many are outstanding.</summary>
    public string? Issue(string address, out int retryAfterSeconds) =>
        _book.Add(
            address,
            (expires, _) => $"Sign in to Ordo as {address}. Nonce: {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}. " +
                            $"Valid until {expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}.",
            out retryAfterSeconds);

    /// <summary>
    /// Finds the address's outstanding, unexpired message that <paramref name="signedBy"/> accepts
    /// (the signature recovers the address) and removes it, so it logs in once; others stay.
    /// </summary>
    public Check Take(string address, Func<string, bool> signedBy)
    {
        var live = _book.Live(address);
        if (live.Count == 0)
        {
            return Check.NoNonce;
        }

        // Signature recovery runs outside the book's lock; the removal decides who wins a race.
        if (live.FirstOrDefault(signedBy) is not { } signed)
        {
            return Check.WrongSignature;
        }

        return _book.Remove(address, signed) ? Check.Signed : Check.NoNonce;
    }
}
