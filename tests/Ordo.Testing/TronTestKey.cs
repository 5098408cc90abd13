using Nethereum.Signer;

using Ordo.Core.Addresses;

namespace Ordo.Testing;

/// <summary>
/// A buyer's TRON wallet for tests: a secp256k1 key (Nethereum) whose address is 0x41 + the last
/// 20 bytes of the Keccak-256 of its public key, and which signs a transaction id as tronweb's
/// <c>ECKeySign</c> does (deterministic k, low s).
/// </summary>
public sealed class TronTestKey(string privateKeyHex)
{
    private readonly EthECKey _key = new(privateKeyHex);

    /// <summary>A fresh random key.</summary>
    public static TronTestKey Random() => new(EthECKey.GenerateKey().GetPrivateKey());

    /// <summary>The base58 address (<c>T…</c>).</summary>
    public string Address => TronAddress.Encode(Account);

    /// <summary>The hex address as java-tron's <c>visible: false</c> JSON writes it (<c>41…</c>, lower case).</summary>
    public string AddressHex => "41" + Convert.ToHexStringLower(Account);

    private byte[] Account => Convert.FromHexString(_key.GetPublicAddress()[2..]);

    /// <summary>
    /// Signs the 32-byte transaction id (64 hex digits): r, s, v as 130 hex digits, v 0/1 as tronweb
    /// and java-tron write it, or 27/28 when <paramref name="ethereumStyleV"/>.
    /// </summary>
    public string Sign(string txIdHex, bool ethereumStyleV = false)
    {
        var signature = _key.SignAndCalculateV(Convert.FromHexString(txIdHex));
        var v = signature.V[0];
        if (!ethereumStyleV)
        {
            v -= 27;
        }

        return Convert.ToHexStringLower([.. Pad32(signature.R), .. Pad32(signature.S), v]);
    }

    private static byte[] Pad32(byte[] value) => value.Length >= 32 ? value[^32..] : [.. new byte[32 - value.Length], .. value];
}
