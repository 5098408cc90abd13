using System.Text.Json.Nodes;

namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// An unsigned TRX transfer as Ordo issues it to a buyer: the protocol's <c>raw_data</c> (protobuf,
/// hex) and its JSON form, <c>txID = SHA-256(raw_data)</c>, and when it expires.
/// </summary>
public sealed record TronTransfer(string TxId, string RawDataHex, JsonObject RawData, DateTimeOffset Expiration)
{
    /// <summary>java-tron's JSON shape of a transaction (<c>visible: false</c>: addresses in hex).</summary>
    public JsonObject ToJson() => new()
    {
        ["visible"] = false,
        ["txID"] = TxId,
        ["raw_data"] = RawData.DeepClone(),
        ["raw_data_hex"] = RawDataHex,
    };
}
