namespace Ordo.Core.Orders;

/// <summary>
/// One order as stored. Mutable on purpose: the engine loads it inside a write, changes it
/// through guarded steps, and the store saves it in the same transaction.
/// </summary>
public sealed class Order
{
    public long Id { get; init; }
    public Guid Uuid { get; init; }
    public required string Number { get; init; }
    public string? ClientOrderId { get; init; }
    public long AccountId { get; init; }
    public required string Dialect { get; init; }
    public OrderKind Kind { get; init; }
    public OrderSide? Side { get; init; }
    public OrderType? Type { get; init; }
    public string? Market { get; init; }
    public decimal? Price { get; init; }
    public decimal Quantity { get; init; }
    public decimal FilledQuantity { get; set; }

    /// <summary>Sum of price × quantity over fills, for the average price.</summary>
    public decimal FilledValue { get; set; }

    /// <summary>Asset paid or locked for this order (null when no funds move through Ordo).</summary>
    public string? Asset { get; init; }

    /// <summary>Funds still held for the unfilled part (locked or in escrow).</summary>
    public decimal AmountLocked { get; set; }

    public decimal AmountPaid { get; set; }
    public decimal AmountRefunded { get; set; }
    public decimal Fee { get; set; }
    public OrderState State { get; set; }
    public bool CancelRequested { get; set; }
    public string? CancelReason { get; set; }
    public ActorKind? CancelledBy { get; set; }

    /// <summary>Cancel terms fixed at placement by the dialect (see <see cref="Kinds.CancelTerms"/>).</summary>
    public TimeSpan CancelNotBefore { get; init; }

    public decimal CancelFeeRate { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? FirstFillAt { get; set; }

    /// <summary>How many fills (deliveries, trades) were applied: a platform shows whether an order was split.</summary>
    public int FillCount { get; set; }

    /// <summary>The external id of the latest fill (a delegation's transaction id), if it had one.</summary>
    public string? LastFillReference { get; set; }

    /// <summary>Rental lease length: once fully delegated, the lease ends this long after the first delegation.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>When the next timed change is due (validity end, lease end); null for none.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// The account assigned to execute the order (a p2p order's provider), fixed at placement; null
    /// when none is assigned. See <c>FillRules</c> for who may report a fill.
    /// </summary>
    public long? ExecutorAccountId { get; init; }

    /// <summary>Kind-specific attributes (receive address, duration, e-mail, currency, ...).</summary>
    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Bumped on every save; lets a store detect a lost update.</summary>
    public long Version { get; set; }

    public decimal RemainingQuantity => Quantity - FilledQuantity;

    public decimal? AveragePrice => FilledQuantity == 0 ? null : Decimals.Normalize(FilledValue / FilledQuantity);
}
