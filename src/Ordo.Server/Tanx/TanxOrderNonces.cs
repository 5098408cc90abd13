using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Core;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Server.Tanx;

/// <summary>The order a caller asked a nonce for (<c>POST /orders/nonce/</c>); create places exactly this.</summary>
public sealed record TanxOrderTerms(string Market, OrderSide Side, OrderType Type, decimal? Price, decimal Volume);

/// <summary>An issued order nonce: the integer the SDKs send back, the hash they sign, and the order's terms.</summary>
public sealed record TanxOrderNonce(long Nonce, string MsgHash, TanxOrderTerms Terms);

/// <summary>
/// tanX's two-step create, as its SDKs do it: a nonce and a <c>msg_hash</c> for the order's terms,
/// then create with <c>{nonce, msg_hash, signature}</c>. Nonces belong to the credential that asked
/// (another's is unknown to it), are single-use and live <see cref="TanxOptions.NonceLifetime"/>,
/// kept in the database like the login nonces, so any node can spend what another issued (the same
/// <see cref="TanxNonceBook"/>, bounded by <see cref="TanxOptions.MaxOrderNoncesPerCredential"/> and
/// <see cref="TanxOptions.MaxNonces"/>; each is kept as JSON with its hash and terms).
/// </summary>
public sealed class TanxOrderNonces(IOrderStore store, TimeProvider clock, ServerOptions options)
{
    /// <summary>The kind the store keeps order nonces under.</summary>
    public const string Kind = "tanx-order";


    private readonly TanxNonceBook _book = new(store, clock, Kind, options.Tanx.NonceLifetime, options.Tanx.MaxOrderNoncesPerCredential, options.Tanx.MaxNonces);

    public enum Check
    {
        Taken,
        Unknown,
        WrongHash,
    }

    /// <summary>A new nonce for the credential's order; null with the seconds to wait when too many are outstanding.</summary>
    public async Task<(TanxOrderNonce? Issued, int RetryAfterSeconds)> IssueAsync(long credentialId, TanxOrderTerms terms, CancellationToken cancellationToken = default)
    {
        var (issued, retry) = await _book.AddAsync(credentialId.ToString(CultureInfo.InvariantCulture), (expires, live) =>
        {
            var taken = live.Select(Read).Select(n => n.Nonce).ToHashSet();

            // Eight to ten digits, like tanX's; positive in a 32-bit integer, so every SDK's type holds it.
            long nonce;
            do
            {
                nonce = RandomNumberGenerator.GetInt32(10_000_000, int.MaxValue);
            }
            while (taken.Contains(nonce));

            return JsonSerializer.Serialize(new TanxOrderNonce(nonce, MsgHash(credentialId, nonce, terms, expires), terms), TanxOrderNonceJson.Default.TanxOrderNonce);
        }, cancellationToken);
        return (issued is null ? null : Read(issued.Value), retry);
    }

    /// <summary>
    /// Spends the credential's live nonce if <paramref name="msgHash"/> is the one issued with it and
    /// gives its terms. A wrong hash spends nothing; a spent, expired or unknown nonce is Unknown.
    /// </summary>
    public async Task<(Check Check, TanxOrderTerms? Terms)> TakeAsync(long credentialId, long nonce, string msgHash, CancellationToken cancellationToken = default)
    {
        var live = await _book.LiveAsync(credentialId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        if (live.Select(n => (Kept: n, Issued: Read(n.Value))).FirstOrDefault(n => n.Issued.Nonce == nonce) is not ({ } kept, { } issued))
        {
            return (Check.Unknown, null);
        }

        if (!string.Equals(issued.MsgHash, msgHash, StringComparison.OrdinalIgnoreCase))
        {
            return (Check.WrongHash, null);
        }

        return await _book.RemoveAsync(kept, cancellationToken) ? (Check.Taken, issued.Terms) : (Check.Unknown, null);
    }

    private static TanxOrderNonce Read(string json) =>
        JsonSerializer.Deserialize(json, TanxOrderNonceJson.Default.TanxOrderNonce) ?? throw new InvalidOperationException("a kept order nonce is empty");

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

/// <summary>
/// An order nonce as it is kept (web defaults: camelCase). Enum names, not numbers, so a kept nonce
/// reads the same after the enums change order.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TanxOrderNonce))]
public sealed partial class TanxOrderNonceJson : JsonSerializerContext;
