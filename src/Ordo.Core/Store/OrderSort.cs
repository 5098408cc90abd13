namespace Ordo.Core.Store;

/// <summary>The order of a listing. Ties in price go to the older order.</summary>
public enum OrderSort
{
    NewestFirst,
    OldestFirst,
    PriceHighFirst,
    PriceLowFirst,
}
