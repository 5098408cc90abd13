using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ordo.Server.Tronify;

/// <summary>
/// The <c>flag</c> signature (spec decision): every body field but <c>flag</c> whose value is not
/// empty, sorted by name (ordinal), joined as <c>name=value</c> with <c>&amp;</c>, then
/// <c>&amp;key=&lt;channel secret&gt;</c>; MD5 of the UTF-8 bytes as 32 upper-case hex digits.
/// A string counts by its text, any other value by its JSON text as sent (<c>32000</c>, <c>true</c>).
/// </summary>
public static class TronifyFlag
{
    public const string Field = "flag";

    public static string Compute(JsonElement body, string secret)
    {
        var parts = body.EnumerateObject()
            .Where(p => p.Name != Field)
            .Select(p => (p.Name, Value: Text(p.Value)))
            .Where(p => p.Value.Length > 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}");
        return Compute(string.Join('&', parts), secret);
    }

    /// <summary>The digest of an already-joined field string, for clients and tests that build it by hand.</summary>
    public static string Compute(string joined, string secret) =>
        Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes($"{joined}&key={secret}")));

    /// <summary>Compares in constant time; the case of the hex digits sent does not matter.</summary>
    public static bool Matches(string sent, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sent.ToUpperInvariant()), Encoding.ASCII.GetBytes(expected));

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
