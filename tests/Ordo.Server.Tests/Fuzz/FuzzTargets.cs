using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

using Ordo.Server.Tests.Fungies;
using Ordo.Server.Tests.Tanx;
using Ordo.Server.Tests.XendBridge;
using Ordo.Server.Tronify;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>
/// Every endpoint the server maps (the <c>Map*</c> calls under <c>src/Ordo.Server</c>, admin included),
/// each with a valid request from users created here, so mutations start from something the
/// endpoint accepts and reach its field parsing.
/// </summary>
public static class FuzzTargets
{
    public static async Task<List<FuzzTarget>> CreateAsync(ServerFixture server)
    {
        await server.MarketAsync();
        var targets = new List<FuzzTarget>();
        targets.AddRange(await NativeAsync(server));
        targets.AddRange(Admin(await server.AccountAsync(trx: 0m)));
        targets.AddRange(await FeeeAsync(server));
        targets.AddRange(await TronifyAsync(server));
        targets.AddRange(await TanxAsync(server));
        targets.AddRange(await FungiesAsync(server));
        targets.AddRange(await XendAsync(server));
        return targets;
    }

    private static async Task<IEnumerable<FuzzTarget>> NativeAsync(ServerFixture server)
    {
        var tenant = await server.TenantAsync("orders:read,orders:write,fills:write", ("TRX", 1_000_000m), ("USDC", 10_000_000m), ("BTC", 1_000m));
        var rental = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var auth = Headers(tenant.Http);
        FuzzTarget Native(string method, string path, JsonObject? body = null, JsonObject? query = null, string? value = null) =>
            new(Dialect.Native, method, path, auth, body, query, value);
        return
        [
            Native("POST", "/v1/orders", Json(Orders.Rental())),
            Native("POST", "/v1/orders", Json(Orders.P2p)),
            Native("POST", "/v1/orders", Json("""{"kind":"limit","market":"btcusdc","side":"buy","type":"limit","price":"100","quantity":"0.01","client_order_id":"fuzz-limit"}""")),
            Native("POST", "/v1/orders", Json("""{"kind":"limit","market":"btcusdc","side":"sell","type":"market","quantity":"0.001"}""")),
            Native("POST", "/v1/orders", Json("""{"kind":"p2p","side":"sell","pay_currency":"USDT","receive_currency":"NGN","amount":"10","customer_email":"seller@example.com"}""")),
            Native("POST", "/v1/orders", Json("""{"kind":"purchase","currency":"USD","amount":"19.99","items":2,"country":"DE","customer":{"id":"u1","name":"Ada","email":"ada@example.com"}}""")),
            Native("GET", "/v1/orders", query: Json("""{"kind":"rental","state":"open","side":"buy","market":"btcusdc","limit":"10","created_from":"2026-11-01T00:00:00Z"}""")),
            Native("POST", "/v1/orders/cancel", Json("""{"ids":[999999],"reason":"fuzz"}""")),
            Native("GET", "/v1/orders/{param}", value: rental),
            Native("POST", "/v1/orders/{param}/cancel", Json("""{"reason":"fuzz"}"""), value: "999999"),
            Native("GET", "/v1/orders/{param}/events", value: rental),
            Native("POST", "/v1/orders/{param}/fills", Json("""{"quantity":"1","external_id":"fuzz-fill"}"""), value: rental),
            Native("GET", "/v1/markets/{param}/book", value: "btcusdc"),
        ];
    }

    private static IEnumerable<FuzzTarget> Admin(long accountId)
    {
        IReadOnlyList<(string, string)> auth = [("Authorization", $"Bearer {ServerFixture.AdminKey}")];
        var id = accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        FuzzTarget Admin(string method, string path, JsonObject? body = null, string? value = null) => new(Dialect.Native, method, path, auth, body, null, value);
        return
        [
            Admin("POST", "/v1/accounts", Json("""{"name":"fuzz","email":"fuzz@example.com"}""")),
            Admin("GET", "/v1/accounts/{param}", value: id),
            Admin("POST", "/v1/accounts/{param}/credentials", Json("""{"dialect":"native","scopes":["orders:read"]}"""), id),
            Admin("POST", "/v1/accounts/{param}/credentials", Json("""{"dialect":"tronify","source_flag":"fuzzflag"}"""), id),
            Admin("POST", "/v1/accounts/{param}/credentials", Json("""{"dialect":"fungies","access":"read"}"""), id),
            Admin("POST", "/v1/accounts/{param}/deposits", Json("""{"asset":"TRX","amount":"1.5","external_id":"fuzz-deposit"}"""), id),
            Admin("GET", "/v1/accounts/{param}/balances", value: id),
            Admin("DELETE", $"/v1/accounts/{id}/credentials/{{param}}", value: "1"),
            Admin("PUT", "/v1/markets/{param}", Json("""{"base":"ETH","quote":"USDC","price_precision":2,"volume_precision":4,"min_volume":"0.0001","maker_fee":"0.0004","taker_fee":"0.0007"}"""), "fuzzmarket"),
        ];
    }

    private static async Task<IEnumerable<FuzzTarget>> FeeeAsync(ServerFixture server)
    {
        var user = await server.FeeeUserAsync(trx: 100_000m);
        const string submit = """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""";
        var orderNo = (await user.PostAsync("/open/v2/order/submit", submit))["data"]!["order_no"]!.GetValue<string>();
        var auth = Headers(user.Http);
        return
        [
            new(Dialect.Feee, "POST", "/open/v2/order/submit", auth, Json(submit)),
            new(Dialect.Feee, "GET", "/open/v2/order/query", auth, Query: new JsonObject { ["order_no"] = orderNo }),
            new(Dialect.Feee, "POST", "/open/v2/order/cancel", auth, new JsonObject { ["order_no"] = orderNo }),
            new(Dialect.Feee, "GET", "/open/v2/order/price", auth, Query: Json("""{"resource_value":"32000","rent_duration":"1","rent_time_unit":"h"}""")),
            new(Dialect.Feee, "GET", "/open/v2/api/query", auth, Query: []),
        ];
    }

    private static async Task<IEnumerable<FuzzTarget>> TronifyAsync(ServerFixture server)
    {
        var buyer = await server.TronifyUserAsync(trx: 100_000m);
        var seller = await server.TronifyUserAsync(trx: 0m);
        var orderId = (await buyer.RentAsync())["data"]!["orderId"]!.GetValue<string>();
        Func<string, string?> Signer(TronifyUser user) => text =>
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return TronifyFlag.Compute(document.RootElement, user.Secret);
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException)
            {
                return null;
            }
        };
        FuzzTarget Tronify(string method, TronifyUser user, JsonObject body, bool signed = true)
        {
            body["sourceFlag"] = user.SourceFlag;
            return new(Dialect.Tronify, "POST", $"/api/tronRent/{method}", [], body, Sign: signed ? Signer(user) : null);
        }

        var address = Orders.Address;
        return
        [
            Tronify("pledgeConfig", buyer, new JsonObject { ["address"] = address }, signed: false),
            Tronify("addTronRentRecord", buyer, Json($$"""{"fromAddress":"{{address}}","pledgeAddress":"{{address}}","pledgeNum":32000,"pledgeDay":1,"pledgeHour":0,"pledgeMinute":0,"orderType":"ENERGY","orderPrice":"60"}""")),
            Tronify("cancelOrder", buyer, new JsonObject { ["orderId"] = orderId }),
            Tronify("addTronSale", seller, Json($$"""{"relateOrderId":"{{orderId}}","saleAddress":"{{address}}","buyPledgeNum":1000,"payTrxAddress":"{{address}}"}""")),
            Tronify("mypayorder", buyer, Json($$"""{"fromAddress":"{{address}}","page":1,"pageSize":10,"orderType":"1"}"""), signed: false),
            Tronify("trades", buyer, Json("""{"page":1,"pageSize":10,"sort":0}"""), signed: false),
            Tronify("queryPreorderInfo", buyer, Json($$"""{"fromAddress":"{{address}}","pledgeAddress":"{{address}}","pledgeNum":32000,"pledgeDay":"1","pledgeHour":"0","pledgeMinute":"0","extraTrxNum":"0","orderType":"ENERGY","tradeType":"fastTrade"}"""), signed: false),
            Tronify("uploadHash", buyer, Json($$$"""{"orderId":"{{{orderId}}}","fromHash":"{{{new string('a', 64)}}}","signedData":{"visible":false,"txID":"{{{new string('a', 64)}}}","raw_data":{},"raw_data_hex":"0a02","signature":["{{{new string('0', 130)}}}"]}}"""), signed: false),
        ];
    }

    private static async Task<IEnumerable<FuzzTarget>> TanxAsync(ServerFixture server)
    {
        var user = await TanxUser.CreateAsync(server);
        var resting = (await user.PlaceAsync("buy", "0.001", "100"))["id"]!.GetValue<long>();
        var auth = Headers(user.Http);
        var signature = "0x" + new string('a', 130);
        FuzzTarget Tanx(string method, string path, JsonObject? body = null, JsonObject? query = null, string? value = null, bool open = false) =>
            new(Dialect.Tanx, method, "/sapi/v1" + path, open ? [] : auth, body, query, value);
        return
        [
            Tanx("POST", "/auth/nonce/", new JsonObject { ["eth_address"] = user.Address }, open: true),
            Tanx("POST", "/auth/login/", new JsonObject { ["eth_address"] = user.Address, ["user_signature"] = signature }, open: true),
            Tanx("POST", "/auth/token/refresh/", new JsonObject { ["refresh"] = user.Refresh }, open: true),
            Tanx("POST", "/orders/create/", Json("""{"market":"btcusdc","side":"buy","ord_type":"limit","price":"100","volume":"0.001"}""")),
            Tanx("POST", "/orders/create/", Json("""{"market":"btcusdc","side":"sell","ord_type":"market","volume":"0.0001"}""")),
            Tanx("GET", "/orders/", query: Json("""{"market":"btcusdc","limit":"10","page":"1","ord_type":"limit","state":"wait","side":"buy","start_time":"0","end_time":"2000000000"}""")),
            Tanx("POST", "/orders/cancel/", new JsonObject { ["order_id"] = resting }),
            Tanx("GET", "/orders/{param}/", value: resting.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Tanx("POST", "/user/bulkcancel/", Json("""{"market":"btcusdc","side":"sell","limit":10}""")),
            Tanx("GET", "/trades/", query: Json("""{"market":"btcusdc","limit":"10","page":"1"}""")),
        ];
    }

    private static async Task<IEnumerable<FuzzTarget>> FungiesAsync(ServerFixture server)
    {
        var store = await FungiesStore.CreateAsync(server);
        var number = await store.PlaceAsync();
        var read = Headers(store.Read);
        var write = Headers(store.Write);
        return
        [
            new(Dialect.Fungies, "GET", "/v0/orders/list", read, Query: Json("""{"skip":"0","take":"10","orderDirection":"DESC","returnCount":"true","number":"x","userId":"user-1","term":"Ada","statuses[]":"PENDING"}""")),
            new(Dialect.Fungies, "GET", "/v0/orders/{param}", read, Query: [], PathValue: number),
            new(Dialect.Fungies, "PATCH", "/v0/orders/{param}/update", write, Json("""{"value":1999,"fee":0,"tax":0,"currency":"USD"}"""), PathValue: number),
            new(Dialect.Fungies, "PATCH", "/v0/orders/{param}/cancel", write, [], PathValue: "#" + number),
        ];
    }

    private static async Task<IEnumerable<FuzzTarget>> XendAsync(ServerFixture server)
    {
        var party = await XendThirdParty.CreateAsync(server);
        var reference = await party.BuyAsync("open@example.com");
        var auth = Headers(party.Http);
        FuzzTarget Xend(string method, string path, JsonObject? body = null, JsonObject? query = null) =>
            new(Dialect.XendBridge, method, "/api/PeerToPeerOrder" + path, auth, body, query);
        return
        [
            Xend("POST", "/Buy/Initiate", Json(XendThirdParty.Initiation("fuzz-buy@example.com"))),
            Xend("POST", "/Sell/Initiate", Json(XendThirdParty.Initiation("fuzz-sell@example.com", amount: "10", pay: "USDT", receive: "NGN"))),
            Xend("GET", "/ThirdParty/PendingOrder", query: new JsonObject { ["emailAddress"] = "open@example.com" }),
            Xend("POST", "/ThirdParty/Order/Confirm", new JsonObject { ["emailAddress"] = "open@example.com", ["orderReference"] = reference, ["transactionHash"] = "0xfeed" }),
            Xend("POST", "/ThirdParty/Order/Cancel", new JsonObject { ["emailAddress"] = "open@example.com", ["orderReference"] = reference }),
        ];
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    /// <summary>The credentials a test client sends by default (key headers, Authorization).</summary>
    private static IReadOnlyList<(string Name, string Value)> Headers(HttpClient client) =>
        client.DefaultRequestHeaders.SelectMany(h => h.Value.Select(v => (h.Key, v))).ToList();
}
