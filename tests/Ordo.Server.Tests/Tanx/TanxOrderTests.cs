using System.Net;

namespace Ordo.Server.Tests.Tanx;

/// <summary>tanX orders over HTTP on the matching engine: create, match, read, list, trades, cancel once, bulk cancel, slippage.</summary>
public sealed class TanxOrderTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        await _server.MarketAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_partly_filled_order_shows_its_trades_and_a_cancel_releases_the_rest_once()
    {
        var buyer = await TanxUser.CreateAsync(_server, usdc: 10_000m, btc: 0m);
        var seller = await TanxUser.CreateAsync(_server, usdc: 0m, btc: 1m);
        var buy = await buyer.PlaceAsync("buy", "0.0425", "68733.81");
        buy["state"]!.GetValue<string>().ShouldBe("wait");
        var sell = await seller.PlaceAsync("sell", "0.009", "68000");
        sell["state"]!.GetValue<string>().ShouldBe("done");
        sell["avg_price"]!.GetValue<string>().ShouldBe("68733.81", "at the maker's price");

        var id = buy["id"]!.GetValue<long>();
        var (_, read) = await buyer.GetAsync($"/sapi/v1/orders/{id}/");
        var order = read["payload"]!;
        order["executed_volume"]!.GetValue<string>().ShouldBe("0.009");
        order["remaining_volume"]!.GetValue<string>().ShouldBe("0.0335");
        order["trades_count"]!.GetValue<int>().ShouldBe(1);
        order["maker_fee"]!.GetValue<string>().ShouldBe("0.0004");
        order["created_at"]!.GetValue<string>().ShouldBe("2026-11-21T12:00:00+00:00");
        var trade = order["trades"]![0]!;
        trade["price"]!.GetValue<string>().ShouldBe("68733.81");
        trade["amount"]!.GetValue<string>().ShouldBe("0.009");
        trade["total"]!.GetValue<string>().ShouldBe("618.60429");
        trade["side"]!.GetValue<string>().ShouldBe("buy");
        trade["fee_amount"]!.GetValue<string>().ShouldBe("0.0000036");
        trade["fee_currency"]!.GetValue<string>().ShouldBe("btc");

        var (first, cancelled) = await buyer.PostAsync("/sapi/v1/orders/cancel/", $$"""{"order_id":{{id}}}""");
        first.ShouldBe(HttpStatusCode.OK);
        cancelled["message"]!.GetValue<string>().ShouldBe("Order is successfully queued for cancellation");
        cancelled["payload"]!["state"]!.GetValue<string>().ShouldBe("cancel");
        cancelled["payload"]!["cancel_reason"]!.GetValue<string>().ShouldBe("Order cancelled by user");
        var (second, again) = await buyer.PostAsync("/sapi/v1/orders/cancel/", $$"""{"order_id":{{id}}}""");
        second.ShouldBe(HttpStatusCode.OK);
        again.ToJsonString().ShouldBe(cancelled.ToJsonString());

        (await _server.BalanceAsync(buyer.AccountId, "USDC")).ShouldBe((10_000m - 618.60429m, 0m), "the rest released exactly once");
        (await _server.BalanceAsync(buyer.AccountId, "BTC")).ShouldBe((0.0089964m, 0m));
        (await _server.BalanceAsync(seller.AccountId, "USDC")).ShouldBe((618.60429m - 0.433023003m, 0m));
        (await _server.BalanceAsync(1, "USDC")).Available.ShouldBe(0.433023003m);

        var (closed, refusal) = await seller.PostAsync("/sapi/v1/orders/cancel/", $$"""{"order_id":{{sell["id"]}}}""");
        closed.ShouldBe(HttpStatusCode.BadRequest);
        refusal.ToJsonString().ShouldBe("""{"status":"error","message":"Order is already closed and cannot be cancelled","payload":""}""");
    }

    [Fact]
    public async Task Another_accounts_order_is_answered_exactly_like_a_missing_one()
    {
        var owner = await TanxUser.CreateAsync(_server);
        var stranger = await TanxUser.CreateAsync(_server);
        var id = (await owner.PlaceAsync("buy", "0.01", "60000"))["id"]!.GetValue<long>();
        foreach (var (method, path, body) in new (string, Func<long, string>, Func<long, string?>)[]
                 {
                     ("GET", n => $"/sapi/v1/orders/{n}/", _ => null),
                     ("POST", _ => "/sapi/v1/orders/cancel/", n => $$"""{"order_id":{{n}}}"""),
                 })
        {
            var foreign = await TanxUser.Send(stranger.Http, new HttpMethod(method), path(id), body(id));
            var missing = await TanxUser.Send(stranger.Http, new HttpMethod(method), path(999_999), body(999_999));
            foreign.Status.ShouldBe(HttpStatusCode.NotFound);
            foreign.Body.ToJsonString().ShouldBe(missing.Body.ToJsonString());
            foreign.Body.ToJsonString().ShouldBe("""{"status":"error","message":"Order not found","payload":""}""");
        }

        (await _server.BalanceAsync(owner.AccountId, "USDC")).Locked.ShouldBe(600m, "the stranger's cancel changed nothing");
    }

    [Fact]
    public async Task A_market_order_walks_the_book_and_stops_at_thirty_percent_slippage()
    {
        var maker = await TanxUser.CreateAsync(_server);
        var taker = await TanxUser.CreateAsync(_server);
        await maker.PlaceAsync("sell", "0.1", "60000");
        await maker.PlaceAsync("sell", "0.1", "70000");
        await maker.PlaceAsync("sell", "0.1", "80000");

        var order = await taker.PlaceAsync("buy", "0.3", price: null);
        order["state"]!.GetValue<string>().ShouldBe("cancel");
        order["executed_volume"]!.GetValue<string>().ShouldBe("0.2", "60000 and 70000 are within 30% of 60000; 80000 is not");
        order["avg_price"]!.GetValue<string>().ShouldBe("65000");
        order["cancel_reason"]!.GetValue<string>().ShouldBe("Slippage greater than 30%. Order cancelled to prevent loss of funds");
        order["price"].ShouldBeNull();
        (await _server.BalanceAsync(taker.AccountId, "USDC")).ShouldBe((1_000_000m - 13_000m, 0m), "the unspent estimate went back");

        var (refused, answer) = await taker.PostAsync("/sapi/v1/orders/create/", """{"market":"btcusdc","side":"sell","ord_type":"market","volume":"0.1"}""");
        refused.ShouldBe(HttpStatusCode.BadRequest, "no buyers to sell to");
        answer["status"]!.GetValue<string>().ShouldBe("error");
    }

    [Fact]
    public async Task Bulk_cancel_takes_the_accounts_open_orders_of_a_market_and_side()
    {
        var user = await TanxUser.CreateAsync(_server);
        var other = await TanxUser.CreateAsync(_server);
        var buys = new[] { await user.PlaceAsync("buy", "0.01", "50000"), await user.PlaceAsync("buy", "0.01", "50001") };
        var sell = await user.PlaceAsync("sell", "0.01", "90000");
        var theirs = await other.PlaceAsync("buy", "0.01", "50002");

        var (status, answer) = await user.PostAsync("/sapi/v1/user/bulkcancel/", """{"market":"btcusdc","side":"buy"}""");
        status.ShouldBe(HttpStatusCode.OK);
        answer.ToJsonString().ShouldBe("""{"status":"success","message":"Orders are successfully queued for cancellation","payload":{}}""");
        foreach (var buy in buys)
        {
            (await user.GetAsync($"/sapi/v1/orders/{buy["id"]}/")).Body["payload"]!["state"]!.GetValue<string>().ShouldBe("cancel");
        }

        (await user.GetAsync($"/sapi/v1/orders/{sell["id"]}/")).Body["payload"]!["state"]!.GetValue<string>().ShouldBe("wait");
        (await other.GetAsync($"/sapi/v1/orders/{theirs["id"]}/")).Body["payload"]!["state"]!.GetValue<string>().ShouldBe("wait");
        (await _server.BalanceAsync(user.AccountId, "USDC")).Locked.ShouldBe(0m);
    }

    [Fact]
    public async Task Lists_filter_and_page_and_trades_are_the_accounts_own()
    {
        var user = await TanxUser.CreateAsync(_server);
        var other = await TanxUser.CreateAsync(_server);
        await user.PlaceAsync("buy", "0.01", "50000");
        _server.Clock.Advance(TimeSpan.FromMinutes(1));
        await user.PlaceAsync("sell", "0.02", "90000");
        await other.PlaceAsync("buy", "0.02", "95000");

        var (_, all) = await user.GetAsync("/sapi/v1/orders/?limit=10");
        all["payload"]!.AsArray().Count.ShouldBe(2);
        (await user.GetAsync("/sapi/v1/orders/?state=done"))!.Body["payload"]!.AsArray().Single()!["side"]!.GetValue<string>().ShouldBe("sell");
        (await user.GetAsync("/sapi/v1/orders/?side=buy&state=wait"))!.Body["payload"]!.AsArray().Single()!["price"]!.GetValue<string>().ShouldBe("50000");
        (await user.GetAsync("/sapi/v1/orders/?limit=1&page=2"))!.Body["payload"]!.AsArray().Single()!["side"]!.GetValue<string>().ShouldBe("buy", "newest first");
        var start = _server.Clock.GetUtcNow().ToUnixTimeSeconds();
        (await user.GetAsync($"/sapi/v1/orders/?start_time={start}"))!.Body["payload"]!.AsArray().Count.ShouldBe(1);
        (await user.GetAsync("/sapi/v1/orders/?ord_type=market"))!.Body["payload"]!.AsArray().ShouldBeEmpty();

        var (_, trades) = await user.GetAsync("/sapi/v1/trades/?market=btcusdc");
        var trade = trades["payload"]!.AsArray().Single()!;
        trade["side"]!.GetValue<string>().ShouldBe("sell");
        trade["taker_type"]!.GetValue<string>().ShouldBe("buy");
        trade["price"]!.GetValue<string>().ShouldBe("90000");
        trade["fee_currency"]!.GetValue<string>().ShouldBe("usdc");
        trade["fee_amount"]!.GetValue<string>().ShouldBe("0.72", "maker 0.04% of 1800");
    }
}
