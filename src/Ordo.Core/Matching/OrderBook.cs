using Ordo.Core.Orders;

namespace Ordo.Core.Matching;

/// <summary>
/// One market's order book: price-time priority, plain data structures, no I/O and no clock, so the
/// same commands always give the same trades. Prices are ticks and volumes lots (integers in the
/// market's smallest steps). Cancel finds the order in a hash map and unlinks it from its level in
/// O(1); only a level that empties costs a tree removal (O(log levels)). Nodes and levels are pooled,
/// so a steady flow allocates nothing. Not thread-safe: one sequencer owns a book.
/// </summary>
public sealed class OrderBook(string market)
{
    private readonly BookSide _bids = new(highestFirst: true);
    private readonly BookSide _asks = new(highestFirst: false);
    private readonly Dictionary<long, BookOrder> _orders = [];
    private readonly Stack<BookOrder> _pool = new();
    private readonly List<Trade> _trades = [];

    public string Market { get; } = market;

    /// <summary>The trades of the last <see cref="Place"/>, in execution order.</summary>
    public IReadOnlyList<Trade> Trades => _trades;

    public int OrderCount => _orders.Count;

    public long? BestBid => _bids.Best?.Price;

    public long? BestAsk => _asks.Best?.Price;

    public IEnumerable<PriceLevel> Bids => _bids.Levels;

    public IEnumerable<PriceLevel> Asks => _asks.Levels;

    public bool Contains(long id) => _orders.ContainsKey(id);

    /// <summary>
    /// Matches an incoming order against the other side, best price first and oldest first within a
    /// price, while prices are no worse than <paramref name="worstPrice"/> (null: any price). With
    /// <paramref name="rest"/>, what is left joins the book at <paramref name="worstPrice"/> (a limit
    /// order); otherwise it is left out (a market order). The trades are in <see cref="Trades"/>.
    /// </summary>
    public MatchEnd Place(long id, long accountId, OrderSide side, long volume, long? worstPrice, bool rest)
    {
        if (volume <= 0 || (rest && worstPrice is null) || _orders.ContainsKey(id))
        {
            throw new ArgumentException($"order {id}: a positive volume, a price to rest at and a new id are required");
        }

        _trades.Clear();
        var other = side == OrderSide.Buy ? _asks : _bids;
        var remaining = volume;
        while (remaining > 0 && other.Best is { } level && (worstPrice is not { } worst || other.Crosses(worst)))
        {
            var maker = level.Head!;
            var traded = Math.Min(remaining, maker.Remaining);
            _trades.Add(new Trade(maker.Id, maker.AccountId, id, level.Price, traded));
            remaining -= traded;
            maker.Remaining -= traded;
            level.Volume -= traded;
            if (maker.Remaining == 0)
            {
                Remove(maker);
            }
        }

        if (remaining == 0)
        {
            return MatchEnd.Filled;
        }

        if (rest)
        {
            Rest(id, accountId, side, worstPrice!.Value, remaining);
            return MatchEnd.Rested;
        }

        return other.Best is null ? MatchEnd.Exhausted : MatchEnd.PriceLimit;
    }

    /// <summary>Puts an order in the book without matching (rebuilding a book from stored open orders, in their original order).</summary>
    public void Rest(long id, long accountId, OrderSide side, long price, long volume)
    {
        var order = _pool.Count > 0 ? _pool.Pop() : new BookOrder();
        order.Id = id;
        order.AccountId = accountId;
        order.Side = side;
        order.Price = price;
        order.Remaining = volume;
        (side == OrderSide.Buy ? _bids : _asks).LevelFor(price).Append(order);
        _orders.Add(id, order);
    }

    /// <summary>Takes the order's remainder out of the book; false when it is not in the book.</summary>
    public bool Cancel(long id, out long remaining)
    {
        if (!_orders.TryGetValue(id, out var order))
        {
            remaining = 0;
            return false;
        }

        remaining = order.Remaining;
        Remove(order);
        return true;
    }

    /// <summary>
    /// What a market order of <paramref name="volume"/> would execute against now: the volume the
    /// other side holds for it and the sum of price × volume, in ticks × lots.
    /// </summary>
    public (long Volume, decimal Notional) Estimate(OrderSide side, long volume)
    {
        var levels = side == OrderSide.Buy ? _asks.Levels : _bids.Levels;
        var left = volume;
        var notional = 0m;
        foreach (var level in levels)
        {
            var take = Math.Min(left, level.Volume);
            notional += (decimal)level.Price * take;
            left -= take;
            if (left == 0)
            {
                break;
            }
        }

        return (volume - left, notional);
    }

    private void Remove(BookOrder order)
    {
        var level = order.Level;
        level.Unlink(order);
        (order.Side == OrderSide.Buy ? _bids : _asks).RemoveIfEmpty(level);
        _orders.Remove(order.Id);
        order.Level = null!;
        _pool.Push(order);
    }
}
