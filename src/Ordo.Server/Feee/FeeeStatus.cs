using Ordo.Core.Orders;

namespace Ordo.Server.Feee;

/// <summary>
/// Feee's <c>status</c> and <c>business_status</c> for an order's state: paid and waiting 4/1, partly
/// delegated 15/1, delegated 6/2, lease over (reclaimed) 9/3, cancelled 12/4. Decision: an order that
/// expired undelegated after its validity, refunded in full by the system, shows refunded 14/4.
/// </summary>
public static class FeeeStatus
{
    public static (int Status, int BusinessStatus) Of(Order order) => order.State switch
    {
        OrderState.Open when order.FilledQuantity == 0 => (4, 1),
        OrderState.Open => (15, 1),
        OrderState.Filled => (6, 2),
        OrderState.Completed => (9, 3),
        OrderState.Cancelled => (12, 4),
        OrderState.Expired => (14, 4),
        _ => (2, 4),
    };
}
