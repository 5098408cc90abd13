using System.Text.Json;
using System.Text.Json.Nodes;

using Ordo.Core;
using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;
using Ordo.Server.Tronify.Chain;

namespace Ordo.Server.Tronify;

/// <summary>
/// The <c>fastTrade</c> flow, as Ledger Live's wallet uses it (npm <c>@ledgerhq/coin-tron</c> 8.0.0,
/// <c>lib/network/tronify/index.js</c>): a quote; an order placed unpaid with an unsigned TRX transfer
/// from the buyer to <c>Tronify__PaymentAddress</c>; the buyer's signed transfer uploaded, checked,
/// broadcast through <c>Tronify__TronNodeUrl</c>, and then the payment opens the order. Ordo holds no
/// key: refunds of these orders are payouts to the buyer (<c>GET /v1/payouts</c>).
/// </summary>
public static class TronifyFastTrade
{
    /// <summary>Whether an <c>addTronRentRecord</c> body asks for the fastTrade flow (unsigned: the buyer pays).</summary>
    public static bool Asks(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("tradeType", out var type) &&
        type.ValueKind == JsonValueKind.String && type.GetString() == TronifyQuote.TradeType;

    public static async Task<IResult> QueryPreorderInfo(HttpContext http, TronifyChannel channel, ServerOptions options)
    {
        var (request, refusal) = await channel.OpenAsync(http, signed: false);
        if (request is null)
        {
            return refusal!;
        }

        return TronifyQuote.Read(request.Fields, options.Tronify, out var invalid) is { } quote
            ? TronifyResult.Success(quote.ToPreorderInfo(request.SourceFlag))
            : invalid!;
    }

    /// <summary>The fastTrade half of <c>addTronRentRecord</c>, once the channel is open.</summary>
    public static async Task<IResult> CreateAsync(HttpContext http, TronifyChannel.Request request, OrderEngine engine, IOrderStore store, ServerOptions options)
    {
        if (TronifyQuote.Read(request.Fields, options.Tronify, out var invalid) is not { } quote)
        {
            return invalid!;
        }

        var settings = options.Tronify;
        var node = http.RequestServices.GetService<ITronNode>();
        if (node is null)
        {
            return NotConfigured("Tronify__TronNodeUrl", "the java-tron node that relays the buyer's payment");
        }

        if (string.IsNullOrEmpty(settings.PaymentAddress))
        {
            return NotConfigured("Tronify__PaymentAddress", "the TRON address that receives payments");
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        TronTransfer transfer;
        try
        {
            var block = await node.GetNowBlockAsync(http.RequestAborted);
            var taken = await PendingTxIdsAsync(store, quote.Rent.FromAddress, http.RequestAborted);
            transfer = TronTransfers.Build(quote.Rent.FromAddress, settings.PaymentAddress, quote.PaySun, block, now, settings.PaymentWindow);
            for (var stamp = now.AddMilliseconds(1); taken.Contains(transfer.TxId); stamp = stamp.AddMilliseconds(1))
            {
                // The same wallet, amount and block in the same millisecond would make the same
                // transaction: a later stamp makes it this order's own (one payment counts once anyway).
                transfer = TronTransfers.Build(quote.Rent.FromAddress, settings.PaymentAddress, quote.PaySun, block, stamp, settings.PaymentWindow);
            }
        }
        catch (Exception e) when (NodeFailed(e))
        {
            return NodeUnavailable(http, e);
        }

        var command = quote.Rent.ToCommand(request.Caller, request.SourceFlag, settings);
        var attributes = new Dictionary<string, string>(command.Attributes!)
        {
            [TronifyAttributes.Transaction] = transfer.ToJson().ToJsonString(),
        };
        var result = await engine.PlaceAsync(
            command with
            {
                // Unpaid until the transfer is accepted; it times out with the transfer.
                Validity = transfer.Expiration - now,
                PaidFromOutside = new OutsidePayment(quote.Rent.FromAddress, quote.ExtraTrxNum, quote.Rent.PledgeAddress),
                Attributes = attributes,
            },
            http.RequestAborted);
        if (result.Status != PlaceStatus.Placed)
        {
            return TronifyResult.Invalid($"{result.Field}: {result.Message}");
        }

        return TronifyResult.Success(new TronifyFastRecord(
            result.Order!.Number, transfer.ToJson(), TronifyQuote.PayCoinCode, Decimals.ToText(quote.PayCoinAmt),
            Decimals.ToText(quote.Rent.PledgeTrxNum), Decimals.ToText(quote.ExtraTrxNum), "0", "0"));
    }

    /// <summary>
    /// <c>uploadHash</c> <c>{orderId, fromHash, signedData}</c>, with no channel: the random order id
    /// names the order. Every check runs before anything is sent; a refusal changes nothing. The upload
    /// of an order closed or past its expiration is never sent, only looked up on chain: a payment that
    /// got there through a fault is then recorded (and paid back in full when it cannot open the order).
    /// </summary>
    public static async Task<IResult> UploadHash(HttpContext http, ClientThrottle throttle, IOrderStore store, OrderEngine engine, ServerOptions options, TimeProvider clock)
    {
        // No credential at all: every call spends a token of the address's throttle, or one address could make Ordo broadcast without end.
        if (!throttle.TryAcquire(http, out var wait))
        {
            return new TronifyResult(TronifyCodes.TooManyRequests, $"too many requests: retry after {wait} s") { RetryAfterSeconds = wait };
        }

        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: false, http.RequestAborted);
        if (body.Error is { } error)
        {
            return TronifyResult.Invalid(error);
        }

        var fields = new FieldReader(body.Root);
        var orderId = fields.String("orderId", required: true, maxLength: 64);
        if (orderId is not null && !TronifyOrderIds.IsWellFormed(orderId))
        {
            fields.Fail("orderId", "must be a Tronify order id: 36 characters, 8_4_4_4_12 lower-case letters and digits");
        }

        var fromHash = fields.String("fromHash", required: true, maxLength: 128);
        var signed = fields.Object("signedData");
        if (signed is null && fields.Ok)
        {
            fields.Fail("signedData", "is required: the signed transaction");
        }

        if (!fields.Ok)
        {
            return TronifyResult.Invalid(fields.FirstError);
        }

        var order = await store.GetOrderAsync(new OrderRef.ByNumber(orderId!), null, http.RequestAborted);
        if (order is null || order.Dialect != DialectNames.Tronify || Issued(order) is not { } issued)
        {
            throttle.Failed(http);
            return TronifyResult.OrderNotFound();
        }

        if (order.Attributes.ContainsKey(PaymentAttributes.Reference))
        {
            return TronifyResult.Invalid("repeated upload: this order's payment was already received");
        }

        var signedData = JsonObject.Create(body.Root.GetProperty("signedData"))!;
        if (Refusal(issued, fromHash!, signedData, order.Attributes[TronifyAttributes.FromAddress]) is { } refusal)
        {
            throttle.Failed(http);
            return TronifyResult.Invalid(refusal);
        }

        var node = http.RequestServices.GetService<ITronNode>();
        if (node is null)
        {
            return NotConfigured("Tronify__TronNodeUrl", "the java-tron node that relays the buyer's payment");
        }

        // Too late to send (closed, or past its expiration): only looked up, never broadcast.
        var late = order.State != OrderState.Pending || clock.GetUtcNow() >= issued.Expiration;
        if ((late ? await LookUpAsync(http, node, order, issued) : await SendAsync(http, node, issued, signedData)) is { } stop)
        {
            return stop;
        }

        // What arrives is what the issued transfer pays (TRX has 6 decimals: the sun).
        var amount = issued.AmountSun / 1_000_000m;
        var paid = await engine.PayAsync(new PayOrder(Actor.System, OrderRef.Of(order.Id), issued.TxId, amount, options.Tronify.Validity), CancellationToken.None);
        return paid.Status switch
        {
            PayStatus.Paid => TronifyResult.Success(new Dictionary<string, string>()),
            PayStatus.Duplicate => TronifyResult.Invalid("repeated upload: this order's payment was already received"),
            PayStatus.NotFound => TronifyResult.OrderNotFound(),
            PayStatus.NotPaidFromOutside => TronifyResult.Invalid("orderId: this order is not paid on chain"),
            _ => TronifyResult.Invalid(
                $"the order closed ({TronifyStatus.Of(paid.Order!.State)}) before its payment arrived; the payment is paid back in full to fromAddress"),
        };
    }

    /// <summary>
    /// Broadcasts what Ordo issued with the buyer's signature (nothing else the body carried); null when
    /// the node took it, now or before (<c>DUP_TRANSACTION_ERROR</c>: an upload retried after a fault).
    /// </summary>
    private static async Task<TronifyResult?> SendAsync(HttpContext http, ITronNode node, TronTransfer issued, JsonObject signedData)
    {
        var transaction = issued.ToJson();
        transaction["signature"] = new JsonArray(TronTransfers.SignatureOf(signedData));
        TronBroadcast sent;
        try
        {
            // Not the caller's token: once sent, the node may hold the payment, so a caller who leaves
            // must not cut the answer short (the node's own timeout bounds the wait).
            sent = await node.BroadcastAsync(transaction, CancellationToken.None);
        }
        catch (Exception e) when (NodeFailed(e))
        {
            return NodeUnavailable(http, e, "the outcome is unknown (the payment may already be on the network): retry the same upload later");
        }

        return sent.Accepted || sent.Code == "DUP_TRANSACTION_ERROR"
            ? null
            : TronifyResult.Invalid($"signedData: the TRON node refused the transaction ({sent.Code}: {sent.Message})");
    }

    /// <summary>
    /// An upload too late to send may still have reached the chain through a fault (the node timed out,
    /// then took it): null when the node knows the transaction, so its payment is recorded (and paid
    /// back in full when it cannot open the order); otherwise the refusal.
    /// </summary>
    private static async Task<TronifyResult?> LookUpAsync(HttpContext http, ITronNode node, Order order, TronTransfer issued)
    {
        if (order.State is not (OrderState.Pending or OrderState.Expired or OrderState.Cancelled))
        {
            return NoLongerWaits(order);
        }

        try
        {
            if (await node.KnowsTransactionAsync(issued.TxId, CancellationToken.None))
            {
                return null;
            }
        }
        catch (Exception e) when (NodeFailed(e))
        {
            return NodeUnavailable(http, e);
        }

        return order.State == OrderState.Pending
            ? TronifyResult.Invalid("signedData: expired: the transaction's expiration has passed; create a new order")
            : NoLongerWaits(order);
    }

    /// <summary>Why the uploaded transaction is not the issued one signed by the buyer, or null (its expiration is checked apart).</summary>
    private static string? Refusal(TronTransfer issued, string fromHash, JsonObject signed, string buyer)
    {
        if (!string.Equals(fromHash, issued.TxId, StringComparison.OrdinalIgnoreCase))
        {
            return "fromHash: other transaction: not the txID issued for this order";
        }

        if (!TronTransfers.Matches(issued, signed, out var why))
        {
            return $"signedData: other transaction: {why}";
        }

        if (TronTransfers.SignatureOf(signed) is not { } signature)
        {
            return "signedData.signature: must be a list holding the buyer's one signature (hex)";
        }

        return TronTransfers.IsSignedBy(issued.TxId, signature, buyer)
            ? null
            : "signedData.signature: forged signature: not signed by fromAddress";
    }

    /// <summary>The txIDs issued to this wallet's orders still waiting for their payment.</summary>
    private static async Task<HashSet<string>> PendingTxIdsAsync(IOrderStore store, string fromAddress, CancellationToken cancellationToken)
    {
        var pending = await store.ListOrdersAsync(
            new OrderQuery
            {
                Dialect = DialectNames.Tronify,
                AttributeName = TronifyAttributes.FromAddress,
                AttributeValue = fromAddress,
                States = [OrderState.Pending],
                Limit = 1000,
            },
            cancellationToken);
        return pending.Select(Issued).OfType<TronTransfer>().Select(t => t.TxId).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The transaction issued with the order, or null for an order that is not fastTrade.</summary>
    private static TronTransfer? Issued(Order order) =>
        order.Attributes.GetValueOrDefault(TronifyAttributes.Transaction) is { } text ? TronTransfer.FromJson(text) : null;

    private static TronifyResult NotConfigured(string setting, string what) =>
        new(TronifyCodes.InvalidParameter, $"fastTrade is not available: the operator has not set {setting} ({what})");

    /// <summary>
    /// The node failed, timed out, or answered something unusable. Only that: an <see cref="ArgumentException"/>
    /// from <see cref="TronTransfers.Build"/> is a defect or a setting, not a reason to tell the buyer to retry.
    /// </summary>
    private static bool NodeFailed(Exception e) => e is TronNodeUnavailableException;

    private static TronifyResult NoLongerWaits(Order order) =>
        TronifyResult.Invalid($"the order no longer waits for its payment ({TronifyStatus.Of(order.State)})");

    private static TronifyResult NodeUnavailable(HttpContext http, Exception e, string outcome = "nothing was done, retry later")
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ordo.Tronify").LogWarning("TRON node failed: {Reason}", e.Message);
        return new TronifyResult(TronifyCodes.Unavailable, $"the TRON node did not answer; {outcome}") { HttpStatus = 503, RetryAfterSeconds = 5 };
    }
}
