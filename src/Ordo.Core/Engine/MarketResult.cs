using Ordo.Core.Markets;

namespace Ordo.Core.Engine;

public enum MarketStatus
{
    Saved,

    /// <summary>A field breaks a market rule (see <see cref="Market.Broken"/>); nothing was saved.</summary>
    Invalid,

    /// <summary>The change would reprice or re-denominate resting orders (base, quote, precisions); nothing was saved.</summary>
    HasRestingOrders,
}

public sealed record MarketResult(MarketStatus Status, Market Market, string? Field = null, string? Message = null);
