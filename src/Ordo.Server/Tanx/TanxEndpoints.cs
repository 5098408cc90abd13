
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
/// layer 2, so the signature the SDKs send is kept with the order, not verified, and create also
/// takes the order's fields under the JWT alone.
/// </summary>
public static class TanxEndpoints
{
    public const string Prefix = "/sapi/v1";

    /// <summary>Every tanX path is under it (the SDKs' v2 login too); unknown ones answer in tanX's envelope.</summary>
    public const string Root = "/sapi";

    public static void MapTanx(this IEndpointRouteBuilder app)
    {
        // One login under the paths each SDK uses: Brine /sapi/v1/auth/, tanX's Node and Go SDKs
        // /sapi/v2/auth/, its Python SDK /sapi/v1/auth/v2/. All refresh at /sapi/v1/auth/token/refresh/.
        foreach (var path in new[] { Prefix + "/auth", Root + "/v2/auth", Prefix + "/auth/v2" })
        {
            var login = app.MapGroup(path).ExcludeFromDescription();
            login.MapPost("/nonce/", Nonce);
            login.MapPost("/login/", Login);
        }

        app.MapPost(Prefix + "/auth/token/refresh/", RefreshToken).ExcludeFromDescription();
        app.MapGet(Prefix + "/health/", () => TanxResult.Ok("Working fine!", "")).ExcludeFromDescription();

        var tanx = app.MapGroup(Prefix).RequireTanxToken().ExcludeFromDescription();
        tanx.MapPost("/orders/nonce/", OrderNonce);
        tanx.MapPost("/orders/create/", Create);
        tanx.MapGet("/orders/", List);
        tanx.MapPost("/orders/cancel/", Cancel);
        tanx.MapGet("/orders/{id}/", Get);
        tanx.MapPost("/user/bulkcancel/", BulkCancel);
        tanx.MapGet("/trades/", Trades);
        tanx.MapGet("/user/profile/", TanxUserEndpoints.Profile);
        tanx.MapGet("/user/balance/", TanxUserEndpoints.Balance);

        app.MapFallback(Root + "/{**rest}", (HttpContext http) =>
            TanxResult.Error(404, $"No endpoint {http.Request.Method} {http.Request.Path}")).ExcludeFromDescription();
    }

    /// <summary>A login message to sign, only for an address a tanX credential registers (nothing is kept for strangers).</summary>
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

        var (message, retry) = await nonces.IssueAsync(address, http.RequestAborted);
        return message is not null
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

        switch (await nonces.TakeAsync(address!, message => Ethereum.RecoverSigner(message, signature!) == address, http.RequestAborted))
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

    /// <summary>
    /// The first step of the SDKs' create: the order's terms are checked and kept with a nonce and a
    /// <c>msg_hash</c> for the caller to sign; create with them places exactly these terms.
    /// </summary>
    private static async Task<IResult> OrderNonce(HttpContext http, IOrderStore store, TanxOrderNonces nonces)
    {
        var (fields, bad) = await ReadAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        // The SDKs send a price for market orders too (their examples do); a market order takes the
        // book's prices and the engine refuses one that carries a price, so it is dropped here.
        var (terms, refusal) = await TermsAsync(fields, store, dropMarketPrice: true, http.RequestAborted);
        if (terms is null)
        {
            return refusal!;
        }

        var (issued, retry) = await nonces.IssueAsync(http.TanxCaller().CredentialId, terms, http.RequestAborted);
        return issued is not null
            ? TanxResult.Ok("order nonce created successfully, please sign the msg_hash to place the order", new TanxNoncePayload(issued.Nonce, issued.MsgHash))
            : TanxResult.TooManyRequests(retry);
    }

    /// <summary>
    /// Create in either of tanX's forms: <c>{nonce, msg_hash, signature: {r, s}}</c> after
    /// <c>/orders/nonce/</c> (the SDKs), or the order's fields directly. The StarkEx signature is kept
    /// with the order, not verified: Ordo settles nothing on layer 2 and the JWT authenticates.
    /// </summary>
    private static async Task<IResult> Create(HttpContext http, OrderEngine engine, IOrderStore store, TanxOrderNonces nonces)
    {
        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: false, http.RequestAborted);
        if (body.Error is { } error)
        {
            return TanxResult.Invalid(error);
        }

        var fields = new FieldReader(body.Root);
        if (!body.Root.TryGetProperty("nonce", out _))
        {
            var (given, refusal) = await TermsAsync(fields, store, dropMarketPrice: false, http.RequestAborted);
            return given is null ? refusal! : await PlaceAsync(http, engine, store, given, attributes: null);
        }

        var nonce = fields.Integer("nonce", required: true, min: 1, acceptText: true);
        var msgHash = fields.String("msg_hash", required: true, maxLength: 80);
        var signature = fields.Object("signature");
        if (signature is null && fields.Ok)
        {
            fields.Fail("signature", "is required: {r, s}");
        }

        var r = signature?.String("r", required: true, maxLength: 66);
        var s = signature?.String("s", required: true, maxLength: 66);
        if (signature is not null)
        {
            foreach (var (name, value) in new[] { ("r", r), ("s", s) })
            {
                if (value is not null && !IsHexNumber(value))
                {
                    signature.Fail(name, "must be a hex number of at most 64 digits, such as \"0x1f...\"");
                }
            }

            fields.Merge("signature", signature);
        }

        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        var (check, terms) = await nonces.TakeAsync(http.TanxCaller().CredentialId, nonce!.Value, msgHash!, http.RequestAborted);
        return check switch
        {
            TanxOrderNonces.Check.WrongHash => TanxResult.Invalid("msg_hash: is not the hash issued with this nonce"),
            TanxOrderNonces.Check.Unknown => TanxResult.Invalid("nonce: unknown, expired or already used; ask /sapi/v1/orders/nonce/ for a new one"),
            _ => await PlaceAsync(http, engine, store, terms!, new Dictionary<string, string>
            {
                [StarkMsgHash] = msgHash!,
                [StarkSignatureR] = r!,
                [StarkSignatureS] = s!,
            }),
        };
    }

    /// <summary>The order attributes that keep the StarkEx signature an SDK sent with its create.</summary>
    public const string StarkMsgHash = "tanx_msg_hash";

    public const string StarkSignatureR = "tanx_signature_r";

    public const string StarkSignatureS = "tanx_signature_s";

    private static bool IsHexNumber(string text)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return digits.Length is > 0 and <= 64 && digits.All(char.IsAsciiHexDigit);
    }

    /// <summary>An order's terms from create's or the nonce's fields, its market known.</summary>
    private static async Task<(TanxOrderTerms? Terms, TanxResult? Refusal)> TermsAsync(FieldReader fields, IOrderStore store, bool dropMarketPrice, CancellationToken cancellationToken)
    {
        var marketName = fields.String("market", required: true, maxLength: 32);
        var side = fields.Choice("side", Sides, required: true);
        var type = fields.Choice("ord_type", OrderTypes, required: true);
        var price = type == OrderType.Market && dropMarketPrice ? null : fields.Decimal("price", required: type == OrderType.Limit);
        var volume = fields.Decimal("volume", required: true);

        // Ordo has no stop orders: a stop price would be a condition it silently ignored.
        if (fields.Ok && fields.Decimal("stop_price", allowZero: true) is not null)
        {
            fields.Fail("stop_price", "stop orders are not offered; send no stop_price (or null)");
        }

        if (!fields.Ok)
        {
            return (null, TanxResult.Invalid(fields.FirstError));
        }

        if (await store.GetMarketAsync(marketName!, cancellationToken) is not { } market)
        {
            return (null, TanxResult.Invalid($"market: unknown market {marketName}"));
        }

        return (new TanxOrderTerms(market.Name, side!.Value, type!.Value, price, volume!.Value), null);
    }

    private static async Task<IResult> PlaceAsync(HttpContext http, OrderEngine engine, IOrderStore store, TanxOrderTerms terms, IReadOnlyDictionary<string, string>? attributes)
    {
        var caller = http.TanxCaller();
        var result = await engine.PlaceAsync(
            new PlaceOrder
            {
                Actor = caller.Owner,
                AccountId = caller.AccountId,
                Dialect = DialectNames.Tanx,
                Kind = OrderKind.Limit,
                Market = terms.Market,
                Side = terms.Side,
                Type = terms.Type,
                Price = terms.Price,
                Quantity = terms.Volume,
                Attributes = attributes,
            },
            http.RequestAborted);
        var market = await store.GetMarketAsync(terms.Market, http.RequestAborted);
        return result.Status switch
        {
            PlaceStatus.Placed => TanxResult.Ok("Created Order Successfully", TanxOrder.From(result.Order!, market)),
            PlaceStatus.InsufficientBalance => TanxResult.Invalid("Insufficient balance"),
            _ when result.AllowedDecimals is { } allowed =>
                TanxResult.Invalid($"Maximum decimals allowed for {WireName(result.Field)} is {allowed} in {terms.Market} market"),
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
        var withTrades = new List<TanxTrade>(trades.Count);
        foreach (var trade in trades)
        {
            withTrades.Add(TanxTrade.For(trade, caller.AccountId, market));
        }

        return TanxResult.Ok("Order fetched successfully", TanxOrder.From(order, market) with { Trades = withTrades });
    }

    private static async Task<IResult> List(HttpContext http, IOrderStore store)
    {
        var (fields, bad) = await ReadQueryAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        // Filters the SDKs offer for what Ordo never has (a pending order is answered already in the
        // book; no stop or maker-only orders): nothing matches them.
        if (fields.String("state") is "pending" || fields.String("ord_type") is "limit_maker" or "stop_limit")
        {
            return TanxResult.Ok("Orders fetched successfully", Array.Empty<TanxOrder>());
        }

        var limit = (int)(fields.Integer("limit", min: 1, max: 500, acceptText: true) ?? 50);
        var page = (int)(fields.Integer("page", min: 1, max: 1_000_000, acceptText: true) ?? 1);
        var market = fields.String("market", maxLength: 32);
        var type = fields.Choice("ord_type", OrderTypes);
        var state = fields.Choice("state", TanxNames.States);
        var side = fields.Choice("side", Sides);
        var from = fields.Integer("start_time", min: 0, max: 253_402_300_799, acceptText: true);
        var to = fields.Integer("end_time", min: 0, max: 253_402_300_799, acceptText: true);
        var oldestFirst = fields.Choice("order_by", OrderBy) ?? false;
        var baseUnit = fields.String("base_unit", maxLength: 16);
        var quoteUnit = fields.String("quote_unit", maxLength: 16);
        if (fields.Ok && (baseUnit is null) != (quoteUnit is null))
        {
            fields.Fail(baseUnit is null ? "quote_unit" : "base_unit", "give base_unit and quote_unit together (or market)");
        }

        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        // base_unit and quote_unit name a market as tanX names them: btc + usdc is btcusdc.
        if (baseUnit is not null)
        {
            var named = (baseUnit + quoteUnit).ToLowerInvariant();
            var unitsMarket = await store.GetMarketAsync(named, http.RequestAborted);
            if (unitsMarket is null || (market is not null && market != named)
                || !string.Equals(unitsMarket.Base, baseUnit, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(unitsMarket.Quote, quoteUnit, StringComparison.OrdinalIgnoreCase))
            {
                return TanxResult.Ok("Orders fetched successfully", Array.Empty<TanxOrder>());
            }

            market = named;
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
                Sort = oldestFirst ? OrderSort.OldestFirst : OrderSort.NewestFirst,
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
                TanxResult.Ok("Order is successfully queued for cancellation", WithOrderId(TanxOrder.From(result.Order!, market))),
            CancelStatus.NotFound => TanxResult.OrderNotFound(),
            _ => TanxResult.Invalid("Order is already closed and cannot be cancelled"),
        };
    }

    /// <summary>tanX's cancel names the order <c>order_id</c> (the Node SDK reads it); <c>id</c> stays beside it.</summary>
    private static TanxOrder WithOrderId(TanxOrder order) => order with { OrderId = order.Id };

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
        var (fields, bad) = await ReadQueryAsync(http);
        if (bad is not null)
        {
            return bad;
        }

        var market = fields.String("market", maxLength: 32);
        var limit = (int)(fields.Integer("limit", min: 1, max: 500, acceptText: true) ?? 50);
        var page = (int)(fields.Integer("page", min: 1, max: 1_000_000, acceptText: true) ?? 1);
        var from = fields.Integer("start_time", min: 0, max: 253_402_300_799, acceptText: true);
        var to = fields.Integer("end_time", min: 0, max: 253_402_300_799, acceptText: true);
        var oldestFirst = fields.Choice("order_by", OrderBy) ?? false;
        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        var caller = http.TanxCaller();
        var trades = await store.ListTradesAsync(
            new TradeQuery
            {
                AccountId = caller.AccountId,
                Market = market,
                CreatedFrom = from is { } f ? DateTimeOffset.FromUnixTimeSeconds(f) : null,
                CreatedTo = to is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : null,
                OldestFirst = oldestFirst,
                Limit = limit,
                Offset = (page - 1) * limit,
            },
            http.RequestAborted);
        var markets = await MarketsAsync(store, trades.Select(t => t.Market), http.RequestAborted);
        return TanxResult.Ok("Trades fetched successfully", trades.Select(t => TanxTrade.For(t, caller.AccountId, markets.GetValueOrDefault(t.Market))).ToList());
    }

    /// <summary><c>order_by</c>: true for oldest first.</summary>
    private static readonly IReadOnlyDictionary<string, bool> OrderBy = new Dictionary<string, bool> { ["asc"] = true, ["desc"] = false };

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
        // tanX's Python SDK refreshes its token with a form (requests' data=), not JSON.
        if (FormBody.Is(http.Request))
        {
            var (form, formError) = await FormBody.ReadAsync(http.Request, http.RequestAborted);
            return (new FieldReader(form), formError is null ? null : TanxResult.Invalid(formError));
        }

        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: false, http.RequestAborted);
        return (new FieldReader(body.Root), body.Error is { } error ? TanxResult.Invalid(error) : null);
    }

    /// <summary>
    /// A listing's parameters: the query string, or, when it has none and a JSON body comes, that body
    /// (tanX's Python SDK sends <c>GET /trades/</c> parameters as JSON, requests' json=).
    /// </summary>
    private static async Task<(FieldReader Fields, TanxResult? Bad)> ReadQueryAsync(HttpContext http)
    {
        if (http.Request.Query.Count > 0 || !http.Request.HasJsonContentType())
        {
            return (new FieldReader(QueryJson.From(http.Request.Query)), null);
        }

        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: true, http.RequestAborted);
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

public sealed record TanxNoncePayload(long Nonce, string MsgHash);

public sealed record TanxTokenPair(string Access, string Refresh);
