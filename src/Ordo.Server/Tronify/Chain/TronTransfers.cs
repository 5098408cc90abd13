using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

using Ordo.Core.Addresses;

namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// Builds TRX transfers as java-tron's <c>wallet/createtransaction</c> would, and checks what a
/// buyer's wallet sends back. The encoding is the protocol's <c>Transaction.raw</c> (java-tron's
/// <c>Tron.proto</c>), field by field in field-number order, the way java-tron and tronweb
/// serialize it: its SHA-256 is the txID the wallet signs.
/// </summary>
public static class TronTransfers
{
    /// <summary><c>Transaction.Contract.ContractType.TransferContract</c>.</summary>
    private const int TransferContractType = 1;

    private const string TransferContractTypeUrl = "type.googleapis.com/protocol.TransferContract";

    /// <summary>
    /// A transfer of <paramref name="amountSun"/> from <paramref name="from"/> to <paramref name="to"/>
    /// (base58 addresses), referencing <paramref name="block"/>, stamped <paramref name="now"/>, expiring
    /// <paramref name="lifetime"/> later. java-tron refuses a transaction whose expiration is more than
    /// 24 hours past its head block, or already past it, so keep the lifetime within that.
    /// </summary>
    /// <exception cref="ArgumentException">An address is not a valid TRON address, or the block id is not 64 hex digits.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount or the lifetime is not positive.</exception>
    public static TronTransfer Build(string from, string to, long amountSun, TronBlockRef block, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!TronAddress.TryDecode(from, out var owner))
        {
            throw new ArgumentException("not a TRON address", nameof(from));
        }

        if (!TronAddress.TryDecode(to, out var receiver))
        {
            throw new ArgumentException("not a TRON address", nameof(to));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountSun);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        if (block.BlockId is not { Length: 64 } || !block.BlockId.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("a block id is 64 hex digits", nameof(block));
        }

        // TAPoS: the last two bytes of the block number and bytes 8..15 of the block id (the first
        // eight of which are the number again), so the network can tell which chain was signed for.
        var number = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, block.Number);
        var refBlockBytes = number[6..8];
        var refBlockHash = Convert.FromHexString(block.BlockId)[8..16];
        var timestamp = now.ToUnixTimeMilliseconds();
        var expiration = (now + lifetime).ToUnixTimeMilliseconds();

        var transfer = new ProtobufWriter()
            .Bytes(1, owner)
            .Bytes(2, receiver)
            .Int64(3, amountSun)
            .ToArray();
        var parameter = new ProtobufWriter()
            .String(1, TransferContractTypeUrl)
            .Bytes(2, transfer)
            .ToArray();
        var contract = new ProtobufWriter()
            .Int64(1, TransferContractType)
            .Bytes(2, parameter)
            .ToArray();
        var raw = new ProtobufWriter()
            .Bytes(1, refBlockBytes)
            .Bytes(4, refBlockHash)
            .Int64(8, expiration)
            .Bytes(11, contract)
            .Int64(14, timestamp)
            .ToArray();

        // java-tron's JSON of the same raw_data with visible=false: addresses and bytes in lower-case hex.
        var json = new JsonObject
        {
            ["contract"] = new JsonArray(new JsonObject
            {
                ["parameter"] = new JsonObject
                {
                    ["value"] = new JsonObject
                    {
                        ["amount"] = amountSun,
                        ["owner_address"] = Convert.ToHexStringLower(owner),
                        ["to_address"] = Convert.ToHexStringLower(receiver),
                    },
                    ["type_url"] = TransferContractTypeUrl,
                },
                ["type"] = "TransferContract",
            }),
            ["ref_block_bytes"] = Convert.ToHexStringLower(refBlockBytes),
            ["ref_block_hash"] = Convert.ToHexStringLower(refBlockHash),
            ["expiration"] = expiration,
            ["timestamp"] = timestamp,
        };

        return new TronTransfer(
            Convert.ToHexStringLower(SHA256.HashData(raw)),
            Convert.ToHexStringLower(raw),
            json,
            DateTimeOffset.FromUnixTimeMilliseconds(expiration));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> (65 bytes hex: r, s, v with v 0/1 or 27/28) over the
    /// transaction id <paramref name="txId"/> (64 hex digits) was made by the key of the base58
    /// <paramref name="address"/>. Malformed input is simply not signed by anyone.
    /// </summary>
    public static bool IsSignedBy(string txId, string signature, string address) =>
        TronSignature.RecoverSigner(txId, signature) is { } signer && string.Equals(signer, address, StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="signedData"/> (what a wallet sends back: <c>{visible, txID, raw_data,
    /// raw_data_hex, signature: [hex]}</c>) is exactly the transaction <paramref name="issued"/>:
    /// the same <c>raw_data_hex</c> (hex case ignored), the same <c>raw_data</c> JSON (a node
    /// broadcasts what the JSON says, not the hex), and a <c>txID</c> equal to the issued one and to
    /// the SHA-256 of that <c>raw_data_hex</c>. When not, <paramref name="why"/> says which part
    /// differs, in words fit for the caller's error message.
    /// It does not look at the signature or the time: check the signer with
    /// <see cref="IsSignedBy"/> (<c>issued.TxId</c>, <see cref="SignatureOf"/>, the buyer's address) and the
    /// expiration against <c>issued.Expiration</c>.
    /// </summary>
    public static bool Matches(TronTransfer issued, JsonObject signedData, [NotNullWhen(false)] out string? why)
    {
        var rawDataHex = Text(signedData["raw_data_hex"]);
        if (rawDataHex is null || !string.Equals(rawDataHex, issued.RawDataHex, StringComparison.OrdinalIgnoreCase))
        {
            why = "raw_data_hex is not the issued transaction's";
            return false;
        }

        if (signedData["raw_data"] is not JsonObject rawData || !JsonNode.DeepEquals(rawData, issued.RawData))
        {
            why = "raw_data is not the issued transaction's";
            return false;
        }

        var txId = Text(signedData["txID"]);
        var hashed = Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(rawDataHex)));
        if (txId is null || !string.Equals(txId, issued.TxId, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(txId, hashed, StringComparison.OrdinalIgnoreCase))
        {
            why = "txID is not the issued transaction's";
            return false;
        }

        why = null;
        return true;
    }

    /// <summary>The one signature of a signed transaction (<c>signature: [hex]</c>), or null when there is not exactly one string.</summary>
    public static string? SignatureOf(JsonObject signedData) =>
        signedData["signature"] is JsonArray { Count: 1 } signatures ? Text(signatures[0]) : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
