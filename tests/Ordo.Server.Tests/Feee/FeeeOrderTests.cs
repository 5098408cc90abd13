using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Feee;

/// <summary>Feee's order life over HTTP on a real SQLite file: submit, deliveries, lease end, cancel, expiry, balances to the sun.</summary>
public sealed class FeeeOrderTests : IAsyncLifetime
{
    private const string Submit10m = """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""";

    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Submit_pays_at_once_and_shows_the_order_waiting_for_delegation()
    {
        var user = await _server.FeeeUserAsync(trx: 10m);
        var created = await user.PostAsync("/open/v2/order/submit", Submit10m);
        created["code"]!.GetValue<int>().ShouldBe(0);
        created["msg"]!.GetValue<string>().ShouldBe("ok");
        var order = created["data"]!;
        var number = order["order_no"]!.GetValue<string>();
        number.Length.ShouldBe(22);
        number.ShouldStartWith("261121");
        order["status"]!.GetValue<int>().ShouldBe(4);
        order["business_status"]!.GetValue<int>().ShouldBe(1);
        order["pay_amount"]!.GetValue<decimal>().ShouldBe(3.92m);
        order["price_in_sun"]!.GetValue<long>().ShouldBe(105);
        order["create_time"]!.GetValue<long>().ShouldBe(_server.Clock.GetUtcNow().ToUnixTimeSeconds());
        order["lock_period"]!.GetValue<long>().ShouldBe(200);
        (await _server.BalanceAsync(user.AccountId)).ShouldBe((6.08m, 3.92m));

        var queried = await user.GetAsync($"/open/v2/order/query?order_no={number}");
        queried["data"]!.ToJsonString().ShouldBe(order.ToJsonString());
        var account = await user.GetAsync("/open/v2/api/query");
        account["data"]!["trx_money"]!.GetValue<decimal>().ShouldBe(6.08m);
    }

    [Fact]
    public async Task Cancel_within_five_minutes_is_refused_with_the_earliest_time_then_refunds_in_full_once()
    {
        var user = await _server.FeeeUserAsync(trx: 10m);
        var number = (await user.PostAsync("/open/v2/order/submit", Submit10m))["data"]!["order_no"]!.GetValue<string>();
        var cancel = $$"""{"order_no":"{{number}}"}""";

        _server.Clock.Advance(TimeSpan.FromMinutes(4));
        using (var early = await user.Http.PostAsync("/open/v2/order/cancel", ServerFixture.Body(cancel)))
        {
            var body = await ServerFixture.Json(early);
            body["code"]!.GetValue<int>().ShouldBe(10004);
            body["msg"]!.GetValue<string>().ShouldContain("2026-11-21 12:05:00 UTC");
            body["data"].ShouldBeNull();
            early.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
        }

        (await _server.BalanceAsync(user.AccountId)).ShouldBe((6.08m, 3.92m), "a refused cancel moves nothing");

        _server.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await user.PostAsync("/open/v2/order/cancel", cancel);
        first["code"]!.GetValue<int>().ShouldBe(0);
        first["data"]!["status"]!.GetValue<int>().ShouldBe(12);
        first["data"]!["business_status"]!.GetValue<int>().ShouldBe(4);
        first["data"]!["refund_amount"]!.GetValue<decimal>().ShouldBe(3.92m);
        first["data"]!["refund_time"]!.GetValue<long>().ShouldBe(_server.Clock.GetUtcNow().ToUnixTimeSeconds());

        var second = await user.PostAsync("/open/v2/order/cancel", cancel);
        second["code"]!.GetValue<int>().ShouldBe(0);
        second["data"]!.ToJsonString().ShouldBe(first["data"]!.ToJsonString());
        (await _server.BalanceAsync(user.AccountId)).ShouldBe((10m, 0m), "refunded exactly once");
    }

    [Fact]
    public async Task Deliveries_move_the_status_4_15_6_then_lease_end_9_and_pay_the_delegator()
    {
        var user = await _server.FeeeUserAsync(trx: 10m);
        var delegator = await _server.DelegatorAsync();
        var number = (await user.PostAsync("/open/v2/order/submit", Submit10m))["data"]!["order_no"]!.GetValue<string>();

        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        var firstDelivery = _server.Clock.GetUtcNow().ToUnixTimeSeconds();
        await delegator.DeliverAsync(number, 8_000, "tx-one");
        var partly = (await user.GetAsync($"/open/v2/order/query?order_no={number}"))["data"]!;
        partly["status"]!.GetValue<int>().ShouldBe(15);
        partly["business_status"]!.GetValue<int>().ShouldBe(1);
        partly["frozen_resource_value"]!.GetValue<long>().ShouldBe(8_000);
        partly["freeze_time"]!.GetValue<long>().ShouldBe(firstDelivery);
        partly["rent_expire_time"]!.GetValue<long>().ShouldBe(firstDelivery + 600);
        partly["frozen_tx_id"]!.GetValue<string>().ShouldBe("tx-one");
        partly["is_split"]!.GetValue<int>().ShouldBe(0);

        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        await delegator.DeliverAsync(number, 24_000, "tx-two");
        var full = (await user.GetAsync($"/open/v2/order/query?order_no={number}"))["data"]!;
        full["status"]!.GetValue<int>().ShouldBe(6);
        full["business_status"]!.GetValue<int>().ShouldBe(2);
        full["frozen_resource_value"]!.GetValue<long>().ShouldBe(32_000);
        full["freeze_time"]!.GetValue<long>().ShouldBe(firstDelivery, "the first delegation's time");
        full["frozen_tx_id"]!.GetValue<string>().ShouldBe("tx-two");
        full["is_split"]!.GetValue<int>().ShouldBe(1);

        _server.Clock.Advance(TimeSpan.FromMinutes(5));
        var refused = await user.PostAsync("/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}""");
        refused["code"]!.GetValue<int>().ShouldBe(10005);
        refused["msg"]!.GetValue<string>().ShouldContain("(6)");

        _server.Clock.Advance(TimeSpan.FromMinutes(5));
        await _server.Sweeper.SweepOnceAsync();
        var over = (await user.GetAsync($"/open/v2/order/query?order_no={number}"))["data"]!;
        over["status"]!.GetValue<int>().ShouldBe(9);
        over["business_status"]!.GetValue<int>().ShouldBe(3);
        (await _server.BalanceAsync(user.AccountId)).ShouldBe((6.08m, 0m));
        (await _server.BalanceAsync(delegator.AccountId)).ShouldBe((3.92m, 0m), "the whole payment, 0.98 + 2.94");
    }

    [Fact]
    public async Task Cancel_after_a_partial_delivery_refunds_the_undelegated_share_to_the_sun()
    {
        var user = await _server.FeeeUserAsync(trx: 10m);
        var delegator = await _server.DelegatorAsync();
        // 33333 energy for 1 hour at 115 sun + 0.56 = 4.39329 TRX: shares that do not divide evenly.
        var submit = """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":33333,"rent_duration":1,"rent_time_unit":"h"}""";
        var order = (await user.PostAsync("/open/v2/order/submit", submit))["data"]!;
        order["pay_amount"]!.GetValue<decimal>().ShouldBe(4.393295m);
        var number = order["order_no"]!.GetValue<string>();

        await delegator.DeliverAsync(number, 10_000, "tx-a");
        _server.Clock.Advance(TimeSpan.FromMinutes(5));
        var cancelled = (await user.PostAsync("/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}"""))["data"]!;

        // 4.393295 × 23333 / 33333 = 3.0752933...; rounded down to the sun.
        cancelled["refund_amount"]!.GetValue<decimal>().ShouldBe(3.075293m);
        cancelled["frozen_resource_value"]!.GetValue<long>().ShouldBe(10_000, "what was delivered stays delivered");
        cancelled["status"]!.GetValue<int>().ShouldBe(12);
        (await _server.BalanceAsync(user.AccountId)).ShouldBe((10m - 4.393295m + 3.075293m, 0m));
        (await _server.BalanceAsync(delegator.AccountId)).ShouldBe((1.318001m, 0m), "4.393295 × 10000 / 33333 = 1.3180016..., rounded down");
        (await _server.BalanceAsync(1)).Available.ShouldBe(0.000001m, "the rounding dust goes to the platform");

        var late = await delegator.Http.PostAsync($"/v1/orders/{number}/fills", """{"quantity":"1000","external_id":"tx-late"}""");
        ((int)late.Status).ShouldBe(409, "a delegation after the cancel is refused");
    }

    [Fact]
    public async Task An_undelegated_order_expires_after_its_validity_refunded_in_full_and_cannot_be_cancelled()
    {
        var user = await _server.FeeeUserAsync(trx: 10m);
        var number = (await user.PostAsync("/open/v2/order/submit", Submit10m))["data"]!["order_no"]!.GetValue<string>();
        _server.Clock.Advance(TimeSpan.FromHours(24));
        await _server.Sweeper.SweepOnceAsync();

        var expired = (await user.GetAsync($"/open/v2/order/query?order_no={number}"))["data"]!;
        expired["status"]!.GetValue<int>().ShouldBe(14);
        expired["business_status"]!.GetValue<int>().ShouldBe(4);
        expired["refund_amount"]!.GetValue<decimal>().ShouldBe(3.92m);
        var refused = await user.PostAsync("/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}""");
        refused["code"]!.GetValue<int>().ShouldBe(10005);
        (await _server.BalanceAsync(user.AccountId)).ShouldBe((10m, 0m));
    }

    [Fact]
    public async Task Unknown_and_foreign_orders_get_the_same_answer_and_a_bad_key_gets_10001()
    {
        var owner = await _server.FeeeUserAsync();
        var stranger = await _server.FeeeUserAsync();
        var number = (await owner.PostAsync("/open/v2/order/submit", Submit10m))["data"]!["order_no"]!.GetValue<string>();
        _server.Clock.Advance(TimeSpan.FromMinutes(6));

        foreach (var (method, path, body) in new[]
                 {
                     ("GET", $"/open/v2/order/query?order_no={number}", null),
                     ("POST", "/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}"""),
                 })
        {
            var foreign = method == "GET" ? await stranger.GetAsync(path) : await stranger.PostAsync(path, body!);
            var missingPath = path.Replace(number, "2611219999999999999999", StringComparison.Ordinal);
            var missing = method == "GET" ? await stranger.GetAsync(missingPath) : await stranger.PostAsync(missingPath, body!.Replace(number, "2611219999999999999999", StringComparison.Ordinal));
            foreign["code"]!.GetValue<int>().ShouldBe(10003);
            Without(foreign, "request_id").ShouldBe(Without(missing, "request_id"));
        }

        (await _server.BalanceAsync(owner.AccountId)).Locked.ShouldBe(3.92m, "the stranger's cancel changed nothing");

        foreach (var key in new[] { null, "", "wrong-key", owner.Key + "x" })
        {
            using var http = _server.Client();
            if (key is not null)
            {
                http.DefaultRequestHeaders.Add("key", key);
            }

            var bad = new FeeeUser(0, key ?? "", http);
            var answer = await bad.PostAsync("/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}""");
            answer["code"]!.GetValue<int>().ShouldBe(10001);
            answer["data"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task A_submit_beyond_the_balance_gets_10006_and_writes_nothing()
    {
        var user = await _server.FeeeUserAsync(trx: 3.91m);
        var before = await _server.SnapshotAsync();
        var answer = await user.PostAsync("/open/v2/order/submit", Submit10m);
        answer["code"]!.GetValue<int>().ShouldBe(10006);
        answer["msg"]!.GetValue<string>().ShouldContain("3.92");
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("resource_value=32000&rent_duration=10&rent_time_unit=m", 105, 3.92, 600)]
    [InlineData("resource_value=32000&rent_duration=1&rent_time_unit=h", 115, 4.24, 3600)]
    [InlineData("resource_value=32000&rent_duration=3&rent_time_unit=h", 130, 4.72, 10800)]
    [InlineData("resource_value=100000&rent_duration=2&rent_time_unit=d", 300, 30.56, 172800)]
    [InlineData("resource_value=32000&rent_time_second=603", 115, 4.24, 603)]
    [InlineData("resource_value=32000&rent_duration=10&rent_time_unit=m&rent_time_second=3603", 130, 4.72, 3603)]
    [InlineData("resource_value=32000&rent_duration=10&rent_time_unit=m&rent_time_second=", 105, 3.92, 600)]
    public async Task Price_follows_the_duration_tier(string query, long priceInSun, decimal pay, long seconds)
    {
        var user = await _server.FeeeUserAsync();
        var price = (await user.GetAsync($"/open/v2/order/price?{query}"))["data"]!;
        price["price_in_sun"]!.GetValue<long>().ShouldBe(priceInSun);
        price["pay_amount"]!.GetValue<decimal>().ShouldBe(pay);
        price["service_amount"]!.GetValue<decimal>().ShouldBe(0.56m);
        price["rent_time_second"]!.GetValue<long>().ShouldBe(seconds);
    }

    [Fact]
    public async Task The_cancel_window_is_an_operator_setting()
    {
        await using var server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Feee = new Ordo.Server.Feee.FeeeOptions { CancelNotBefore = TimeSpan.FromMinutes(1) },
        });
        var user = await server.FeeeUserAsync();
        var number = (await user.PostAsync("/open/v2/order/submit", Submit10m))["data"]!["order_no"]!.GetValue<string>();
        var early = await user.PostAsync("/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}""");
        early["msg"]!.GetValue<string>().ShouldContain("within 1 minutes");
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        (await user.PostAsync("/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}"""))["code"]!.GetValue<int>().ShouldBe(0);
    }

    private static string Without(JsonNode node, string field)
    {
        var copy = JsonNode.Parse(node.ToJsonString())!.AsObject();
        copy.Remove(field);
        return copy.ToJsonString();
    }
}
