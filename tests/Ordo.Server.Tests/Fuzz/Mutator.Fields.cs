using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>Mutations of one field: its value (wrong type, edge numbers, long and strange text), its name, its presence, its nesting. Fields are kept as raw JSON text, so any value can be written.</summary>
public static partial class Mutator
{
    private static List<(string Name, string Value)> Pairs(JsonObject json) =>
        json.Where(p => p.Key != "flag").Select(p => (JsonSerializer.Serialize(p.Key), p.Value?.ToJsonString() ?? "null")).ToList();

    private static string Serialize(List<(string Name, string Value)> fields) =>
        "{" + string.Join(",", fields.Select(f => $"{f.Name}:{f.Value}")) + "}";

    private static void MutateField(List<(string Name, string Value)> fields, Random random, FuzzRequest request, bool body)
    {
        var index = fields.Count > 0 ? random.Next(fields.Count) : -1;
        var op = index < 0 ? 2 : random.Next(body ? 8 : 5);
        var name = index >= 0 ? fields[index].Name : "";
        switch (op)
        {
            case 0:
                fields.RemoveAt(index);
                request.Mutations.Add($"removed {name}");
                break;
            case 1:
            case 5:
                var value = Value(random, fields[index].Value);
                fields[index] = (name, value);
                request.Mutations.Add($"{name} = {Short(value)}");
                break;
            case 2:
                var unknown = UnknownNames[random.Next(UnknownNames.Length)];
                fields.Insert(random.Next(fields.Count + 1), (unknown, Value(random, "1")));
                request.Mutations.Add($"added {Short(unknown)}");
                break;
            case 3:
                fields[index] = (Renamed(name, random), fields[index].Value);
                request.Mutations.Add($"renamed {name}");
                break;
            case 4:
                fields[index] = (name, Swapped(fields[index].Value));
                request.Mutations.Add($"{name} type swapped");
                break;
            case 6:
                fields.Insert(random.Next(fields.Count + 1), (name, Value(random, fields[index].Value)));
                request.Mutations.Add($"{name} given twice");
                break;
            default:
                var depth = random.Next(2) == 0 ? random.Next(2, 31) : random.Next(31, 3000);
                fields[index] = (name, Nested(fields[index].Value, depth, random.Next(2) == 0));
                request.Mutations.Add($"{name} nested {depth} deep");
                break;
        }
    }

    private static readonly string[] UnknownNames =
    [
        "\"extra\"", "\"\"", "\"__proto__\"", "\"constructor\"", "\"\\u0000\"", "\"\\ud800\"", "\"é\"", "\"🚀\"", "\"a b\"", "\"flag\"",
        "\"" + new string('k', 2000) + "\"",
    ];

    /// <summary>A bad value for a field: fixed edge cases, numbers at and past every limit, long and strange strings.</summary>
    private static string Value(Random random, string original)
    {
        switch (random.Next(10))
        {
            case < 5:
                return EdgeValues[random.Next(EdgeValues.Length)];
            case 5:
                return Quote(LongText(random, random.Next(4) switch { 0 => 256, 1 => 1_000, 2 => 10_000, _ => 60_000 }));
            case 6:
            case 7:
                return Number(random, original);
            default:
                return StringVariant(random, original);
        }
    }

    private static readonly string[] EdgeValues =
    [
        "null", "true", "false", "0", "-0", "-1", "1", "1.5", "-1.5", "0.1", "2", "1e400", "-1e400", "1e-400", "1E+2", "1.0e3", "-0.0",
        "123456789012345678901234567890", "-123456789012345678901234567890", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "79228162514264337593543950335", "79228162514264337593543950336",
        "0.0000000000000000000000000001", "0.00000000000000000000000000001", "9007199254740993", "2147483648", "-2147483649", "4294967296",
        "[]", "{}", "[1,2,3]", "[\"a\"]", "[null]", "{\"a\":1}", "[[]]", "\"\"", "\" \"", "\"\\t\"", "\"null\"", "\"true\"", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "\"1e5\"", "\"1e400\"", "\"0x10\"", "\" 12\"", "\"12 \"", "\"1,5\"", "\"1_000\"", "\"12abc\"", "\"-5\"", "\"+5\"", "\"-0\"",
        "\"-0.000001\"", "\"0.\"", "\".5\"", "\"5.\"", "\"00012\"", "\"99999999999999999999999999999999\"", "\"79228162514264337593543950336\"",
        "\"0.0000000000000000000000000001\"", "\"١٢٣\"", "\"１２３\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\r\\n\"", "\"\\u001f\"", "\"\\u007f\"",
        "\"héllo\"", "\"🚀\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude80\"", "\"\\u202erev\"", "\"a\\u200bb\"", "\"\\ufeff1\"", "\"' OR 1=1 --\"",
        "\"../../etc/passwd\"", "\"<script>alert(1)</script>\"", "\"%00\"", "\"%s%n\"", "\"${jndi:x}\"", "\"\\\\\"", "\"buy\"", "\"sell\"",
        "\"BUY\"", "\"limit\"", "\"market\"", "\"rental\"", "\"purchase\"", "\"p2p\"", "\"limit \"", "\"PAID\"", "\"CANCELLED\"", "\"EXPIRED\"",
        "\"2026-11-21T12:00:00Z\"", "\"2026-13-45\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
        "\"energy\"", "\"ENERGY\"", "\"bandwidth\"", "\"m\"", "\"h\"", "\"d\"", "\"USDT\"", "\"NGN\"", "\"USD\"", "\"JPY\"", "\"btcusdc\"",
        "\"open\"", "\"wait\"", "\"cancel\"", "\"done\"", "\"native\"", "\"feee\"", "\"tronify\"", "\"admin\"", "[\"admin\"]", "\"write\"",
        "\"1000000000000\"", "1000000000000", "\"1000000000000.000000000000000001\"", "\"999999999999.999999999999999999\"",
        "\"0.000000000000000001\"", "0.000000000000000001", "\"0.0000000000000000001\"", "100000000", "100000001", "31999", "32000", "2592000",
        "86400", "600", "31536000", "30", "31", "24", "60", "1000", "1001", "9007199254740991", "9007199254740992", "18", "19", "\"0.9999\"", "\"1\"",
        "\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\"", "\"0x0000000000000000000000000000000000000000\"", "\"a@b\"", "\"@\"", "\"x@y.z\"",
    ];

    private static string Number(Random random, string original)
    {
        var digits = new string(Enumerable.Range(0, random.Next(1, 60)).Select(_ => (char)('0' + random.Next(10))).ToArray());
        var text = random.Next(6) switch
        {
            0 => "-" + digits,
            1 => digits + "." + digits,
            2 => "0." + new string('0', random.Next(5, 40)) + "1",
            3 => digits + "e" + random.Next(-400, 400),
            4 => original.Trim('"').StartsWith('-') ? original.Trim('"')[1..] : "-" + original.Trim('"'),
            _ => digits,
        };
        return random.Next(2) == 0 ? JsonSerializer.Serialize(text) : IsJsonNumber(text) ? text : JsonSerializer.Serialize(text);
    }

    private static bool IsJsonNumber(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string StringVariant(Random random, string original)
    {
        var text = Text(original);
        var variant = random.Next(7) switch
        {
            0 => text + "\u0000",
            1 => text.ToUpperInvariant() == text ? text.ToLowerInvariant() : text.ToUpperInvariant(),
            2 => text.Length > 1 ? text[..random.Next(1, text.Length)] : "",
            3 => " " + text + " ",
            4 => text + "é\u0301🚀",
            5 => text + "\r\n" + text,
            _ => string.Concat(Enumerable.Repeat(text, random.Next(2, 50))),
        };
        return Quote(variant);
    }

    /// <summary>A JSON string with non-ASCII characters as raw UTF-8, not escaped.</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text, RawUnicode);

    private static readonly JsonSerializerOptions RawUnicode = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A string of one character class: letters, digits, control characters, non-ASCII, emoji or a mix.</summary>
    private static string LongText(Random random, int length)
    {
        var kind = random.Next(5);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(kind switch
            {
                0 => (char)('a' + random.Next(26)),
                1 => (char)('0' + random.Next(10)),
                2 => (char)random.Next(0, 32),
                3 => (char)random.Next(0xA0, 0xD7FF),
                _ => random.Next(3) == 0 ? "🚀" : ((char)random.Next(0x20, 0x7F)).ToString(),
            });
        }

        return text.ToString();
    }

    private static string Renamed(string name, Random random)
    {
        var bare = Text(name);
        var renamed = random.Next(4) switch
        {
            0 => bare.ToUpperInvariant(),
            1 => bare + " ",
            2 => bare.Length > 0 ? char.ToUpperInvariant(bare[0]) + bare[1..] : "x",
            _ => bare.Replace('_', '-'),
        };
        return Quote(renamed);
    }

    private static string Swapped(string value) =>
        value.StartsWith('"') ? (IsJsonNumber(value.Trim('"')) ? value.Trim('"') : "[" + value + "]")
        : value is "true" or "false" or "null" ? $"\"{value}\""
        : value.StartsWith('{') || value.StartsWith('[') ? JsonSerializer.Serialize(value)
        : $"\"{value}\"";

    private static string Nested(string value, int depth, bool arrays) =>
        arrays
            ? new string('[', depth) + value + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + value + new string('}', depth);
}
