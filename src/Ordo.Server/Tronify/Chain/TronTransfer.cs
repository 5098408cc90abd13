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

    /// <summary>What the transfer pays, in sun (its one TransferContract's amount).</summary>
    public long AmountSun => RawData["contract"]![0]!["parameter"]!["value"]!["amount"]!.GetValue<long>();

    /// <summary>A transfer kept as <see cref="ToJson"/> wrote it, or null when the text is not one.</summary>
    public static TronTransfer? FromJson(string text)
    {
        if (JsonNode.Parse(text) is not JsonObject json || json["raw_data"] is not JsonObject raw)
        {
            return null;
        }

        var expiration = DateTimeOffset.FromUnixTimeMilliseconds(raw["expiration"]!.GetValue<long>());
        return new TronTransfer(json["txID"]!.GetValue<string>(), json["raw_data_hex"]!.GetValue<string>(), (JsonObject)raw.DeepClone(), expiration);
    }
}
