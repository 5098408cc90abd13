using Ordo.Core.Orders;

namespace Ordo.Core.Matching;

/// <summary>
/// An order resting in a book: a node of its price level's queue (oldest first). Prices are in
/// ticks and volumes in lots, the market's smallest steps, so the book compares and subtracts
/// plain integers. Nodes are pooled by the book; never keep one after it leaves the book.
/// </summary>
public sealed class BookOrder
{
    public long Id { get; internal set; }
    public long AccountId { get; internal set; }
    public OrderSide Side { get; internal set; }
    public long Price { get; internal set; }
    public long Remaining { get; internal set; }

    internal PriceLevel Level = null!;
    internal BookOrder? Previous;
    internal BookOrder? Next;
}
