using System.Globalization;
using System.Security.Cryptography;

using Ordo.Core;
using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Server.Auth;

namespace Ordo.Server.XendBridge;

/// <summary>
/// A checked Buy or Sell initiation and its engine command: one open order per customer e-mail, the
/// configured provider and payment window, and a reference <c>XB_</c>/<c>XS_</c> + 32 hex digits.
/// </summary>
public sealed record XendInitiation(
    OrderSide Side,
    string Email,
    string Phone,
    string UserName,
    string PayCurrency,
    string PayNetwork,
    string ReceiveCurrency,
    string ReceiveNetwork,
    decimal Amount,
    decimal Receivable,
    string? DepositMethod,
    string? ReceiptMethod)
{
    public PlaceOrder ToCommand(long accountId, XendOptions options, Func<long, DateTimeOffset, string>? numbering = null)
    {
        // The order keeps the provider's contact and payment details as they were when it was initiated.
        var provider = options.AssignedProfile();
        var methods = XendPaymentMethods.For(provider, Side, PayCurrency, PayNetwork);
        var attributes = new Dictionary<string, string>
        {
            [XendAttributes.CustomerEmail] = Email,
            [XendAttributes.Phone] = Phone,
            [XendAttributes.UserName] = UserName,
            [XendAttributes.PayCurrency] = PayCurrency,
            [XendAttributes.PayNetwork] = PayNetwork,
            [XendAttributes.ReceiveCurrency] = ReceiveCurrency,
            [XendAttributes.ReceiveNetwork] = ReceiveNetwork,
            [XendAttributes.Payable] = Decimals.ToText(Amount),
            [XendAttributes.Receivable] = Decimals.ToText(Receivable),
            [XendAttributes.ProviderName] = $"{provider.FirstName} {provider.LastName}".Trim(),
            [XendAttributes.ProviderFirstName] = provider.FirstName,
            [XendAttributes.ProviderLastName] = provider.LastName,
            [XendAttributes.ProviderEmail] = provider.Email,
            [XendAttributes.ProviderPhone] = provider.PhoneNumber ?? "",
            [XendAttributes.ProviderWhatsapp] = provider.WhatsappNumber ?? "",
            [XendAttributes.ProviderPaymentMethods] = methods.ToJson(),
            [XendAttributes.ValidityMs] = ((long)options.OrderValidity.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        if (DepositMethod is not null)
        {
            attributes[XendAttributes.DepositMethod] = DepositMethod;
        }

        if (ReceiptMethod is not null)
        {
            attributes[XendAttributes.ReceiptMethod] = ReceiptMethod;
        }

        return new PlaceOrder
        {
            Actor = Actor.Owner(accountId),
            AccountId = accountId,
            Dialect = DialectNames.XendBridge,
            Kind = OrderKind.P2p,
            Side = Side,
            Quantity = Amount,
            Validity = options.OrderValidity,
            Attributes = attributes,
            Executor = options.ProviderAccount,
            ExclusiveAttribute = XendAttributes.CustomerEmail,
            Numbering = numbering ?? ((_, _) => (Side == OrderSide.Buy ? "XB_" : "XS_") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
        };
    }
}
