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
}
