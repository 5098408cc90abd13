using System.Globalization;

using Ordo.Core.Orders;

namespace Ordo.Server.Fungies;

/// <summary>
/// A store order as Fungies shows it. <c>value</c>, <c>tax</c> and <c>fee</c> are integers in the
/// currency's minor units (ISO 4217); Ordo keeps them in major units in the order's attributes.
/// </summary>
public sealed record FungiesOrder(
    string Object,
    string Id,
    string Number,
    string OrderNumber,
    string Status,
    long Value,
    long Tax,
    long Fee,
    long TotalItems,
    string? Country,
    string? Currency,
    int? CurrencyDecimals,
    long CreatedAt,
    string UserId,
    FungiesUser? User)
{
    public static FungiesOrder From(Order order)
    {
        var currency = order.Attributes.GetValueOrDefault(FungiesAttributes.Currency);
        var known = currency is not null && FungiesCurrencies.IsKnown(currency);
        long Minor(string attribute) => known && decimal.TryParse(order.Attributes.GetValueOrDefault(attribute), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? FungiesCurrencies.ToMinor(amount, currency!)
            : 0;
        var userId = order.Attributes.GetValueOrDefault(FungiesAttributes.CustomerId);
        return new FungiesOrder(
            "order",
            order.Uuid.ToString(),
            order.Number,
            order.Number,
            FungiesStatus.Of(order.State),
            Minor(FungiesAttributes.Amount),
            Minor(FungiesAttributes.Tax),
            Minor(FungiesAttributes.Fee),
            (long)order.Quantity,
            order.Attributes.GetValueOrDefault(FungiesAttributes.Country),
            known ? currency : null,
            known ? FungiesCurrencies.Decimals(currency!) : null,
            order.CreatedAt.ToUnixTimeMilliseconds(),
            userId ?? "",
            userId is null ? null : new FungiesUser(userId, "user", order.Attributes.GetValueOrDefault(FungiesAttributes.CustomerName)));
    }
}

public sealed record FungiesUser(string Id, string Object, string? Username);

/// <summary>The purchase attributes the native API and Fungies share (major units).</summary>
public static class FungiesAttributes
{
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string Tax = "tax";
    public const string Fee = "fee";
    public const string Country = "country";
    public const string CustomerId = "customer_id";
    public const string CustomerName = "customer_name";
}

public static class FungiesStatus
{
    public static readonly IReadOnlyDictionary<string, OrderState> ByName = new Dictionary<string, OrderState>(StringComparer.Ordinal)
    {
        ["PENDING"] = OrderState.Pending,
        ["PAID"] = OrderState.Paid,
        ["FAILED"] = OrderState.Failed,
        ["UNPAID"] = OrderState.Unpaid,
        ["CANCELLED"] = OrderState.Cancelled,
        ["REFUNDED"] = OrderState.Refunded,
        ["PARTIALLY_REFUNDED"] = OrderState.PartiallyRefunded,
        ["EXPIRED"] = OrderState.Expired,
    };

    public static string Of(OrderState state) => ByName.First(pair => pair.Value == state).Key;
}
