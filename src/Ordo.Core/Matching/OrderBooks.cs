using Ordo.Core.Kinds;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Matching;

/// <summary>
/// The books of every market, kept in this process's memory. A book is only touched inside a store
/// write, and every write that touches a market first takes that market's sequencer in the database
/// (<see cref="IOrderTransaction.SequenceMarket"/>: a row lock held to the end of the transaction,
/// which bumps the market's book version). So on one node or several, every command on a market is
/// applied to its book in the order it is committed, and a book whose version is not the one before
/// ours was changed by another node (or another process on the file): it is rebuilt from the open
/// orders in the store (oldest first, so time priority is kept). A book is also rebuilt after a write
/// that touched it was rolled back, or when the market's settings changed. The books follow the
/// writer's steps (<see cref="Follow"/>) to know which markets the running work and the uncommitted
/// batch touched, so a rollback drops only those.
/// </summary>
public sealed class OrderBooks
{
    private readonly Dictionary<string, BuiltBook> _books = new(StringComparer.Ordinal);

    private readonly HashSet<string> _touchedByWork = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touchedSinceCommit = new(StringComparer.Ordinal);

    // The markets whose sequencer the uncommitted batch holds, at the version it set: no one else
    // can change them before the commit, so the sequencer is not taken twice in a batch.
    private readonly Dictionary<string, long> _held = new(StringComparer.Ordinal);
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
                    // A sequencer the undone work took first is let go with its savepoint.
                    foreach (var market in _touchedByWork.Where(m => !_touchedSinceCommit.Contains(m)))
                    {
                        _held.Remove(market);
                    }

                    Drop(_touchedByWork);
                    break;
                case WriteStep.Committed:
                    _touchedByWork.Clear();
                    _touchedSinceCommit.Clear();
                    _held.Clear();
                    break;
                case WriteStep.BatchRolledBack:
                    Drop(_touchedByWork);
                    Drop(_touchedSinceCommit);
                    _held.Clear();
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
            var version = Sequence(market.Name, tx);
            if (_books.TryGetValue(market.Name, out var known) && known.Market == market)
            {
                return known.Book;
            }

            var book = Build(market, tx);
            _books[market.Name] = new BuiltBook(market, book, version);
            return book;
        }
    }

    /// <summary>
    /// Takes the market's sequencer (unless this batch holds it already) without touching its book,
    /// so the market's settings read next are the ones no other writer can change before the commit.
    /// </summary>
    public void Lock(string market, IOrderTransaction tx)
    {
        lock (_gate)
        {
            Sequence(market, tx);
        }
    }

    /// <summary>
    /// The market's book for reading (depth), current as of the last commit on any node, without
    /// taking the market's sequencer: a read neither waits for other nodes' writes on the market nor
    /// makes them rebuild their books. A book rebuilt here is labelled with the version read before
    /// its orders, so at worst it is rebuilt again, never used stale. Call only inside a write.
    /// </summary>
    public OrderBook ForReading(Market market, IOrderTransaction tx)
    {
        lock (_gate)
        {
            if (_held.ContainsKey(market.Name))
            {
                return For(market, tx);
            }

            var version = tx.MarketVersion(market.Name);
            if (_books.TryGetValue(market.Name, out var known) && known.Market == market && known.Version == version)
            {
                return known.Book;
            }

            var book = Build(market, tx);
            _books[market.Name] = new BuiltBook(market, book, version);
            return book;
        }
    }

    /// <summary>
    /// The book if it is built and current, for taking a resting order out; null when it will be
    /// rebuilt anyway. Takes the market's sequencer either way: the order leaves the book on every node.
    /// </summary>
    public OrderBook? Loaded(string market, IOrderTransaction tx)
    {
        lock (_gate)
        {
            Sequence(market, tx);
            return _books.TryGetValue(market, out var known) ? known.Book : null;
        }
    }

    /// <summary>The built book, if any, without touching it (for diagnostics and tests).</summary>
    public OrderBook? Built(string market)
    {
        lock (_gate)
        {
            return _books.TryGetValue(market, out var known) ? known.Book : null;
        }
    }

    /// <summary>
    /// Takes the market's sequencer unless this batch holds it already, and drops the book when the
    /// version before ours is not the one it was built at (someone else changed the market). Returns
    /// the version the book is at once this write commits.
    /// </summary>
    private long Sequence(string market, IOrderTransaction tx)
    {
        _touchedByWork.Add(market);
        if (_held.TryGetValue(market, out var version))
        {
            return version;
        }

        version = tx.SequenceMarket(market);
        _held[market] = version;
        if (_books.TryGetValue(market, out var book))
        {
            if (book.Version == version - 1)
            {
                _books[market] = book with { Version = version };
            }
            else
            {
                _books.Remove(market);
            }
        }

        return version;
    }

    private void Drop(HashSet<string> markets)
    {
        foreach (var market in markets)
        {
            _books.Remove(market);
        }

        markets.Clear();
    }

    private static OrderBook Build(Market market, IOrderTransaction tx) => Build(market, tx.ListRestingOrders(market.Name));

    /// <summary>A book of the market's resting orders, given oldest first (time priority follows the list).</summary>
    internal static OrderBook Build(Market market, IEnumerable<RestingOrder> resting)
    {
        var book = new OrderBook(market.Name);
        var units = new MarketUnits(market);
        foreach (var order in resting)
        {
            if (units.TryTicks(order.Price, out var ticks) && units.TryLots(order.Remaining, out var lots) && lots > 0)
            {
                book.Rest(order.Id, order.AccountId, order.Side, ticks, lots);
            }
        }

        return book;
    }

    /// <summary>A built book, the market settings it was built for, and the market's version it reflects.</summary>
    private sealed record BuiltBook(Market Market, OrderBook Book, long Version);
}
