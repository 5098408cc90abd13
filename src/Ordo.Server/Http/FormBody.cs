using System.Text;
using System.Text.Json;
using System.Text.Unicode;

using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Ordo.Server.Http;

/// <summary>
/// A url-encoded form body (<c>application/x-www-form-urlencoded</c>), which some real clients send
/// instead of JSON (tanX's Python SDK refreshing its token, Feee integrations). Its fields become a
/// JSON object of strings, read the way <see cref="QueryJson"/> reads a query string, so the same
/// <see cref="FieldReader"/> rules apply; it is bounded like a JSON body, and in fields too.
/// </summary>
public static class FormBody
{
    private const string MediaType = "application/x-www-form-urlencoded";

    public static bool Is(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The request's form, or the error naming the body.</summary>
    public static async Task<(JsonElement Root, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var raw = await JsonBody.ReadBytesAsync(request, cancellationToken);
        return raw is null ? (default, $"body: larger than {BodyLimits.MaxBytes} bytes") : Parse(raw);
    }

    /// <summary>A form already read, or the error naming the body.</summary>
    public static (JsonElement Root, string? Error) Parse(byte[] raw)
    {
        if (!Utf8.IsValid(raw))
        {
            return (default, "body: must be UTF-8 text");
        }

        try
        {
            var reader = new FormReader(Encoding.UTF8.GetString(raw)) { ValueCountLimit = 16, KeyLengthLimit = 64, ValueLengthLimit = 4096 };
            return (QueryJson.From(reader.ReadForm()), null);
        }
        catch (InvalidDataException)
        {
            return (default, "body: a malformed form (more than 16 fields, or a name or value too long)");
        }
    }
}
