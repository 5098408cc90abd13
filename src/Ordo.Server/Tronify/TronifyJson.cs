using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ordo.Server.Tronify;

/// <summary>Tronify's JSON: camelCase, amounts as JSON numbers with the exact decimal value.</summary>
public static class TronifyJson
{
    /// <summary>Source-generated only: a shape not registered in <see cref="TronifyJsonContext"/> throws.</summary>
    public static JsonSerializerOptions Options => TronifyJsonContext.Default.Options;
}

/// <summary>Every shape Tronify's dialect writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TronifyEnvelope))]
[JsonSerializable(typeof(TronifyPledgeConfig))]
[JsonSerializable(typeof(TronifyRentRecord))]
[JsonSerializable(typeof(TronifyCancelled))]
[JsonSerializable(typeof(TronifySale))]
[JsonSerializable(typeof(TronifyPage))]
[JsonSerializable(typeof(TronifyPreorderInfo))]
[JsonSerializable(typeof(TronifyFastRecord))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class TronifyJsonContext : JsonSerializerContext;
