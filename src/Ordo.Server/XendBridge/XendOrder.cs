using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

using Ordo.Core.Orders;

namespace Ordo.Server.XendBridge;

/// <summary>A p2p order as XendBridge shows it; amounts are JSON numbers, times ISO 8601 and unix milliseconds.</summary>
public sealed record XendOrder(
    string OrderReference,
    string OrderType,
    string PayInCurrencyCode,
    string PayInCurrencyNetwork,
    string ReceiveInCurrencyCode,
    string ReceiveInCurrencyNetwork,
    decimal PayableAmount,
    decimal ReceivableAmount,
    [property: JsonPropertyName("p2POrderStatus")] string P2POrderStatus,
    string DisputeStatus,
    string InitiatedAt,
    long InitiatedAtTimestamp,
    string? OrderExpiryDate,
    long? OrderExpiryTimestamp,
    XendProvider Provider,
    JsonNode? ConsumerDepositMethod,
    JsonNode? ConsumerReceiptMethod)
{
    public static XendOrder From(Order order)
    {
        string A(string name) => order.Attributes.GetValueOrDefault(name, "");
        decimal Amount(string name) => decimal.TryParse(A(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
        var expires = order.CreatedAt + TimeSpan.FromMilliseconds(long.Parse(order.Attributes.GetValueOrDefault(XendAttributes.ValidityMs, "0"), CultureInfo.InvariantCulture));
        return new XendOrder(
            order.Number,
            order.Side == OrderSide.Sell ? "Sell" : "Buy",
            A(XendAttributes.PayCurrency),
            A(XendAttributes.PayNetwork),
            A(XendAttributes.ReceiveCurrency),
            A(XendAttributes.ReceiveNetwork),
            Amount(XendAttributes.Payable),
            Amount(XendAttributes.Receivable),
            order.State.ToString(),
            "NoDispute",
            Time(order.CreatedAt),
            order.CreatedAt.ToUnixTimeMilliseconds(),
            Time(expires),
            expires.ToUnixTimeMilliseconds(),
            new XendProvider(A(XendAttributes.ProviderName), A(XendAttributes.ProviderEmail)),
            Raw(A(XendAttributes.DepositMethod)),
            Raw(A(XendAttributes.ReceiptMethod)));
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonNode? Raw(string json) => json.Length == 0 ? null : JsonNode.Parse(json);
}

public sealed record XendProvider(string Name, string Email);

/// <summary>The order attributes the XendBridge dialect stores.</summary>
public static class XendAttributes
{
    public const string CustomerEmail = "customer_email";
    public const string Phone = "customer_phone";
    public const string UserName = "customer_name";
    public const string PayCurrency = "pay_currency";
    public const string PayNetwork = "pay_network";
    public const string ReceiveCurrency = "receive_currency";
    public const string ReceiveNetwork = "receive_network";
    public const string Payable = "payable_amount";
    public const string Receivable = "receivable_amount";
    public const string ProviderName = "provider_name";
    public const string ProviderEmail = "provider_email";
    public const string DepositMethod = "consumer_deposit_method";
    public const string ReceiptMethod = "consumer_receipt_method";
    public const string TransactionHash = "transaction_hash";
    public const string ValidityMs = "validity_ms";
}
