using Ordo.Core.Orders;

namespace Ordo.Core.Kinds;

public static class Lifecycles
{
    public static Lifecycle For(OrderKind kind) => kind switch
    {
        OrderKind.Limit => LimitLifecycle.Table,
        OrderKind.Rental => RentalLifecycle.Table,
        OrderKind.P2p => P2pLifecycle.Table,
        OrderKind.Purchase => PurchaseLifecycle.Table,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown order kind"),
    };

    public static readonly IReadOnlyList<Lifecycle> All =
        [LimitLifecycle.Table, RentalLifecycle.Table, P2pLifecycle.Table, PurchaseLifecycle.Table];
}
