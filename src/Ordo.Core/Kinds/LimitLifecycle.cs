using Ordo.Core.Orders;

using static Ordo.Core.Kinds.OrderCommand;
using static Ordo.Core.Orders.OrderState;

namespace Ordo.Core.Kinds;

/// <summary>
/// Exchange order. Rests <c>Open</c> in the book, filled in parts by trades; a cancel releases the
/// locked remainder (never charged). Expiry, when an expiry time is set, is a system cancel.
/// </summary>
public static class LimitLifecycle
{
    public static readonly Lifecycle Table = new(
        OrderKind.Limit,
        initial: Open,
        FillStyle.Quantity,
        FundsRule.ReleaseLocked,
        states: [Open, Filled, Cancelled, Rejected],
        transitions:
        [
            new(Open, Fill, Open),        // partial trade
            new(Open, Fill, Filled),      // last trade
            new(Open, Cancel, Cancelled),
            new(Open, Expire, Cancelled), // good-till-time ends: cancelled by the system
        ]);
}
