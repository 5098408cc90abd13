namespace Ordo.Core.Matching;

/// <summary>How an incoming order left the book.</summary>
public enum MatchEnd
{
    /// <summary>Fully executed.</summary>
    Filled,

    /// <summary>The remainder rests in the book (a limit order).</summary>
    Rested,

    /// <summary>The other side ran out before the order was filled; the remainder was not rested.</summary>
    Exhausted,

    /// <summary>The next price was beyond the order's worst acceptable price; the remainder was not rested (the slippage guard).</summary>
    PriceLimit,
}
