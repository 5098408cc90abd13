using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

public sealed record CancelResult(CancelStatus Status, Order? Order, DateTimeOffset? RetryAfter = null)
{
    /// <summary>The order is cancelled now, by this call or an earlier one.</summary>
    public bool IsCancelled => Status is CancelStatus.Cancelled or CancelStatus.AlreadyCancelled;
}
