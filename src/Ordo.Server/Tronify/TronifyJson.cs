using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ordo.Server.Tronify;

/// <summary>Tronify's JSON: camelCase, amounts as JSON numbers with the exact decimal value.</summary>
public static class TronifyJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
