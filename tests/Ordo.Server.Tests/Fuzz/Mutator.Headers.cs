using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>Mutations of headers (content type, credentials, request id, idempotency key) and of the path and method.</summary>
public static partial class Mutator
{
    private static void MutateHeaders(FuzzTarget target, Random random, FuzzRequest request)
    {
        var auth = target.Headers.Select(h => h.Name).ToList();
        switch (random.Next(8))
        {
            case 0:
            case 1:
                var type = ContentTypes[random.Next(ContentTypes.Length)];
                if (type is not null)
                {
                    request.ContentTypes.Add(type);
                }

                if (random.Next(5) == 0)
                {
                    request.ContentTypes.Add(type ?? "application/json");
                }

                request.Mutations.Add($"content-type {string.Join(" + ", request.ContentTypes.DefaultIfEmpty("(none)"))}");
                break;
            case 2:
                request.Headers.RemoveAll(h => auth.Contains(h.Name));
                request.Mutations.Add("no credentials");
                break;
            case 3:
                var doubled = request.Headers.Where(h => auth.Contains(h.Name)).ToList();
                foreach (var header in doubled)
                {
                    request.Headers.Add(random.Next(2) == 0 ? header : (header.Name, WrongCredential(header.Value, random)));
                }

                request.Mutations.Add("credentials doubled");
                break;
            case 4:
            case 5:
                for (var i = 0; i < request.Headers.Count; i++)
                {
                    if (auth.Contains(request.Headers[i].Name) && random.Next(2) == 0)
                    {
                        request.Headers[i] = (request.Headers[i].Name, WrongCredential(request.Headers[i].Value, random));
                    }
                }

                request.Mutations.Add("credentials wrong");
                break;
            case 6:
                var id = random.Next(4) switch { 0 => new string('r', 200), 1 => "a b;c", 2 => "", _ => "fuzz-id" };
                request.Headers.Add(("X-Request-Id", id));
                if (random.Next(2) == 0)
                {
                    request.Headers.Add(("X-Request-Id", "second-id"));
                }

                request.Mutations.Add("X-Request-Id sent");
                break;
            default:
                var key = random.Next(4) switch { 0 => "", 1 => new string('k', 300), 2 => "k e y", _ => "fuzz-key" };
                request.Headers.Add(("Idempotency-Key", key));
                if (random.Next(2) == 0)
                {
                    request.Headers.Add(("Idempotency-Key", "other-key"));
                }

                request.Mutations.Add("Idempotency-Key odd");
                break;
        }
    }

    private static readonly string?[] ContentTypes =
    [
        null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=iso-8859-1", "application/xml", "*/*", "garbage", "application/json;;;", "application/problem+json",
    ];

    private static string WrongCredential(string value, Random random)
    {
        var scheme = value.Contains(' ', StringComparison.Ordinal) ? value[..(value.IndexOf(' ', StringComparison.Ordinal) + 1)] : "";
        return random.Next(9) switch
        {
            0 => "",
            1 => scheme,
            2 => scheme + new string('x', 600),
            3 => scheme + new string('x', 5000),
            4 => " " + value + " ",
            5 => value[..(value.Length / 2)],
            6 => value + "x",
            7 => "Basic " + Convert.ToBase64String("user:pass"u8),
            _ => scheme + "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.",
        };
    }



    private static void MutatePathOrMethod(FuzzTarget target, Random random, FuzzRequest request)
    {
        var op = random.Next(target.PathValue is null ? 2 : 4);
        switch (op)
        {
            case 0:
                var others = new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }.Where(m => m != target.Method).ToArray();
                request.Method = others[random.Next(others.Length)];
                request.Mutations.Add($"method {request.Method}");
                break;
            case 1:
                var path = target.PathValue is null ? target.Path : target.Path.Replace("{param}", Uri.EscapeDataString(target.PathValue), StringComparison.Ordinal);
                request.PathAndQuery = random.Next(3) switch
                {
                    0 => path.TrimEnd('/') + "/x",
                    1 => path.ToUpperInvariant(),
                    _ => path[..path.TrimEnd('/').LastIndexOf('/')] + "/" + path[path.TrimEnd('/').LastIndexOf('/')..],
                };
                request.Mutations.Add("path changed");
                break;
            default:
                var value = PathValues[random.Next(PathValues.Length)];
                request.PathAndQuery = target.Path.Replace("{param}", value, StringComparison.Ordinal);
                request.Mutations.Add($"path value {Short(value)}");
                break;
        }
    }

    // No %00: Kestrel itself refuses a path holding a null character (a bare 400), before any of Ordo's code runs.
    private static readonly string[] PathValues =
    [
        "0", "-1", "1.5", "abc", "99999999999999999999999", "9223372036854775807", "9223372036854775808", "%01", "%1F", "%FF", "%C0%80", "%ED%A0%80",
        "%F0%9F%9A%80", "%C3%A9", "..%2F..", "client%3A", "client%3A" + new string('c', 300), new string('9', 2000), "%20", "a%2Fb",
        "00000000-0000-0000-0000-000000000000", "%23", "%23" + new string('A', 12), "XB_", "1e3", "0x10",
    ];
}
