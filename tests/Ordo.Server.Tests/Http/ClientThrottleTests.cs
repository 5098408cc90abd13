using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using Ordo.Server.Feee;
using Ordo.Server.Tests.Tanx;
using Ordo.Server.Tronify;

namespace Ordo.Server.Tests.Http;

/// <summary>
/// Throttling before authentication, per client address: each failed authentication and each call
/// to an endpoint without a credential spends a token; an address without tokens is refused before
/// any lookup, in the dialect's own envelope with <c>Retry-After</c>. The bucket here holds 3 tokens
/// and refills one an hour, so the tests exhaust it at once and never wait.
/// </summary>
public sealed class ClientThrottleTests : IAsyncLifetime
{
    private const int Burst = 3;
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new ServerOptions
    {
        ClientAddressLimit = 1,
        ClientAddressWindow = TimeSpan.FromHours(1),
        ClientAddressBurst = Burst,
        SweepInterval = TimeSpan.FromHours(1),
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Native_bad_keys_are_throttled_and_then_even_a_good_key_from_that_address_waits()
    {
        var tenant = await _server.TenantAsync();
        using var wrong = _server.Client("ordo_not_a_key");
        for (var i = 0; i < Burst; i++)
        {
            (await wrong.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var limited = await wrong.GetAsync("/v1/orders");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        RetryAfter(limited).ShouldBeGreaterThan(0);
        (await ServerFixture.Json(limited))["code"]!.GetValue<string>().ShouldBe("rate_limited");
        (await tenant.Http.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.TooManyRequests, "the address is throttled before authentication");
    }

    [Fact]
    public async Task Good_keys_spend_nothing_of_the_address_budget()
    {
        var tenant = await _server.TenantAsync();
        for (var i = 0; i < Burst * 3; i++)
        {
            (await tenant.Http.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Feee_answers_its_own_too_many_requests_code()
    {
        using var http = _server.Client();
        http.DefaultRequestHeaders.Add("key", "ordo_feee_wrong");
        for (var i = 0; i < Burst; i++)
        {
            (await ServerFixture.Json(await http.GetAsync("/open/v2/api/query")))["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidKey);
        }

        using var limited = await http.GetAsync("/open/v2/api/query");
        limited.StatusCode.ShouldBe(HttpStatusCode.OK, "Feee answers every outcome with HTTP 200");
        (await ServerFixture.Json(limited))["code"]!.GetValue<int>().ShouldBe(FeeeCodes.TooManyRequests);
        RetryAfter(limited).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Xendbridge_and_fungies_answer_429_in_their_envelopes()
    {
        using var xend = _server.Client();
        xend.DefaultRequestHeaders.Add("secretKey", "wrong");
        const string pending = "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=a%40example.com";
        for (var i = 0; i < Burst; i++)
        {
            (await xend.GetAsync(pending)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var xendLimited = await xend.GetAsync(pending);
        xendLimited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        RetryAfter(xendLimited).ShouldBeGreaterThan(0);
        (await ServerFixture.Json(xendLimited))["status"]!.GetValue<string>().ShouldBe("TooManyRequests");

        using var fungies = _server.Client();
        fungies.DefaultRequestHeaders.Add("x-fngs-public-key", "pub_wrong");
        using var fungiesLimited = await fungies.GetAsync("/v0/orders/list");
        fungiesLimited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the same address, already out of tokens");
        RetryAfter(fungiesLimited).ShouldBeGreaterThan(0);
        (await ServerFixture.Json(fungiesLimited))["status"]!.GetValue<string>().ShouldBe("error");
    }

    [Fact]
    public async Task Tronify_unknown_source_flags_and_wrong_flags_are_throttled()
    {
        var channel = await _server.TronifyUserAsync();
        var stranger = channel with { SourceFlag = "nobody", Secret = "guess" };
        (await stranger.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(TronifyCodes.UnknownSourceFlag);
        var forger = channel with { Secret = "guess" };
        (await forger.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(TronifyCodes.FlagMismatch);
        (await forger.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(TronifyCodes.FlagMismatch);

        using var limited = await channel.Http.PostAsync("/api/tronRent/pledgeConfig", ServerFixture.Body($$"""{"sourceFlag":"{{channel.SourceFlag}}","address":"{{Orders.Address}}"}"""));
        RetryAfter(limited).ShouldBeGreaterThan(0);
        (await ServerFixture.Json(limited))["resCode"]!.GetValue<int>().ShouldBe(TronifyCodes.TooManyRequests);
    }

    [Fact]
    public async Task Tanx_nonce_and_login_spend_the_address_budget_and_bad_tokens_too()
    {
        await _server.MarketAsync();
        var id = await _server.AccountAsync(trx: 0m);
        var key = TanxUser.NewKey();
        var address = Ordo.Server.Tanx.Ethereum.AddressOf(key);
        using (var admin = _server.Admin())
        {
            (await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "tanx", eth_address = address })).EnsureSuccessStatusCode();
        }

        using var http = _server.Client();
        var (access, _) = await TanxUser.LoginAsync(http, key);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("JWT", access + "x");
        (await TanxUser.Send(http, HttpMethod.Get, "/sapi/v1/orders/", null)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        using var limited = await http.PostAsync("/sapi/v1/auth/nonce/", ServerFixture.Body($$"""{"eth_address":"{{address}}"}"""));
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        RetryAfter(limited).ShouldBeGreaterThan(0);
        (await ServerFixture.Json(limited)).ToJsonString().ShouldBe("""{"status":"error","message":"Too many requests","payload":""}""");
    }

    private static int RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : 0;
}

/// <summary>Tronify checks the flag before it spends the channel's rate budget: forged calls cannot exhaust it.</summary>
public sealed class TronifyBudgetTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new ServerOptions
    {
        RateLimitPerSecond = 1,
        RateLimitBurst = 4,
        SweepInterval = TimeSpan.FromHours(1),
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Wrong_flags_do_not_spend_the_channels_budget()
    {
        var channel = await _server.TronifyUserAsync();
        var forger = channel with { Secret = "guess" };
        for (var i = 0; i < 10; i++)
        {
            (await forger.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(TronifyCodes.FlagMismatch, $"attempt {i}: refused for its flag, not for the budget");
        }

        (await channel.RentAsync())["resCode"]!.GetValue<int>().ShouldBe(100, "the channel's tokens are still there");
    }
}
