using System.Net;
using System.Net.Http.Json;

namespace Ordo.Server.Tests.Native;

public sealed class OrderLifecycleTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    private Tenant _provider = null!;

    public async Task InitializeAsync()
    {
        // The p2p provider is the first account of the fresh database, so the configuration can name it.
        _server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Native = new NativeOrderDefaults { P2pProvider = Ordo.Core.Ledger.SystemAccounts.FirstTenant },
        });
        _provider = await _server.TenantAsync("fills:write");
        _provider.AccountId.ShouldBe(Ordo.Core.Ledger.SystemAccounts.FirstTenant);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Place_get_by_every_reference_cancel_twice_and_read_the_history()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var order = await tenant.PlaceAsync(Orders.Rental(clientOrderId: "mine-1"));
        order["state"]!.GetValue<string>().ShouldBe("open");
        order["amount_paid"].Dec().ShouldBe(10m);
        var id = order["id"]!.GetValue<long>();

        foreach (var reference in new[] { $"{id}", order["uuid"]!.GetValue<string>(), order["number"]!.GetValue<string>(), "client:mine-1" })
        {
            var (status, found) = await tenant.Http.GetJsonAsync($"/v1/orders/{reference}");
            status.ShouldBe(HttpStatusCode.OK, reference);
            found["id"]!.GetValue<long>().ShouldBe(id);
        }

        var (first, cancelled) = await tenant.Http.PostAsync($"/v1/orders/{id}/cancel", """{"reason":"changed my mind"}""");
        first.ShouldBe(HttpStatusCode.OK);
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["cancel_reason"]!.GetValue<string>().ShouldBe("changed my mind");
        cancelled["cancelled_by"]!.GetValue<string>().ShouldBe("owner");
        cancelled["amount_refunded"].Dec().ShouldBe(10m);

        var (second, again) = await tenant.Http.PostAsync($"/v1/orders/{id}/cancel");
        second.ShouldBe(HttpStatusCode.OK);
        again.ToJsonString().ShouldBe(cancelled.ToJsonString(), "the same order, unchanged");

        using var admin = _server.Admin();
        var (_, balances) = await admin.GetJsonAsync($"/v1/accounts/{tenant.AccountId}/balances");
        var trx = balances["balances"]!.AsArray().Single(b => b!["asset"]!.GetValue<string>() == "TRX")!;
        trx["available"].Dec().ShouldBe(100m, "refunded exactly once");
        trx["locked"].Dec().ShouldBe(0m);

        var (_, history) = await tenant.Http.GetJsonAsync($"/v1/orders/{id}/events");
        var events = history["data"]!.AsArray();
        events.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["order.created", "order.cancelled"]);
        events[1]!["actor"]!.GetValue<string>().ShouldBe("owner");
        events[1]!["reason"]!.GetValue<string>().ShouldBe("changed my mind");
    }

    [Fact]
    public async Task Another_accounts_order_is_answered_exactly_like_a_missing_one()
    {
        var owner = await _server.TenantAsync(deposits: ("TRX", 100m));
        var stranger = await _server.TenantAsync();
        var id = (await owner.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        const long missing = 987654321;

        foreach (var (method, suffix) in new[] { (HttpMethod.Get, ""), (HttpMethod.Post, "/cancel"), (HttpMethod.Get, "/events") })
        {
            var (foreignStatus, foreign) = await stranger.Http.SendAsync(method, $"/v1/orders/{id}{suffix}");
            var (missingStatus, absent) = await stranger.Http.SendAsync(method, $"/v1/orders/{missing}{suffix}");
            foreignStatus.ShouldBe(HttpStatusCode.NotFound);
            missingStatus.ShouldBe(HttpStatusCode.NotFound);
            foreign.WithoutRequestId().ShouldBe(absent.WithoutRequestId());
            foreign["code"]!.GetValue<string>().ShouldBe("order_not_found");
        }

        var (_, list) = await stranger.Http.GetJsonAsync("/v1/orders");
        list["data"]!.AsArray().ShouldBeEmpty();
        var (_, bulk) = await stranger.Http.PostAsync("/v1/orders/cancel", $$"""{"ids":[{{id}}]}""");
        bulk["results"]![0]!["outcome"]!.GetValue<string>().ShouldBe("not_found");
        var (_, still) = await owner.Http.GetJsonAsync($"/v1/orders/{id}");
        still["state"]!.GetValue<string>().ShouldBe("open");
    }

    [Fact]
    public async Task Lists_page_with_a_cursor_and_filter()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 1000m));
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await tenant.PlaceAsync(Orders.Rental(quantity: 100)))["id"]!.GetValue<long>());
        }

        await tenant.Http.PostAsync($"/v1/orders/{ids[1]}/cancel");
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var (status, page) = await tenant.Http.GetJsonAsync($"/v1/orders?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            status.ShouldBe(HttpStatusCode.OK);
            seen.AddRange(page["data"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        seen.ShouldBe(Enumerable.Reverse(ids).ToList(), "newest first, each once");
        var (_, cancelled) = await tenant.Http.GetJsonAsync("/v1/orders?state=cancelled&kind=rental");
        cancelled["data"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ShouldBe([ids[1]]);
    }

    [Fact]
    public async Task Bulk_cancel_gives_one_result_per_order()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 1000m));
        var executor = await _server.TenantAsync("fills:write");
        var open1 = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        var open2 = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        var filled = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        var p2p = (await tenant.PlaceAsync(Orders.P2p))["id"]!.GetValue<long>();
        (await executor.Http.PostAsync($"/v1/orders/{filled}/fills", """{"quantity":"1000"}""")).Status.ShouldBe(HttpStatusCode.OK);

        var (status, bulk) = await tenant.Http.PostAsync("/v1/orders/cancel", """{"kind":"rental"}""");
        status.ShouldBe(HttpStatusCode.OK);
        var results = bulk["results"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<long>(), r => r!["outcome"]!.GetValue<string>());
        results.ShouldBe(new Dictionary<long, string> { [open1] = "cancelled", [open2] = "cancelled" }, ignoreOrder: true);

        var (_, byIds) = await tenant.Http.PostAsync("/v1/orders/cancel", $$"""{"ids":[{{open1}},{{filled}},{{p2p}},424242]}""");
        byIds["results"]!.AsArray().Select(r => r!["outcome"]!.GetValue<string>())
            .ShouldBe(["already_cancelled", "not_cancellable", "cancelled", "not_found"]);
    }

    [Fact]
    public async Task Fills_move_rentals_and_p2p_orders_and_a_cancel_then_answers_precisely()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var executor = await _server.TenantAsync("fills:write");
        var rental = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();

        var (partStatus, part) = await executor.Http.PostAsync($"/v1/orders/{rental}/fills", """{"quantity":"400","external_id":"tx-1"}""");
        partStatus.ShouldBe(HttpStatusCode.OK);
        part["filled_quantity"].Dec().ShouldBe(400m);
        var (_, repeat) = await executor.Http.PostAsync($"/v1/orders/{rental}/fills", """{"quantity":"400","external_id":"tx-1"}""");
        repeat["filled_quantity"].Dec().ShouldBe(400m, "a repeated external_id is not applied twice");

        var (tooMuch, over) = await executor.Http.PostAsync($"/v1/orders/{rental}/fills", """{"quantity":"601"}""");
        tooMuch.ShouldBe(HttpStatusCode.Conflict);
        over["code"]!.GetValue<string>().ShouldBe("fill_exceeds_remaining");

        (await executor.Http.PostAsync($"/v1/orders/{rental}/fills", """{"quantity":"600"}""")).Status.ShouldBe(HttpStatusCode.OK);
        var (filledStatus, filled) = await tenant.Http.PostAsync($"/v1/orders/{rental}/cancel");
        filledStatus.ShouldBe(HttpStatusCode.Conflict);
        filled["code"]!.GetValue<string>().ShouldBe("already_filled");
        filled["order"]!["state"]!.GetValue<string>().ShouldBe("filled");

        var p2p = (await tenant.PlaceAsync(Orders.P2p))["id"]!.GetValue<long>();
        var (notProvider, hidden) = await executor.Http.PostAsync($"/v1/orders/{p2p}/fills", """{"stage":"funded_provider"}""");
        notProvider.ShouldBe(HttpStatusCode.NotFound, "only the assigned provider moves a p2p order");
        hidden["code"]!.GetValue<string>().ShouldBe("order_not_found");
        var (_, funded) = await _provider.Http.PostAsync($"/v1/orders/{p2p}/fills", """{"stage":"funded_provider"}""");
        funded["stage"]!.GetValue<string>().ShouldBe("funded_provider");
        var (late, refused) = await tenant.Http.PostAsync($"/v1/orders/{p2p}/cancel");
        late.ShouldBe(HttpStatusCode.Conflict);
        refused["code"]!.GetValue<string>().ShouldBe("order_not_cancellable");
        refused["order"]!["stage"]!.GetValue<string>().ShouldBe("funded_provider");

        var (skip, skipped) = await _provider.Http.PostAsync($"/v1/orders/{p2p}/fills", """{"stage":"completed"}""");
        skip.ShouldBe(HttpStatusCode.Conflict);
        skipped["code"]!.GetValue<string>().ShouldBe("order_not_fillable");
        skipped["order"]!["stage"]!.GetValue<string>().ShouldBe("funded_provider", "the assigned provider reads its order");
    }

    [Fact]
    public async Task A_fill_after_the_cancel_is_refused_and_the_refund_stands()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var executor = await _server.TenantAsync("fills:write");
        var id = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        await tenant.Http.PostAsync($"/v1/orders/{id}/cancel");
        var (status, body) = await executor.Http.PostAsync($"/v1/orders/{id}/fills", """{"quantity":"10"}""");
        status.ShouldBe(HttpStatusCode.Conflict);
        body["code"]!.GetValue<string>().ShouldBe("order_not_fillable");
        body["order"].ShouldBeNull("a refusal shows no order to a caller that may not read it");
        var (_, order) = await tenant.Http.GetJsonAsync($"/v1/orders/{id}");
        order["filled_quantity"].Dec().ShouldBe(0m);
        order["state"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task The_sweeper_expires_orders_with_the_system_as_actor()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var p2p = (await tenant.PlaceAsync(Orders.P2p))["id"]!.GetValue<long>();
        var rental = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();

        _server.Clock.Advance(TimeSpan.FromMinutes(14));
        (await _server.Sweeper.SweepOnceAsync()).ShouldBe(0);
        _server.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _server.Sweeper.SweepOnceAsync()).ShouldBe(1);
        var (_, cancelled) = await tenant.Http.GetJsonAsync($"/v1/orders/{p2p}");
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["cancelled_by"]!.GetValue<string>().ShouldBe("system");

        _server.Clock.Advance(TimeSpan.FromHours(24));
        (await _server.Sweeper.SweepOnceAsync()).ShouldBe(1);
        var (_, expired) = await tenant.Http.GetJsonAsync($"/v1/orders/{rental}");
        expired["state"]!.GetValue<string>().ShouldBe("expired");
        expired["amount_refunded"].Dec().ShouldBe(10m);
        var (_, history) = await tenant.Http.GetJsonAsync($"/v1/orders/{rental}/events");
        history["data"]![1]!["actor"]!.GetValue<string>().ShouldBe("system");
    }

    [Fact]
    public async Task A_limit_order_rests_open_and_its_cancel_releases_the_lock()
    {
        using var admin = _server.Admin();
        (await admin.SendAsync(HttpMethod.Put, "/v1/markets/btcusdc",
            """{"base":"BTC","quote":"USDC","price_precision":2,"volume_precision":4,"min_volume":"0.0001","maker_fee":"0.0004","taker_fee":"0.0007"}"""))
            .Status.ShouldBe(HttpStatusCode.OK);
        var tenant = await _server.TenantAsync(deposits: ("USDC", 100000m));
        var order = await tenant.PlaceAsync("""{"kind":"limit","market":"btcusdc","side":"buy","type":"limit","price":"30000.5","quantity":"0.5"}""");
        order["state"]!.GetValue<string>().ShouldBe("open");
        order["amount_locked"]!.GetValue<string>().ShouldBe("15000.25");

        var (_, cancelled) = await tenant.Http.PostAsync($"/v1/orders/{order["id"]}/cancel");
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        var (_, balances) = await admin.GetJsonAsync($"/v1/accounts/{tenant.AccountId}/balances");
        balances["balances"]![0]!["available"]!.GetValue<string>().ShouldBe("100000");
    }
}
