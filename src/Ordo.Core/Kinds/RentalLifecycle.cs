using Ordo.Core.Orders;

using static Ordo.Core.Kinds.OrderCommand;
using static Ordo.Core.Orders.OrderState;

namespace Ordo.Core.Kinds;

/// <summary>
/// TRON energy rental. Paid into escrow at placement; each delegation (fill) pays its share of
/// the escrow to the delegating party. Cancel refunds the undelegated share less the order's
/// cancel fee. Unfilled past its validity it expires with a full refund of the rest; once fully
/// delegated, the end of the lease completes it. An order paid from outside (on chain) starts
/// <c>Pending</c> until its payment arrives; unpaid it may be cancelled or time out, with no money.
/// </summary>
public static class RentalLifecycle
{
    /// <summary>TRX has 6 decimals (the sun); refunds are rounded down to it.</summary>
    public const int MoneyScale = 6;

    public static readonly Lifecycle Table = new(
        OrderKind.Rental,
        initial: Open,
        FillStyle.Quantity,
        FundsRule.RefundPaid,
        states: [Pending, Open, Filled, Completed, Cancelled, Expired],
        transitions:
        [
            new(Pending, Pay, Open),         // paid from outside: open for sellers
            new(Pending, Cancel, Cancelled), // unpaid: nothing to refund
            new(Pending, Expire, Expired),   // payment window over, unpaid
            new(Open, Fill, Open),          // partly delegated
            new(Open, Fill, Filled),        // fully delegated
            new(Open, Cancel, Cancelled),
            new(Open, Expire, Expired),     // validity over: rest refunded in full
            new(Filled, Expire, Completed), // lease over
        ]);
}
