using System.Numerics;
using System.Security.Cryptography;

namespace Ordo.Core.Addresses;

/// <summary>
/// TRON base58check addresses: 34 characters, starting with <c>T</c>, decoding to 25 bytes
/// (0x41 + 20-byte account + 4-byte checksum, the first four bytes of a double SHA-256).
/// Hand-written because it is a dozen lines and no available package does only this.
/// </summary>
public static class TronAddress
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static bool IsValid(string? address) => TryDecode(address, out _);

    /// <summary>
    /// The 21 bytes an address stands for (0x41 + 20-byte account), as the protocol's messages carry
    /// them; false when the address is not a valid one.
    /// </summary>
    public static bool TryDecode(string? address, out byte[] bytes)
    {
        bytes = [];
        if (address is not { Length: 34 } || address[0] != 'T')
        {
            return false;
        }

        BigInteger value = 0;
        foreach (var c in address)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            value = (value * 58) + digit;
        }

        var payload = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (payload.Length != 25 || payload[0] != 0x41)
        {
            return false;
        }

        var check = SHA256.HashData(SHA256.HashData(payload.AsSpan(0, 21)));
        if (!check.AsSpan(0, 4).SequenceEqual(payload.AsSpan(21, 4)))
        {
            return false;
        }

        bytes = payload[..21];
        return true;
    }

    /// <summary>Encodes a 20-byte account as an address (used by demo data and tests).</summary>
    public static string Encode(ReadOnlySpan<byte> account)
    {
        if (account.Length != 20)
        {
            throw new ArgumentException("a TRON account is 20 bytes", nameof(account));
        }

        var payload = new byte[25];
        payload[0] = 0x41;
        account.CopyTo(payload.AsSpan(1));
        SHA256.HashData(SHA256.HashData(payload.AsSpan(0, 21))).AsSpan(0, 4).CopyTo(payload.AsSpan(21));
        var value = new BigInteger(payload, isUnsigned: true, isBigEndian: true);
        var text = new System.Text.StringBuilder();
        while (value > 0)
        {
            text.Insert(0, Alphabet[(int)(value % 58)]);
            value /= 58;
        }

        return text.ToString();
    }
}
