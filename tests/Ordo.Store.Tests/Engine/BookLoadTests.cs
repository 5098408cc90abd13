using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Store.Tests.Engine;

/// <summary>
/// Books rebuilt from the store at start-up (OrderEngine.LoadBooksAsync, from the store's lean
/// ListRestingOrders): the same orders, remainders and time priority as before the restart, without
/// taking any market's sequencer, and never a half-built book under commands that run meanwhile.
/// </summary>
public abstract class BookLoadTests(StoreEngine engine) : IDisposable
{
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task The_store_lists_a_markets_open_limit_orders_oldest_first_with_their_remainders_and_nothing_else()
    {
        var (a, b) = await MarketsAsync();
        var buyer = await _f.AccountWithAsync("USDC", 100_000m);
        var seller = await _f.AccountWithAsync("AAA", 100m);
        await _f.Admin.DepositAsync(seller, "BBB", 100m, "bbb-" + seller);
        await _f.Admin.DepositAsync(buyer, "TRX", 1_000m, "trx-" + buyer);
        var older = await PlaceAsync(buyer, a.Name, OrderSide.Buy, 100m, 2m);
        var cancelled = await PlaceAsync(buyer, a.Name, OrderSide.Buy, 99m, 1m);
        (await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(buyer), OrderRef.Of(cancelled.Id), buyer))).Status.ShouldBe(CancelStatus.Cancelled);
        var ask = await PlaceAsync(seller, a.Name, OrderSide.Sell, 110m, 3m);
        await PlaceAsync(seller, a.Name, OrderSide.Sell, 100m, 0.5m); // trades half a unit with the older buy, rests nowhere
        await PlaceAsync(seller, b.Name, OrderSide.Sell, 50m, 1m);
        await _f.RentalAsync(buyer);

        var resting = await _f.Store.WriteAsync(tx => tx.ListRestingOrders(a.Name));

        resting.ShouldBe(
        [
            new RestingOrder(older.Id, buyer, OrderSide.Buy, 100m, 1.5m),
            new RestingOrder(ask.Id, seller, OrderSide.Sell, 110m, 3m),
        ]);
        (await _f.Store.WriteAsync(tx => tx.ListRestingOrders("nosuchmarket"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_restart_the_loaded_books_keep_every_order_and_its_time_priority_and_no_market_version_moves()
    {
        var (a, b) = await MarketsAsync();
        var buyer = await _f.AccountWithAsync("USDC", 100_000m);
        var first = await PlaceAsync(buyer, a.Name, OrderSide.Buy, 100m, 1m);
        var second = await PlaceAsync(buyer, a.Name, OrderSide.Buy, 100m, 1m);
        var lower = await PlaceAsync(buyer, a.Name, OrderSide.Buy, 90m, 1m);
        var onB = await PlaceAsync(buyer, b.Name, OrderSide.Buy, 10m, 1m);

        _f.Reopen();
        var versions = await _f.Store.WriteAsync(tx => (tx.MarketVersion(a.Name), tx.MarketVersion(b.Name)));
        (await _f.Engine.LoadBooksAsync()).ShouldBe(4);

        (await _f.Store.WriteAsync(tx => (tx.MarketVersion(a.Name), tx.MarketVersion(b.Name)))).ShouldBe(versions, "loading takes no sequencer");
        var book = _f.Engine.Books.Built(a.Name).ShouldNotBeNull();
        book.Bids.Select(level => level.Orders().Select(order => order.Id).ToList()).ToList().ShouldBe([[first.Id, second.Id], [lower.Id]]);
        _f.Engine.Books.Built(b.Name).ShouldNotBeNull().Contains(onB.Id).ShouldBeTrue();

        // The loaded book is the one the next command uses: a sell for one unit takes the oldest buy.
        var seller = await _f.AccountWithAsync("AAA", 10m);
        await PlaceAsync(seller, a.Name, OrderSide.Sell, 100m, 1m);
        (await _f.Store.GetOrderAsync(OrderRef.Of(first.Id), null)).ShouldNotBeNull().State.ShouldBe(OrderState.Filled);
        (await _f.Store.GetOrderAsync(OrderRef.Of(second.Id), null)).ShouldNotBeNull().State.ShouldBe(OrderState.Open);
    }

    [Fact]
    public async Task Commands_running_while_the_books_load_each_meet_a_whole_book_and_the_books_end_as_the_store()
    {
        var (a, b) = await MarketsAsync();
        var buyer = await _f.AccountWithAsync("USDC", 1_000_000m);
        var buys = new List<Order>();
        for (var i = 0; i < 40; i++)
        {
            buys.Add(await PlaceAsync(buyer, i % 2 == 0 ? a.Name : b.Name, OrderSide.Buy, 100m - (i / 2), 1m));
        }

        _f.Reopen();
        var seller = await _f.AccountWithAsync("AAA", 100m);
        await _f.Admin.DepositAsync(seller, "BBB", 100m, "bbb-" + seller);
        var load = _f.Engine.LoadBooksAsync();
        var commands = new List<Task>
        {
            // Crosses the five best buys of A: only a whole book gives exactly these trades.
            PlaceAsync(seller, a.Name, OrderSide.Sell, 96m, 5m),
            PlaceAsync(seller, b.Name, OrderSide.Sell, 100m, 1m),
            _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(buyer), OrderRef.Of(buys[^1].Id), buyer)),
        };
        await Task.WhenAll(commands);
        await load;

        for (var i = 0; i < 10; i += 2)
        {
            (await _f.Store.GetOrderAsync(OrderRef.Of(buys[i].Id), null)).ShouldNotBeNull().State.ShouldBe(OrderState.Filled, $"buy {i} at {100 - (i / 2)}");
        }

        foreach (var market in new[] { a, b })
        {
            var stored = await _f.Store.WriteAsync(tx => tx.ListRestingOrders(market.Name));
            var book = _f.Engine.Books.Built(market.Name).ShouldNotBeNull();
            book.Bids.SelectMany(level => level.Orders()).Select(order => order.Id).ShouldBe(stored.Select(order => order.Id), market.Name);
        }
    }

    private async Task<(Market A, Market B)> MarketsAsync() => (
        (await _f.Admin.SaveMarketAsync(new Market("aaausdc", "AAA", "USDC", 2, 4, 0.0001m, 0m, 0m))).Market!,
        (await _f.Admin.SaveMarketAsync(new Market("bbbusdc", "BBB", "USDC", 2, 4, 0.0001m, 0m, 0m))).Market!);

    private async Task<Order> PlaceAsync(long account, string market, OrderSide side, decimal price, decimal quantity)
    {
        var result = await _f.Engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = OrderEngine.NativeDialect,
            Kind = OrderKind.Limit,
            Market = market,
            Side = side,
            Type = OrderType.Limit,
            Price = price,
            Quantity = quantity,
        });
        result.Status.ShouldBe(PlaceStatus.Placed, result.Message);
        return result.Order!;
    }

    public sealed class OnSqlite() : BookLoadTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : BookLoadTests(new StoreEngine.Postgres());
}
