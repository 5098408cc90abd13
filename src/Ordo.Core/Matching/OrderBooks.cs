using Ordo.Core.Kinds;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Matching;

/// <summary>
/// The books of every market. A book is only touched inside a store write, and the store runs
/// writes one at a time in order, so the store's writer is each market's sequencer: every command
/// on a market is applied to its book in the order it is committed. A book is built from the open
/// orders in the store (oldest first, so time priority is kept) on first use and whenever it may
/// disagree with the store: after a write was rolled back, or when the market's settings changed.
/// </summary>
public sealed class OrderBooks
{
    private readonly Dictionary<string, (Market Market, OrderBook Book)> _books = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Forget every book; each is rebuilt from the store when next used (after a rollback).</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _books.Clear();
        }
    }

    /// <summary>The market's book, built from the store when needed. Call only inside a write.</summary>
    public OrderBook For(Market market, IOrderTransaction tx)
    {
        lock (_gate)
        {
            if (_books.TryGetValue(market.Name, out var known) && known.Market == market)
            {
                return known.Book;
            }

            var book = Build(market, tx);
            _books[market.Name] = (market, book);
            return book;
        }
    }

    /// <summary>The book if it is built, for taking a resting order out; null when it will be rebuilt anyway.</summary>
    public OrderBook? Loaded(string market)
    {
        lock (_gate)
        {
            return _books.TryGetValue(market, out var known) ? known.Book : null;
        }
    }

    private static OrderBook Build(Market market, IOrderTransaction tx)
    {
        var book = new OrderBook(market.Name);
        var units = new MarketUnits(market);
        var open = tx.ListOrders(new OrderQuery
        {
            Market = market.Name,
            Kind = OrderKind.Limit,
            States = [LimitLifecycle.Table.Initial],
            Sort = OrderSort.OldestFirst,
            Limit = int.MaxValue,
        });
        foreach (var order in open)
        {
            if (order.Price is { } price && units.TryTicks(price, out var ticks) && units.TryLots(order.RemainingQuantity, out var lots) && lots > 0)
            {
                book.Rest(order.Id, order.AccountId, order.Side!.Value, ticks, lots);
            }
        }

        return book;
    }
}
