using System.Globalization;
using System.Security.Cryptography;

using Ordo.Core.Store;

namespace Ordo.Server.Tanx;

/// <summary>
/// One-time login messages per address, valid for <see cref="TanxOptions.NonceLifetime"/>, in a
/// <see cref="TanxNonceBook"/> bounded by <see cref="TanxOptions.MaxNoncesPerAddress"/> and
/// <see cref="TanxOptions.MaxNonces"/>, kept in the database, so any node can spend what another
/// issued. A nonce is removed only by a login whose signature it verifies, so a wrong signature
/// spends nothing.
/// </summary>
public sealed class TanxNonces(IOrderStore store, TimeProvider clock, ServerOptions options)
{
    /// <summary>The kind the store keeps login messages under.</summary>
    public const string Kind = "tanx-login";

    private readonly TanxNonceBook _book = new(store, clock, Kind, options.Tanx.NonceLifetime, options.Tanx.MaxNoncesPerAddress, options.Tanx.MaxNonces);

    public enum Check
    {
        Signed,
        NoNonce,
        WrongSignature,
    }

    /// <summary>A new message for the address to sign; null with the seconds to wait when too many are outstanding.</summary>
    public async Task<(string? Message, int RetryAfterSeconds)> IssueAsync(string address, CancellationToken cancellationToken = default)
    {
        var (issued, retry) = await _book.AddAsync(
            address,
            (expires, _) => $"Sign in to Ordo as {address}. Nonce: {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}. " +
                            $"Valid until {expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}.",
            cancellationToken);
        return (issued?.Value, retry);
    }

    /// <summary>
    /// Finds the address's outstanding, unexpired message that <paramref name="signedBy"/> accepts
    /// (the signature recovers the address) and removes it, so it logs in once; others stay.
    /// </summary>
    public async Task<Check> TakeAsync(string address, Func<string, bool> signedBy, CancellationToken cancellationToken = default)
    {
        var live = await _book.LiveAsync(address, cancellationToken);
        if (live.Count == 0)
        {
            return Check.NoNonce;
        }

        // Signature recovery runs outside the store's write; the removal decides who wins a race.
        if (live.FirstOrDefault(n => signedBy(n.Value)) is not { } signed)
        {
            return Check.WrongSignature;
        }

        return await _book.RemoveAsync(signed, cancellationToken) ? Check.Signed : Check.NoNonce;
    }
}
