using System.Globalization;
using System.Text.Json;

using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Http;

namespace Ordo.Server.Fungies;

/// <summary>
/// Fungies' order API (<c>/v0/orders</c>) on the engine's purchase kind: list, read, update (payment
/// states and amounts arrive here) and cancel. Cancelling stops an order that is not paid; a paid
/// order is refunded, not cancelled.
/// </summary>
public static class FungiesEndpoints
{
    public const string Prefix = "/v0/orders";

    public static void MapFungies(this IEndpointRouteBuilder app)
    {
        var fungies = app.MapGroup(Prefix).ExcludeFromDescription();
        fungies.MapGet("/list", List).RequireFungiesKeys(write: false);
        fungies.MapGet("/{orderIdOrNumber}", Get).RequireFungiesKeys(write: false);
        fungies.MapPatch("/{orderIdOrNumber}/update", Update).RequireFungiesKeys(write: true);
        fungies.MapPatch("/{orderIdOrNumber}/cancel", Cancel).RequireFungiesKeys(write: true);
        app.MapFallback(Prefix + "/{**rest}", (HttpContext http) =>
            FungiesResult.Error(404, $"No endpoint {http.Request.Method} {http.Request.Path}")).ExcludeFromDescription();
    }

    private static async Task<IResult> List(HttpContext http, IOrderStore store)
    {
        var query = http.Request.Query;
        var fields = new FieldReader(QueryJson.From(query));
        var skip = (int)(fields.Integer("skip", min: 0, max: 1_000_000, acceptText: true) ?? 0);
        var take = (int)(fields.Integer("take", min: 1, max: 100, acceptText: true) ?? 20);
        var direction = fields.Choice("orderDirection", Directions) ?? OrderSort.NewestFirst;
        var returnCount = fields.Choice("returnCount", Booleans) ?? false;
        var number = fields.String("number", maxLength: 64)?.TrimStart('#');
        var userId = fields.String("userId", maxLength: 64);
        var term = fields.String("term", maxLength: 128);
        var createdFrom = Day(fields, "createdFrom", endOfDay: false);
        var createdTo = Day(fields, "createdTo", endOfDay: true);
        var statuses = new List<OrderState>();
        foreach (var name in StatusNames(query))
        {
            if (FungiesStatus.ByName.TryGetValue(name, out var state))
            {
                statuses.Add(state);
            }
            else
            {
                fields.Fail("statuses", $"must be among: {string.Join(", ", FungiesStatus.ByName.Keys)}");
            }
        }

        if (!fields.Ok)
        {
            return FungiesResult.Invalid(fields.FirstError);
        }

        var filter = new OrderQuery
        {
            AccountId = http.FungiesCaller().AccountId,
            Kind = OrderKind.Purchase,
            States = statuses.Count > 0 ? statuses : null,
            Number = number,
            AttributeName = userId is null ? null : FungiesAttributes.CustomerId,
            AttributeValue = userId,
            Search = term,
            SearchAttribute = FungiesAttributes.CustomerName,
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            Sort = direction,
        };
        // One row more than the page tells whether another page follows.
        var orders = await store.ListOrdersAsync(filter with { Offset = skip, Limit = take + 1 }, http.RequestAborted);
        var hasMore = orders.Count > take;
        var list = orders.Take(take).Select(FungiesOrder.From).ToList();
        return FungiesResult.Ok(returnCount
            ? new FungiesPageWithCount(list, hasMore, await store.CountOrdersAsync(filter, http.RequestAborted))
            : new FungiesPage(list, hasMore));
    }

    /// <summary>
    /// A creation-time bound as an ISO 8601 date or date-time (Fungies' MCP server sends
    /// <c>createdFrom=2025-01-01</c>); times without an offset are UTC. A bare date as the upper
    /// bound includes that whole day.
    /// </summary>
    private static DateTimeOffset? Day(FieldReader fields, string field, bool endOfDay)
    {
        if (fields.String(field, maxLength: 40) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // TimeOnly.MaxValue rather than the next day less a tick: 9999-12-31 has no next day.
            return new DateTimeOffset(day.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        fields.Fail(field, "must be an ISO 8601 date or date-time, such as 2025-01-01 or 2025-01-01T12:00:00Z");
        return null;
    }

    /// <summary>
    /// Statuses as repeated <c>statuses[]</c> or as one comma-separated <c>statuses</c> (Fungies' own
    /// MCP server sends <c>statuses=PAID,PENDING</c>); an empty value is not given.
    /// </summary>
    private static IEnumerable<string> StatusNames(IQueryCollection query) =>
        query["statuses[]"].Concat(query["statuses"])
            .Where(value => !string.IsNullOrEmpty(value))
            .SelectMany(value => value!.Split(',', StringSplitOptions.TrimEntries));

    private static async Task<IResult> Get(string orderIdOrNumber, HttpContext http, IOrderStore store)
    {
        if (Reference(orderIdOrNumber) is not { } reference)
        {
            return FungiesResult.Invalid(RefRule);
        }

        var order = await store.GetOrderAsync(reference, http.FungiesCaller().AccountId, http.RequestAborted);
        return order is { Kind: OrderKind.Purchase } ? FungiesResult.Ok(new FungiesOrderData(FungiesOrder.From(order))) : FungiesResult.OrderNotFound();
    }

    private static async Task<IResult> Update(string orderIdOrNumber, HttpContext http, OrderEngine engine, IOrderStore store)
    {
        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: true, http.RequestAborted);
        if (body.Error is { } error)
        {
            return FungiesResult.Invalid(error);
        }

        if (Reference(orderIdOrNumber) is not { } reference)
        {
            return FungiesResult.Invalid(RefRule);
        }

        var fields = new FieldReader(body.Root);
        var status = fields.Choice("status", FungiesStatus.ByName);
        var value = fields.Integer("value", min: 0, max: MaxSafeInteger);
        var fee = fields.Integer("fee", min: 0, max: MaxSafeInteger);
        var tax = fields.Integer("tax", min: 0, max: MaxSafeInteger);
        var currency = fields.String("currency", maxLength: 3);
        if (currency is not null && !FungiesCurrencies.IsKnown(currency))
        {
            fields.Fail("currency", "must be one of the supported ISO 4217 codes, e.g. USD");
        }

        if (status is OrderState.Expired or OrderState.Pending)
        {
            fields.Fail("status", "EXPIRED and PENDING are set by the store, not by an update");
        }

        if (!fields.Ok)
        {
            return FungiesResult.Invalid(fields.FirstError);
        }

        var caller = http.FungiesCaller();
        if (status == OrderState.Cancelled)
        {
            return await CancelAsync(reference, http, engine);
        }

        var current = await store.GetOrderAsync(reference, caller.AccountId, http.RequestAborted);
        if (current is not { Kind: OrderKind.Purchase })
        {
            return FungiesResult.OrderNotFound();
        }

        // Amounts arrive in minor units of the (new or current) currency and are kept in major units.
        var code = currency ?? current.Attributes.GetValueOrDefault(FungiesAttributes.Currency) ?? "USD";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string name, long? minor)
        {
            if (minor is { } m)
            {
                attributes[name] = Core.Decimals.ToText(FungiesCurrencies.FromMinor(m, code));
            }
        }

        Put(FungiesAttributes.Amount, value);
        Put(FungiesAttributes.Fee, fee);
        Put(FungiesAttributes.Tax, tax);
        if (currency is not null)
        {
            attributes[FungiesAttributes.Currency] = currency;
        }

        var result = await engine.AmendAsync(
            new AmendOrder { Actor = caller.Owner, Order = OrderRef.Of(current.Id), Scope = caller.AccountId, Kind = OrderKind.Purchase, Stage = status, Attributes = attributes },
            http.RequestAborted);
        return result.Status switch
        {
            AmendStatus.Amended => FungiesResult.Ok(new FungiesOrderData(FungiesOrder.From(result.Order!))),
            AmendStatus.NotFound => FungiesResult.OrderNotFound(),
            AmendStatus.Closed => FungiesResult.Invalid($"Order {result.Order!.Number} is {FungiesStatus.Of(result.Order.State)} and cannot be updated"),
            _ => FungiesResult.Invalid($"Order {result.Order!.Number} cannot go from {FungiesStatus.Of(result.Order.State)} to {FungiesStatus.Of(status!.Value)}"),
        };
    }

    private static async Task<IResult> Cancel(string orderIdOrNumber, HttpContext http, OrderEngine engine)
    {
        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: true, http.RequestAborted);
        if (body.Error is { } error)
        {
            return FungiesResult.Invalid(error);
        }

        return Reference(orderIdOrNumber) is { } reference ? await CancelAsync(reference, http, engine) : FungiesResult.Invalid(RefRule);
    }

    private static async Task<IResult> CancelAsync(OrderRef reference, HttpContext http, OrderEngine engine)
    {
        var caller = http.FungiesCaller();
        var result = await engine.CancelAsync(new CancelOrder(caller.Owner, reference, caller.AccountId, "cancelled by the store", OrderKind.Purchase), http.RequestAborted);
        return result.Status switch
        {
            CancelStatus.Cancelled or CancelStatus.AlreadyCancelled => FungiesResult.Ok(new FungiesOrderData(FungiesOrder.From(result.Order!))),
            CancelStatus.NotFound => FungiesResult.OrderNotFound(),
            _ => FungiesResult.Invalid($"Order {result.Order!.Number} is {FungiesStatus.Of(result.Order.State)} and cannot be cancelled"),
        };
    }

    private const long MaxSafeInteger = 9_007_199_254_740_991;

    private const string RefRule = "orderIdOrNumber: must be an order id (a UUID) or an order number (12 letters and digits, '#' allowed in front)";

    private static readonly IReadOnlyDictionary<string, OrderSort> Directions = new Dictionary<string, OrderSort> { ["ASC"] = OrderSort.OldestFirst, ["DESC"] = OrderSort.NewestFirst };

    private static readonly IReadOnlyDictionary<string, bool> Booleans = new Dictionary<string, bool> { ["true"] = true, ["false"] = false };

    /// <summary>A UUID is an id; anything else is a number, with a leading '#' ignored.</summary>
    private static OrderRef? Reference(string text)
    {
        if (Guid.TryParse(text, out var uuid))
        {
            return new OrderRef.ByUuid(uuid);
        }

        var number = text.StartsWith('#') ? text[1..] : text;
        return FungiesNumbers.IsWellFormed(number) ? new OrderRef.ByNumber(number) : null;
    }
}

public sealed record FungiesOrderData(FungiesOrder Order);

public sealed record FungiesPage(IReadOnlyList<FungiesOrder> Orders, bool HasMore);

public sealed record FungiesPageWithCount(IReadOnlyList<FungiesOrder> Orders, bool HasMore, int Count);
