using System.Net;

namespace Ordo.Server.Tests.Native;

public sealed class AdminTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Accounts_keys_deposits_and_balances()
    {
        using var admin = _server.Admin();
        var (created, account) = await admin.PostAsync("/v1/accounts", """{"name":"acme","email":"ops@acme.example"}""");
        created.ShouldBe(HttpStatusCode.Created);
        var id = account["id"]!.GetValue<long>();
        id.ShouldBeGreaterThanOrEqualTo(100);
        var (_, read) = await admin.GetJsonAsync($"/v1/accounts/{id}");
        read["name"]!.GetValue<string>().ShouldBe("acme");
        read["email"]!.GetValue<string>().ShouldBe("ops@acme.example");

        var (keyStatus, credential) = await admin.PostAsync($"/v1/accounts/{id}/credentials", """{"dialect":"native","scopes":["orders:read"]}""");
        keyStatus.ShouldBe(HttpStatusCode.Created);
        var key = credential["key"]!.GetValue<string>();
        key.ShouldStartWith("ordo_");
        using var keyed = _server.Client(key);
        (await keyed.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 2; i++)
        {
            var (status, _) = await admin.PostAsync($"/v1/accounts/{id}/deposits", """{"asset":"USDC","amount":"250.50","external_id":"wire-1"}""");
            status.ShouldBe(HttpStatusCode.OK);
        }

        var (_, balances) = await admin.GetJsonAsync($"/v1/accounts/{id}/balances");
        var usdc = balances["balances"]!.AsArray().Single()!;
        usdc["asset"]!.GetValue<string>().ShouldBe("USDC");
        usdc["available"]!.GetValue<string>().ShouldBe("250.5", "a repeated external_id is credited once");
        usdc["locked"]!.GetValue<string>().ShouldBe("0");

        (await admin.PostAsync("/v1/accounts/424242/deposits", """{"asset":"USDC","amount":"1","external_id":"x"}""")).Status
            .ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync("/v1/accounts/424242/credentials", """{"dialect":"native"}""")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_key_of_an_account_acts_as_operator()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var operatorKey = await _server.TenantAsync("admin,orders:read,orders:write");
        var id = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        var (status, order) = await operatorKey.Http.PostAsync($"/v1/orders/{id}/cancel", """{"reason":"fraud review"}""");
        status.ShouldBe(HttpStatusCode.OK);
        order["cancelled_by"]!.GetValue<string>().ShouldBe("operator");
    }

    [Fact]
    public async Task The_bootstrap_admin_key_cannot_place_orders_without_an_account()
    {
        using var admin = _server.Admin();
        var (status, problem) = await admin.PostAsync("/v1/orders", Orders.P2p);
        status.ShouldBe(HttpStatusCode.Forbidden);
        problem["detail"]!.GetValue<string>().ShouldContain("no account");
    }

    [Fact]
    public async Task Markets_are_defined_and_read_back()
    {
        using var admin = _server.Admin();
        var (status, market) = await admin.SendAsync(HttpMethod.Put, "/v1/markets/ethusdc",
            """{"base":"ETH","quote":"USDC","price_precision":2,"volume_precision":3,"min_volume":"0.001","maker_fee":"0.0004","taker_fee":"0.0007"}""");
        status.ShouldBe(HttpStatusCode.OK);
        market["maker_fee"]!.GetValue<string>().ShouldBe("0.0004");
        market["volume_precision"]!.GetValue<int>().ShouldBe(3);
    }
}
