using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>The native order endpoints: translate, call the engine, render. No business rules here.</summary>
public static class OrderEndpoints
{
    public static void MapNativeOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/v1/orders").WithTags("Orders");
        orders.MapPost("", Place).RequireScope(Scopes.OrdersWrite).WithIdempotency()
            .DocumentsBody<PlaceOrderBody>().Produces<OrderDto>(201).ProducesProblem(400).ProducesProblem(409)
            .WithSummary("Place an order");
        orders.MapGet("", List).RequireScope(Scopes.OrdersRead).Produces<OrderPage>()
            .WithSummary("List orders, newest first");
        orders.MapPost("/cancel", BulkCancel).RequireScope(Scopes.OrdersWrite).WithIdempotency()
            .DocumentsBody<BulkCancelBody>().Produces<BulkCancelDto>()
            .WithSummary("Cancel every open order matching a filter");
        orders.MapGet("/{ref}", Get).RequireScope(Scopes.OrdersRead).Produces<OrderDto>().ProducesProblem(404)
            .WithSummary("One order, by id, uuid, number or client:<client_order_id>");
        orders.MapPost("/{ref}/cancel", Cancel).RequireScope(Scopes.OrdersWrite).WithIdempotency()
            .DocumentsBody<CancelBody>().Produces<OrderDto>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancel the unfilled remainder");
        orders.MapGet("/{ref}/events", Events).RequireScope(Scopes.OrdersRead).Produces<EventList>().ProducesProblem(404)
            .WithSummary("The order's history");
        orders.MapPost("/{ref}/fills", Fill).RequireScope(Scopes.FillsWrite).WithIdempotency()
            .DocumentsBody<FillBody>().Produces<OrderDto>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Report an execution against a rental, p2p or purchase order");

        // Unknown paths under /v1 answer as a problem, file-like ones too (/v1/accounts/1.5), which the host's fallback skips.
        app.MapFallback("/v1/{**rest}", () => Problems.NotFound("endpoint")).ExcludeFromDescription();
    }

    private static async Task<IResult> Place(HttpContext http, OrderEngine engine, ServerOptions options)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: false);
        if (bad is not null)
        {
            return bad;
        }

        var caller = http.Caller();
        if (caller.AccountId is null)
        {
            return Problems.NoAccount();
        }

        if (PlaceRequest.Parse(caller, options.Native, fields) is not { } command)
        {
            return Problems.InvalidRequest(fields);
        }

        return Placed(await engine.PlaceAsync(command, http.RequestAborted, http.AnswerInSameWrite<PlaceResult>(Placed)));
    }

    private static IResult Placed(PlaceResult result) => result.Status switch
    {
        PlaceStatus.Placed => TypedResults.Created($"/v1/orders/{result.Order!.Id}", OrderDto.From(result.Order)),
        PlaceStatus.DuplicateClientOrderId => Problems.ClientOrderIdTaken(result.Order!),
        PlaceStatus.InsufficientBalance => Problems.InsufficientBalance(result.Message!),
        _ => Problems.InvalidRequest(result.Field!, result.Message!),
    };

    private static async Task<IResult> Get(string @ref, HttpContext http, IOrderStore store)
    {
        if (OrderRefs.Parse(@ref, out var error) is not { } reference)
        {
            return Problems.InvalidRequest("ref", error!);
        }

        var order = await store.GetOrderAsync(reference, http.Caller().OrderScope, http.RequestAborted);
        return order is null ? Problems.OrderNotFound() : TypedResults.Ok(OrderDto.From(order));
    }

    private static async Task<IResult> List(HttpContext http, IOrderStore store)
    {
        if (ListRequest.Parse(http.Request.Query, http.Caller().OrderScope, out var problem) is not { } query)
        {
            return problem!;
        }

        var orders = await store.ListOrdersAsync(query, http.RequestAborted);
        var next = orders.Count == query.Limit ? Cursors.Encode(orders[^1].Id) : null;
        return TypedResults.Ok(new OrderPage(orders.Select(OrderDto.From).ToList(), next));
    }

    private static async Task<IResult> Cancel(string @ref, HttpContext http, OrderEngine engine)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: true);
        if (bad is not null)
        {
            return bad;
        }

        var reason = fields.String("reason", maxLength: 500);
        if (!fields.Ok)
        {
            return Problems.InvalidRequest(fields);
        }

        if (OrderRefs.Parse(@ref, out var error) is not { } reference)
        {
            return Problems.InvalidRequest("ref", error!);
        }

        var caller = http.Caller();
        var command = new CancelOrder(caller.Actor, reference, caller.OrderScope, reason);
        return Cancelled(await engine.CancelAsync(command, http.RequestAborted, http.AnswerInSameWrite<CancelResult>(Cancelled)));
    }

    private static IResult Cancelled(CancelResult result) => result.Status switch
    {
        CancelStatus.Cancelled or CancelStatus.AlreadyCancelled => TypedResults.Ok(OrderDto.From(result.Order!)),
        CancelStatus.NotFound => Problems.OrderNotFound(),
        CancelStatus.AlreadyFilled => Problems.AlreadyFilled(result.Order!),
        CancelStatus.TooEarly => Problems.TooEarly(result.Order!, result.RetryAfter!.Value),
        _ => Problems.NotCancellable(result.Order!),
    };

    private static async Task<IResult> BulkCancel(HttpContext http, OrderEngine engine)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: true);
        if (bad is not null)
        {
            return bad;
        }

        var caller = http.Caller();
        var command = new BulkCancel
        {
            Actor = caller.Actor,
            Scope = caller.OrderScope,
            Market = fields.String("market", maxLength: 32),
            Side = fields.Choice("side", NativeNames.Sides),
            Kind = fields.Choice("kind", NativeNames.Kinds),
            Ids = fields.IntegerList("ids", maxCount: 500),
            Reason = fields.String("reason", maxLength: 500),
        };
        if (!fields.Ok)
        {
            return Problems.InvalidRequest(fields);
        }

        return BulkCancelled(await engine.BulkCancelAsync(command, http.RequestAborted, http.AnswerInSameWrite<IReadOnlyList<BulkCancelItem>>(BulkCancelled)));
    }

    private static IResult BulkCancelled(IReadOnlyList<BulkCancelItem> items) =>
        TypedResults.Ok(new BulkCancelDto(items.Select(item => new BulkCancelItemDto(
            item.Id,
            item.Result.Status switch
            {
                CancelStatus.Cancelled => "cancelled",
                CancelStatus.AlreadyCancelled => "already_cancelled",
                CancelStatus.NotFound => "not_found",
                _ => "not_cancellable",
            },
            item.Result.Order is { } order ? OrderDto.From(order) : null)).ToList()));

    private static async Task<IResult> Events(string @ref, HttpContext http, IOrderStore store)
    {
        if (OrderRefs.Parse(@ref, out var error) is not { } reference)
        {
            return Problems.InvalidRequest("ref", error!);
        }

        var order = await store.GetOrderAsync(reference, http.Caller().OrderScope, http.RequestAborted);
        if (order is null)
        {
            return Problems.OrderNotFound();
        }

        var events = await store.GetEventsAsync(order.Id, http.RequestAborted);
        return TypedResults.Ok(new EventList(events.Select(EventDto.From).ToList()));
    }

    private static async Task<IResult> Fill(string @ref, HttpContext http, OrderEngine engine)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: false);
        if (bad is not null)
        {
            return bad;
        }

        var quantity = fields.Decimal("quantity");
        var stage = fields.Choice("stage", NativeNames.Stages);
        var price = fields.Decimal("price");
        var externalId = fields.String("external_id", maxLength: 128);
        if (fields.Ok && quantity is null == stage is null)
        {
            fields.Fail(quantity is null ? "quantity" : "stage", "give either quantity (rental) or stage (p2p, purchase)");
        }

        if (!fields.Ok)
        {
            return Problems.InvalidRequest(fields);
        }

        if (OrderRefs.Parse(@ref, out var error) is not { } reference)
        {
            return Problems.InvalidRequest("ref", error!);
        }

        var command = new FillOrder { Actor = http.Caller().FillActor, Order = reference, Quantity = quantity, Stage = stage, Price = price, ExternalId = externalId };
        return Filled(await engine.FillAsync(command, http.RequestAborted, http.AnswerInSameWrite<FillResult>(Filled)));
    }

    private static IResult Filled(FillResult result) => result.Status switch
    {
        FillStatus.Applied or FillStatus.Duplicate => TypedResults.Ok(OrderDto.From(result.Order!)),
        FillStatus.NotFound or FillStatus.NotAllowed => Problems.OrderNotFound(),
        FillStatus.ExceedsRemaining => Problems.FillExceedsRemaining(result),
        FillStatus.Invalid => Problems.InvalidRequest(result.Field!, result.Message!),
        _ => Problems.NotFillable(result),
    };
}
