using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Auth;

namespace Ordo.Server.Tanx;

/// <summary>
/// HS256 JSON Web Tokens for tanX: access tokens (15 minutes) and refresh tokens (7 days). No JWT
/// library resolves here, and HS256 is a few lines: base64url JSON header and claims, HMAC-SHA256
/// over them, compared in constant time. The key is derived from the database's secrets key, so
/// tokens survive a restart and every process on the database accepts them.
/// </summary>
public sealed class TanxTokens(SecretBox box, TimeProvider clock, ServerOptions options)
{
    public const string Access = "access";
    public const string Refresh = "refresh";
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
    private readonly byte[] _key = box.DeriveKey("tanx-jwt");

    public sealed record Claims(
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("user_id")] long AccountId,
        [property: JsonPropertyName("cid")] long CredentialId,
        [property: JsonPropertyName("jti")] string Id,
        [property: JsonPropertyName("iat")] long IssuedAt,
        [property: JsonPropertyName("exp")] long ExpiresAt);

    public (string Access, string Refresh) Issue(long accountId, long credentialId)
    {
        var now = clock.GetUtcNow();
        return (
            Sign(new Claims(Access, accountId, credentialId, Guid.NewGuid().ToString("N"), now.ToUnixTimeSeconds(), (now + options.Tanx.AccessTokenLifetime).ToUnixTimeSeconds())),
            Sign(new Claims(Refresh, accountId, credentialId, Guid.NewGuid().ToString("N"), now.ToUnixTimeSeconds(), (now + options.Tanx.RefreshTokenLifetime).ToUnixTimeSeconds())));
    }

    /// <summary>The claims of a valid, unexpired token of the given type; null for anything else.</summary>
    public Claims? Validate(string token, string tokenType)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (FromBase64Url(parts[2]) is not { } signature || !CryptographicOperations.FixedTimeEquals(signature, expected))
        {
            return null;
        }

        try
        {
            var claims = FromBase64Url(parts[1]) is { } json ? JsonSerializer.Deserialize<Claims>(json) : null;
            return claims is not null && claims.TokenType == tokenType && claims.ExpiresAt > clock.GetUtcNow().ToUnixTimeSeconds() ? claims : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Sign(Claims claims)
    {
        var body = $"{Header}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        return $"{body}.{Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)))}";
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
