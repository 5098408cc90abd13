using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Core;

namespace Ordo.Server.Http;

/// <summary>Decimals travel as exact strings ("0.009"), never as floats.</summary>
public sealed class DecimalStringConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
            : reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Decimals.ToText(value));
}
