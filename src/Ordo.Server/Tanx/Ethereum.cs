using System.Globalization;
using System.Numerics;
using System.Text;

using Nethereum.Signer;
using Nethereum.Util;

namespace Ordo.Server.Tanx;

/// <summary>
/// Ethereum <c>personal_sign</c> (EIP-191) through Nethereum: the signer of a message is recovered
/// from the 65-byte signature (r, s, v) on secp256k1 and named by its address, the last 20 bytes of
/// the Keccak-256 of its public key. Addresses are lower-case with <c>0x</c>, as credentials store them.
/// </summary>
public static class Ethereum
{
    public static byte[] Keccak256(byte[] data) => Sha3Keccack.Current.CalculateHash(data);

    /// <summary>The hash <c>personal_sign</c> signs: Keccak-256 of "\x19Ethereum Signed Message:\n" + length + message.</summary>
    public static byte[] PersonalMessageHash(string message) => new EthereumMessageSigner().HashPrefixedMessage(Encoding.UTF8.GetBytes(message));

    /// <summary>The address (lower-case, <c>0x</c>) that signed the message, or null when the signature is malformed or invalid.</summary>
    public static string? RecoverSigner(string message, string signatureHex)
    {
        var text = signatureHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? signatureHex[2..] : signatureHex;
        if (text.Length != 130 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        // Only the recovery ids a wallet writes: 27/28, or 0/1 from signers that omit the offset.
        var v = Convert.ToByte(text[128..], 16);
        if (v is not (0 or 1 or 27 or 28))
        {
            return null;
        }

        var r = Convert.FromHexString(text[..64]);
        var s = Convert.FromHexString(text[64..128]);

        // The library assumes 0 < r, s < n and fails on anything else; such a signature is nobody's.
        if (!InRange(r) || !InRange(s))
        {
            return null;
        }

        try
        {
            var signature = EthECDSASignatureFactory.FromComponents(r, s, (byte)(v < 27 ? v + 27 : v));
            var key = EthECKey.RecoverFromSignature(signature, PersonalMessageHash(message));
            return key is null ? null : key.GetPublicAddress().ToLowerInvariant();
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            // No point on the curve for r: nobody signed this.
            return null;
        }
    }

    /// <summary>The order n of secp256k1's group.</summary>
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static bool InRange(byte[] bigEndian)
    {
        var value = new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true);
        return value > BigInteger.Zero && value < CurveOrder;
    }

    /// <summary>The address of a private key given in hex (with or without <c>0x</c>).</summary>
    public static string AddressOf(string privateKeyHex) => new EthECKey(privateKeyHex).GetPublicAddress().ToLowerInvariant();

    /// <summary>Signs like a wallet's <c>personal_sign</c>: deterministic k (RFC 6979), low s, v = 27 or 28.</summary>
    public static string PersonalSign(string message, string privateKeyHex) =>
        new EthereumMessageSigner().EncodeUTF8AndSign(message, new EthECKey(privateKeyHex));
}
