using System.Net;

namespace Ordo.Server.Tests.Tenants;

/// <summary>
/// The calls that reach many orders at once (bulk cancels) or replay a stored answer (an
/// idempotency key) stay inside the caller's account.
/// </summary>
public sealed class SweepIsolationTests(TenantWorld world) : IClassFixture<TenantWorld>
{
    [Fact]
    public async Task Native_bulk_cancel_touches_only_the_callers_orders_and_calls_anothers_id_not_found()
    {
        var owners = await TenantWorld.NativeRentalAsync(world.NativeOwner, world.Unique("bulk-"));
        var id = owners["id"]!.GetValue<long>();
        var before = await world.Server.SnapshotAsync();

        var (status, byId) = await world.NativeIntruder.Http.PostAsync("/v1/orders/cancel", $$"""{"ids":[{{id}}]}""");
        status.ShouldBe(HttpStatusCode.OK, byId.ToJsonString());
        var (_, byUnknownId) = await world.NativeIntruder.Http.PostAsync("/v1/orders/cancel", """{"ids":[987654321]}""");
        byUnknownId["results"]![0]!["outcome"]!.GetValue<string>().ShouldBe("not_found");

        // The item echoes the id the caller sent; apart from that, the same as for an id that does not exist.
        byId.ToJsonString().ShouldBe(byUnknownId.ToJsonString().Replace("987654321", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        (await world.Server.SnapshotAsync()).ShouldBe(before);

        var mine = await TenantWorld.NativeRentalAsync(world.NativeIntruder, world.Unique("bulk-"));
        var (_, all) = await world.NativeIntruder.Http.PostAsync("/v1/orders/cancel", """{"kind":"rental"}""");
        all["results"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ShouldBe([mine["id"]!.GetValue<long>()]);
        (await world.NativeOwner.Http.GetJsonAsync($"/v1/orders/{id}")).Body["state"]!.GetValue<string>().ShouldBe("open");
    }

    [Fact]
    public async Task Tanx_bulk_cancel_leaves_another_accounts_resting_orders_in_the_book()
    {
        var owners = await TenantWorld.TanxLimitAsync(world.TanxOwner, "buy", "55");
        var mine = await TenantWorld.TanxLimitAsync(world.TanxIntruder, "buy", "55");

        var (status, answer) = await world.TanxIntruder.PostAsync("/sapi/v1/user/bulkcancel/", """{"market":"btcusdc"}""");
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        (await world.TanxIntruder.GetAsync($"/sapi/v1/orders/{mine}/")).Body["payload"]!["state"]!.GetValue<string>().ShouldBe("cancel");
        (await world.TanxOwner.GetAsync($"/sapi/v1/orders/{owners}/")).Body["payload"]!["state"]!.GetValue<string>().ShouldBe("wait");
    }

    [Fact]
    public async Task The_same_idempotency_key_from_another_account_places_its_own_order_and_replays_nothing()
    {
        var body = Orders.Rental(quantity: 1000, price: "0.01");
        async Task<HttpResponseMessage> Place(Tenant tenant)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = ServerFixture.Body(body) };
            request.Headers.Add("Idempotency-Key", "shared-key-1");
            return await tenant.Http.SendAsync(request);
        }

        var first = await Place(world.NativeOwner);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await Place(world.NativeIntruder);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        var order = await ServerFixture.Json(second);
        order["account_id"]!.GetValue<long>().ShouldBe(world.NativeIntruder.AccountId);
        order["id"]!.GetValue<long>().ShouldNotBe((await ServerFixture.Json(first))["id"]!.GetValue<long>());
    }
}
