using System.Net;
using System.Text.Json;

namespace Ordo.Server.Tests.Tanx.Clients;

/// <summary>
/// tanX's Go SDK, github.com/tanx-libs/tanx-connector-go (commit c33f960), as client/client.go,
/// login.go, health.go, order.go, balance.go, profile.go and trades.go send on net/http: JSON from
/// structs (no spaces; a float64 price of 0 for a market order), query strings from url.Values
/// (sorted), <c>Authorization: JWT</c>, no Accept header. It decodes into typed structs, so the
/// kinds matter: <c>payload.nonce</c> and <c>order_id</c> must be integers, <c>img</c> null (a []byte),
/// and <c>Balance(currency)</c> decodes one object, not a list.
/// </summary>
public sealed class GoSdkTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_go_sdk_logs_in_places_through_a_nonce_reads_cancels_and_refreshes()
    {
        await SdkMarket.SellerAsync(_server);
        var (_, key, address) = await TanxUser.RegisterAsync(_server, usdc: 1_000m, btc: 0m);
        using var http = _server.Client();
        var sdk = new SdkWire(http, "Go-http-client/1.1", accept: null);

        // Health(ctx): HEALTH_ENDPOINT, decoded as {status, message, payload string}.
        var (up, health) = await sdk.GetAsync("/sapi/v1/health/");
        up.ShouldBe(HttpStatusCode.OK);
        health["payload"]!.GetValue<string>().ShouldBe("");

        // Login(ctx, ethAddress, privateKey): NONCE_ENDPOINT and LOGIN_ENDPOINT, /sapi/v2/auth/.
        await SdkMarket.LoginAsync(sdk, "/sapi/v2/auth/nonce/", "/sapi/v2/auth/login/", key, address);

        // OrderCreate(ctx, starkKey, OrderNonceRequest): a market order marshals its zero price.
        var bought = await CreateAsync(sdk, """{"market":"btcusdc","ord_type":"market","price":0,"side":"buy","volume":0.0001}""");
        var resting = await CreateAsync(sdk, """{"market":"btcusdc","ord_type":"limit","price":28000.5,"side":"buy","volume":0.0002}""");

        // OrderGet(ctx, id): orderURL.JoinPath("/%d/").
        var (read, got) = await sdk.GetAsync($"/sapi/v1/orders/{resting}/");
        read.ShouldBe(HttpStatusCode.OK, got.ToJsonString());
        got["payload"]!["id"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        got["payload"]!["price"]!.GetValue<string>().ShouldBe("28000.5");

        // OrdersList(ctx, OrderListOptions): url.Values.Encode sorts the names.
        var (listed, list) = await sdk.GetAsync("/sapi/v1/orders/?base_unit=btc&limit=10&page=1&quote_unit=usdc&side=buy");
        listed.ShouldBe(HttpStatusCode.OK, list.ToJsonString());
        list["payload"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ShouldBe([resting, bought]);
        (await sdk.GetAsync("/sapi/v1/orders/?base_unit=eth&limit=10&quote_unit=usdc")).Body["payload"]!.AsArray().ShouldBeEmpty("no such market");

        // OrderCancel(ctx, orderID): OrderPayload has both ID and OrderID.
        var (cancelled, cancel) = await sdk.PostAsync("/sapi/v1/orders/cancel/", $$"""{"order_id":{{resting}}}""");
        cancelled.ShouldBe(HttpStatusCode.OK, cancel.ToJsonString());
        cancel["payload"]!["order_id"]!.GetValue<long>().ShouldBe(resting);
        cancel["payload"]!["id"]!.GetValue<long>().ShouldBe(resting);

        // Balance(ctx, currency): always with ?currency=, into one BalancePayload.
        var (_, balance) = await sdk.GetAsync("/sapi/v1/user/balance/?currency=usdc");
        balance["payload"]!.GetValueKind().ShouldBe(JsonValueKind.Object);
        balance["payload"]!["currency"]!.GetValue<string>().ShouldBe("usdc");
        balance["payload"]!["balance"]!.GetValue<string>().ShouldBe("997.1");
        var (_, never) = await sdk.GetAsync("/sapi/v1/user/balance/?currency=eth");
        never["payload"]!.ToJsonString().ShouldBe("""{"currency":"eth","balance":"0","locked":"0","deposit_address":null}""");

        // Profile(ctx): Img is a []byte, so it must be null (or base64), never free text.
        var (_, profile) = await sdk.GetAsync("/sapi/v1/user/profile/");
        profile["payload"]!["img"].ShouldBeNull();
        profile["payload"]!["customer_id"]!.GetValueKind().ShouldBe(JsonValueKind.String);
        profile["payload"]!["username"]!.GetValue<string>().ShouldBe(address);

        // TradesList(ctx, TradesListOptions).
        var (_, trades) = await sdk.GetAsync("/sapi/v1/trades/?limit=10&market=btcusdc&order_by=desc&page=1");
        var trade = trades["payload"]!.AsArray().Single()!;
        trade["id"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        trade["order_id"]!.GetValue<long>().ShouldBe(bought);
        foreach (var field in new[] { "price", "amount", "total", "fee_currency", "fee", "fee_amount", "market", "created_at", "taker_type", "side" })
        {
            trade[field]!.GetValueKind().ShouldBe(JsonValueKind.String, field);
        }

        // RefreshTokens(ctx): REFRESH_TOKEN_ENDPOINT, JSON.
        var (refreshed, tokens) = await sdk.PostAsync("/sapi/v1/auth/token/refresh/", $$"""{"refresh":"{{sdk.Refresh}}"}""");
        refreshed.ShouldBe(HttpStatusCode.OK, tokens.ToJsonString());
        sdk.Jwt = tokens["payload"]!["access"]!.GetValue<string>();
        (await sdk.GetAsync("/sapi/v1/user/profile/")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<long> CreateAsync(SdkWire sdk, string nonceBody)
    {
        var (nonced, nonce) = await sdk.PostAsync("/sapi/v1/orders/nonce/", nonceBody);
        nonced.ShouldBe(HttpStatusCode.OK, nonce.ToJsonString());
        nonce["payload"]!["nonce"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        var number = nonce["payload"]!["nonce"]!.GetValue<long>();
        var msgHash = nonce["payload"]!["msg_hash"]!.GetValue<string>();
        var (status, order) = await sdk.PostAsync(
            "/sapi/v1/orders/create/", $$"""{"msg_hash":"{{msgHash}}","signature":{{SdkMarket.Signature(msgHash).Replace(" ", "")}},"nonce":{{number}}}""");
        status.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        order["status"]!.GetValue<string>().ShouldBe("success");
        return order["payload"]!["id"]!.GetValue<long>();
    }
}
