using System.Text;

using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Ordo.Server.Tanx;

/// <summary>
/// Ethereum <c>personal_sign</c> (EIP-191): the signer of a message is recovered from the 65-byte
/// signature (r, s, v) on secp256k1 and named by its address, the last 20 bytes of the Keccak-256
/// of its public key. BouncyCastle gives the curve arithmetic and Keccak; public-key recovery is
/// not in it, so those few lines (SEC 1, section 4.1.6) are written here.
/// </summary>
public static class Ethereum
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);

    public static byte[] Keccak256(byte[] data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var hash = new byte[32];
        digest.DoFinal(hash, 0);
        return hash;
    }

    /// <summary>The hash <c>personal_sign</c> signs: Keccak-256 of "\x19Ethereum Signed Message:\n" + length + message.</summary>
    public static byte[] PersonalMessageHash(string message)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var prefix = Encoding.UTF8.GetBytes($"\u0019Ethereum Signed Message:\n{body.Length}");
        return Keccak256([.. prefix, .. body]);
    }

    /// <summary>The address (lower-case, <c>0x</c>) that signed the message, or null when the signature is malformed or invalid.</summary>
    public static string? RecoverSigner(string message, string signatureHex)
    {
        var text = signatureHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? signatureHex[2..] : signatureHex;
        if (text.Length != 130 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var signature = Convert.FromHexString(text);
        var v = signature[64];
        int recoveryId = v switch
        {
            27 or 28 => v - 27,
            0 or 1 => v,
            _ => -1,
        };
        if (recoveryId < 0)
        {
            return null;
        }

        var r = new BigInteger(1, signature, 0, 32);
        var s = new BigInteger(1, signature, 32, 32);
        return Recover(PersonalMessageHash(message), r, s, recoveryId) is { } key ? AddressOf(key) : null;
    }

    public static string AddressOf(BigInteger privateKey) => AddressOf(Curve.G.Multiply(privateKey).Normalize());

    /// <summary>Signs like a wallet's <c>personal_sign</c>: deterministic k (RFC 6979), low s, v = 27 or 28.</summary>
    public static string PersonalSign(string message, BigInteger privateKey)
    {
        var hash = PersonalMessageHash(message);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(privateKey, Domain));
        var rs = signer.GenerateSignature(hash);
        var (r, s) = (rs[0], rs[1]);
        if (s.CompareTo(Curve.N.ShiftRight(1)) > 0)
        {
            s = Curve.N.Subtract(s);
        }

        var address = AddressOf(privateKey);
        for (var id = 0; id < 4; id++)
        {
            if (Recover(hash, r, s, id) is { } key && AddressOf(key) == address)
            {
                return "0x" + Convert.ToHexStringLower([.. Fixed32(r), .. Fixed32(s), (byte)(27 + id)]);
            }
        }

        throw new InvalidOperationException("no recovery id reproduces the signer");
    }

    private static ECPoint? Recover(byte[] hash, BigInteger r, BigInteger s, int recoveryId)
    {
        var n = Curve.N;
        if (r.SignValue <= 0 || r.CompareTo(n) >= 0 || s.SignValue <= 0 || s.CompareTo(n) >= 0)
        {
            return null;
        }

        var x = recoveryId >= 2 ? r.Add(n) : r;
        var prime = Curve.Curve.Field.Characteristic;
        if (x.CompareTo(prime) >= 0)
        {
            return null;
        }

        ECPoint point;
        try
        {
            point = Curve.Curve.DecodePoint([(byte)((recoveryId & 1) == 1 ? 0x03 : 0x02), .. Fixed32(x)]);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (!point.Multiply(n).IsInfinity)
        {
            return null;
        }

        var e = new BigInteger(1, hash);
        var rInverse = r.ModInverse(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Curve.G, rInverse.Multiply(e.Negate()).Mod(n), point, rInverse.Multiply(s).Mod(n)).Normalize();
        return q.IsInfinity ? null : q;
    }

    private static string AddressOf(ECPoint publicKey)
    {
        var encoded = publicKey.GetEncoded(false);
        return "0x" + Convert.ToHexStringLower(Keccak256(encoded[1..])[12..]);
    }

    private static byte[] Fixed32(BigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        return bytes.Length == 32 ? bytes : [.. new byte[32 - bytes.Length], .. bytes];
    }
}
