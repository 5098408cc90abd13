using System.Net;

namespace Ordo.Server.Tests.Tanx.Clients;

/// <summary>
/// tanX's Node SDK, github.com/tanx-libs/tanx-connector-nodejs (@tanx-libs/tanx-connector 2.0.0,
/// commit d30d845), as src/client.ts and src/axiosInstance.ts send on axios: JSON bodies from
/// objects (numbers stay numbers), GET parameters in the query string, <c>Authorization: JWT</c>,
/// a refresh and one retry when a 401's <c>payload.token_type</c> is "access". It reads
/// <c>res.data.payload</c>, <c>token.access</c>/<c>token.refresh</c> and the cancel's <c>payload.order_id</c>.
/// </summary>
public sealed class NodeSdkTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_node_sdk_logs_in_places_through_a_nonce_reads_cancels_and_refreshes()
    {
        var seller = await SdkMarket.SellerAsync(_server);
        var (_, key, address) = await TanxUser.RegisterAsync(_server, usdc: 1_000m, btc: 0m);
        using var http = _server.Client();
        var sdk = new SdkWire(http, "axios/1.6.8", "application/json, text/plain, */*");

        // testConnection(): GET /sapi/v1/health/, no token.
        var (up, health) = await sdk.GetAsync("/sapi/v1/health/");
        up.ShouldBe(HttpStatusCode.OK);
        health.ToJsonString().ShouldBe("""{"status":"success","message":"Working fine!","payload":""}""");

        // completeLogin(): getNonce and login at /sapi/v2/auth/.
        var login = await SdkMarket.LoginAsync(sdk, "/sapi/v2/auth/nonce/", "/sapi/v2/auth/login/", key, address);
        login["payload"]!["uid"]!.GetValue<string>().ShouldStartWith("ID");

        // createOrderNonce() then createNewOrder(): example/rest.ts's market buy, which carries a price.
        var (nonced, nonce) = await sdk.PostAsync("/sapi/v1/orders/nonce/", """{"market":"btcusdc","ord_type":"market","price":29580.51,"side":"buy","volume":0.0001}""");
        nonced.ShouldBe(HttpStatusCode.OK, nonce.ToJsonString());
        var payload = nonce["payload"]!;
        var msgHash = payload["msg_hash"]!.GetValue<string>();
        msgHash.ShouldStartWith("0x");
        var (created, order) = await sdk.PostAsync(
            "/sapi/v1/orders/create/", $$"""{"msg_hash":"{{msgHash}}","signature":{{SdkMarket.Signature(msgHash)}},"nonce":{{payload["nonce"]!.GetValue<long>()}}}""");
        created.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        order["message"]!.GetValue<string>().ShouldBe("Created Order Successfully");
        order["payload"]!["ord_type"]!.GetValue<string>().ShouldBe("market");
        order["payload"]!["price"].ShouldBeNull("a market order takes the book's price");
        order["payload"]!["state"]!.GetValue<string>().ShouldBe("done");
        var bought = order["payload"]!["id"]!.GetValue<long>();

        // A limit buy that rests, to read and cancel.
        var resting = await PlaceAsync(sdk, """{"market":"btcusdc","ord_type":"limit","price":28000,"side":"buy","volume":0.0002}""");

        // getOrder(orderId): `/sapi/v1/orders/${orderId}`, no trailing slash.
        var (read, got) = await sdk.GetAsync($"/sapi/v1/orders/{resting}");
        read.ShouldBe(HttpStatusCode.OK, got.ToJsonString());
        got["payload"]!["id"]!.GetValue<long>().ShouldBe(resting);
        got["payload"]!["price"]!.GetValue<string>().ShouldBe("28000");
        got["payload"]!["trades"]!.AsArray().ShouldBeEmpty();

        // listOrders(params): `/sapi/v1/orders` with axios' query string.
        var (listed, list) = await sdk.GetAsync("/sapi/v1/orders?limit=10&page=1&market=btcusdc&order_by=asc");
        listed.ShouldBe(HttpStatusCode.OK, list.ToJsonString());
        list["payload"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ShouldBe([bought, resting]);

        // ListOrdersParams' states and types that Ordo never has match nothing.
        (await sdk.GetAsync("/sapi/v1/orders?state=pending")).Body["payload"]!.AsArray().ShouldBeEmpty();
        (await sdk.GetAsync("/sapi/v1/orders?ord_type=stop_limit")).Body["payload"]!.AsArray().ShouldBeEmpty();
        (await sdk.GetAsync("/sapi/v1/orders?state=wait")).Body["payload"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(resting);

        // cancelOrder(orderId): the answer is read as { order_id, ... }.
        var (cancelled, cancel) = await sdk.PostAsync("/sapi/v1/orders/cancel/", $$"""{"order_id":{{resting}}}""");
        cancelled.ShouldBe(HttpStatusCode.OK, cancel.ToJsonString());
        cancel["payload"]!["order_id"]!.GetValue<long>().ShouldBe(resting);
        cancel["payload"]!["id"]!.GetValue<long>().ShouldBe(resting);
        cancel["payload"]!["state"]!.GetValue<string>().ShouldBe("cancel");

        // bulkCancel(body): bulkCancelParams types limit as a string.
        var open = await PlaceAsync(sdk, """{"market":"btcusdc","ord_type":"limit","price":27000,"side":"buy","volume":0.0003}""");
        var (bulk, bulked) = await sdk.PostAsync("/sapi/v1/user/bulkcancel/", """{"market":"btcusdc","limit":"100","side":"buy"}""");
        bulk.ShouldBe(HttpStatusCode.OK, bulked.ToJsonString());
        bulked.ToJsonString().ShouldBe("""{"status":"success","message":"Orders are successfully queued for cancellation","payload":{}}""");
        (await sdk.GetAsync($"/sapi/v1/orders/{open}")).Body["payload"]!["state"]!.GetValue<string>().ShouldBe("cancel");

        // getBalance(): every currency; getBalance({currency}): that one.
        var (_, balances) = await sdk.GetAsync("/sapi/v1/user/balance/");
        var btc = balances["payload"]!.AsArray().Single(b => b!["currency"]!.GetValue<string>() == "btc")!;
        btc["balance"]!.GetValue<string>().ShouldBe("0.00009993", "0.0001 less the taker fee");
        btc["locked"]!.GetValue<string>().ShouldBe("0");
        btc["deposit_address"].ShouldBeNull();
        var (_, usdc) = await sdk.GetAsync("/sapi/v1/user/balance/?currency=usdc");
        usdc["payload"]!["currency"]!.GetValue<string>().ShouldBe("usdc");
        usdc["payload"]!["balance"]!.GetValue<string>().ShouldBe("997.1");
        usdc["payload"]!["locked"]!.GetValue<string>().ShouldBe("0");

        // getProfileInfo().
        var (_, profile) = await sdk.GetAsync("/sapi/v1/user/profile/");
        profile["payload"]!["username"]!.GetValue<string>().ShouldBe(address);
        profile["payload"]!["img"].ShouldBeNull();
        profile["payload"]!["stark_key"]!.GetValue<string>().ShouldBe("");

        // listTrades(params).
        var (_, trades) = await sdk.GetAsync("/sapi/v1/trades/?limit=10&page=1&market=btcusdc");
        var trade = trades["payload"]!.AsArray().Single()!;
        trade["order_id"]!.GetValue<long>().ShouldBe(bought);
        trade["price"]!.GetValue<string>().ShouldBe("29000");
        trade["amount"]!.GetValue<string>().ShouldBe("0.0001");
        trade["total"]!.GetValue<string>().ShouldBe("2.9");
        trade["side"]!.GetValue<string>().ShouldBe("buy");
        trade["taker_type"]!.GetValue<string>().ShouldBe("buy");
        trade["fee_currency"]!.GetValue<string>().ShouldBe("btc");
        trade["fee"]!.GetValue<string>().ShouldBe("0.0007", "the taker's rate");
        trade["fee_amount"]!.GetValue<string>().ShouldBe("0.00000007");
        (await seller.GetAsync("/sapi/v1/trades/")).Body["payload"]![0]!["fee"]!.GetValue<string>().ShouldBe("0.0004", "the maker's rate");

        // The access token expires: 401 with payload.token_type "access", so axiosInstance refreshes and retries.
        _server.Clock.Advance(TimeSpan.FromMinutes(16));
        var (expired, refusal) = await sdk.GetAsync("/sapi/v1/user/profile/");
        expired.ShouldBe(HttpStatusCode.Unauthorized);
        refusal["payload"]!["token_type"]!.GetValue<string>().ShouldBe("access");
        var (refreshed, tokens) = await sdk.PostAsync("/sapi/v1/auth/token/refresh/", $$"""{"refresh":"{{sdk.Refresh}}"}""");
        refreshed.ShouldBe(HttpStatusCode.OK, tokens.ToJsonString());
        sdk.Jwt = tokens["payload"]!["access"]!.GetValue<string>();
        (await sdk.GetAsync("/sapi/v1/user/profile/")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<long> PlaceAsync(SdkWire sdk, string nonceBody)
    {
        var (_, nonce) = await sdk.PostAsync("/sapi/v1/orders/nonce/", nonceBody);
        var payload = nonce["payload"]!;
        var msgHash = payload["msg_hash"]!.GetValue<string>();
        var (status, order) = await sdk.PostAsync(
            "/sapi/v1/orders/create/", $$"""{"msg_hash":"{{msgHash}}","signature":{{SdkMarket.Signature(msgHash)}},"nonce":{{payload["nonce"]!.GetValue<long>()}}}""");
        status.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        return order["payload"]!["id"]!.GetValue<long>();
    }
}
