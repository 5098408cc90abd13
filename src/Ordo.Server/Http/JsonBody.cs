using System.Text.Json;

namespace Ordo.Server.Http;

/// <summary>
/// Reads a request body as JSON without trusting it: at most <see cref="BodyLimits.MaxBytes"/>,
/// and any parse failure becomes a message naming where it broke. Dialects then pick fields with
/// <see cref="FieldReader"/>, so every bad field is named in their own envelope.
/// </summary>
public static class JsonBody
{
    public sealed record Outcome(JsonElement Root, byte[] Raw, string? Error, bool TooLarge);

    public static async Task<Outcome> ReadAsync(HttpRequest request, bool emptyIsObject, CancellationToken cancellationToken)
    {
        if (request.ContentLength > BodyLimits.MaxBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > BodyLimits.MaxBytes)
            {
                return TooLarge();
            }
        }

        var raw = buffer.ToArray();
        if (raw.Length == 0 || raw.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return emptyIsObject
                ? new Outcome(JsonDocument.Parse("{}").RootElement, raw, null, false)
                : new Outcome(default, raw, "body: a JSON object is required", false);
        }

        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object
                ? new Outcome(root, raw, null, false)
                : new Outcome(default, raw, "body: must be a JSON object", false);
        }
        catch (JsonException error)
        {
            return new Outcome(default, raw, $"body: malformed JSON at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}", false);
        }
    }

    private static Outcome TooLarge() => new(default, [], $"body: larger than {BodyLimits.MaxBytes} bytes", true);
}
