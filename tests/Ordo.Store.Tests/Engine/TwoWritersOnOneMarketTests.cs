using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Tests.Engine;

/// <summary>
/// Two stores, each with its own engine and books, writing one database (two processes, or two nodes):
/// each command on a market takes the market's sequencer, so a book another writer changed is rebuilt
/// before it is used, and no order is matched from a stale book.
/// </summary>
public abstract class TwoWritersOnOneMarketTests : IDisposable
{
    private readonly StoreEngine _database;
    private readonly ManualClock _clock = new();
    private readonly IOrderStore _storeA;
    private readonly IOrderStore _storeB;
    private readonly OrderEngine _a;
    private readonly OrderEngine _b;
    private readonly Administration _admin;

    protected TwoWritersOnOneMarketTests(StoreEngine engine)
    {
        _database = engine;
        _storeA = _database.Open();
        _storeB = _database.Open();
        _a = new OrderEngine(_storeA, _clock);
        _b = new OrderEngine(_storeB, _clock);
        _admin = new Administration(_storeA, _clock);
    }

    public void Dispose()
    {
        ((IDisposable)_storeA).Dispose();
        ((IDisposable)_storeB).Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_writer_matches_against_what_the_other_writer_left_on_the_book()
    {
        await _admin.SaveMarketAsync(new Market("aaausdc", "AAA", "USDC", 2, 4, 0.0001m, 0m, 0m));
        var seller = await AccountAsync("AAA", 10m);
        var buyer = await AccountAsync("USDC", 10_000m);

        var sell = await PlaceAsync(_a, seller, OrderSide.Sell, 100m, 2m);
        (await _a.DepthAsync("aaausdc"))!.Asks.Single().Volume.ShouldBe(2m, "A's book holds the offer");

        // B buys 1.5 of the offer; A's book, built before, no longer matches the store.
        var first = await PlaceAsync(_b, buyer, OrderSide.Buy, 100m, 1.5m);
        first.State.ShouldBe(OrderState.Filled);

        // A buys 1: only 0.5 is left, so 0.5 trades and 0.5 rests (a stale book would trade the whole 1).
        var second = await PlaceAsync(_a, buyer, OrderSide.Buy, 100m, 1m);
        second.FilledQuantity.ShouldBe(0.5m);
        second.State.ShouldBe(OrderState.Open);
        var depth = (await _b.DepthAsync("aaausdc"))!;
        depth.Asks.ShouldBeEmpty();
        depth.Bids.Single().Volume.ShouldBe(0.5m, "B's book learned of A's resting remainder");

        // B cancels A's resting remainder: A's book drops it too.
        (await _b.CancelAsync(new CancelOrder(Actor.Owner(buyer), OrderRef.Of(second.Id), buyer, null))).Status.ShouldBe(CancelStatus.Cancelled);
        (await _a.DepthAsync("aaausdc"))!.Bids.ShouldBeEmpty();
        (await _storeA.GetOrderAsync(OrderRef.Of(sell.Id), null))!.State.ShouldBe(OrderState.Filled);
    }

    private async Task<long> AccountAsync(string asset, decimal amount)
    {
        var account = await _admin.CreateAccountAsync("tenant-" + Guid.NewGuid().ToString("N")[..6], null);
        await _admin.DepositAsync(account.Id, asset, amount, "seed-" + account.Id);
        return account.Id;
    }

    private static async Task<Order> PlaceAsync(OrderEngine engine, long account, OrderSide side, decimal price, decimal quantity)
    {
        var result = await engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(account),
            AccountId = account,
            Dialect = OrderEngine.NativeDialect,
            Kind = OrderKind.Limit,
            Market = "aaausdc",
            Side = side,
            Type = OrderType.Limit,
            Price = price,
            Quantity = quantity,
        });
        result.Status.ShouldBe(PlaceStatus.Placed, result.Message);
        return result.Order!;
    }

    public sealed class OnSqlite() : TwoWritersOnOneMarketTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : TwoWritersOnOneMarketTests(new StoreEngine.Postgres());
}
