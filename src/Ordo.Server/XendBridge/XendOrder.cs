using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

using Ordo.Core.Orders;

namespace Ordo.Server.XendBridge;

/// <summary>
/// A p2p order as XendBridge shows it; amounts are JSON numbers, times ISO 8601 and unix milliseconds.
/// Both spellings of the creation and expiry stamps are sent (<c>...Timestamp</c> and <c>...TimeStamp</c>),
/// since clients read either. Stage stamps come from the order's history (null until reached):
/// <c>fundProviderAtTimeStamp</c> when the customer's payment was confirmed (<c>FundedProvider</c>),
/// <c>fundCustomerAtTimeStamp</c> when the provider paid the customer (<c>FundedUser</c>),
/// <c>orderCompletedAtTimeStamp</c> when the order completed. Init properties, not a positional record, and
/// each stamp's second spelling mirrors the first, set only here: the source-generated metadata binds
/// settable properties to creation parameters by name regardless of case, and two such names would clash.
/// </summary>
public sealed record XendOrder
{
    public required string OrderReference { get; init; }

    public required string OrderType { get; init; }

    public required string PayInCurrencyCode { get; init; }

    public required string PayInCurrencyNetwork { get; init; }

    public required string ReceiveInCurrencyCode { get; init; }

    public required string ReceiveInCurrencyNetwork { get; init; }

    public required decimal PayableAmount { get; init; }

    public required decimal ReceivableAmount { get; init; }

    [JsonPropertyName("p2POrderStatus")]
    public required string P2POrderStatus { get; init; }

    public required string DisputeStatus { get; init; }

    public required string InitiatedAt { get; init; }

    public long InitiatedAtTimestamp { get; private init; }

    public long InitiatedAtTimeStamp => InitiatedAtTimestamp;

    public string? OrderExpiryDate { get; init; }

    public long? OrderExpiryTimestamp { get; private init; }

    public long? OrderExpiryTimeStamp => OrderExpiryTimestamp;

    public long? FundProviderAtTimeStamp { get; init; }

    public long? FundCustomerAtTimeStamp { get; init; }

    public long? OrderCompletedAtTimeStamp { get; init; }

    public required XendProvider Provider { get; init; }

    public required string ProviderFirstName { get; init; }

    public required string ProviderLastName { get; init; }

    public required string ProviderEmail { get; init; }

    public required XendProviderContact ProviderContact { get; init; }

    public required XendCustomerContact CustomerContact { get; init; }

    public required XendPaymentMethods ProviderPaymentMethods { get; init; }

    public object? ProviderTransactionMetadata { get; init; }

    public JsonNode? ConsumerDepositMethod { get; init; }

    public JsonNode? ConsumerReceiptMethod { get; init; }

    /// <param name="history">The order's events, for the stage stamps; a just-initiated order has reached none.</param>
    public static XendOrder From(Order order, IReadOnlyList<OrderEvent> history)
    {
        string A(string name) => order.Attributes.GetValueOrDefault(name, "");
        decimal Amount(string name) => decimal.TryParse(A(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
        long? Reached(OrderState stage) => history.FirstOrDefault(e => e.State == stage)?.At.ToUnixTimeMilliseconds();
        var expires = order.CreatedAt + TimeSpan.FromMilliseconds(long.Parse(order.Attributes.GetValueOrDefault(XendAttributes.ValidityMs, "0"), CultureInfo.InvariantCulture));
        var created = order.CreatedAt.ToUnixTimeMilliseconds();

        // Orders initiated before the provider's profile was kept show its name as the first name.
        var firstName = order.Attributes.GetValueOrDefault(XendAttributes.ProviderFirstName) ?? A(XendAttributes.ProviderName);
        return new XendOrder
        {
            OrderReference = order.Number,
            OrderType = order.Side == OrderSide.Sell ? "Sell" : "Buy",
            PayInCurrencyCode = A(XendAttributes.PayCurrency),
            PayInCurrencyNetwork = A(XendAttributes.PayNetwork),
            ReceiveInCurrencyCode = A(XendAttributes.ReceiveCurrency),
            ReceiveInCurrencyNetwork = A(XendAttributes.ReceiveNetwork),
            PayableAmount = Amount(XendAttributes.Payable),
            ReceivableAmount = Amount(XendAttributes.Receivable),
            P2POrderStatus = order.State.ToString(),
            DisputeStatus = "NoDispute",
            InitiatedAt = Time(order.CreatedAt),
            InitiatedAtTimestamp = created,
            OrderExpiryDate = Time(expires),
            OrderExpiryTimestamp = expires.ToUnixTimeMilliseconds(),
            FundProviderAtTimeStamp = Reached(OrderState.FundedProvider),
            FundCustomerAtTimeStamp = Reached(OrderState.FundedUser),
            OrderCompletedAtTimeStamp = Reached(OrderState.Completed),
            Provider = new XendProvider(A(XendAttributes.ProviderName), A(XendAttributes.ProviderEmail)),
            ProviderFirstName = firstName,
            ProviderLastName = A(XendAttributes.ProviderLastName),
            ProviderEmail = A(XendAttributes.ProviderEmail),
            ProviderContact = new XendProviderContact(Text(A(XendAttributes.ProviderPhone)), Text(A(XendAttributes.ProviderWhatsapp))),
            CustomerContact = new XendCustomerContact(A(XendAttributes.CustomerEmail), A(XendAttributes.UserName), A(XendAttributes.Phone)),
            ProviderPaymentMethods = XendPaymentMethods.Parse(A(XendAttributes.ProviderPaymentMethods)),
            ProviderTransactionMetadata = null,
            ConsumerDepositMethod = Raw(A(XendAttributes.DepositMethod)),
            ConsumerReceiptMethod = Raw(A(XendAttributes.ReceiptMethod)),
        };
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static JsonNode? Raw(string json) => json.Length == 0 ? null : JsonNode.Parse(json);
}

public sealed record XendProvider(string Name, string Email);

public sealed record XendProviderContact(string? PhoneNumber, string? WhatsappNumber);

public sealed record XendCustomerContact(string Email, string Name, string PhoneNumber);

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
    public const string ProviderFirstName = "provider_first_name";
    public const string ProviderLastName = "provider_last_name";
    public const string ProviderEmail = "provider_email";
    public const string ProviderPhone = "provider_phone";
    public const string ProviderWhatsapp = "provider_whatsapp";
    public const string ProviderPaymentMethods = "provider_payment_methods";
    public const string DepositMethod = "consumer_deposit_method";
    public const string ReceiptMethod = "consumer_receipt_method";
    public const string TransactionHash = "transaction_hash";
    public const string ValidityMs = "validity_ms";
}
