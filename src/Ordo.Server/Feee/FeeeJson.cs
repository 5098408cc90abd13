using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ordo.Server.Feee;

/// <summary>Feee's JSON: snake_case, amounts as JSON numbers holding the exact decimal value.</summary>
public static class FeeeJson
{
    /// <summary>Source-generated only: a shape not registered in <see cref="FeeeJsonContext"/> throws.</summary>
    public static JsonSerializerOptions Options => FeeeJsonContext.Default.Options;
}

/// <summary>Every shape Feee's dialect writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FeeeEnvelope))]
[JsonSerializable(typeof(BuyOrderDetail))]
[JsonSerializable(typeof(FeeePrice))]
[JsonSerializable(typeof(FeeeAccount))]
[JsonSerializable(typeof(FeeeEnergyEstimate))]
public sealed partial class FeeeJsonContext : JsonSerializerContext;
