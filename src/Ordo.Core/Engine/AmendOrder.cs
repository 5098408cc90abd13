using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Change an open order's attributes (a store order's value, fee, tax) and, with <see cref="Stage"/>,
/// move it to another stage its table allows (PENDING to PAID). A final order is not changed.
/// </summary>
public sealed record AmendOrder
{
    public required Actor Actor { get; init; }
    public required OrderRef Order { get; init; }
    public long? Scope { get; init; }
    public OrderKind? Kind { get; init; }

    /// <summary>Only an order whose attribute has this value is seen (see <see cref="CancelOrder.Match"/>).</summary>
    public AttributeMatch? Match { get; init; }

    public OrderState? Stage { get; init; }
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

public enum AmendStatus
{
    Amended,
    NotFound,

    /// <summary>The order is in a final state; nothing was changed.</summary>
    Closed,

    /// <summary>The table has no move from the order's stage to the one asked for; nothing was changed.</summary>
    StageNotAllowed,
}

public sealed record AmendResult(AmendStatus Status, Order? Order);
