using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests;

/// <summary>
/// A JSON document's shape: every field name with the JSON type of its value, nested, names sorted.
/// Two documents with the same shape carry exactly the same fields with the same types.
/// </summary>
public static class JsonShape
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Of(p.Value)}")) + "}",
        JsonArray a => "[" + (a.Count > 0 ? Of(a[0]) : "") + "]",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            var kind => kind.ToString(),
        },
    };
}
