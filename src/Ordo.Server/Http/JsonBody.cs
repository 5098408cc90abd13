using System.Text.Json;
using System.Text.Unicode;

namespace Ordo.Server.Http;

/// <summary>
/// Reads a request body as JSON without trusting it: at most <see cref="BodyLimits.MaxBytes"/>,
/// UTF-8, every string decodable and no field given twice; any failure becomes a message naming
/// the body. Dialects then pick fields with <see cref="FieldReader"/>, so every bad field is named
/// in their own envelope.
/// </summary>
public static class JsonBody
{
    public sealed record Outcome(JsonElement Root, byte[] Raw, string? Error, bool TooLarge);

    public static async Task<Outcome> ReadAsync(HttpRequest request, bool emptyIsObject, CancellationToken cancellationToken)
    {
        var raw = await ReadBytesAsync(request, cancellationToken);
        return raw is null ? TooLarge() : Parse(raw, emptyIsObject);
    }

    /// <summary>The body's bytes, or null when it is larger than <see cref="BodyLimits.MaxBytes"/> (read no further).</summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > BodyLimits.MaxBytes)
        {
            return null;
        }

        // The usual body says its length: read it into one array of that size.
        if (request.ContentLength is { } length)
        {
            var body = new byte[length];
            var filled = 0;
            int got;
            while (filled < body.Length && (got = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += got;
            }

            return filled == body.Length ? body : body[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > BodyLimits.MaxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>True when the body holds nothing but white space.</summary>
    public static bool IsBlank(byte[] raw) => raw.AsSpan().IndexOfAnyExcept(" \n\r\t"u8) < 0;

    public static Outcome Parse(byte[] raw, bool emptyIsObject)
    {
        if (IsBlank(raw))
        {
            return emptyIsObject
                ? new Outcome(JsonDocument.Parse("{}").RootElement, raw, null, false)
                : new Outcome(default, raw, "body: a JSON object is required", false);
        }

        // The parser leaves string contents undecoded until a field is read; refuse bad bytes here, once.
        if (!Utf8.IsValid(raw))
        {
            return new Outcome(default, raw, "body: must be UTF-8 text", false);
        }

        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new Outcome(default, raw, "body: must be a JSON object", false);
            }

            return Unreadable(root) is { } problem ? new Outcome(default, raw, $"body: {problem}", false) : new Outcome(root, raw, null, false);
        }
        catch (JsonException error)
        {
            return new Outcome(default, raw, $"body: malformed JSON at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}", false);
        }
    }

    /// <summary>
    /// Why a parsed document cannot be read field by field: a string escaping half a surrogate pair
    /// (<c>"\ud800"</c>), which no .NET string can hold, or a field given twice, which readers
    /// (and Tronify's signature) would each take differently.
    /// </summary>
    private static string? Unreadable(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!names.Add(property.Name))
                        {
                            return $"the field '{(property.Name.Length > 64 ? property.Name[..64] + "..." : property.Name)}' is given twice";
                        }

                        if (Unreadable(property.Value) is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(Unreadable).FirstOrDefault(p => p is not null);
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return "a string holds an invalid \\u escape (half a surrogate pair)";
        }
    }

    private static Outcome TooLarge() => new(default, [], $"body: larger than {BodyLimits.MaxBytes} bytes", true);
}
