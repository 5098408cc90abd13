using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Report an execution. Quantity kinds (rental, limit) give <see cref="Quantity"/>; stage kinds
/// (p2p, purchase) give <see cref="Stage"/>. A repeated <see cref="ExternalId"/> on the same order
/// is not applied twice. Limit orders take no reported fills: they fill only by trades in their book.
/// </summary>
public sealed record FillOrder
{
    public required Actor Actor { get; init; }
    public required OrderRef Order { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? Price { get; init; }
    public OrderState? Stage { get; init; }
    public string? ExternalId { get; init; }

    /// <summary>Only orders of this account are visible (null: any order).</summary>
    public long? Scope { get; init; }

    /// <summary>Only orders of this kind are visible (a dialect that serves one kind sees no other as existing).</summary>
    public OrderKind? Kind { get; init; }
}
