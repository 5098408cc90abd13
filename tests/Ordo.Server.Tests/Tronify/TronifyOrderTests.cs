using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Tronify;

/// <summary>Tronify's marketplace over HTTP on a real SQLite file: escrow, sales, cancel fee, timeout, listings, balances to the sun.</summary>
public sealed class TronifyOrderTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Rent_record_takes_the_payment_into_escrow_and_answers_the_spec_shape()
    {
        var buyer = await _server.TronifyUserAsync(trx: 10m);
        var created = await buyer.RentAsync(pledgeNum: 32_000, orderPrice: "35", day: 0, hour: 3, minute: 10);
        created["resCode"]!.GetValue<int>().ShouldBe(100);
        created["resMsg"]!.GetValue<string>().ShouldBe("Success");
        var data = created["data"]!;
        data.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(
            ["fromAddress", "orderId", "orderPrice", "orderType", "pledgeAddress", "pledgeDay", "pledgeHour", "pledgeMinute", "pledgeNum", "pledgeTrxNum", "source"]);
        data["orderId"]!.GetValue<string>().ShouldMatch("^[0-9a-z]{8}_[0-9a-z]{4}_[0-9a-z]{4}_[0-9a-z]{4}_[0-9a-z]{12}$");
        data["source"]!.GetValue<string>().ShouldBe(buyer.SourceFlag);
        data["orderPrice"]!.GetValue<string>().ShouldBe("35");
        data["pledgeNum"]!.GetValue<long>().ShouldBe(32_000);

        // 32000 × 35 × 190 minutes / 1440 / 1e6 = 0.1477777..., rounded up to the sun.
        data["pledgeTrxNum"]!.GetValue<decimal>().ShouldBe(0.147778m);
        (await _server.BalanceAsync(buyer.AccountId)).ShouldBe((10m - 0.147778m, 0.147778m));
    }

    [Fact]
    public async Task Sales_pay_the_seller_and_cancel_refunds_the_unsold_share_less_the_fee()
    {
        var buyer = await _server.TronifyUserAsync(trx: 10m);
        var seller = await _server.TronifyUserAsync(trx: 0m);
        var orderId = (await buyer.RentAsync(pledgeNum: 32_000, orderPrice: "60"))["data"]!["orderId"]!.GetValue<string>();

        var sale = await seller.SellAsync(orderId, 12_000);
        sale["resCode"]!.GetValue<int>().ShouldBe(100);
        sale["data"]!["relateOrderId"]!.GetValue<string>().ShouldBe(orderId);
        sale["data"]!["orderId"]!.GetValue<string>().ShouldNotBe(orderId);
        (await _server.BalanceAsync(seller.AccountId)).ShouldBe((0.72m, 0m), "1.92 × 12000 / 32000, at once");

        var row = await MyOrder(buyer, orderId);
        row["salePledgeNum"]!.GetValue<long>().ShouldBe(12_000);
        row["leftPledgeNum"]!.GetValue<long>().ShouldBe(20_000);
        row["orderStatus"]!.GetValue<string>().ShouldBe("wait_sale");

        var cancelled = await buyer.CancelAsync(orderId);
        cancelled["resCode"]!.GetValue<int>().ShouldBe(100);
        cancelled["data"]!["orderId"]!.GetValue<string>().ShouldBe(orderId);
        cancelled["data"]!["sourceFlag"]!.GetValue<string>().ShouldBe(buyer.SourceFlag);
        (await MyOrder(buyer, orderId))["orderStatus"]!.GetValue<string>().ShouldBe("cancel");

        // Unsold share 1.92 × 20000 / 32000 = 1.2; refunded less 10%: 1.08; the fee 0.12 to the platform.
        (await _server.BalanceAsync(buyer.AccountId)).ShouldBe((10m - 1.92m + 1.08m, 0m));
        (await _server.BalanceAsync(1)).Available.ShouldBe(0.12m);

        var again = await buyer.CancelAsync(orderId);
        again["resCode"]!.GetValue<int>().ShouldBe(100);
        again["data"]!.ToJsonString().ShouldBe(cancelled["data"]!.ToJsonString());
        (await _server.BalanceAsync(buyer.AccountId)).ShouldBe((9.16m, 0m), "refunded exactly once");

        var late = await seller.SellAsync(orderId, 1_000);
        late["resCode"]!.GetValue<int>().ShouldBe(107);
        (await _server.BalanceAsync(seller.AccountId)).ShouldBe((0.72m, 0m));
    }

    [Fact]
    public async Task A_sale_beyond_what_is_left_gets_107_and_changes_nothing_and_a_full_sale_completes()
    {
        var buyer = await _server.TronifyUserAsync(trx: 10m);
        var seller = await _server.TronifyUserAsync(trx: 0m);
        var orderId = (await buyer.RentAsync())["data"]!["orderId"]!.GetValue<string>();
        await seller.SellAsync(orderId, 30_000);
        var before = await _server.SnapshotAsync();
        var tooMuch = await seller.SellAsync(orderId, 2_001);
        tooMuch["resCode"]!.GetValue<int>().ShouldBe(107);
        tooMuch["resMsg"]!.GetValue<string>().ShouldContain("2000");
        (await _server.SnapshotAsync()).ShouldBe(before);

        (await seller.SellAsync(orderId, 2_000))["resCode"]!.GetValue<int>().ShouldBe(100);
        (await MyOrder(buyer, orderId))["orderStatus"]!.GetValue<string>().ShouldBe("complete");
        (await _server.BalanceAsync(seller.AccountId)).ShouldBe((1.92m, 0m));
        var refused = await buyer.CancelAsync(orderId);
        refused["resCode"]!.GetValue<int>().ShouldBe(105);
        refused["data"].ShouldBeNull();
    }

    [Fact]
    public async Task A_channel_never_sells_into_its_own_order()
    {
        // Issue 9, defect 2: a self-sale returned the escrow without the cancel fee.
        var buyer = await _server.TronifyUserAsync(trx: 10m);
        var orderId = (await buyer.RentAsync())["data"]!["orderId"]!.GetValue<string>();
        var before = await _server.SnapshotAsync();

        var own = await buyer.SellAsync(orderId, 32_000);
        own["resCode"]!.GetValue<int>().ShouldBe(107);
        own["data"].ShouldBeNull();
        (await _server.SnapshotAsync()).ShouldBe(before, "nothing changes");

        (await buyer.CancelAsync(orderId))["resCode"]!.GetValue<int>().ShouldBe(100);
        (await _server.BalanceAsync(buyer.AccountId)).Available.ShouldBeLessThan(10m, "the cancel fee was charged");
    }

    [Fact]
    public async Task An_unsold_order_times_out_after_24_hours_refunded_in_full()
    {
        var buyer = await _server.TronifyUserAsync(trx: 10m);
        var seller = await _server.TronifyUserAsync(trx: 0m);
        var orderId = (await buyer.RentAsync())["data"]!["orderId"]!.GetValue<string>();
        await seller.SellAsync(orderId, 8_000);
        _server.Clock.Advance(TimeSpan.FromHours(24));
        await _server.Sweeper.SweepOnceAsync();

        (await MyOrder(buyer, orderId))["orderStatus"]!.GetValue<string>().ShouldBe("timeout");
        (await _server.BalanceAsync(buyer.AccountId)).ShouldBe((10m - 0.48m, 0m), "the unsold 1.44 back without a fee");
        (await buyer.CancelAsync(orderId))["resCode"]!.GetValue<int>().ShouldBe(105);
    }

    [Fact]
    public async Task Unknown_and_foreign_orders_get_the_same_answer_and_bad_channels_are_refused()
    {
        var owner = await _server.TronifyUserAsync();
        var stranger = await _server.TronifyUserAsync();
        var orderId = (await owner.RentAsync())["data"]!["orderId"]!.GetValue<string>();
        var foreign = await stranger.CancelAsync(orderId);
        var missing = await stranger.CancelAsync("aaaaaaaa_bbbb_cccc_dddd_eeeeeeeeeeee");
        foreign["resCode"]!.GetValue<int>().ShouldBe(104);
        foreign.ToJsonString().ShouldBe(missing.ToJsonString());
        (await MyOrder(owner, orderId))["orderStatus"]!.GetValue<string>().ShouldBe("wait_sale");

        var before = await _server.SnapshotAsync();
        var unsigned = $$"""{"orderId":"{{orderId}}","sourceFlag":"{{owner.SourceFlag}}"}""";
        (await owner.RawAsync("cancelOrder", unsigned))["resCode"]!.GetValue<int>().ShouldBe(101);
        (await owner.RawAsync("cancelOrder", unsigned.Replace("}", ",\"flag\":\"0123456789ABCDEF0123456789ABCDEF\"}", StringComparison.Ordinal)))["resCode"]!.GetValue<int>().ShouldBe(102);
        var signedByStranger = stranger with { SourceFlag = owner.SourceFlag };
        (await signedByStranger.CancelAsync(orderId))["resCode"]!.GetValue<int>().ShouldBe(102, "the stranger's secret does not sign for the owner's channel");
        (await owner.RawAsync("cancelOrder", $$"""{"orderId":"{{orderId}}","sourceFlag":"nobody","flag":"X"}"""))["resCode"]!.GetValue<int>().ShouldBe(103);
        (await _server.SnapshotAsync()).ShouldBe(before);

        var lowerCaseFlag = new JsonObject { ["orderId"] = orderId, ["sourceFlag"] = owner.SourceFlag };
        lowerCaseFlag["flag"] = Ordo.Server.Tronify.TronifyFlag.Compute(System.Text.Json.JsonSerializer.SerializeToElement(lowerCaseFlag), owner.Secret).ToLowerInvariant();
        (await owner.RawAsync("cancelOrder", lowerCaseFlag.ToJsonString()))["resCode"]!.GetValue<int>().ShouldBe(100);
    }

    [Fact]
    public async Task Pledge_config_and_the_minimum_energy()
    {
        var buyer = await _server.TronifyUserAsync();
        var config = await buyer.CallAsync("pledgeConfig", new JsonObject { ["address"] = Orders.Address }, sign: false);
        config["resCode"]!.GetValue<int>().ShouldBe(100);
        config["data"]!["refundRate"]!.GetValue<decimal>().ShouldBe(0.1m);
        config["data"]!["lowEnergyCanBuy"]!.GetValue<long>().ShouldBe(15_000);
        config["data"]!.AsObject().Select(p => p.Key).ShouldBe(
            ["defaultEnergyPrice", "lowEnergyPrice", "topEnergyPrice", "lowEnergyCanBuy", "topEnergyCanBuy", "refundRate"]);

        var before = await _server.SnapshotAsync();
        var low = await buyer.RentAsync(pledgeNum: 14_999);
        low["resCode"]!.GetValue<int>().ShouldBe(132);
        var broke = await (await _server.TronifyUserAsync(trx: 1m)).RentAsync();
        broke["resCode"]!.GetValue<int>().ShouldBe(106);
        (await _server.SnapshotAsync()).ShouldNotContain("Open", Case.Sensitive, "no order was written");
        before.ShouldNotContain("Open");
    }

    [Fact]
    public async Task Listings_page_filter_and_sort()
    {
        var buyer = await _server.TronifyUserAsync(trx: 100m);
        var other = await _server.TronifyUserAsync(trx: 100m);
        var ids = new List<string>();
        foreach (var (price, days) in new[] { ("40", 1), ("90", 1), ("60", 30) })
        {
            ids.Add((await buyer.RentAsync(orderPrice: price, day: days))["data"]!["orderId"]!.GetValue<string>());
            _server.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await other.RentAsync(orderPrice: "50");
        await buyer.CancelAsync(ids[0]);

        // Ledger Live's wallet reads the rows and the pagination inside data (coin-tron 8.0.0, lib/network/tronify/types.d.ts, MyPayOrderData).
        var mine = (await buyer.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = Orders.Address, ["page"] = 1, ["pageSize"] = 2, ["orderType"] = "2" }, sign: false))["data"]!;
        mine["pagination"]!.ToJsonString().ShouldBe("""{"page":1,"pageSize":2,"total":3}""");
        mine["data"]!.AsArray().Select(r => r!["orderId"]!.GetValue<string>()).ShouldBe([ids[2], ids[1]], "newest first");
        var active = (await buyer.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = Orders.Address, ["page"] = "1", ["pageSize"] = "10", ["orderType"] = "1" }, sign: false))["data"]!;
        active["pagination"]!["total"]!.GetValue<int>().ShouldBe(2);
        var closed = (await buyer.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = Orders.Address, ["orderType"] = "0" }, sign: false))["data"]!;
        closed["data"]!.AsArray().Select(r => r!["orderId"]!.GetValue<string>()).ShouldBe([ids[0]], "0: completed, every closed status");
        var row = active["data"]![0]!;
        row.AsObject().Select(p => p.Key).ShouldBe(
            ["orderId", "fromAddress", "pledgeAddress", "pledgeNum", "salePledgeNum", "freezePledgeNum", "leftPledgeNum", "pledgeTrxNum", "orderPrice", "orderType", "pledgeDay", "createTime", "orderStatus"]);
        row["createTime"]!.GetValue<string>().ShouldBe("2026-11-21 12:00:02");
        row["orderPrice"]!.GetValue<string>().ShouldBe("60");
        row["pledgeDay"]!.GetValue<string>().ShouldBe("30");
        row["pledgeTrxNum"]!.GetValue<decimal>().ShouldBe(57.6m);
        var elsewhere = await buyer.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8" }, sign: false);
        elsewhere["data"]!["pagination"]!["total"]!.GetValue<int>().ShouldBe(0);

        async Task<string[]> Market(string sort) =>
            (await other.CallAsync("trades", new JsonObject { ["page"] = 1, ["pageSize"] = 10, ["sort"] = sort }, sign: false))["data"]!["data"]!
                .AsArray().Select(r => r!["orderPrice"]!.GetValue<string>()).ToArray();
        (await Market("0")).ShouldBe(["90", "60", "50"], "price per day high to low (not the total), every channel, open only");
        (await Market("1")).ShouldBe(["50", "60", "90"]);
        (await Market("2")).ShouldBe(["50", "60", "90"], "newest first");
        (await Market("3")).ShouldBe(["90", "60", "50"]);
    }

    private static async Task<JsonNode> MyOrder(TronifyUser user, string orderId)
    {
        var list = await user.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = Orders.Address, ["pageSize"] = 100 }, sign: false);
        return list["data"]!["data"]!.AsArray().Single(r => r!["orderId"]!.GetValue<string>() == orderId)!;
    }
}
