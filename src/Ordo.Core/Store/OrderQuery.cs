using Ordo.Core.Orders;

namespace Ordo.Core.Store;

/// <summary>
/// A page of orders, newest first unless <see cref="Sort"/> says otherwise. <see cref="BeforeId"/> is
/// the cursor of id-ordered pages; <see cref="Offset"/> pages the other orders (platforms that page by number).
/// </summary>
public sealed record OrderQuery
{
    public long? AccountId { get; init; }
    public IReadOnlyList<OrderState>? States { get; init; }
    public OrderKind? Kind { get; init; }
    public string? Market { get; init; }
    public OrderSide? Side { get; init; }
    public OrderType? Type { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
    public OrderSort Sort { get; init; } = OrderSort.NewestFirst;

    /// <summary>Only orders placed through this dialect.</summary>
    public string? Dialect { get; init; }

    /// <summary>Only orders whose attribute of this name has <see cref="AttributeValue"/>.</summary>
    public string? AttributeName { get; init; }

    public string? AttributeValue { get; init; }

    /// <summary>Only the order with this public number.</summary>
    public string? Number { get; init; }

    /// <summary>Only orders whose number, or attribute <see cref="SearchAttribute"/>, contains this text (case-insensitive).</summary>
    public string? Search { get; init; }

    public string? SearchAttribute { get; init; }

    /// <summary>Only these ids (bulk cancel by id).</summary>
    public IReadOnlyList<long>? Ids { get; init; }
}
