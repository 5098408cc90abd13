using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;

namespace Ordo.Server.Tests.Tanx;

/// <summary>
/// The nonce-then-create order flow's refusals: a msg_hash other than the one issued, a nonce used,
/// expired or someone else's; each a 400 naming the field with nothing written. Also the terms the
/// nonce step refuses, and paths tanX does not have.
/// </summary>
public sealed class TanxOrderNonceTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        await _server.MarketAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_wrong_msg_hash_places_nothing_and_spends_nothing()
    {
        var user = await TanxUser.CreateAsync(_server);
        var (nonce, msgHash) = await NonceAsync(user, """{"market":"btcusdc","ord_type":"limit","price":"60000","side":"buy","volume":"0.01"}""");
        var before = await _server.SnapshotAsync();

        var (status, answer) = await CreateAsync(user, nonce, msgHash[..^1] + (msgHash[^1] == '0' ? '1' : '0'));
        status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ToJsonString().ShouldBe("""{"status":"error","message":"msg_hash: is not the hash issued with this nonce","payload":""}""");
        (await _server.SnapshotAsync()).ShouldBe(before);

        var (placed, order) = await CreateAsync(user, nonce, msgHash.ToUpperInvariant().Replace("0X", "0x"));
        placed.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        order["payload"]!["price"]!.GetValue<string>().ShouldBe("60000");
        order["payload"]!["origin_volume"]!.GetValue<string>().ShouldBe("0.01");
    }

    [Fact]
    public async Task A_nonce_places_one_order_only()
    {
        var user = await TanxUser.CreateAsync(_server);
        var (nonce, msgHash) = await NonceAsync(user, """{"market":"btcusdc","ord_type":"limit","price":60000,"side":"buy","volume":0.01}""");
        (await CreateAsync(user, nonce, msgHash)).Status.ShouldBe(HttpStatusCode.OK);
        var before = await _server.SnapshotAsync();

        var (status, answer) = await CreateAsync(user, nonce, msgHash);
        status.ShouldBe(HttpStatusCode.BadRequest);
        answer["message"]!.GetValue<string>().ShouldBe("nonce: unknown, expired or already used; ask /sapi/v1/orders/nonce/ for a new one");
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_nonce_expires_after_five_minutes()
    {
        var user = await TanxUser.CreateAsync(_server);
        var (nonce, msgHash) = await NonceAsync(user, """{"market":"btcusdc","ord_type":"limit","price":60000,"side":"buy","volume":0.01}""");
        _server.Clock.Advance(TimeSpan.FromMinutes(5));
        var before = await _server.SnapshotAsync();

        var (status, answer) = await CreateAsync(user, nonce, msgHash);
        status.ShouldBe(HttpStatusCode.BadRequest);
        answer["message"]!.GetValue<string>().ShouldStartWith("nonce: unknown, expired or already used");
        (await _server.SnapshotAsync()).ShouldBe(before);

        var (fresh, hash) = await NonceAsync(user, """{"market":"btcusdc","ord_type":"limit","price":60000,"side":"buy","volume":0.01}""");
        _server.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        (await CreateAsync(user, fresh, hash)).Status.ShouldBe(HttpStatusCode.OK, "still within its five minutes");
    }

    [Fact]
    public async Task Another_accounts_nonce_is_answered_like_an_unknown_one_and_stays_its_owners()
    {
        var owner = await TanxUser.CreateAsync(_server);
        var stranger = await TanxUser.CreateAsync(_server);
        var (nonce, msgHash) = await NonceAsync(owner, """{"market":"btcusdc","ord_type":"limit","price":60000,"side":"buy","volume":0.01}""");
        var before = await _server.SnapshotAsync();

        var foreign = await CreateAsync(stranger, nonce, msgHash);
        var unknown = await CreateAsync(stranger, 12_345_678, msgHash);
        foreign.Status.ShouldBe(HttpStatusCode.BadRequest);
        foreign.Body.ToJsonString().ShouldBe(unknown.Body.ToJsonString());
        (await _server.SnapshotAsync()).ShouldBe(before);

        var (placed, order) = await CreateAsync(owner, nonce, msgHash);
        placed.ShouldBe(HttpStatusCode.OK);
        (await _server.BalanceAsync(owner.AccountId, "USDC")).Locked.ShouldBe(600m, "the owner's order, on the owner's funds");
        (await _server.BalanceAsync(stranger.AccountId, "USDC")).Locked.ShouldBe(0m);
        order["payload"]!["id"]!.GetValue<long>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_signature_is_kept_with_the_order_and_the_msg_hash_is_a_stark_field_element()
    {
        var user = await TanxUser.CreateAsync(_server);
        var (nonce, msgHash) = await NonceAsync(user, """{"market":"btcusdc","ord_type":"limit","price":60000,"side":"sell","volume":0.01}""");
        var value = BigInteger.Parse("0" + msgHash[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        value.ShouldBeLessThan(BigInteger.One << 251, "StarkEx signers refuse larger hashes");

        var (_, order) = await TanxUser.Send(user.Http, HttpMethod.Post, "/sapi/v1/orders/create/", $$$"""{"nonce":"{{{nonce}}}","msg_hash":"{{{msgHash}}}","signature":{"r":"0x5a1","s":"0x7e2"}}""");
        using var admin = _server.Admin();
        var stored = await ServerFixture.Json(await admin.GetAsync($"/v1/orders/{order["payload"]!["id"]}"));
        stored["attributes"]!["tanx_msg_hash"]!.GetValue<string>().ShouldBe(msgHash);
        stored["attributes"]!["tanx_signature_r"]!.GetValue<string>().ShouldBe("0x5a1");
        stored["attributes"]!["tanx_signature_s"]!.GetValue<string>().ShouldBe("0x7e2");
    }

    [Theory]
    [InlineData("""{"nonce":1}""", "msg_hash: is required")]
    [InlineData("""{"nonce":1,"msg_hash":"0x1"}""", "signature: is required: {r, s}")]
    [InlineData("""{"nonce":1,"msg_hash":"0x1","signature":{"r":"0x1"}}""", "signature.s: is required")]
    [InlineData("""{"nonce":1,"msg_hash":"0x1","signature":{"r":"0xzz","s":"0x1"}}""", "signature.r: must be a hex number")]
    [InlineData("""{"nonce":"one","msg_hash":"0x1","signature":{"r":"0x1","s":"0x1"}}""", "nonce: must be a whole number")]
    public async Task A_malformed_create_names_its_field(string body, string message)
    {
        var user = await TanxUser.CreateAsync(_server);
        var (status, answer) = await user.PostAsync("/sapi/v1/orders/create/", body);
        status.ShouldBe(HttpStatusCode.BadRequest);
        answer["message"]!.GetValue<string>().ShouldStartWith(message);
    }

    [Theory]
    [InlineData("""{"market":"ethusdc","ord_type":"limit","price":1,"side":"buy","volume":1}""", "market: unknown market ethusdc")]
    [InlineData("""{"market":"btcusdc","ord_type":"limit","side":"buy","volume":1}""", "price: is required")]
    [InlineData("""{"market":"btcusdc","ord_type":"stop_limit","price":1,"stop_price":2,"side":"buy","volume":1}""", "ord_type: must be one of: limit, market")]
    [InlineData("""{"market":"btcusdc","ord_type":"limit","price":1,"stop_price":2,"side":"buy","volume":1}""", "stop_price: stop orders are not offered")]
    [InlineData("""{"market":"btcusdc","ord_type":"limit","price":1,"side":"hold","volume":1}""", "side: must be one of: buy, sell")]
    public async Task The_nonce_step_refuses_terms_it_cannot_place(string body, string message)
    {
        var user = await TanxUser.CreateAsync(_server);
        var (status, answer) = await user.PostAsync("/sapi/v1/orders/nonce/", body);
        status.ShouldBe(HttpStatusCode.BadRequest);
        answer["message"]!.GetValue<string>().ShouldStartWith(message);
        answer["payload"]!.GetValue<string>().ShouldBe("");
    }

    [Fact]
    public async Task A_market_orders_price_is_dropped_at_the_nonce_step_and_exponent_numbers_are_read_exactly()
    {
        using (var admin = _server.Admin())
        {
            (await admin.PutAsJsonAsync("/v1/markets/ethusdc", new { @base = "ETH", quote = "USDC", price_precision = 2, volume_precision = 6, min_volume = "0.000001", maker_fee = "0", taker_fee = "0" }))
                .EnsureSuccessStatusCode();
        }

        var seller = await TanxUser.CreateAsync(_server);
        using (var admin = _server.Admin())
        {
            (await admin.PostAsJsonAsync($"/v1/accounts/{seller.AccountId}/deposits", new { asset = "ETH", amount = "1", external_id = "eth" })).EnsureSuccessStatusCode();
        }

        await seller.PlaceAsync("sell", "0.5", "2000", market: "ethusdc");
        var buyer = await TanxUser.CreateAsync(_server);

        // Python's json.dumps writes 0.00001 as 1e-05.
        var (nonce, msgHash) = await NonceAsync(buyer, """{"market": "ethusdc", "ord_type": "market", "price": 2958.51, "side": "buy", "volume": 1e-05}""");
        var (status, order) = await CreateAsync(buyer, nonce, msgHash);
        status.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        order["payload"]!["price"].ShouldBeNull();
        order["payload"]!["origin_volume"]!.GetValue<string>().ShouldBe("0.00001");
        order["payload"]!["avg_price"]!.GetValue<string>().ShouldBe("2000");
    }

    [Theory]
    [InlineData("GET", "/sapi/v1/user/pnl/")]
    [InlineData("POST", "/sapi/v2/auth/token/refresh/")]
    [InlineData("GET", "/sapi/v3/anything")]
    [InlineData("GET", "/sapi")]
    public async Task A_path_tanx_does_not_have_is_404_in_its_envelope(string method, string path)
    {
        using var http = _server.Client();
        var (status, answer) = await TanxUser.Send(http, new HttpMethod(method), path, method == "POST" ? "{}" : null);
        status.ShouldBe(HttpStatusCode.NotFound);
        answer["status"]!.GetValue<string>().ShouldBe("error");
        answer["payload"]!.GetValue<string>().ShouldBe("");
    }

    private static async Task<(long Nonce, string MsgHash)> NonceAsync(TanxUser user, string body)
    {
        var (status, answer) = await user.PostAsync("/sapi/v1/orders/nonce/", body);
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        return (answer["payload"]!["nonce"]!.GetValue<long>(), answer["payload"]!["msg_hash"]!.GetValue<string>());
    }

    private static Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)> CreateAsync(TanxUser user, long nonce, string msgHash) =>
        user.PostAsync("/sapi/v1/orders/create/", $$$"""{"nonce":{{{nonce}}},"msg_hash":"{{{msgHash}}}","signature":{"r":"0x1f","s":"0x2e"}}""");
}
