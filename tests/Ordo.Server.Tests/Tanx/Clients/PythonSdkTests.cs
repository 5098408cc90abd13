using System.Net;

namespace Ordo.Server.Tests.Tanx.Clients;

/// <summary>
/// tanX's Python SDK, github.com/tanx-libs/tanx-connector-python (tanx-connector 2.1.0, commit
/// 989f7d7), as src/tanxconnector/client.py and session.py send on requests: <c>json=</c> bodies
/// (json.dumps spacing), <c>params=</c> query strings without the None ones, the login at
/// /sapi/v1/auth/v2/, <c>GET /trades/</c> with its filters as a JSON body, and the token refresh as a
/// form (<c>post(url, {...})</c> is <c>data=</c>). It reads <c>r.json()['payload']</c> and
/// <c>js['token']['access']</c>.
/// </summary>
public sealed class PythonSdkTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_python_sdk_logs_in_places_through_a_nonce_reads_cancels_and_refreshes_with_a_form()
    {
        await SdkMarket.SellerAsync(_server);
        var (_, key, address) = await TanxUser.RegisterAsync(_server, usdc: 1_000m, btc: 0m);
        using var http = _server.Client();
        var sdk = new SdkWire(http, "python-requests/2.31.0", "*/*");

        // test_connection().
        (await sdk.GetAsync("/sapi/v1/health/")).Body["status"]!.GetValue<string>().ShouldBe("success");

        // complete_login(): get_nonce and login at /sapi/v1/auth/v2/.
        await SdkMarket.LoginAsync(sdk, "/sapi/v1/auth/v2/nonce/", "/sapi/v1/auth/v2/login/", key, address);

        // create_complete_order(nonce, stark_key): example/orders.py's market order with a price; stop_price None.
        var bought = await CreateAsync(sdk, """{"market": "btcusdc", "ord_type": "market", "price": 29580.51, "side": "buy", "volume": 0.0001, "stop_price": null}""");
        var resting = await CreateAsync(sdk, """{"market": "btcusdc", "ord_type": "limit", "price": 28000.0, "side": "buy", "volume": 0.0002}""");

        // get_order(order_id): f'/sapi/v1/orders/{order_id}'.
        var (read, got) = await sdk.GetAsync($"/sapi/v1/orders/{resting}");
        read.ShouldBe(HttpStatusCode.OK, got.ToJsonString());
        got["payload"]!["state"]!.GetValue<string>().ShouldBe("wait");

        // list_orders(): limit defaults to 50, the other None parameters are left out.
        var (listed, list) = await sdk.GetAsync("/sapi/v1/orders?limit=50&market=btcusdc");
        listed.ShouldBe(HttpStatusCode.OK, list.ToJsonString());
        list["payload"]!.AsArray().Count.ShouldBe(2);

        // cancel_order(order_id).
        var (cancelled, cancel) = await sdk.PostAsync("/sapi/v1/orders/cancel/", $$"""{"order_id": {{resting}}}""");
        cancelled.ShouldBe(HttpStatusCode.OK, cancel.ToJsonString());
        cancel["payload"]!["order_id"]!.GetValue<long>().ShouldBe(resting);

        // bulk_cancel(data): example/bulk_cancel.py.
        var open = await CreateAsync(sdk, """{"market": "btcusdc", "ord_type": "limit", "price": 27000.0, "side": "buy", "volume": 0.0003}""");
        var (bulk, bulked) = await sdk.PostAsync("/sapi/v1/user/bulkcancel/", """{"market": "btcusdc", "limit": 100, "side": "buy"}""");
        bulk.ShouldBe(HttpStatusCode.OK, bulked.ToJsonString());
        (await sdk.GetAsync($"/sapi/v1/orders/{open}")).Body["payload"]!["state"]!.GetValue<string>().ShouldBe("cancel");

        // list_trades(limit, market): session.get('/sapi/v1/trades/', json=body).
        var (traded, trades) = await sdk.GetAsync("/sapi/v1/trades/", """{"limit": 10, "market": "btcusdc", "order_by": "asc"}""");
        traded.ShouldBe(HttpStatusCode.OK, trades.ToJsonString());
        trades["payload"]!.AsArray().Single()!["order_id"]!.GetValue<long>().ShouldBe(bought);
        (await sdk.GetAsync("/sapi/v1/trades/", """{"market": "ethusdc"}""")).Body["payload"]!.AsArray().ShouldBeEmpty("the body's filter is applied");
        var (refused, refusal) = await sdk.GetAsync("/sapi/v1/trades/", """{"limit": 0}""");
        refused.ShouldBe(HttpStatusCode.BadRequest);
        refusal["message"]!.GetValue<string>().ShouldStartWith("limit:");

        // get_balance() and get_balance(currency).
        (await sdk.GetAsync("/sapi/v1/user/balance/")).Body["payload"]!.AsArray().Select(b => b!["currency"]!.GetValue<string>()).ShouldBe(["btc", "usdc"], ignoreOrder: true);
        (await sdk.GetAsync("/sapi/v1/user/balance/?currency=btc")).Body["payload"]!["balance"]!.GetValue<string>().ShouldBe("0.00009993");

        // get_profile_info(): example/orders.py prints payload.username.
        (await sdk.GetAsync("/sapi/v1/user/profile/")).Body["payload"]!["username"]!.GetValue<string>().ShouldBe(address);

        // Session.request: a 401 whose payload.token_type is "access" makes refresh_tokens() post a form.
        _server.Clock.Advance(TimeSpan.FromMinutes(16));
        var (expired, stale) = await sdk.GetAsync("/sapi/v1/user/profile/");
        expired.ShouldBe(HttpStatusCode.Unauthorized);
        stale["payload"]!["token_type"]!.GetValue<string>().ShouldBe("access");
        var (refreshed, tokens) = await sdk.PostFormAsync("/sapi/v1/auth/token/refresh/", [new("refresh", sdk.Refresh!)]);
        refreshed.ShouldBe(HttpStatusCode.OK, tokens.ToJsonString());
        sdk.Jwt = tokens["payload"]!["access"]!.GetValue<string>();
        (await sdk.GetAsync("/sapi/v1/user/profile/")).Status.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>create_order_nonce, then sign_order_with_stark_private_key's body: hex(r), hex(s).</summary>
    private static async Task<long> CreateAsync(SdkWire sdk, string nonceBody)
    {
        var (nonced, nonce) = await sdk.PostAsync("/sapi/v1/orders/nonce/", nonceBody);
        nonced.ShouldBe(HttpStatusCode.OK, nonce.ToJsonString());
        var msgHash = nonce["payload"]!["msg_hash"]!.GetValue<string>();
        var (status, order) = await sdk.PostAsync(
            "/sapi/v1/orders/create/", $$"""{"nonce": {{nonce["payload"]!["nonce"]!.GetValue<long>()}}, "msg_hash": "{{msgHash}}", "signature": {{SdkMarket.Signature(msgHash)}}}""");
        status.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        return order["payload"]!["id"]!.GetValue<long>();
    }
}
