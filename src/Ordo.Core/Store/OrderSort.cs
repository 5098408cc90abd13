namespace Ordo.Core.Store;

/// <summary>The order of a listing. Ties in price go to the older order.</summary>
public enum OrderSort
{
    NewestFirst,
    OldestFirst,
    PriceHighFirst,
    PriceLowFirst,

    /// <summary>
    /// No order: for an existence check (one match is enough), so the store need not sort nor keep to
    /// an index only because it gives the order.
    /// </summary>
    Any,
}
