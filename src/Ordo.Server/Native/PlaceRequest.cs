using System.Net.Mail;

using Ordo.Core;
using Ordo.Core.Addresses;
using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>
/// Turns a native place body into a <see cref="PlaceOrder"/>, or names every bad field. Shape
/// checks only: market rules and balances are the core's.
/// </summary>
public static class PlaceRequest
{
    public static PlaceOrder? Parse(Caller caller, NativeOrderDefaults defaults, FieldReader fields)
    {
        var kind = fields.Choice("kind", NativeNames.Kinds, required: true);
        var clientOrderId = fields.String("client_order_id", maxLength: 64);
        if (kind is null)
        {
            return null;
        }

        var command = new PlaceOrder
        {
            Actor = caller.Actor,
            AccountId = caller.AccountId ?? 0,
            Dialect = OrderEngine.NativeDialect,
            Kind = kind.Value,
            ClientOrderId = clientOrderId,
            Quantity = 0,
        };
        command = kind.Value switch
        {
            OrderKind.Limit => Limit(command, fields),
            OrderKind.Rental => Rental(command, fields, defaults),
            OrderKind.P2p => P2p(command, fields, defaults),
            _ => Purchase(command, fields, defaults),
        };
        return fields.Ok ? command : null;
    }

    private static PlaceOrder Limit(PlaceOrder command, FieldReader fields)
    {
        var market = fields.String("market", required: true, maxLength: 32);
        var side = fields.Choice("side", NativeNames.Sides, required: true);
        var type = fields.Choice("type", NativeNames.Types) ?? OrderType.Limit;
        var price = fields.Decimal("price", required: type == OrderType.Limit);
        var quantity = fields.Decimal("quantity", required: true);
        return command with { Market = market, Side = side, Type = type, Price = price, Quantity = quantity ?? 0 };
    }

    private static PlaceOrder Rental(PlaceOrder command, FieldReader fields, NativeOrderDefaults defaults)
    {
        var resource = fields.String("resource") ?? "energy";
        if (resource != "energy")
        {
            fields.Fail("resource", "must be energy");
        }

        var quantity = fields.Decimal("quantity", required: true);
        var price = fields.Decimal("price", required: true);
        var asset = Asset(fields, "asset") ?? "TRX";
        var duration = fields.Integer("duration_seconds", required: true, min: 60, max: 365L * 24 * 3600);
        var address = fields.String("receive_address", required: true, maxLength: 64);
        if (address is not null && !TronAddress.IsValid(address))
        {
            fields.Fail("receive_address", "must be a TRON base58check address (34 characters starting with T, valid checksum)");
        }

        return command with
        {
            Quantity = quantity ?? 0,
            Price = price,
            Asset = asset,
            Payment = quantity * price is { } cost ? Decimals.RoundUp(cost, RentalLifecycle.MoneyScale) : null,
            Duration = duration is { } s ? TimeSpan.FromSeconds(s) : null,
            Validity = defaults.RentalValidity,
            Terms = new CancelTerms(defaults.RentalCancelNotBefore, defaults.RentalCancelFeeRate),
            Attributes = new Dictionary<string, string>
            {
                ["resource"] = resource,
                ["receive_address"] = address ?? "",
                ["duration_seconds"] = duration?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            },
        };
    }

    private static PlaceOrder P2p(PlaceOrder command, FieldReader fields, NativeOrderDefaults defaults)
    {
        var side = fields.Choice("side", NativeNames.Sides, required: true);
        var pay = Asset(fields, "pay_currency", required: true);
        var receive = Asset(fields, "receive_currency", required: true);
        var amount = fields.Decimal("amount", required: true);
        var email = Email(fields, "customer_email", required: true);
        var attributes = new Dictionary<string, string>
        {
            ["pay_currency"] = pay ?? "",
            ["receive_currency"] = receive ?? "",
            ["amount"] = amount is { } a ? Decimals.ToText(a) : "",
            ["customer_email"] = email ?? "",
        };
        AddOptional(attributes, "pay_network", fields.String("pay_network", maxLength: 32));
        AddOptional(attributes, "receive_network", fields.String("receive_network", maxLength: 32));
        return command with { Side = side, Quantity = amount ?? 0, Validity = defaults.P2pValidity, Attributes = attributes, Executor = defaults.P2pProvider };
    }

    private static PlaceOrder Purchase(PlaceOrder command, FieldReader fields, NativeOrderDefaults defaults)
    {
        var currency = fields.String("currency", required: true, maxLength: 3);
        if (currency is not null && !Fungies.FungiesCurrencies.IsKnown(currency))
        {
            fields.Fail("currency", "must be an ISO 4217 code the store supports, such as USD");
            currency = null;
        }

        var amount = fields.Decimal("amount", required: true, allowZero: true);
        if (amount is { } value && currency is not null && Decimals.Scale(value) > Fungies.FungiesCurrencies.Decimals(currency))
        {
            fields.Fail("amount", $"{currency} has {Fungies.FungiesCurrencies.Decimals(currency)} decimals");
        }
        var items = fields.Integer("items", required: true, min: 1, max: 1_000_000);
        var country = fields.String("country", maxLength: 2);
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            fields.Fail("country", "must be an ISO 3166 alpha-2 code such as DE");
        }

        var attributes = new Dictionary<string, string>
        {
            ["currency"] = currency ?? "",
            ["amount"] = amount is { } a ? Decimals.ToText(a) : "",
        };
        AddOptional(attributes, "country", country);
        if (fields.Object("customer") is { } customer)
        {
            AddOptional(attributes, "customer_id", customer.String("id", maxLength: 64));
            AddOptional(attributes, "customer_name", customer.String("name", maxLength: 128));
            AddOptional(attributes, "customer_email", Email(customer, "email"));
            fields.Merge("customer", customer);
        }

        // Store orders carry the store's 12-character numbers, whichever API placed them.
        return command with { Quantity = items ?? 0, Validity = defaults.PurchaseValidity, Attributes = attributes, Numbering = (_, _) => Fungies.FungiesNumbers.New() };
    }

    private static string? Asset(FieldReader fields, string field, bool required = false)
    {
        var asset = fields.String(field, required, maxLength: 16);
        if (asset is not null && (asset.Length < 2 || !asset.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))))
        {
            fields.Fail(field, "must be an upper-case asset code such as TRX or USDT");
            return null;
        }

        return asset;
    }

    private static string? Email(FieldReader fields, string field, bool required = false)
    {
        var email = fields.String(field, required, maxLength: 254);
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            fields.Fail(field, "must be an e-mail address");
            return null;
        }

        return email;
    }

    private static void AddOptional(Dictionary<string, string> attributes, string name, string? value)
    {
        if (value is not null)
        {
            attributes[name] = value;
        }
    }
}
