namespace Ordo.Server.Tests.Tronify;

/// <summary>Sales racing a cancel from concurrent tasks: whichever commits first wins, and every sun is accounted for.</summary>
public sealed class TronifyRaceTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sales_racing_a_cancel_never_end_both_cancelled_and_complete()
    {
        var buyer = await _server.TronifyUserAsync(trx: 1000m);
        var sellers = new[] { await _server.TronifyUserAsync(trx: 0m), await _server.TronifyUserAsync(trx: 0m) };
        for (var round = 0; round < 25; round++)
        {
            var before = (Buyer: await _server.BalanceAsync(buyer.AccountId), Sellers: await SellersAsync(), Platform: await _server.BalanceAsync(1));
            var order = (await buyer.RentAsync(pledgeNum: 33_333, orderPrice: "61"))["data"]!;
            var orderId = order["orderId"]!.GetValue<string>();
            var paid = order["pledgeTrxNum"]!.GetValue<decimal>();

            // Two sellers each offer half (together the whole order) while the buyer cancels.
            var sales = new[] { sellers[0].SellAsync(orderId, 16_666), sellers[1].SellAsync(orderId, 16_667) };
            var cancel = buyer.CancelAsync(orderId);
            var sold = await Task.WhenAll(sales);
            var cancelled = await cancel;

            var row = (await buyer.CallAsync("mypayorder", new() { ["fromAddress"] = Orders.Address, ["pageSize"] = 100 }, sign: false))["data"]!["data"]!
                .AsArray().Single(r => r!["orderId"]!.GetValue<string>() == orderId)!;
            var status = row["orderStatus"]!.GetValue<string>();
            var applied = sold.Where(s => s["resCode"]!.GetValue<int>() == 100).Sum(s => s == sold[0] ? 16_666 : 16_667);
            sold.ShouldAllBe(s => s["resCode"]!.GetValue<int>() == 100 || s["resCode"]!.GetValue<int>() == 107);
            row["salePledgeNum"]!.GetValue<long>().ShouldBe(applied, "every acknowledged sale counts, and no other");
            if (cancelled["resCode"]!.GetValue<int>() == 100)
            {
                status.ShouldBe("cancel");
                applied.ShouldBeLessThan(33_333, "a cancelled order was not sold out");
            }
            else
            {
                cancelled["resCode"]!.GetValue<int>().ShouldBe(105);
                status.ShouldBe("complete");
            }

            var after = (Buyer: await _server.BalanceAsync(buyer.AccountId), Sellers: await SellersAsync(), Platform: await _server.BalanceAsync(1));
            var refund = after.Buyer.Available - (before.Buyer.Available - paid);
            var toSellers = after.Sellers - before.Sellers;
            var fee = after.Platform.Available - before.Platform.Available;
            after.Buyer.Locked.ShouldBe(0m);
            (refund + toSellers + fee).ShouldBe(paid, "refund + seller payments + cancel fee = what was paid");
            if (status == "complete")
            {
                refund.ShouldBe(0m);
                fee.ShouldBe(0m);
            }
        }

        async Task<decimal> SellersAsync() =>
            (await _server.BalanceAsync(sellers[0].AccountId)).Available + (await _server.BalanceAsync(sellers[1].AccountId)).Available;
    }
}
