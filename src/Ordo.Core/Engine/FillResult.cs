using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// The outcome of a fill. On a refusal, <see cref="Order"/> is null unless the caller may read the
/// order (its owner, its assigned executor, an operator); <see cref="State"/> and <see cref="Remaining"/>
/// are the facts a platform words its refusal with.
/// </summary>
public sealed record FillResult(FillStatus Status, Order? Order, string? Field = null, string? Message = null)
{
    /// <summary>The order's state when the fill was decided (null when not found or not allowed).</summary>
    public OrderState? State { get; init; } = Order?.State;

    /// <summary>What was left to fill, when the fill was larger.</summary>
    public decimal? Remaining { get; init; }
}
