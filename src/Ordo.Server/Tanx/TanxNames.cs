using Ordo.Core.Engine;
using Ordo.Core.Orders;

namespace Ordo.Server.Tanx;

/// <summary>tanX's words: order states (Peatio's) and its four cancel reasons.</summary>
public static class TanxNames
{
    public const string CancelledByUser = "Order cancelled by user";
    public const string Slippage = "Slippage greater than 30%. Order cancelled to prevent loss of funds";
    public const string BySystem = "Order cancellation was initiated by system";
    public const string Fault = "Something went wrong, order was cancelled to prevent loss of funds";

    public static readonly IReadOnlyDictionary<string, OrderState> States = new Dictionary<string, OrderState>
    {
        ["wait"] = OrderState.Open,
        ["done"] = OrderState.Filled,
        ["cancel"] = OrderState.Cancelled,
        ["reject"] = OrderState.Rejected,
    };

    /// <summary><c>pending</c> is never shown: an order is in the book by the time it is answered.</summary>
    public static string State(OrderState state) => state switch
    {
        OrderState.Open => "wait",
        OrderState.Filled => "done",
        OrderState.Cancelled => "cancel",
        OrderState.Rejected => "reject",
        _ => "pending",
    };

    /// <summary>
    /// The owner's cancels (single or bulk) are the user's; the slippage guard has its own sentence;
    /// anything else the system or an operator did (expiry, a market order the book could not fill)
    /// was initiated by the system. The fourth sentence is for an internal fault while matching:
    /// Ordo rolls such a write back whole instead, so the order never exists half-matched.
    /// </summary>
    public static string? CancelReason(Order order) => order.State != OrderState.Cancelled ? null
        : order.CancelReason == CancelReasons.Slippage ? Slippage
        : order.CancelledBy == ActorKind.Owner ? CancelledByUser
        : BySystem;
}
