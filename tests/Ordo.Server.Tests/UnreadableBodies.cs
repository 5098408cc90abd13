using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests;

/// <summary>
/// Bodies that are not JSON text a reader can take, each made from a valid body: bytes that are not
/// UTF-8, another encoding, an escape holding half a surrogate pair, a field given twice. Every
/// dialect must refuse them as bad input naming the body, in its own envelope, with a request id.
/// </summary>
public static class UnreadableBodies
{
    public static TheoryData<string> Kinds() => ["invalid UTF-8", "Latin-1", "UTF-16", "lone surrogate escape", "field given twice"];

    /// <summary>The valid body (a JSON object whose first field is a string) made unreadable in the given way.</summary>
    public static byte[] Make(string kind, string valid)
    {
        var open = valid.IndexOf("\":\"", StringComparison.Ordinal) + 3;
        var utf8 = Encoding.UTF8.GetBytes(valid);
        return kind switch
        {
            "invalid UTF-8" => [.. utf8[..open], 0xFF, 0xFE, .. utf8[open..]],
            "Latin-1" => Encoding.Latin1.GetBytes(valid.Insert(open, "é")),
            "UTF-16" => Encoding.Unicode.GetBytes(valid),
            "lone surrogate escape" => Encoding.UTF8.GetBytes(valid.Insert(open, "\\ud800")),
            "field given twice" => Encoding.UTF8.GetBytes("{" + valid[1..valid.IndexOf(',', StringComparison.Ordinal)] + "," + valid[1..]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Sends raw bytes as JSON; returns the status, the body and the single X-Request-Id header.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body, string RequestId)> SendAsync(HttpClient http, HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await ServerFixture.Json(response), response.Headers.GetValues("X-Request-Id").Single());
    }
}
