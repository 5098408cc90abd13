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
/// disagree with the store: after a write that touched it was rolled back, or when the market's
/// settings changed. The books follow the writer's steps (<see cref="Follow"/>) to know which
/// markets the running work and the uncommitted batch touched, so a rollback drops only those.
/// </summary>
public sealed class OrderBooks
{
    private readonly Dictionary<string, (Market Market, OrderBook Book)> _books = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touchedByWork = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touchedSinceCommit = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Follows the store's writer: a rolled-back work or batch drops the books it touched.</summary>
    public void Follow(WriteStep step)
    {
        lock (_gate)
        {
            switch (step)
            {
                case WriteStep.WorkStarting:
                    _touchedSinceCommit.UnionWith(_touchedByWork);
                    _touchedByWork.Clear();
                    break;
                case WriteStep.WorkRolledBack:
                    Drop(_touchedByWork);
                    break;
                case WriteStep.Committed:
                    _touchedByWork.Clear();
                    _touchedSinceCommit.Clear();
                    break;
                case WriteStep.BatchRolledBack:
                    Drop(_touchedByWork);
                    Drop(_touchedSinceCommit);
                    break;
            }
        }
    }

    /// <summary>Forget every book; each is rebuilt from the store when next used.</summary>
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
            _touchedByWork.Add(market.Name);
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
            if (!_books.TryGetValue(market, out var known))
            {
                return null;
            }

            _touchedByWork.Add(market);
            return known.Book;
        }
    }

    private void Drop(HashSet<string> markets)
    {
        foreach (var market in markets)
        {
            _books.Remove(market);
        }

        markets.Clear();
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
