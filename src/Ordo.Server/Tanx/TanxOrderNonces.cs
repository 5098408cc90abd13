using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Ordo.Core;
using Ordo.Core.Orders;

namespace Ordo.Server.Tanx;

/// <summary>The order a caller asked a nonce for (<c>POST /orders/nonce/</c>); create places exactly this.</summary>
public sealed record TanxOrderTerms(string Market, OrderSide Side, OrderType Type, decimal? Price, decimal Volume);

/// <summary>An issued order nonce: the integer the SDKs send back, the hash they sign, and the order's terms.</summary>
public sealed record TanxOrderNonce(long Nonce, string MsgHash, TanxOrderTerms Terms);

/// <summary>
/// tanX's two-step create, as its SDKs do it: a nonce and a <c>msg_hash</c> for the order's terms,
/// then create with <c>{nonce, msg_hash, signature}</c>. Nonces belong to the credential that asked
/// (another's is unknown to it), are single-use and live <see cref="TanxOptions.NonceLifetime"/>, in
/// this process's memory like the login nonces (the same <see cref="TanxNonceBook{T}"/>, bounded by
/// <see cref="TanxOptions.MaxOrderNoncesPerCredential"/> and <see cref="TanxOptions.MaxNonces"/>).
/// </summary>
public sealed class TanxOrderNonces(TimeProvider clock, ServerOptions options)
{
    private readonly TanxNonceBook<TanxOrderNonce> _book = new(clock, options.Tanx.NonceLifetime, options.Tanx.MaxOrderNoncesPerCredential, options.Tanx.MaxNonces);

    public enum Check
    {
        Taken,
        Unknown,
        WrongHash,
    }

    /// <summary>A new nonce for the credential's order; null with the seconds to wait when too many are outstanding.</summary>
    public TanxOrderNonce? Issue(long credentialId, TanxOrderTerms terms, out int retryAfterSeconds) =>
        _book.Add(credentialId.ToString(CultureInfo.InvariantCulture), (expires, live) =>
        {
            // Eight to ten digits, like tanX's; positive in a 32-bit integer, so every SDK's type holds it.
            long nonce;
            do
            {
                nonce = RandomNumberGenerator.GetInt32(10_000_000, int.MaxValue);
            }
            while (live.Any(n => n.Nonce == nonce));

            return new TanxOrderNonce(nonce, MsgHash(credentialId, nonce, terms, expires), terms);
        }, out retryAfterSeconds);

    /// <summary>
    /// Spends the credential's live nonce if <paramref name="msgHash"/> is the one issued with it and
    /// gives its terms. A wrong hash spends nothing; a spent, expired or unknown nonce is Unknown.
    /// </summary>
    public (Check Check, TanxOrderTerms? Terms) Take(long credentialId, long nonce, string msgHash)
    {
        var owner = credentialId.ToString(CultureInfo.InvariantCulture);
        if (_book.Live(owner).FirstOrDefault(n => n.Nonce == nonce) is not { } issued)
        {
            return (Check.Unknown, null);
        }

        if (!string.Equals(issued.MsgHash, msgHash, StringComparison.OrdinalIgnoreCase))
        {
            return (Check.WrongHash, null);
        }

        return _book.Remove(owner, issued) ? (Check.Taken, issued.Terms) : (Check.Unknown, null);
    }

    /// <summary>
    /// Keccak-256 of the terms, the nonce and its owner, cut to 250 bits: the SDKs sign it with their
    /// StarkEx key, whose signers refuse a hash of 2^251 or more. Hex without leading zeros, as tanX writes it.
    /// </summary>
    private static string MsgHash(long credentialId, long nonce, TanxOrderTerms terms, DateTimeOffset expires)
    {
        var text = string.Join('|', "ordo-tanx-order", credentialId, nonce, terms.Market, terms.Side, terms.Type,
            terms.Price is { } price ? Decimals.ToText(price) : "", Decimals.ToText(terms.Volume), expires.ToUnixTimeSeconds());
        var hash = Ethereum.Keccak256(Encoding.UTF8.GetBytes(text));
        hash[0] &= 0x03;
        var hex = Convert.ToHexStringLower(hash).TrimStart('0');
        return "0x" + (hex.Length == 0 ? "0" : hex);
    }
}
