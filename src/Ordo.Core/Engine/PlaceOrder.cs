using Ordo.Core.Kinds;
using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Place an order. The dialect fills in what its platform decides: the payment for a rental
/// (its price formula), the cancel terms, the validity and the public number's format.
/// </summary>
public sealed record PlaceOrder
{
    public required Actor Actor { get; init; }
    public required long AccountId { get; init; }
    public required string Dialect { get; init; }
    public required OrderKind Kind { get; init; }
    public string? ClientOrderId { get; init; }
    public OrderSide? Side { get; init; }
    public OrderType? Type { get; init; }
    public string? Market { get; init; }
    public decimal? Price { get; init; }
    public required decimal Quantity { get; init; }

    /// <summary>Rental: the asset paid into escrow (TRX).</summary>
    public string? Asset { get; init; }

    /// <summary>Rental: the amount paid into escrow at once.</summary>
    public decimal? Payment { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>How long the order may stay unfilled (or unpaid) before expiry; null for no limit.</summary>
    public TimeSpan? Validity { get; init; }

    /// <summary>Rental: paid from outside (on chain) instead of from the balance; the order starts unpaid.</summary>
    public OutsidePayment? PaidFromOutside { get; init; }

    public CancelTerms Terms { get; init; } = CancelTerms.None;

    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>The account assigned to execute the order (a p2p order's provider, from the deployment's configuration).</summary>
    public long? Executor { get; init; }

    /// <summary>
    /// At most one open order of this kind per account with the same value of this attribute (a
    /// customer's e-mail: one open p2p order per customer); a second gets <see cref="PlaceStatus.OpenOrderExists"/>.
    /// </summary>
    public string? ExclusiveAttribute { get; init; }

    /// <summary>Makes the public number from the new id and the time; default <c>ORD-</c> and the id.</summary>
    public Func<long, DateTimeOffset, string>? Numbering { get; init; }
}
