using System.Text;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>One generated request, exactly as sent, with what was done to the valid one.</summary>
public sealed class FuzzRequest
{
    public required FuzzTarget Target { get; init; }

    public required string Method { get; set; }

    public required string PathAndQuery { get; set; }

    public byte[]? Body { get; set; }

    /// <summary>The Content-Type values sent: none, one, or the same header twice.</summary>
    public List<string> ContentTypes { get; } = [];

    public bool Chunked { get; set; }

    /// <summary>Query text appended as is (bad percent-encodings and the like).</summary>
    public string? RawQuery { get; set; }

    public List<(string Name, string Value)> Headers { get; init; } = [];

    public List<string> Mutations { get; } = [];

    public bool HasIdempotencyKey => Headers.Any(h => h.Name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase));

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value).ShouldBeTrue($"header {name}");
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = null;
            foreach (var type in ContentTypes)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            if (Chunked)
            {
                message.Headers.TransferEncodingChunked = true;
                message.Content.Headers.ContentLength = null;
            }
        }

        return message;
    }

    /// <summary>What a failure report shows: enough to see the request, bodies cut to a readable length.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Cut(PathAndQuery, 200)} [{string.Join("; ", Mutations)}]");
        foreach (var (name, value) in Headers)
        {
            text.Append($"\n    {name}: {Cut(value, 120)}");
        }

        if (Body is not null)
        {
            text.Append($"\n    Content-Type: {string.Join(" | ", ContentTypes)}{(Chunked ? " (chunked)" : "")}");
            text.Append($"\n    body ({Body.Length} bytes): {Cut(Printable(Body), 300)}");
        }

        return text.ToString();
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + $"...(+{text.Length - length})";

    /// <summary>The body as text, with bytes that are not printable ASCII shown as \xNN.</summary>
    private static string Printable(byte[] body)
    {
        var text = new StringBuilder();
        foreach (var b in body.Take(400))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }
}
