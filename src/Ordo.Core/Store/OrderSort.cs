namespace Ordo.Core.Store;

/// <summary>The order of a listing. Ties in price go to the older order.</summary>
public enum OrderSort
{
    NewestFirst,
    OldestFirst,
    PriceHighFirst,
    PriceLowFirst,

    /// <summary>
    /// No order: for an existence check, so the store may use its most selective index instead of one
    /// that only saves a sort (SQLite otherwise walks all of an account's orders newest first).
    /// </summary>
    Any,
}
