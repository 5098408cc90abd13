namespace Ordo.Core.Orders;

/// <summary>Names of the events the engine appends (stable: webhooks and history use them).</summary>
public static class EventTypes
{
    public const string Created = "order.created";
    public const string Filled = "order.filled";
    public const string PartiallyFilled = "order.partially_filled";
    public const string StageChanged = "order.stage_changed";
    public const string Cancelled = "order.cancelled";
    public const string Expired = "order.expired";
    public const string Completed = "order.completed";
    public const string Amended = "order.amended";

    /// <summary>A payment from outside opened the order.</summary>
    public const string Paid = "order.paid";

    /// <summary>A payment from outside arrived that could not open the order: all of it is paid back.</summary>
    public const string PaymentReturned = "order.payment_returned";
}
