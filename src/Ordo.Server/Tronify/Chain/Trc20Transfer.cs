using System.Numerics;

using Ordo.Core.Addresses;

namespace Ordo.Server.Tronify.Chain;

/// <summary>A TRC-20 <c>transfer(address,uint256)</c> call's arguments, ABI-encoded as java-tron's <c>parameter</c> takes them.</summary>
public static class Trc20Transfer
{
    public const string FunctionSelector = "transfer(address,uint256)";

    /// <summary>
    /// Two 32-byte words in hex: the recipient (12 zero bytes, then its 20 account bytes, the 0x41
    /// prefix dropped as the EVM knows no prefix) and the amount, big-endian.
    /// </summary>
    public static string Parameter(string to, BigInteger amount)
    {
        if (!TronAddress.TryDecode(to, out var bytes))
        {
            throw new ArgumentException($"{to} is not a TRON address", nameof(to));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var word = amount.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (word.Length > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "does not fit in a uint256");
        }

        var encoded = new byte[64];
        bytes.AsSpan(1).CopyTo(encoded.AsSpan(12, 20));
        word.CopyTo(encoded.AsSpan(64 - word.Length));
        return Convert.ToHexStringLower(encoded);
    }
}
