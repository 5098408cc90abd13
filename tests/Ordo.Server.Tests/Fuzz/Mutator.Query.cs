using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>Mutations of a query string: a parameter given twice, raw bad percent-encodings, or a field mutation rendered as text.</summary>
public static partial class Mutator
{
    private static void MutateQuery(List<(string Name, string Value)> fields, Random random, FuzzRequest request)
    {
        switch (random.Next(4))
        {
            case 0:
                var name = fields.Count > 0 ? fields[random.Next(fields.Count)].Name : "\"x\"";
                fields.Add((name, Value(random, "1")));
                request.Mutations.Add($"query {name} given twice");
                break;
            case 1:
                request.RawQuery = RawQueries[random.Next(RawQueries.Length)];
                request.Mutations.Add("raw query " + Short(request.RawQuery));
                break;
            default:
                MutateField(fields, random, request, body: false);
                break;
        }
    }

    private static readonly string[] RawQueries =
    [
        "%FF%FE=%FF", "a=%ZZ", "%", "&&&", "=&=", "limit=1&limit=2", "x=%00", "x=%C0%80", "x=%ED%A0%80", "a[]=1&a[b]=2", "x=" + new string('y', 9000),
        "page=-1", "page=99999999999999999999", "limit=0", "limit=1e3", "take=%2B5", "skip=1.5", "market=%F0%9F%9A%80", "statuses[]=NOPE",
        "statuses=PAID&statuses=NOPE", "orderDirection=asc", "returnCount=TRUE",
    ];

    private static string QueryString(List<(string Name, string Value)> fields, FuzzRequest request)
    {
        var parts = fields.Select(f => $"{Escape(Text(f.Name))}={Escape(Text(f.Value))}").ToList();
        if (request.RawQuery is { } raw)
        {
            parts.Add(raw);
        }

        return parts.Count == 0 ? "" : Within("?" + string.Join("&", parts), MaxQuery);
    }

    /// <summary>
    /// Kestrel refuses a request line over 8 KiB itself (414, before any of Ordo's code runs), so
    /// queries are cut to stay within it: what is fuzzed is Ordo's parsing, not Kestrel's limits.
    /// </summary>
    private const int MaxQuery = 6_000;

    private static string Within(string query, int length)
    {
        if (query.Length <= length)
        {
            return query;
        }

        var cut = query[..length];
        var percent = cut.LastIndexOf('%');
        return percent >= length - 2 ? cut[..percent] : cut;
    }

    /// <summary>A query value is text: a JSON string's contents, or any other value's JSON text.</summary>
    private static string Text(string raw)
    {
        try
        {
            return raw.StartsWith('"') ? JsonSerializer.Deserialize<string>(raw) ?? "" : raw;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return raw;
        }
    }

    private static string Escape(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text); // a lone surrogate becomes U+FFFD here
        return string.Concat(bytes.Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' ? ((char)b).ToString() : $"%{b:X2}"));
    }
}
