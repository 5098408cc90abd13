using System.Text.Json;

namespace Ordo.Server.Feee;

/// <summary>Feee's JSON: snake_case, amounts as JSON numbers holding the exact decimal value.</summary>
public static class FeeeJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
