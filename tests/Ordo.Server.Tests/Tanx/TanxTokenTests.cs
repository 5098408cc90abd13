using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Ordo.Server.Auth;
using Ordo.Server.Tanx;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tanx;

/// <summary>
/// Strict validation of tanX's tokens: only HS256 with this server's key, header <c>typ</c> JWT,
/// Ordo's issuer and audience, the right token type, and a lifetime read from the injected clock.
/// Tampered tokens are built by hand here, signed correctly where the point is that the signature
/// alone is not enough.
/// </summary>
public sealed class TanxTokenTests
{
    private readonly ManualClock _clock = new();
    private readonly SecretBox _box = new(RandomNumberGenerator.GetBytes(32));
    private readonly TanxTokens _tokens;

    public TanxTokenTests() => _tokens = new TanxTokens(_box, _clock, new ServerOptions());

    private byte[] Key => _box.DeriveKey("tanx-jwt");

    [Fact]
    public async Task A_fresh_token_names_its_account_and_credential()
    {
        var (access, refresh) = _tokens.Issue(100, 7);
        var claims = (await _tokens.ValidateAsync(access, TanxTokens.Access))!;
        (claims.AccountId, claims.CredentialId, claims.TokenType).ShouldBe((100L, 7L, TanxTokens.Access));
        (await _tokens.ValidateAsync(refresh, TanxTokens.Refresh))!.Id.ShouldNotBe(claims.Id);
        Header(access)["alg"]!.GetValue<string>().ShouldBe("HS256");
        Header(access)["typ"]!.GetValue<string>().ShouldBe("JWT");
    }

    [Fact]
    public async Task Expiry_follows_the_injected_clock()
    {
        var (access, refresh) = _tokens.Issue(100, 7);
        _clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        (await _tokens.ValidateAsync(access, TanxTokens.Access)).ShouldNotBeNull();
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await _tokens.ValidateAsync(access, TanxTokens.Access)).ShouldBeNull("15 minutes on the manual clock, no skew");
        (await _tokens.ValidateAsync(refresh, TanxTokens.Refresh)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_token_from_the_future_is_not_valid_yet()
    {
        var (access, _) = _tokens.Issue(100, 7);
        _clock.Advance(TimeSpan.FromMinutes(-1));
        (await _tokens.ValidateAsync(access, TanxTokens.Access)).ShouldBeNull();
    }

    [Fact]
    public async Task Alg_none_is_refused()
    {
        var (access, _) = _tokens.Issue(100, 7);
        var unsigned = $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{access.Split('.')[1]}.";
        (await _tokens.ValidateAsync(unsigned, TanxTokens.Access)).ShouldBeNull();
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task Another_algorithm_is_refused_even_with_the_right_key(string alg)
    {
        var (access, _) = _tokens.Issue(100, 7);
        var forged = Sign($$"""{"alg":"{{alg}}","typ":"JWT"}""", Payload(access), data => alg == "HS384" ? HMACSHA384.HashData(Key, data) : HMACSHA512.HashData(Key, data));
        (await _tokens.ValidateAsync(forged, TanxTokens.Access)).ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"alg":"HS256","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256"}""")]
    public async Task A_wrong_or_missing_typ_is_refused(string header)
    {
        var (access, _) = _tokens.Issue(100, 7);
        var forged = Sign(header, Payload(access), data => HMACSHA256.HashData(Key, data));
        (await _tokens.ValidateAsync(forged, TanxTokens.Access)).ShouldBeNull();
    }

    [Fact]
    public async Task The_signing_recipe_above_is_the_servers_own()
    {
        // Guards the tests above: the same recipe with the right header is accepted.
        var (access, _) = _tokens.Issue(100, 7);
        var resigned = Sign("""{"alg":"HS256","typ":"JWT"}""", Payload(access), data => HMACSHA256.HashData(Key, data));
        (await _tokens.ValidateAsync(resigned, TanxTokens.Access)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("iss", "someone-else")]
    [InlineData("aud", "another-api")]
    [InlineData("user_id", "not a number")]
    public async Task A_wrong_issuer_audience_or_claim_is_refused(string claim, string value)
    {
        var (access, _) = _tokens.Issue(100, 7);
        var payload = Payload(access);
        payload[claim] = value;
        var forged = Sign("""{"alg":"HS256","typ":"JWT"}""", payload, data => HMACSHA256.HashData(Key, data));
        (await _tokens.ValidateAsync(forged, TanxTokens.Access)).ShouldBeNull();
    }

    [Fact]
    public async Task Another_servers_key_a_changed_claim_or_the_other_token_type_is_refused()
    {
        var (access, refresh) = _tokens.Issue(100, 7);
        var stranger = new TanxTokens(new SecretBox(RandomNumberGenerator.GetBytes(32)), _clock, new ServerOptions());
        (await stranger.ValidateAsync(access, TanxTokens.Access)).ShouldBeNull();

        var payload = Payload(access);
        payload["user_id"] = 101;
        var parts = access.Split('.');
        (await _tokens.ValidateAsync($"{parts[0]}.{Encode(payload.ToJsonString())}.{parts[2]}", TanxTokens.Access)).ShouldBeNull();

        (await _tokens.ValidateAsync(refresh, TanxTokens.Access)).ShouldBeNull();
        (await _tokens.ValidateAsync(access, TanxTokens.Refresh)).ShouldBeNull();
        (await _tokens.ValidateAsync("not.a.token", TanxTokens.Access)).ShouldBeNull();
        (await _tokens.ValidateAsync("", TanxTokens.Access)).ShouldBeNull();
    }

    private static JsonObject Header(string token) => JsonNode.Parse(Decode(token.Split('.')[0]))!.AsObject();

    private static JsonObject Payload(string token) => JsonNode.Parse(Decode(token.Split('.')[1]))!.AsObject();

    private static string Sign(string header, JsonObject payload, Func<byte[], byte[]> mac)
    {
        var body = $"{Encode(header)}.{Encode(payload.ToJsonString())}";
        return $"{body}.{Base64Url(mac(Encoding.ASCII.GetBytes(body)))}";
    }

    private static string Encode(string json) => Base64Url(Encoding.UTF8.GetBytes(json));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
