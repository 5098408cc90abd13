using System.Net;

namespace Ordo.Server.Tests.Tanx.Clients;

/// <summary>
/// The older Brine SDK, github.com/Brine-Finance-Libs/brine-connector-nodejs (@brine-fi/brine-connector
/// 1.4.4, commit 6987101), as src/client.ts sends on axios: the login at /sapi/v1/auth/, the same
/// nonce-then-create, orders read at <c>/sapi/v1/orders/${id}</c> and listed at <c>/sapi/v1/orders</c>.
/// It has no bulk cancel.
/// </summary>
public sealed class BrineSdkTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_brine_sdk_logs_in_places_through_a_nonce_reads_and_cancels()
    {
        await SdkMarket.SellerAsync(_server);
        var (_, key, address) = await TanxUser.RegisterAsync(_server, usdc: 1_000m, btc: 0m);
        using var http = _server.Client();
        var sdk = new SdkWire(http, "axios/1.3.4", "application/json, text/plain, */*");

        (await sdk.GetAsync("/sapi/v1/health/")).Status.ShouldBe(HttpStatusCode.OK);
        await SdkMarket.LoginAsync(sdk, "/sapi/v1/auth/nonce/", "/sapi/v1/auth/login/", key, address);

        // createCompleteOrder(nonce, privateKey): createOrderNonce, signMsgHash, createNewOrder.
        var (_, nonce) = await sdk.PostAsync("/sapi/v1/orders/nonce/", """{"market":"btcusdc","ord_type":"limit","price":28000,"side":"buy","volume":0.0002}""");
        var msgHash = nonce["payload"]!["msg_hash"]!.GetValue<string>();
        var (created, order) = await sdk.PostAsync(
            "/sapi/v1/orders/create/", $$"""{"msg_hash":"{{msgHash}}","signature":{{SdkMarket.Signature(msgHash)}},"nonce":{{nonce["payload"]!["nonce"]}}}""");
        created.ShouldBe(HttpStatusCode.OK, order.ToJsonString());
        var id = order["payload"]!["id"]!.GetValue<long>();

        var (read, got) = await sdk.GetAsync($"/sapi/v1/orders/{id}");
        read.ShouldBe(HttpStatusCode.OK, got.ToJsonString());
        got["payload"]!["origin_volume"]!.GetValue<string>().ShouldBe("0.0002");
        (await sdk.GetAsync("/sapi/v1/orders?limit=10&state=wait")).Body["payload"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(id);

        var (cancelled, cancel) = await sdk.PostAsync("/sapi/v1/orders/cancel/", $$"""{"order_id":{{id}}}""");
        cancelled.ShouldBe(HttpStatusCode.OK, cancel.ToJsonString());
        cancel["payload"]!["order_id"]!.GetValue<long>().ShouldBe(id);

        (await sdk.GetAsync("/sapi/v1/user/balance/")).Body["payload"]!.AsArray().Single()!["balance"]!.GetValue<string>().ShouldBe("1000", "the lock was released");
        (await sdk.GetAsync("/sapi/v1/user/profile/")).Body["payload"]!["username"]!.GetValue<string>().ShouldBe(address);
        (await sdk.GetAsync("/sapi/v1/trades/?limit=10")).Body["payload"]!.AsArray().ShouldBeEmpty();
    }
}
