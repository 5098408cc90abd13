using Ordo.Server.Hosting;

namespace Ordo.Server.Tests.Native;

/// <summary><c>GET /v1/payouts</c>: a tenant sees its own account's payouts, an operator all, newest first, cursor-paged.</summary>
public sealed class PayoutListTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_tenant_sees_its_own_payouts_and_an_operator_sees_all_paged_newest_first()
    {
        var a = await _server.TenantAsync("orders:read");
        var b = await _server.TenantAsync("orders:read");
        using (var opened = Stores.OpenForCommand(_server.DatabasePath))
        {
            await Payouts.PaidAndCancelledAsync(opened.Store, _server.Clock, a.AccountId, "TAddressOfA1");
            await Payouts.PaidAndCancelledAsync(opened.Store, _server.Clock, b.AccountId, "TAddressOfB");
            await Payouts.PaidAndCancelledAsync(opened.Store, _server.Clock, a.AccountId, "TAddressOfA2");
        }

        var mine = await ServerFixture.Json(await a.Http.GetAsync("/v1/payouts"));
        mine["data"]!.AsArray().Select(p => p!["address"]!.GetValue<string>()).ShouldBe(["TAddressOfA2", "TAddressOfA1"]);
        var first = mine["data"]![0]!;
        first.AsObject().Select(p => p.Key).ShouldBe(["id", "order_id", "account_id", "asset", "amount", "address", "reason", "created_at"]);
        first["amount"]!.GetValue<string>().ShouldBe("9");
        first["reason"]!.GetValue<string>().ShouldBe("cancel");
        first["account_id"]!.GetValue<long>().ShouldBe(a.AccountId);
        mine["next_cursor"].ShouldBeNull();

        using var admin = _server.Admin();
        var all = await ServerFixture.Json(await admin.GetAsync("/v1/payouts?limit=2"));
        all["data"]!.AsArray().Select(p => p!["address"]!.GetValue<string>()).ShouldBe(["TAddressOfA2", "TAddressOfB"]);
        var cursor = all["next_cursor"]!.GetValue<string>();
        var rest = await ServerFixture.Json(await admin.GetAsync($"/v1/payouts?limit=2&cursor={cursor}"));
        rest["data"]!.AsArray().Select(p => p!["address"]!.GetValue<string>()).ShouldBe(["TAddressOfA1"]);

        var orderId = first["order_id"]!.GetValue<long>();
        (await ServerFixture.Json(await b.Http.GetAsync($"/v1/payouts?order_id={orderId}")))["data"]!.AsArray().ShouldBeEmpty("another tenant's payout is not shown");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("cursor=nope", "cursor")]
    [InlineData("order_id=-1", "order_id")]
    public async Task Bad_parameters_are_named(string query, string field)
    {
        using var admin = _server.Admin();
        var response = await admin.GetAsync($"/v1/payouts?{query}");
        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldContain(field);
    }

    [Fact]
    public async Task Without_a_key_nothing_is_shown()
    {
        using var anonymous = _server.Client();
        ((int)(await anonymous.GetAsync("/v1/payouts")).StatusCode).ShouldBe(401);
    }
}
