using System.Text.Json;

using Ordo.Core;
using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tronify;

/// <summary>
/// Tronify's rental marketplace (<c>/api/tronRent</c>) on the engine's rental kind: buyers post
/// orders, sellers fill them (<c>addTronSale</c>), buyers cancel what is unsold for the refund fee.
/// Every call is a POST naming its channel (<c>sourceFlag</c>); calls that change an order are signed.
/// </summary>
public static class TronifyEndpoints
{
    public const string Prefix = "/api/tronRent";

    public static void MapTronify(this IEndpointRouteBuilder app)
    {
        var tronify = app.MapGroup(Prefix).ExcludeFromDescription();
        tronify.MapPost("/pledgeConfig", PledgeConfig);
        tronify.MapPost("/queryPreorderInfo", TronifyFastTrade.QueryPreorderInfo);
        tronify.MapPost("/uploadHash", TronifyFastTrade.UploadHash);
        tronify.MapPost("/addTronRentRecord", AddRentRecord);
        tronify.MapPost("/cancelOrder", CancelOrder);
        tronify.MapPost("/addTronSale", AddSale);
        tronify.MapPost("/mypayorder", MyPayOrder);
        tronify.MapPost("/trades", Trades);

        // Unknown paths and wrong methods under the prefix still answer in Tronify's envelope.
        app.MapFallback(Prefix + "/{**rest}", (HttpContext http) =>
            TronifyResult.Invalid($"no endpoint {http.Request.Method} {http.Request.Path}; every call is a POST")).ExcludeFromDescription();
    }

    private static async Task<IResult> PledgeConfig(HttpContext http, TronifyChannel channel, ServerOptions options)
    {
        var (request, refusal) = await channel.OpenAsync(http, signed: false);
        if (request is null)
        {
            return refusal!;
        }

        if (TronifyRent.Address(request.Fields, "address") is null)
        {
            return TronifyResult.Invalid(request.Fields.FirstError);
        }

        var o = options.Tronify;
        return TronifyResult.Success(new TronifyPledgeConfig(
            o.DefaultEnergyPrice, o.LowEnergyPrice, o.TopEnergyPrice, o.LowEnergyCanBuy, o.TopEnergyCanBuy, o.RefundRate));
    }

    private static async Task<IResult> AddRentRecord(HttpContext http, TronifyChannel channel, OrderEngine engine, IOrderStore store, ServerOptions options)
    {
        var (request, refusal) = await channel.OpenAsync(http, signed: body => !TronifyFastTrade.Asks(body));
        if (request is null)
        {
            return refusal!;
        }

        if (TronifyFastTrade.Asks(request.Body))
        {
            return await TronifyFastTrade.CreateAsync(http, request, engine, store, options);
        }

        if (TronifyRent.Read(request.Fields, options.Tronify, out var invalid) is not { } rent)
        {
            return invalid!;
        }

        var result = await engine.PlaceAsync(rent.ToCommand(request.Caller, request.SourceFlag, options.Tronify), http.RequestAborted);
        return result.Status switch
        {
            PlaceStatus.Placed => TronifyResult.Success(new TronifyRentRecord(
                result.Order!.Number, rent.FromAddress, rent.PledgeAddress, rent.PledgeDay, rent.PledgeHour, rent.PledgeMinute,
                request.SourceFlag, TronifyRent.OrderTypeEnergy, Decimals.ToText(rent.OrderPrice), rent.PledgeNum, rent.PledgeTrxNum)),
            PlaceStatus.InsufficientBalance => new TronifyResult(
                TronifyCodes.InsufficientBalance, $"insufficient balance: the order costs {Decimals.ToText(rent.PledgeTrxNum)} TRX"),
            _ => TronifyResult.Invalid($"{result.Field}: {result.Message}"),
        };
    }

    private static async Task<IResult> CancelOrder(HttpContext http, TronifyChannel channel, OrderEngine engine)
    {
        var (request, refusal) = await channel.OpenAsync(http, signed: true);
        if (request is null)
        {
            return refusal!;
        }

        if (OrderId(request.Fields, "orderId") is not { } orderId)
        {
            return TronifyResult.Invalid(request.Fields.FirstError);
        }

        var caller = request.Caller;
        var result = await engine.CancelAsync(
            new Core.Engine.CancelOrder(caller.Owner, new OrderRef.ByNumber(orderId), caller.AccountId, "cancelled by the buyer"), http.RequestAborted);
        return result.Status switch
        {
            CancelStatus.Cancelled or CancelStatus.AlreadyCancelled =>
                TronifyResult.Success(new TronifyCancelled(request.Fields.String(TronifyFlag.Field)!, orderId, request.SourceFlag)),
            CancelStatus.NotFound => TronifyResult.OrderNotFound(),
            _ => new TronifyResult(TronifyCodes.NotCancellable, $"order cannot be cancelled in its status ({TronifyStatus.Of(result.Order!.State)})"),
        };
    }

    private static async Task<IResult> AddSale(HttpContext http, TronifyChannel channel, OrderEngine engine)
    {
        var (request, refusal) = await channel.OpenAsync(http, signed: true);
        if (request is null)
        {
            return refusal!;
        }

        var fields = request.Fields;
        var orderId = OrderId(fields, "relateOrderId");
        TronifyRent.Address(fields, "saleAddress");
        TronifyRent.Address(fields, "payTrxAddress");
        var quantity = fields.Integer("buyPledgeNum", required: true, min: 1, max: long.MaxValue / 2, acceptText: true);
        if (!fields.Ok)
        {
            return TronifyResult.Invalid(fields.FirstError);
        }

        // The seller is the calling channel's account: it receives the sold share of the escrow at once.
        var saleId = TronifyOrderIds.New();
        var result = await engine.FillAsync(
            new FillOrder { Actor = Actor.Executor(request.Caller.AccountId), Order = new OrderRef.ByNumber(orderId!), Kind = OrderKind.Rental, Quantity = quantity, ExternalId = saleId },
            http.RequestAborted);
        return result.Status switch
        {
            FillStatus.Applied => TronifyResult.Success(new TronifySale(saleId, orderId!)),
            FillStatus.NotFound => TronifyResult.OrderNotFound(),
            FillStatus.NotAllowed => new TronifyResult(TronifyCodes.NotFillable, "a channel cannot sell into its own order"),
            FillStatus.Invalid => TronifyResult.Invalid($"{result.Field}: {result.Message}"),
            FillStatus.ExceedsRemaining => new TronifyResult(TronifyCodes.NotFillable, $"order cannot be filled: only {(long)result.Remaining!.Value} energy is left"),
            _ => new TronifyResult(TronifyCodes.NotFillable, $"order cannot be filled in its status ({TronifyStatus.Of(result.State!.Value)})"),
        };
    }

    private static async Task<IResult> MyPayOrder(HttpContext http, TronifyChannel channel, IOrderStore store)
    {
        var (request, refusal) = await channel.OpenAsync(http, signed: false);
        if (request is null)
        {
            return refusal!;
        }

        var fields = request.Fields;
        var from = TronifyRent.Address(fields, "fromAddress");
        var (page, size) = Paging(fields);
        var filter = request.Body.TryGetProperty("orderType", out var type) ? Text(type) : null;
        if (!fields.Ok)
        {
            return TronifyResult.Invalid(fields.FirstError);
        }

        var query = new OrderQuery
        {
            AccountId = request.Caller.AccountId,
            Dialect = DialectNames.Tronify,
            AttributeName = TronifyAttributes.FromAddress,
            AttributeValue = from,
            // "1": active (wait_deposit_send, wait_sale); "0": completed (every closed status); else all.
            States = filter switch
            {
                "1" => ActiveStates,
                "0" => ClosedStates,
                _ => null,
            },
        };
        return await PageAsync(store, query, page, size, http.RequestAborted);
    }

    private static async Task<IResult> Trades(HttpContext http, TronifyChannel channel, IOrderStore store)
    {
        var (request, refusal) = await channel.OpenAsync(http, signed: false);
        if (request is null)
        {
            return refusal!;
        }

        var fields = request.Fields;
        var (page, size) = Paging(fields);
        var sort = fields.Integer("sort", min: 0, max: 3, acceptText: true) ?? 0;
        if (!fields.Ok)
        {
            return TronifyResult.Invalid(fields.FirstError);
        }

        // The public market: every channel's orders still open for sellers.
        var query = new OrderQuery
        {
            Dialect = DialectNames.Tronify,
            States = [OrderState.Open],
            Sort = sort switch
            {
                0 => OrderSort.PriceHighFirst,
                1 => OrderSort.PriceLowFirst,
                2 => OrderSort.NewestFirst,
                _ => OrderSort.OldestFirst,
            },
        };
        return await PageAsync(store, query, page, size, http.RequestAborted);
    }

    private static async Task<IResult> PageAsync(IOrderStore store, OrderQuery query, int page, int size, CancellationToken cancellationToken)
    {
        var orders = await store.ListOrdersAsync(query with { Limit = size, Offset = (page - 1) * size }, cancellationToken);
        var total = await store.CountOrdersAsync(query, cancellationToken);
        return TronifyResult.Success(new TronifyPage(orders.Select(TronifyRow.From).ToList(), new TronifyPagination(page, size, total)));
    }

    private static readonly IReadOnlyList<OrderState> ActiveStates = [OrderState.Pending, OrderState.Open];
    private static readonly IReadOnlyList<OrderState> ClosedStates = [OrderState.Filled, OrderState.Completed, OrderState.Cancelled, OrderState.Expired];

    private static (int Page, int Size) Paging(FieldReader fields) =>
        ((int)(fields.Integer("page", min: 1, max: 100_000, acceptText: true) ?? 1),
         (int)(fields.Integer("pageSize", min: 1, max: 100, acceptText: true) ?? 10));

    private static string? OrderId(FieldReader fields, string field)
    {
        var id = fields.String(field, required: true, maxLength: 64);
        if (id is not null && !TronifyOrderIds.IsWellFormed(id))
        {
            fields.Fail(field, "must be a Tronify order id: 36 characters, 8_4_4_4_12 lower-case letters and digits");
            return null;
        }

        return id;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
