using System.Text.Json;
using System.Text.Json.Nodes;

using Ordo.Core.Orders;

namespace Ordo.Server.XendBridge;

/// <summary>
/// Where the customer pays the provider for one order (<c>providerPaymentMethods</c>): for a buy, the
/// provider's bank account in the pay-in currency; for a sell, its wallet for the pay-in currency and
/// network. <c>paymentData</c> lists the details as name/value pairs; <c>orderPaymentMethod</c> gives the
/// same details as one object (the shape a NestJS client types as its bank or wallet). Decision: a pay-in
/// the provider has no method for gets empty methods (nulls and an empty list): the order is initiated,
/// no one can pay it, and it expires unpaid.
/// </summary>
public sealed record XendPaymentMethods(string? PaymentMethod, string? PaymentType, IReadOnlyList<XendPaymentDatum> PaymentData, JsonObject? OrderPaymentMethod)
{
    public static readonly XendPaymentMethods None = new(null, null, [], null);

    public static XendPaymentMethods For(XendProviderProfile profile, OrderSide side, string currency, string network)
    {
        if (side == OrderSide.Buy && profile.BankAccounts.TryGetValue(currency, out var bank))
        {
            return Of("BankTransfer", "Fiat", [
                ("bankName", bank.BankName), ("accountNumber", bank.AccountNumber), ("accountName", bank.AccountName), ("currency", currency), ("network", network)]);
        }

        if (side == OrderSide.Sell && profile.Wallets.TryGetValue($"{currency}_{network}", out var wallet))
        {
            return Of("Crypto", "Crypto", [("walletAddress", wallet), ("network", network), ("currency", currency)]);
        }

        return None;
    }

    /// <summary>The methods stored with an order, or none for an order initiated before they were kept.</summary>
    public static XendPaymentMethods Parse(string? json) =>
        json is { Length: > 0 } ? JsonSerializer.Deserialize(json, XendStoredJson.Default.XendPaymentMethods) ?? None : None;

    public string ToJson() => JsonSerializer.Serialize(this, XendStoredJson.Default.XendPaymentMethods);

    private static XendPaymentMethods Of(string method, string type, (string Name, string Value)[] details)
    {
        var flat = new JsonObject();
        foreach (var (name, value) in details)
        {
            flat[name] = value;
        }

        return new XendPaymentMethods(method, type, details.Select(d => new XendPaymentDatum(d.Name, d.Value)).ToList(), flat);
    }
}

public sealed record XendPaymentDatum(string Name, string Value);
