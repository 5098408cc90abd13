using System.Text.Json;

using Ordo.Core;
using Ordo.Core.Engine;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tanx;

/// <summary>
/// tanX's API (<c>/sapi/v1</c>) on the engine's limit kind and the matching engine: log in by
/// signing a nonce with an Ethereum key, then create, read, list and cancel orders under a JWT.
/// Decision: tanX's own create asks for a StarkEx signature over the order; Ordo settles nothing on
/// layer 2, so create takes the order's fields under the JWT alone.
/// </summary>
public static class TanxEndpoints
{
    public const string Prefix = "/sapi/v1";

    public static void MapTanx(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup(Prefix + "/auth").ExcludeFromDescription();
        auth.MapPost("/nonce/", Nonce);
        auth.MapPost("/login/", Login);
        auth.MapPost("/token/refresh/", RefreshToken);

        var tanx = app.MapGroup(Prefix).RequireTanxToken().ExcludeFromDescription();
        tanx.MapPost("/orders/create/", Create);
        tanx.MapGet("/orders/", List);
        tanx.MapPost("/orders/cancel/", Cancel);
        tanx.MapGet("/orders/{id}/", Get);
        tanx.MapPost("/user/bulkcancel/", BulkCancel);
        tanx.MapGet("/trades/", Trades);

        app.MapFallback(Prefix + "/{**rest}", (HttpContext http) =>
            TanxResult.Error(404, $"No endpoint {http.Request.Method} {http.Request.Path}")).ExcludeFromDescription();
    }

    /// <summary>A login message to sign, only for an address a tanX credential registers (no memory is spent on strangers).</summary>
    private static async Task<IResult> Nonce(HttpContext http, TanxNonces nonces, CredentialLookup credentials, ClientThrottle throttle)
    {
        if (!throttle.TryAcquire(http, out var wait))
        {
            return TanxResult.TooManyRequests(wait);
        }

        var (fields, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        if (Address(fields) is not { } address)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        if (await credentials.FindAsync(DialectNames.Tanx, address, http.RequestAborted) is null)
        {
            return TanxResult.Error(401, NoAccountMessage);
        }

        return nonces.Issue(address, out var retry) is { } message
            ? TanxResult.Ok("Nonce generated successfully", message)
            : TanxResult.TooManyRequests(retry);
    }

    private const string NoAccountMessage = "No account is registered for this eth_address";

    private static async Task<IResult> Login(HttpContext http, TanxNonces nonces, TanxTokens tokens, CredentialLookup credentials, ClientThrottle throttle)
    {
        if (!throttle.TryAcquire(http, out var wait))
        {
            return TanxResult.TooManyRequests(wait);
        }

        var (fields, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var address = Address(fields);
        var signature = fields.String("user_signature", required: true, maxLength: 200);
        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        var credential = await credentials.FindAsync(DialectNames.Tanx, address!, http.RequestAborted);
        if (credential is null)
        {
            return TanxResult.Error(401, NoAccountMessage);
        }

        switch (nonces.Take(address!, message => Ethereum.RecoverSigner(message, signature!) == address))
        {
            case TanxNonces.Check.NoNonce:
                return TanxResult.Error(401, "Nonce expired or already used: request a new one");
            case TanxNonces.Check.WrongSignature:
                return TanxResult.Error(401, "Signature verification failed");
        }

        var (access, refresh) = tokens.Issue(credential.AccountId, credential.Id);
        return new TanxResult("Login successful", new TanxLogin($"ID{credential.AccountId:D10}", signature!))
        {
            Token = new TanxTokenPair(access, refresh),
        };
    }

    private static async Task<IResult> RefreshToken(HttpContext http, TanxTokens tokens, IOrderStore store, CredentialLookup credentials, ClientThrottle throttle)
    {
        if (!throttle.TryAcquire(http, out var wait))
        {
            return TanxResult.TooManyRequests(wait);
        }

        var (fields, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var refresh = fields.String("refresh", required: true, maxLength: 4096);
        if (refresh is null)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        // A revoked (or, outside demo mode, demo) credential's refresh token gets nothing.
        if (await tokens.ValidateAsync(refresh, TanxTokens.Refresh) is not { } claims
            || await credentials.GetAsync(claims.CredentialId, http.RequestAborted) is not { Dialect: DialectNames.Tanx } credential
            || credential.AccountId != claims.AccountId)
        {
            return TanxResult.InvalidToken(TanxTokens.Refresh);
        }

        // Single use, durably: a refresh token is spent in the database before new tokens are given.
        var fresh = await store.WriteAsync(
            tx =>
            {
                var scope = $"tanx-refresh:{claims.CredentialId}";
                if (tx.HasExternalId(scope, claims.Id))
                {
                    return false;
                }

                tx.RecordExternalId(scope, claims.Id);
                return true;
            },
            http.RequestAborted);
        if (!fresh)
        {
            return TanxResult.InvalidToken(TanxTokens.Refresh);
        }

        var (access, rotated) = tokens.Issue(claims.AccountId, claims.CredentialId);
        return TanxResult.Ok("Token refreshed successfully", new TanxTokenPair(access, rotated));
    }

    private static async Task<IResult> Create(HttpContext http, OrderEngine engine, IOrderStore store)
    {
        var (fields, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var marketName = fields.String("market", required: true, maxLength: 32);
        var side = fields.Choice("side", Sides, required: true);
        var type = fields.Choice("ord_type", OrderTypes, required: true);
        var price = fields.Decimal("price", required: type == OrderType.Limit);
        var volume = fields.Decimal("volume", required: true);
        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        if (await store.GetMarketAsync(marketName!, http.RequestAborted) is not { } market)
        {
            return TanxResult.Invalid($"market: unknown market {marketName}");
        }

        var caller = http.TanxCaller();
        var result = await engine.PlaceAsync(
            new PlaceOrder
            {
                Actor = caller.Owner,
                AccountId = caller.AccountId,
                Dialect = DialectNames.Tanx,
                Kind = OrderKind.Limit,
                Market = market.Name,
                Side = side,
                Type = type,
                Price = price,
                Quantity = volume!.Value,
            },
            http.RequestAborted);
        return result.Status switch
        {
            PlaceStatus.Placed => TanxResult.Ok("Created Order Successfully", TanxOrder.From(result.Order!, market)),
            PlaceStatus.InsufficientBalance => TanxResult.Invalid("Insufficient balance"),
            _ when result.AllowedDecimals is { } allowed =>
                TanxResult.Invalid($"Maximum decimals allowed for {WireName(result.Field)} is {allowed} in {market.Name} market"),
            _ => TanxResult.Invalid($"{WireName(result.Field)}: {result.Message}"),
        };
    }

    private static async Task<IResult> Get(string id, HttpContext http, IOrderStore store)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var orderId))
        {
            return TanxResult.Invalid("id: must be an order id (an integer)");
        }

        var caller = http.TanxCaller();
        var order = await store.GetOrderAsync(OrderRef.Of(orderId), caller.AccountId, http.RequestAborted);
        if (order is not { Kind: OrderKind.Limit })
        {
            return TanxResult.OrderNotFound();
        }

        var market = await store.GetMarketAsync(order.Market!, http.RequestAborted);
        var trades = await store.ListTradesAsync(new TradeQuery { AccountId = caller.AccountId, OrderId = order.Id, Limit = 1000 }, http.RequestAborted);
        var payload = JsonSerializer.SerializeToNode(TanxOrder.From(order, market), TanxJson.Options)!.AsObject();
        payload["trades"] = JsonSerializer.SerializeToNode(trades.Select(t => TanxTrade.For(t, caller.AccountId, market)).ToList(), TanxJson.Options);
        return TanxResult.Ok("Order fetched successfully", payload);
    }

    private static async Task<IResult> List(HttpContext http, IOrderStore store)
    {
        var fields = new FieldReader(QueryJson.From(http.Request.Query));
        var limit = (int)(fields.Integer("limit", min: 1, max: 500, acceptText: true) ?? 50);
        var page = (int)(fields.Integer("page", min: 1, max: 1_000_000, acceptText: true) ?? 1);
        var market = fields.String("market", maxLength: 32);
        var type = fields.Choice("ord_type", OrderTypes);
        var state = fields.Choice("state", TanxNames.States);
        var side = fields.Choice("side", Sides);
        var from = fields.Integer("start_time", min: 0, max: 253_402_300_799, acceptText: true);
        var to = fields.Integer("end_time", min: 0, max: 253_402_300_799, acceptText: true);
        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        var orders = await store.ListOrdersAsync(
            new OrderQuery
            {
                AccountId = http.TanxCaller().AccountId,
                Kind = OrderKind.Limit,
                Market = market,
                Side = side,
                States = state is { } s ? [s] : null,
                CreatedFrom = from is { } f ? DateTimeOffset.FromUnixTimeSeconds(f) : null,
                CreatedTo = to is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : null,
                Type = type,
                Limit = limit,
                Offset = (page - 1) * limit,
            },
            http.RequestAborted);
        var markets = await MarketsAsync(store, orders.Select(o => o.Market!), http.RequestAborted);
        return TanxResult.Ok("Orders fetched successfully", orders.Select(o => TanxOrder.From(o, markets.GetValueOrDefault(o.Market!))).ToList());
    }

    private static async Task<IResult> Cancel(HttpContext http, OrderEngine engine, IOrderStore store)
    {
        var (fields, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var orderId = fields.Integer("order_id", required: true, min: 1, acceptText: true);
        if (orderId is null)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        var caller = http.TanxCaller();
        var result = await engine.CancelAsync(
            new CancelOrder(caller.Owner, OrderRef.Of(orderId.Value), caller.AccountId, "cancelled by the user", OrderKind.Limit), http.RequestAborted);
        var market = result.Order is { } order ? await store.GetMarketAsync(order.Market!, http.RequestAborted) : null;
        return result.Status switch
        {
            CancelStatus.Cancelled or CancelStatus.AlreadyCancelled =>
                TanxResult.Ok("Order is successfully queued for cancellation", TanxOrder.From(result.Order!, market)),
            CancelStatus.NotFound => TanxResult.OrderNotFound(),
            _ => TanxResult.Invalid("Order is already closed and cannot be cancelled"),
        };
    }

    private static async Task<IResult> BulkCancel(HttpContext http, OrderEngine engine, IOrderStore store)
    {
        var (fields, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var market = fields.String("market", required: true, maxLength: 32);
        var side = fields.Choice("side", Sides);
        var limit = (int)(fields.Integer("limit", min: 1, max: 1000, acceptText: true) ?? 100);
        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        if (await store.GetMarketAsync(market!, http.RequestAborted) is null)
        {
            return TanxResult.Invalid($"market: unknown market {market}");
        }

        var caller = http.TanxCaller();
        await engine.BulkCancelAsync(
            new Core.Engine.BulkCancel { Actor = caller.Owner, Scope = caller.AccountId, Market = market, Side = side, Kind = OrderKind.Limit, Limit = limit, Reason = "cancelled by the user" },
            http.RequestAborted);
        return TanxResult.Ok("Orders are successfully queued for cancellation", new Dictionary<string, object>());
    }

    private static async Task<IResult> Trades(HttpContext http, IOrderStore store)
    {
        var fields = new FieldReader(QueryJson.From(http.Request.Query));
        var market = fields.String("market", maxLength: 32);
        var limit = (int)(fields.Integer("limit", min: 1, max: 500, acceptText: true) ?? 50);
        var page = (int)(fields.Integer("page", min: 1, max: 1_000_000, acceptText: true) ?? 1);
        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        var caller = http.TanxCaller();
        var trades = await store.ListTradesAsync(new TradeQuery { AccountId = caller.AccountId, Market = market, Limit = limit, Offset = (page - 1) * limit }, http.RequestAborted);
        var markets = await MarketsAsync(store, trades.Select(t => t.Market), http.RequestAborted);
        return TanxResult.Ok("Trades fetched successfully", trades.Select(t => TanxTrade.For(t, caller.AccountId, markets.GetValueOrDefault(t.Market))).ToList());
    }

    private static readonly IReadOnlyDictionary<string, OrderSide> Sides = new Dictionary<string, OrderSide> { ["buy"] = OrderSide.Buy, ["sell"] = OrderSide.Sell };

    private static readonly IReadOnlyDictionary<string, OrderType> OrderTypes = new Dictionary<string, OrderType> { ["limit"] = OrderType.Limit, ["market"] = OrderType.Market };

    private static string? Address(FieldReader fields)
    {
        var address = fields.String("eth_address", required: true, maxLength: 42);
        if (address is not null && !CredentialIssuer.IsEthAddress(address))
        {
            fields.Fail("eth_address", "must be an Ethereum address: 0x and 40 hex digits");
            return null;
        }

        return address?.ToLowerInvariant();
    }

    /// <summary>The engine names fields its own way; tanX calls the quantity <c>volume</c>.</summary>
    private static string? WireName(string? field) => field == "quantity" ? "volume" : field;

    private static async Task<(FieldReader Fields, TanxResult? Bad)> ReadAsync(HttpContext http)
    {
        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: false, http.RequestAborted);
        return (new FieldReader(body.Root), body.Error is { } error ? TanxResult.Invalid(error) : null);
    }

    private static async Task<Dictionary<string, Market>> MarketsAsync(IOrderStore store, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var markets = new Dictionary<string, Market>(StringComparer.Ordinal);
        foreach (var name in names.Distinct())
        {
            if (await store.GetMarketAsync(name, cancellationToken) is { } market)
            {
                markets[name] = market;
            }
        }

        return markets;
    }
}

public sealed record TanxLogin(string Uid, string Signature);

public sealed record TanxTokenPair(string Access, string Refresh);
