using System.Net;
using System.Net.Http.Headers;

using Ordo.Server.Tanx;

namespace Ordo.Server.Tests.Tanx;

/// <summary>Logging in with personal_sign and living with HS256 tokens: good, wrong, reused, expired, refreshed.</summary>
public sealed class TanxLoginTests : IAsyncLifetime
{
    private const string InvalidTokenPayload = """{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired","code":"token_not_valid"}""";
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        await _server.MarketAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_good_signature_logs_in_and_the_token_opens_the_private_routes()
    {
        var user = await TanxUser.CreateAsync(_server);
        var (status, orders) = await user.GetAsync("/sapi/v1/orders/");
        status.ShouldBe(HttpStatusCode.OK);
        orders["status"]!.GetValue<string>().ShouldBe("success");
        orders["payload"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_signature_a_reused_nonce_and_an_unknown_address_are_refused()
    {
        var user = await TanxUser.CreateAsync(_server);
        using var http = _server.Client();
        var (_, nonce) = await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{user.Address}}"}""");
        var message = nonce["payload"]!.GetValue<string>();

        var forged = Ethereum.PersonalSign(message, TanxUser.NewKey());
        var (wrong, refusal) = await Login(http, user.Address, forged);
        wrong.ShouldBe(HttpStatusCode.Unauthorized);
        refusal["status"]!.GetValue<string>().ShouldBe("error");
        refusal["payload"]!.GetValue<string>().ShouldBe("");

        // A wrong signature does not spend the nonce of the address it names: the owner still logs in with it.
        var good = Ethereum.PersonalSign(message, user.Key);
        (await Login(http, user.Address, good)).Status.ShouldBe(HttpStatusCode.OK);
        (await Login(http, user.Address, good)).Status.ShouldBe(HttpStatusCode.Unauthorized, "a nonce logs in once");

        var (_, second) = await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{user.Address.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)}}"}""");
        var signature = Ethereum.PersonalSign(second["payload"]!.GetValue<string>(), user.Key);
        (await Login(http, user.Address, signature)).Status.ShouldBe(HttpStatusCode.OK, "addresses match whatever their case");

        var stranger = TanxUser.NewKey();
        var strangerAddress = Ethereum.AddressOf(stranger);
        var (noNonce, theirs) = await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{strangerAddress}}"}""");
        noNonce.ShouldBe(HttpStatusCode.Unauthorized, "nonces are issued for registered addresses only");
        theirs.ToJsonString().ShouldBe("""{"status":"error","message":"No account is registered for this eth_address","payload":""}""");
        (await Login(http, strangerAddress, Ethereum.PersonalSign("any message", stranger))).Status
            .ShouldBe(HttpStatusCode.Unauthorized, "no account has this address");
    }

    [Fact]
    public async Task A_nonce_is_valid_for_five_minutes()
    {
        var user = await TanxUser.CreateAsync(_server);
        using var http = _server.Client();
        var (_, nonce) = await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{user.Address}}"}""");
        _server.Clock.Advance(TimeSpan.FromMinutes(5));
        (await Login(http, user.Address, Ethereum.PersonalSign(nonce["payload"]!.GetValue<string>(), user.Key))).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_or_forged_token_gets_401_with_the_token_payload_and_no_token_gets_its_own_message()
    {
        var user = await TanxUser.CreateAsync(_server);
        _server.Clock.Advance(TimeSpan.FromMinutes(15));
        var (expired, body) = await user.GetAsync("/sapi/v1/orders/");
        expired.ShouldBe(HttpStatusCode.Unauthorized);
        body["message"]!.GetValue<string>().ShouldBe("Given token not valid for any token type");
        body["payload"]!.ToJsonString().ShouldBe(InvalidTokenPayload);

        using var forged = _server.Client();
        var token = user.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("JWT", token[..^2] + (token[^2] == 'A' ? "BA" : "AA"));
        var (_, tampered) = await TanxUser.Send(forged, HttpMethod.Get, "/sapi/v1/orders/", null);
        tampered["payload"]!.ToJsonString().ShouldBe(InvalidTokenPayload);

        using var anonymous = _server.Client();
        var (missing, none) = await TanxUser.Send(anonymous, HttpMethod.Post, "/sapi/v1/orders/cancel/", """{"order_id":1}""");
        missing.ShouldBe(HttpStatusCode.Unauthorized);
        none.ToJsonString().ShouldBe("""{"status":"error","message":"Authentication credentials were not provided.","payload":""}""");
    }

    [Fact]
    public async Task A_refresh_token_rotates_once_and_expires_after_seven_days()
    {
        var user = await TanxUser.CreateAsync(_server);
        using var http = _server.Client();
        _server.Clock.Advance(TimeSpan.FromMinutes(20));
        var (status, refreshed) = await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/token/refresh/", $$"""{"refresh":"{{user.Refresh}}"}""");
        status.ShouldBe(HttpStatusCode.OK);
        var access = refreshed["payload"]!["access"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("JWT", access);
        (await TanxUser.Send(http, HttpMethod.Get, "/sapi/v1/orders/", null)).Status.ShouldBe(HttpStatusCode.OK);

        var (reused, again) = await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/token/refresh/", $$"""{"refresh":"{{user.Refresh}}"}""");
        reused.ShouldBe(HttpStatusCode.Unauthorized);
        again["payload"]!["token_class"]!.GetValue<string>().ShouldBe("RefreshToken");
        (await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/token/refresh/", $$"""{"refresh":"{{access}}"}""")).Status
            .ShouldBe(HttpStatusCode.Unauthorized, "an access token is no refresh token");

        _server.Clock.Advance(TimeSpan.FromDays(7));
        var rotated = refreshed["payload"]!["refresh"]!.GetValue<string>();
        (await TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/token/refresh/", $$"""{"refresh":"{{rotated}}"}""")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)> Login(HttpClient http, string address, string signature) =>
        TanxUser.Send(http, HttpMethod.Post, "/sapi/v1/auth/login/", $$"""{"eth_address":"{{address}}","user_signature":"{{signature}}"}""");
}
