using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>Mutations of a whole body: bytes edited, cut, not UTF-8, another encoding, another root, nested deep, oversized, empty, trailing text.</summary>
public static partial class Mutator
{
    private static void MutateBody(Random random, FuzzRequest request)
    {
        var body = request.Body!;
        switch (random.Next(13))
        {
            case 0:
                var edits = random.Next(1, 5);
                var bytes = body.ToList();
                for (var i = 0; i < edits; i++)
                {
                    var at = random.Next(bytes.Count + 1);
                    var b = InterestingBytes[random.Next(InterestingBytes.Length)];
                    switch (random.Next(3))
                    {
                        case 0:
                            bytes.Insert(at, b);
                            break;
                        case 1 when at < bytes.Count:
                            bytes[at] = b;
                            break;
                        default:
                            if (at < bytes.Count)
                            {
                                bytes.RemoveAt(at);
                            }

                            break;
                    }
                }

                request.Body = bytes.ToArray();
                request.Mutations.Add($"{edits} byte edits");
                break;
            case 1:
                request.Body = body[..random.Next(body.Length)];
                request.Mutations.Add($"truncated to {request.Body.Length} bytes");
                break;
            case 2:
            case 3:
                var sequence = BadUtf8[random.Next(BadUtf8.Length)];
                var quotes = Enumerable.Range(0, body.Length).Where(i => body[i] == (byte)'"').ToList();
                var position = quotes.Count > 0 ? quotes[random.Next(quotes.Count)] + 1 : random.Next(body.Length + 1);
                request.Body = [.. body[..position], .. sequence, .. body[position..]];
                request.Mutations.Add($"invalid UTF-8 {Convert.ToHexString(sequence)} at {position}");
                break;
            case 4:
                var text = Encoding.UTF8.GetString(body).Replace("\":\"", "\":\"é", StringComparison.Ordinal);
                (request.Body, var encoding) = random.Next(4) switch
                {
                    0 => (Encoding.Latin1.GetBytes(text), "Latin-1"),
                    1 => (Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), "UTF-16LE with BOM"),
                    2 => (Encoding.BigEndianUnicode.GetBytes(text), "UTF-16BE"),
                    _ => (Encoding.UTF32.GetBytes(text), "UTF-32"),
                };
                request.Mutations.Add($"encoded as {encoding}");
                break;
            case 5:
                request.Body = [0xEF, 0xBB, 0xBF, .. body];
                request.Mutations.Add("UTF-8 BOM in front");
                break;
            case 6:
                var root = Roots[random.Next(Roots.Length)];
                request.Body = Encoding.UTF8.GetBytes(root.Replace("BODY", Encoding.UTF8.GetString(body), StringComparison.Ordinal));
                request.Mutations.Add($"root {Short(root)}");
                break;
            case 7:
                var depth = random.Next(2) == 0 ? random.Next(30, 40) : random.Next(40, 100_000);
                var arrays = random.Next(2) == 0;
                request.Body = Encoding.UTF8.GetBytes(arrays
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
                request.Mutations.Add($"body nested {depth} deep");
                break;
            case 8:
            case 9:
                var size = random.Next(4) switch { 0 => 64 * 1024 + 1, 1 => 100_000, 2 => 300_000, _ => 1_000_000 };
                var pad = random.Next(2) == 0
                    ? Encoding.UTF8.GetBytes(",\"pad\":\"" + new string('x', size) + "\"}")
                    : Encoding.UTF8.GetBytes(new string(' ', size) + "}");
                request.Body = [.. body[..^1], .. pad];
                request.Chunked = random.Next(2) == 0;
                request.Mutations.Add($"oversized ({request.Body.Length} bytes{(request.Chunked ? ", chunked" : "")})");
                break;
            case 10:
                request.Body = random.Next(2) == 0 ? [] : "   \r\n\t "u8.ToArray();
                request.Mutations.Add("empty body");
                break;
            case 11:
                var trailing = Trailers[random.Next(Trailers.Length)];
                request.Body = [.. body, .. Encoding.UTF8.GetBytes(trailing)];
                request.Mutations.Add($"trailing {Short(trailing)}");
                break;
            default:
                var many = string.Join(",", Enumerable.Range(0, random.Next(100, 5000)).Select(i => $"\"f{i}\":{i}"));
                request.Body = [.. body[..^1], .. Encoding.UTF8.GetBytes((body.Length > 2 ? "," : "") + many + "}")];
                request.Mutations.Add("thousands of unknown fields");
                break;
        }
    }

    private static readonly byte[] InterestingBytes = "{}[]\":,\\ 0-.e\n"u8.ToArray().Concat(new byte[] { 0x00, 0x7F, 0x80, 0xC3, 0xE2, 0xFF }).ToArray();

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE0, 0x80, 0xAF], [0xF0, 0x9F, 0x9A], [0xE9],
    ];

    private static readonly string[] Roots = ["[BODY]", "[]", "\"BODY\"", "42", "null", "true", "\"\"", "1e400", "[null]", "{\"body\":BODY}", "BODY BODY"];

    private static readonly string[] Trailers = ["x", "}", "{}", ",", " // comment", "/* c */", "\u0000", "]", ",}"];
}
