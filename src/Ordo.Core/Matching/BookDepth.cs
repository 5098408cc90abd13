namespace Ordo.Core.Matching;

/// <summary>A book as it stands: every level best first, and within a level every order in time priority.</summary>
public sealed record BookDepth(string Market, IReadOnlyList<DepthLevel> Bids, IReadOnlyList<DepthLevel> Asks)
{
    public static BookDepth Of(OrderBook book, MarketUnits units)
    {
        IReadOnlyList<DepthLevel> Side(IEnumerable<PriceLevel> levels) => levels
            .Select(level => new DepthLevel(
                units.Price(level.Price),
                units.Volume(level.Volume),
                level.Orders().Select(o => new DepthOrder(o.Id, units.Volume(o.Remaining))).ToList()))
            .ToList();
        return new BookDepth(book.Market, Side(book.Bids), Side(book.Asks));
    }
}

public sealed record DepthLevel(decimal Price, decimal Volume, IReadOnlyList<DepthOrder> Orders);

public sealed record DepthOrder(long Id, decimal Remaining);
