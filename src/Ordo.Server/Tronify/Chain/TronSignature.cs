using System.Globalization;
using System.Numerics;

using Nethereum.Signer;

using Ordo.Core.Addresses;

namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// Who signed a TRON transaction id: secp256k1 public-key recovery through Nethereum, the same
/// curve and key-to-account rule as Ethereum (last 20 bytes of the Keccak-256 of the public key),
/// written as a TRON address (0x41 + account, base58check). TRON signs the 32-byte txID itself,
/// with no message prefix.
/// </summary>
internal static class TronSignature
{
    /// <summary>The base58 address whose key made <paramref name="signatureHex"/> over <paramref name="txIdHex"/>, or null when either is malformed or recovers no key.</summary>
    public static string? RecoverSigner(string? txIdHex, string? signatureHex)
    {
        if (!TryHex(txIdHex, 32, out var hash) || !TryHex(signatureHex, 65, out var signature))
        {
            return null;
        }

        // Wallets write v as 0/1 (tronweb, java-tron) or 27/28 (Ethereum style); nothing else is a recovery id.
        var v = signature[64];
        if (v is not (0 or 1 or 27 or 28))
        {
            return null;
        }

        var r = signature[..32];
        var s = signature[32..64];

        // The library assumes 0 < r, s < n and fails on anything else; such a signature is nobody's.
        if (!InRange(r) || !InRange(s))
        {
            return null;
        }

        try
        {
            var key = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.FromComponents(r, s, (byte)(v < 27 ? v + 27 : v)), hash);
            return key is null ? null : TronAddress.Encode(Convert.FromHexString(key.GetPublicAddress()[2..]));
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            // No point on the curve for r: nobody signed this.
            return null;
        }
    }

    private static bool TryHex(string? text, int length, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length != length * 2 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(digits);
        return true;
    }

    /// <summary>The order n of secp256k1's group.</summary>
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static bool InRange(byte[] bigEndian)
    {
        var value = new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true);
        return value > BigInteger.Zero && value < CurveOrder;
    }
}
