using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>Cancel every open order matching the filter (and, with <see cref="Ids"/>, those orders).</summary>
public sealed record BulkCancel
{
    public required Actor Actor { get; init; }
    public long? Scope { get; init; }
    public string? Market { get; init; }
    public OrderSide? Side { get; init; }
    public OrderKind? Kind { get; init; }
    public IReadOnlyList<long>? Ids { get; init; }
    public string? Reason { get; init; }

    /// <summary>At most this many orders, oldest first.</summary>
    public int Limit { get; init; } = 500;
}
