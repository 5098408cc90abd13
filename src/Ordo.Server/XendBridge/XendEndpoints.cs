using System.Net;
using System.Net.Mail;
using System.Text.Json;

using Ordo.Core;
using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Http;

namespace Ordo.Server.XendBridge;

/// <summary>
/// XendBridge's peer-to-peer API (<c>/api/PeerToPeerOrder</c>) on the engine's p2p kind. A third
/// party initiates orders for its customers (by e-mail); Ordo assigns the provider at once, so an
/// order starts <c>Acknowledged</c>. The customer's payment (<c>Confirm</c>) ends the time a
/// cancel is possible; the provider moves the later stages through the native fills endpoint.
/// </summary>
public static class XendEndpoints
{
    public const string Prefix = "/api/PeerToPeerOrder";

    public static void MapXendBridge(this IEndpointRouteBuilder app)
    {
        var xend = app.MapGroup(Prefix).RequireSecretKey().ExcludeFromDescription();
        xend.MapPost("/Buy/Initiate", (HttpContext http, OrderEngine engine, ServerOptions options) => Initiate(http, engine, options, OrderSide.Buy));
        xend.MapPost("/Sell/Initiate", (HttpContext http, OrderEngine engine, ServerOptions options) => Initiate(http, engine, options, OrderSide.Sell));
        xend.MapGet("/ThirdParty/PendingOrder", PendingOrder);
        xend.MapPost("/ThirdParty/Order/Confirm", Confirm);
        xend.MapPost("/ThirdParty/Order/Cancel", Cancel);
        app.MapFallback(Prefix + "/{**rest}", (HttpContext http) =>
            XendResult.Error(HttpStatusCode.NotFound, $"No endpoint {http.Request.Method} {http.Request.Path}")).ExcludeFromDescription();
    }

    private static async Task<IResult> Initiate(HttpContext http, OrderEngine engine, ServerOptions options, OrderSide side)
    {
        var (fields, body, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var email = Email(fields);
        var phone = fields.String("phoneNumber", required: true, maxLength: 32);
        var userName = fields.String("userName", required: true, maxLength: 128);
        var pay = Code(fields, "payInCurrencyCode");
        var payNetwork = fields.String("payInCurrencyNetwork", required: true, maxLength: 32);
        var receive = Code(fields, "receiveInCurrencyCode");
        var receiveNetwork = fields.String("receiveInCurrencyNetwork", required: true, maxLength: 32);
        var amount = fields.Decimal("orderAmount", required: true);
        var deposit = RawObject(fields, body, "consumerDepositMethod");
        var receipt = RawObject(fields, body, "consumerReceiptMethod");
        if (!fields.Ok)
        {
            return XendResult.Invalid(fields.FirstError);
        }

        // Buy: the customer pays fiat and receives crypto; sell: the other way round. Rates are fiat per crypto unit.
        var (crypto, fiat) = side == OrderSide.Buy ? (receive!, pay!) : (pay!, receive!);
        if (!options.XendBridge.Rates.TryGetValue($"{crypto}_{fiat}", out var rate) || rate <= 0)
        {
            return XendResult.Invalid($"No rate for {crypto}/{fiat}: this pair is not offered");
        }

        var receivable = side == OrderSide.Buy
            ? Decimals.RoundDown(amount!.Value / rate, 6)
            : Decimals.RoundDown(amount!.Value * rate, 2);
        var initiation = new XendInitiation(side, email!, phone!, userName!, pay!, payNetwork!, receive!, receiveNetwork!, amount.Value, receivable, deposit, receipt);
        var result = await engine.PlaceAsync(initiation.ToCommand(http.XendCaller().AccountId, options.XendBridge), http.RequestAborted);
        return result.Status switch
        {
            PlaceStatus.Placed => XendResult.Ok(XendOrder.From(result.Order!, [])),
            PlaceStatus.OpenOrderExists => XendResult.Invalid($"The customer {email} already has an open order ({result.Order!.Number})"),
            _ => XendResult.Invalid($"{result.Field}: {result.Message}"),
        };
    }

    private static async Task<IResult> PendingOrder(HttpContext http, IOrderStore store)
    {
        var fields = new FieldReader(QueryJson.From(http.Request.Query));
        if (Email(fields) is not { } email)
        {
            return XendResult.Invalid(fields.FirstError);
        }

        var open = await store.ListOrdersAsync(
            new OrderQuery
            {
                AccountId = http.XendCaller().AccountId,
                Kind = OrderKind.P2p,
                States = P2pLifecycle.Table.OpenStates,
                AttributeName = XendAttributes.CustomerEmail,
                AttributeValue = email,

                // One open order per e-mail at most (the exclusive rule), so no order is needed: newest
                // first made SQLite walk all of the account's orders by id instead of its p2p index.
                Sort = OrderSort.Any,
                Limit = 1,
            },
            http.RequestAborted);
        if (open is not [var order, ..])
        {
            return XendResult.Ok(new XendPending("Available", null));
        }

        var history = await store.GetEventsAsync(order.Id, http.RequestAborted);
        return XendResult.Ok(new XendPending("ProcessingRequest", XendOrder.From(order, history)));
    }

    private static async Task<IResult> Confirm(HttpContext http, OrderEngine engine)
    {
        var (fields, _, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var email = Email(fields);
        var reference = Reference(fields);
        var hash = fields.String("transactionHash", required: true, maxLength: 256);
        if (!fields.Ok)
        {
            return XendResult.Invalid(fields.FirstError);
        }

        var caller = http.XendCaller();
        var result = await engine.AmendAsync(
            new AmendOrder
            {
                Actor = caller.Owner,
                Order = new OrderRef.ByNumber(reference!),
                Scope = caller.AccountId,
                Kind = OrderKind.P2p,
                Match = new AttributeMatch(XendAttributes.CustomerEmail, email!),
                Stage = OrderState.FundedProvider,
                Attributes = new Dictionary<string, string> { [XendAttributes.TransactionHash] = hash! },
            },
            http.RequestAborted);
        return result.Status switch
        {
            AmendStatus.Amended => XendResult.Ok(true, "Payment Updated Successfully"),
            AmendStatus.NotFound => XendResult.OrderNotFound(),
            _ when result.Order!.State == OrderState.Cancelled => XendResult.Invalid("Order has been cancelled"),
            _ => XendResult.Invalid($"Payment cannot be confirmed: the order is {result.Order!.State}"),
        };
    }

    private static async Task<IResult> Cancel(HttpContext http, OrderEngine engine)
    {
        var (fields, _, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var email = Email(fields);
        var reference = Reference(fields);
        if (!fields.Ok)
        {
            return XendResult.Invalid(fields.FirstError);
        }

        var caller = http.XendCaller();
        var result = await engine.CancelAsync(
            new CancelOrder(
                caller.Owner, new OrderRef.ByNumber(reference!), caller.AccountId, "cancelled by the third party", OrderKind.P2p,
                new AttributeMatch(XendAttributes.CustomerEmail, email!)),
            http.RequestAborted);
        return result.Status switch
        {
            CancelStatus.Cancelled or CancelStatus.AlreadyCancelled => XendResult.Ok(true),
            CancelStatus.NotFound => XendResult.OrderNotFound(),
            _ => XendResult.Ok(false, "Order cannot be cancelled after payment has been made"),
        };
    }

    private static string? Email(FieldReader fields)
    {
        var email = fields.String("emailAddress", required: true, maxLength: 254);
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            fields.Fail("emailAddress", "must be an e-mail address");
            return null;
        }

        return email?.Trim().ToLowerInvariant();
    }

    private static string? Reference(FieldReader fields)
    {
        var reference = fields.String("orderReference", required: true, maxLength: 64);
        if (reference is not null && !(reference.Length == 35 && (reference.StartsWith("XB_", StringComparison.Ordinal) || reference.StartsWith("XS_", StringComparison.Ordinal))
                && reference[3..].All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c))))
        {
            fields.Fail("orderReference", "must be XB_ or XS_ and 32 lower-case hex digits");
            return null;
        }

        return reference;
    }

    private static string? Code(FieldReader fields, string field)
    {
        var code = fields.String(field, required: true, maxLength: 10);
        if (code is not null && (code.Length < 2 || !code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))))
        {
            fields.Fail(field, "must be an upper-case currency code such as NGN or USDT");
            return null;
        }

        return code;
    }

    /// <summary>An optional object stored as given (its raw JSON).</summary>
    private static string? RawObject(FieldReader fields, JsonElement body, string field)
    {
        if (fields.Object(field) is null)
        {
            return null;
        }

        var raw = body.GetProperty(field).GetRawText();
        if (raw.Length > 4096)
        {
            fields.Fail(field, "must be at most 4096 characters of JSON");
            return null;
        }

        return raw;
    }

    private static async Task<(FieldReader Fields, JsonElement Body, XendResult? Bad)> ReadAsync(HttpContext http)
    {
        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: false, http.RequestAborted);
        return (new FieldReader(body.Root), body.Root, body.Error is { } error ? XendResult.Invalid(error) : null);
    }
}

public sealed record XendPending(string OrderStatus, XendOrder? OrderResponse);
