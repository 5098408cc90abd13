using Ordo.Core.Orders;

using static Ordo.Core.Kinds.OrderCommand;
using static Ordo.Core.Orders.OrderState;

namespace Ordo.Core.Kinds;

/// <summary>
/// Store checkout, moved by payment updates. Only an order that is not paid can be cancelled; a
/// paid order is refunded instead. Unpaid past its validity it expires.
/// </summary>
public static class PurchaseLifecycle
{
    public static readonly Lifecycle Table = new(
        OrderKind.Purchase,
        initial: Pending,
        FillStyle.Stage,
        FundsRule.None,
        states: [Pending, Unpaid, Failed, Paid, Refunded, PartiallyRefunded, Cancelled, Expired],
        transitions:
        [
            new(Pending, Fill, Paid),
            new(Pending, Fill, Unpaid),
            new(Pending, Fill, Failed),
            new(Unpaid, Fill, Paid),
            new(Unpaid, Fill, Failed),
            new(Failed, Fill, Paid),
            new(Failed, Fill, Unpaid),
            new(Paid, Fill, Refunded),
            new(Paid, Fill, PartiallyRefunded),
            new(PartiallyRefunded, Fill, Refunded),
            new(Pending, Cancel, Cancelled),
            new(Unpaid, Cancel, Cancelled),
            new(Failed, Cancel, Cancelled),
            new(Pending, Expire, Expired),
            new(Unpaid, Expire, Expired),
            new(Failed, Expire, Expired),
        ]);
}
