using Ordo.Core.Engine;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Core.Tests.Engine;

/// <summary>Exchange orders through the engine's rules: locks, trades at the maker's price, fees to the last decimal, releases.</summary>
public sealed class ExchangeTests
{
    private const long Buyer = 100;
    private const long Seller = 101;
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryTransaction _tx = new();
    private readonly OrderBooks _books = new();

    public ExchangeTests()
    {
        _tx.SaveMarket(new Market("btcusdc", "BTC", "USDC", 2, 4, 0.0001m, MakerFee: 0.0004m, TakerFee: 0.0007m));
        Deposit(Buyer, "USDC", 1_000_000m);
        Deposit(Seller, "BTC", 100m);
    }

    private OrderWrite Write => new(_tx, Now, _books);

    [Fact]
    public void A_crossing_sell_trades_at_the_resting_buy_price_and_each_side_pays_its_fee()
    {
        var buy = Place(Buyer, OrderSide.Buy, 0.0425m, 68733.81m);
        buy.AmountLocked.ShouldBe(2921.186925m);
        var sell = Place(Seller, OrderSide.Sell, 0.009m, 68000m);

        sell.State.ShouldBe(OrderState.Filled);
        sell.AveragePrice.ShouldBe(68733.81m);
        buy.State.ShouldBe(OrderState.Open);
        buy.FilledQuantity.ShouldBe(0.009m);
        buy.RemainingQuantity.ShouldBe(0.0335m);

        // 0.009 × 68733.81 = 618.60429 USDC; the seller took, so pays 0.07%: 0.433023003.
        // The buyer made, so pays 0.04% of the 0.009 BTC it receives: 0.0000036.
        Balance(Seller, "USDC").ShouldBe((618.171266997m, 0m));
        Balance(Seller, "BTC").ShouldBe((99.991m, 0m));
        Balance(Buyer, "BTC").ShouldBe((0.0089964m, 0m));
        Balance(Buyer, "USDC").ShouldBe((1_000_000m - 2921.186925m, 2302.582635m));
        Balance(SystemAccounts.Platform, "USDC").Available.ShouldBe(0.433023003m);
        Balance(SystemAccounts.Platform, "BTC").Available.ShouldBe(0.0000036m);
        sell.Fee.ShouldBe(0.433023003m);
        buy.Fee.ShouldBe(0.0000036m);

        var trade = _tx.Trades.Single();
        trade.ShouldBe(new TradeRecord(1, "btcusdc", 68733.81m, 0.009m, buy.Id, sell.Id, Buyer, Seller, OrderSide.Sell, 0.0000036m, 0.433023003m, Now));
        Conserved();
    }

    [Fact]
    public void A_buy_that_trades_below_its_price_gets_the_difference_back_at_once()
    {
        Place(Seller, OrderSide.Sell, 1m, 100m);
        var buy = Place(Buyer, OrderSide.Buy, 1m, 110m);
        buy.State.ShouldBe(OrderState.Filled);
        buy.AmountLocked.ShouldBe(0m);
        Balance(Buyer, "USDC").ShouldBe((1_000_000m - 100m, 0m));
        Balance(Buyer, "BTC").Available.ShouldBe(1m - 0.0007m);
        Conserved();
    }

    [Fact]
    public void A_market_buy_locks_the_estimate_plus_ten_percent_walks_the_book_and_returns_the_rest()
    {
        Place(Seller, OrderSide.Sell, 1m, 100m);
        Place(Seller, OrderSide.Sell, 1m, 120m);
        var buy = Place(Buyer, OrderSide.Buy, 1.5m, price: null);

        buy.State.ShouldBe(OrderState.Filled);
        buy.AveragePrice.ShouldBe(160m / 1.5m);
        buy.FilledValue.ShouldBe(160m);
        buy.AmountLocked.ShouldBe(0m);
        _tx.Ledger.Where(e => e.OrderId == buy.Id && e.Reason == MovementReasons.Lock && e.Amount > 0).Single().Amount.ShouldBe(176m, "(100 + 0.5 × 120) × 1.1");
        Balance(Buyer, "USDC").ShouldBe((1_000_000m - 160m, 0m));
        Conserved();
    }

    [Fact]
    public void A_market_order_stops_past_thirty_percent_and_the_rest_is_cancelled_by_the_system()
    {
        Place(Seller, OrderSide.Sell, 1m, 100m);
        Place(Seller, OrderSide.Sell, 1m, 131m);
        var buy = Place(Buyer, OrderSide.Buy, 2m, price: null);

        buy.State.ShouldBe(OrderState.Cancelled);
        buy.FilledQuantity.ShouldBe(1m);
        buy.CancelReason.ShouldBe(CancelReasons.Slippage);
        buy.CancelledBy.ShouldBe(ActorKind.System);
        buy.AmountLocked.ShouldBe(0m);
        Balance(Buyer, "USDC").ShouldBe((1_000_000m - 100m, 0m));
        _books.Built("btcusdc")!.BestAsk.ShouldBe(13100, "the 131 offer is untouched");
        Conserved();
    }

    [Fact]
    public void A_market_order_with_a_price_is_refused_and_a_resting_bid_keeps_its_lock()
    {
        // Issue 9, defect 1: a market buy carrying price 500 once "returned price improvement" of
        // (500 - 100) x volume out of the account's other locks, here the resting bid's.
        var bid = Place(Buyer, OrderSide.Buy, 1m, 90m);
        Place(Seller, OrderSide.Sell, 1m, 100m);
        var result = Write.Place(Command(Buyer, OrderSide.Buy, 1m, 500m) with { Type = OrderType.Market });

        result.Status.ShouldBe(PlaceStatus.Invalid);
        result.Field.ShouldBe("price");
        Balance(Buyer, "USDC").ShouldBe((1_000_000m - 90m, 90m));
        bid.AmountLocked.ShouldBe(90m);

        // The bid still trades and cancels: the market is not stuck.
        Place(Seller, OrderSide.Sell, 0.5m, 90m).State.ShouldBe(OrderState.Filled);
        Write.Cancel(new CancelOrder(Actor.Owner(Buyer), OrderRef.Of(bid.Id), Buyer)).Status.ShouldBe(CancelStatus.Cancelled);
        Conserved();
    }

    [Fact]
    public void A_market_order_on_an_empty_side_is_refused_and_writes_nothing()
    {
        var result = Write.Place(Command(Buyer, OrderSide.Buy, 1m, null));
        result.Status.ShouldBe(PlaceStatus.Invalid);
        _tx.Orders.ShouldBeEmpty();
        _tx.Ledger.Where(e => e.Reason != MovementReasons.Deposit).ShouldBeEmpty();
    }

    [Fact]
    public void Cancelling_a_partly_filled_order_releases_its_remainder_once_and_takes_it_out_of_the_book()
    {
        var buy = Place(Buyer, OrderSide.Buy, 2m, 100m);
        Place(Seller, OrderSide.Sell, 0.5m, 100m);
        var first = Write.Cancel(new CancelOrder(Actor.Owner(Buyer), OrderRef.Of(buy.Id), Buyer));
        first.Status.ShouldBe(CancelStatus.Cancelled);
        Write.Cancel(new CancelOrder(Actor.Owner(Buyer), OrderRef.Of(buy.Id), Buyer)).Status.ShouldBe(CancelStatus.AlreadyCancelled);
        Balance(Buyer, "USDC").ShouldBe((1_000_000m - 50m, 0m));
        _books.Built("btcusdc")!.Contains(buy.Id).ShouldBeFalse();

        var sell = Place(Seller, OrderSide.Sell, 1m, 90m);
        sell.State.ShouldBe(OrderState.Open, "nothing left to trade with");
        Conserved();
    }

    [Fact]
    public void A_lost_book_is_rebuilt_from_the_store_in_time_priority()
    {
        var older = Place(Seller, OrderSide.Sell, 1m, 100m);
        var newer = Place(Seller, OrderSide.Sell, 1m, 100m);
        _books.Invalidate();
        var buy = Place(Buyer, OrderSide.Buy, 1m, 100m);
        _tx.Trades.Single().MakerOrderId.ShouldBe(older.Id);
        buy.State.ShouldBe(OrderState.Filled);
        newer.State.ShouldBe(OrderState.Open);
    }

    private Order Place(long account, OrderSide side, decimal quantity, decimal? price)
    {
        var result = Write.Place(Command(account, side, quantity, price));
        result.Status.ShouldBe(PlaceStatus.Placed, result.Message);
        return _tx.Orders[result.Order!.Id];
    }

    private static PlaceOrder Command(long account, OrderSide side, decimal quantity, decimal? price) => new()
    {
        Actor = Actor.Owner(account),
        AccountId = account,
        Dialect = "test",
        Kind = OrderKind.Limit,
        Market = "btcusdc",
        Side = side,
        Type = price is null ? OrderType.Market : OrderType.Limit,
        Price = price,
        Quantity = quantity,
    };

    private void Deposit(long account, string asset, decimal amount) =>
        new Ledger.Ledger(_tx, Now).Move(Pocket.Available(SystemAccounts.External), Pocket.Available(account), asset, amount, null, MovementReasons.Deposit);

    private (decimal Available, decimal Locked) Balance(long account, string asset)
    {
        var balance = _tx.GetBalance(account, asset);
        return (balance.Available, balance.Locked);
    }

    /// <summary>Per asset, everything held (fees included) equals what was deposited, and locks match open orders.</summary>
    private void Conserved()
    {
        foreach (var asset in new[] { "USDC", "BTC" })
        {
            _tx.Balances.Values.Where(b => b.Asset == asset).Sum(b => b.Available + b.Locked).ShouldBe(0m, asset);
            _tx.Balances.Values.Where(b => b.Asset == asset && b.AccountId != SystemAccounts.External).Sum(b => b.Locked)
                .ShouldBe(_tx.Orders.Values.Where(o => o.Asset == asset).Sum(o => o.AmountLocked), asset);
        }
    }
}
