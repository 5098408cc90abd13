using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Core.Tests.Matching;

/// <summary>The book alone: integers in, trades out, no store and no clock.</summary>
public sealed class OrderBookTests
{
    private readonly OrderBook _book = new("btcusdc");

    [Fact]
    public void Better_prices_trade_first_and_within_a_price_the_older_order()
    {
        _book.Place(1, 10, OrderSide.Sell, 5, 101, rest: true);
        _book.Place(2, 11, OrderSide.Sell, 5, 100, rest: true);
        _book.Place(3, 12, OrderSide.Sell, 5, 100, rest: true);
        _book.Place(4, 13, OrderSide.Sell, 5, 102, rest: true);

        _book.Place(5, 20, OrderSide.Buy, 12, 101, rest: true).ShouldBe(MatchEnd.Filled);
        _book.Trades.ShouldBe(
        [
            new Trade(2, 11, 5, 100, 5),
            new Trade(3, 12, 5, 100, 5),
            new Trade(1, 10, 5, 101, 2),
        ]);
        _book.BestAsk.ShouldBe(101);
        _book.Asks.First().Volume.ShouldBe(3);
        _book.Asks.Select(l => l.Price).ShouldBe([101L, 102L]);
    }

    [Fact]
    public void A_limit_order_takes_what_crosses_and_rests_the_rest_at_its_price()
    {
        _book.Place(1, 10, OrderSide.Buy, 4, 99, rest: true);
        _book.Place(2, 11, OrderSide.Sell, 10, 98, rest: true).ShouldBe(MatchEnd.Rested);
        _book.Trades.ShouldBe([new Trade(1, 10, 2, 99, 4)], "at the maker's price");
        _book.BestBid.ShouldBeNull();
        _book.BestAsk.ShouldBe(98);
        _book.Asks.Single().Volume.ShouldBe(6);
        _book.Contains(1).ShouldBeFalse();
        _book.Contains(2).ShouldBeTrue();
    }

    [Fact]
    public void A_market_order_walks_the_book_until_filled_or_its_worst_price()
    {
        _book.Place(1, 10, OrderSide.Sell, 3, 100, rest: true);
        _book.Place(2, 10, OrderSide.Sell, 3, 110, rest: true);
        _book.Place(3, 10, OrderSide.Sell, 3, 140, rest: true);

        _book.Place(4, 20, OrderSide.Buy, 5, worstPrice: 130, rest: false).ShouldBe(MatchEnd.Filled);
        _book.Trades.ShouldBe([new Trade(1, 10, 4, 100, 3), new Trade(2, 10, 4, 110, 2)]);

        _book.Place(5, 20, OrderSide.Buy, 5, worstPrice: 130, rest: false).ShouldBe(MatchEnd.PriceLimit);
        _book.Trades.ShouldBe([new Trade(2, 10, 5, 110, 1)]);
        _book.Contains(5).ShouldBeFalse("a market order never rests");

        _book.Place(6, 20, OrderSide.Buy, 5, worstPrice: null, rest: false).ShouldBe(MatchEnd.Exhausted);
        _book.Trades.ShouldBe([new Trade(3, 10, 6, 140, 3)]);
        _book.BestAsk.ShouldBeNull();
    }

    [Fact]
    public void Cancel_takes_out_a_resting_or_partly_filled_order_and_knows_no_unknown_one()
    {
        _book.Place(1, 10, OrderSide.Sell, 10, 100, rest: true);
        _book.Place(2, 10, OrderSide.Sell, 10, 100, rest: true);
        _book.Place(3, 20, OrderSide.Buy, 4, 100, rest: true);

        _book.Cancel(1, out var left).ShouldBeTrue();
        left.ShouldBe(6, "the partly filled remainder");
        _book.Cancel(1, out _).ShouldBeFalse("already out");
        _book.Cancel(99, out _).ShouldBeFalse();
        _book.Asks.Single().Volume.ShouldBe(10);

        _book.Cancel(2, out left).ShouldBeTrue();
        left.ShouldBe(10);
        _book.BestAsk.ShouldBeNull("the emptied level is gone");
        _book.OrderCount.ShouldBe(0);

        _book.Place(4, 20, OrderSide.Buy, 1, 100, rest: true).ShouldBe(MatchEnd.Rested, "a cancelled order trades no more");
        _book.Trades.ShouldBeEmpty();
    }

    [Fact]
    public void Cancelling_the_best_level_makes_the_next_one_best()
    {
        _book.Place(1, 10, OrderSide.Buy, 1, 100, rest: true);
        _book.Place(2, 10, OrderSide.Buy, 1, 99, rest: true);
        _book.Place(3, 10, OrderSide.Buy, 1, 101, rest: true);
        _book.BestBid.ShouldBe(101);
        _book.Cancel(3, out _);
        _book.BestBid.ShouldBe(100);
        _book.Cancel(1, out _);
        _book.BestBid.ShouldBe(99);
    }

    [Fact]
    public void Estimate_sums_what_a_market_order_would_take()
    {
        _book.Place(1, 10, OrderSide.Sell, 3, 100, rest: true);
        _book.Place(2, 10, OrderSide.Sell, 3, 110, rest: true);
        _book.Estimate(OrderSide.Buy, 4).ShouldBe((4L, 410m));
        _book.Estimate(OrderSide.Buy, 10).ShouldBe((6L, 630m));
        _book.Estimate(OrderSide.Sell, 1).ShouldBe((0L, 0m));
    }

    [Fact]
    public void Bad_commands_are_refused_before_touching_the_book()
    {
        Should.Throw<ArgumentException>(() => _book.Place(1, 10, OrderSide.Buy, 0, 100, rest: true));
        Should.Throw<ArgumentException>(() => _book.Place(1, 10, OrderSide.Buy, 1, null, rest: true));
        _book.Place(1, 10, OrderSide.Buy, 1, 100, rest: true);
        Should.Throw<ArgumentException>(() => _book.Place(1, 10, OrderSide.Buy, 1, 100, rest: true));
        _book.OrderCount.ShouldBe(1);
    }
}
