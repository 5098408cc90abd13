using System.Buffers;
using System.Text.Json;

namespace Ordo.Server.Http;

/// <summary>
/// Fields written as one JSON object and read back as an element, for <see cref="FieldReader"/>:
/// written straight with a <see cref="Utf8JsonWriter"/>, no node tree and no serializer metadata.
/// </summary>
public static class JsonFields
{
    /// <param name="fields">Names and values, each name once, in the order they are written.</param>
    public static JsonElement Object(IEnumerable<KeyValuePair<string, JsonElement>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Read(buffer.WrittenSpan);
    }

    /// <summary>Names and text values (a query string, a form), each name once.</summary>
    public static JsonElement Strings(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Read(buffer.WrittenSpan);
    }

    // ParseValue gives an element that owns its own copy (nothing pooled to dispose).
    private static JsonElement Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return JsonElement.ParseValue(ref reader);
    }
}
