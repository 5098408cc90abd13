namespace Ordo.Server.Tests.Feee;

/// <summary>Deliveries racing a cancel from concurrent tasks: one of them wins each unit, and every sun is accounted for.</summary>
public sealed class FeeeRaceTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Deliveries_racing_a_cancel_never_end_both_cancelled_and_fully_delegated()
    {
        var user = await _server.FeeeUserAsync(trx: 1000m);
        var delegator = await _server.DelegatorAsync();
        var outcomes = new HashSet<int>();
        for (var round = 0; round < 25; round++)
        {
            var before = (User: await _server.BalanceAsync(user.AccountId), Delegator: await _server.BalanceAsync(delegator.AccountId), Platform: await _server.BalanceAsync(1));
            var order = (await user.PostAsync("/open/v2/order/submit", """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":33000,"rent_duration":1,"rent_time_unit":"h"}"""))["data"]!;
            var number = order["order_no"]!.GetValue<string>();
            var paid = order["pay_amount"]!.GetValue<decimal>();
            _server.Clock.Advance(TimeSpan.FromMinutes(5));

            // Three deliveries of 11000 (together the whole order) against one cancel, all at once.
            var deliveries = Enumerable.Range(0, 3).Select(i =>
                delegator.Http.PostAsync($"/v1/orders/{number}/fills", $$"""{"quantity":"11000","external_id":"r{{round}}-{{i}}"}"""));
            var cancel = user.PostAsync("/open/v2/order/cancel", $$"""{"order_no":"{{number}}"}""");
            var delivered = await Task.WhenAll(deliveries);
            var cancelled = await cancel;

            var final = (await user.GetAsync($"/open/v2/order/query?order_no={number}"))["data"]!;
            var status = final["status"]!.GetValue<int>();
            outcomes.Add(status);
            var frozen = final["frozen_resource_value"]!.GetValue<long>();
            var applied = delivered.Count(d => (int)d.Status == 200);
            frozen.ShouldBe(applied * 11_000L, "every acknowledged delivery counts, and no other");
            if (cancelled["code"]!.GetValue<int>() == 0)
            {
                status.ShouldBe(12);
                frozen.ShouldBeLessThan(33_000, "a cancelled order was not fully delegated");
            }
            else
            {
                cancelled["code"]!.GetValue<int>().ShouldBe(10005);
                status.ShouldBe(6);
                frozen.ShouldBe(33_000);
            }

            var after = (User: await _server.BalanceAsync(user.AccountId), Delegator: await _server.BalanceAsync(delegator.AccountId), Platform: await _server.BalanceAsync(1));
            var refund = final["refund_amount"]!.GetValue<decimal>();
            var toDelegator = after.Delegator.Available - before.Delegator.Available;
            var dust = after.Platform.Available - before.Platform.Available;
            (refund + toDelegator + dust).ShouldBe(paid, "refund + delegator payments + rounding dust = what was paid");
            dust.ShouldBeLessThan(0.00001m);
            after.User.ShouldBe((before.User.Available - paid + refund, 0m));
        }

        outcomes.ShouldBeSubsetOf([6, 12]);
    }
}
