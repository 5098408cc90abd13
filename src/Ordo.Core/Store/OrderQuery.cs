using Ordo.Core.Orders;

namespace Ordo.Core.Store;

/// <summary>A page of orders, newest first. <see cref="BeforeId"/> is the cursor: only ids below it.</summary>
public sealed record OrderQuery
{
    public long? AccountId { get; init; }
    public IReadOnlyList<OrderState>? States { get; init; }
    public OrderKind? Kind { get; init; }
    public string? Market { get; init; }
    public OrderSide? Side { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = 100;

    /// <summary>Oldest first instead of newest first (bulk cancel takes the oldest).</summary>
    public bool OldestFirst { get; init; }

    /// <summary>Only these ids (bulk cancel by id).</summary>
    public IReadOnlyList<long>? Ids { get; init; }
}
