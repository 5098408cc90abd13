namespace Ordo.Core.Orders;

/// <summary>One entry of an order's history, appended in the same transaction as the change.</summary>
public sealed record OrderEvent(
    long OrderId,
    string Type,
    OrderState State,
    Actor Actor,
    string? Reason,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string> Data)
{
    public long Sequence { get; init; }
}
