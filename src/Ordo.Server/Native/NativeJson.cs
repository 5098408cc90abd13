using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>The native API's JSON: snake_case, decimals as exact strings, UTC timestamps.</summary>
public static class NativeJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new DecimalStringConverter());
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }
}
