using System.Globalization;
using System.Text.Json.Serialization;

using Ordo.Core;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Server.Tanx;

/// <summary>An order as tanX shows it (the seed page's payload); decimals are exact strings, times ISO 8601 with offset.</summary>
public sealed record TanxOrder(
    [property: JsonPropertyOrder(-2)] long Id,
    string Uuid,
    string Side,
    string OrdType,
    string? Price,
    string? StopPrice,
    string AvgPrice,
    string State,
    string Market,
    string CreatedAt,
    string UpdatedAt,
    string OriginVolume,
    string RemainingVolume,
    string ExecutedVolume,
    string MakerFee,
    string TakerFee,
    int TradesCount,
    string? CancelReason)
{
    /// <summary>The id again as <c>order_id</c>, right after <c>id</c>: tanX's cancel answers it (the Node SDK reads it).</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OrderId { get; init; }

    /// <summary>The order's trades, last: only <c>GET /orders/{id}/</c> answers them.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TanxTrade>? Trades { get; init; }

    public static TanxOrder From(Order order, Market? market) => new(
        order.Id,
        order.Uuid.ToString(),
        order.Side == OrderSide.Sell ? "sell" : "buy",
        order.Type == OrderType.Market ? "market" : "limit",
        order.Price is { } price ? Decimals.ToText(price) : null,
        null,
        Decimals.ToText(order.AveragePrice ?? 0m),
        TanxNames.State(order.State),
        order.Market ?? "",
        Time(order.CreatedAt),
        Time(order.UpdatedAt),
        Decimals.ToText(order.Quantity),
        Decimals.ToText(order.RemainingQuantity),
        Decimals.ToText(order.FilledQuantity),
        Decimals.ToText(market?.MakerFee ?? 0m),
        Decimals.ToText(market?.TakerFee ?? 0m),
        order.FillCount,
        TanxNames.CancelReason(order));

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>
/// One trade as seen by one account: its side, whether it took or made, and its own fee (in the
/// asset it received: base for a buy, quote for a sell). <c>fee</c> is the rate of its role (maker or
/// taker) in the market as it stands now; <c>fee_amount</c> is what the trade charged.
/// </summary>
public sealed record TanxTrade(
    long Id,
    string Price,
    string Amount,
    string Total,
    string FeeCurrency,
    string Fee,
    string FeeAmount,
    string Market,
    string CreatedAt,
    string TakerType,
    string Side,
    long OrderId)
{
    public static TanxTrade For(TradeRecord trade, long accountId, Market? market)
    {
        // Both sides of a self-trade belong to the account: show the taker's side of it.
        var taker = trade.TakerAccountId == accountId;
        var buy = taker ? trade.TakerSide == OrderSide.Buy : trade.TakerSide == OrderSide.Sell;
        return new TanxTrade(
            trade.Id,
            Decimals.ToText(trade.Price),
            Decimals.ToText(trade.Volume),
            Decimals.ToText(trade.Total),
            ((buy ? market?.Base : market?.Quote) ?? "").ToLowerInvariant(),
            Decimals.ToText((taker ? market?.TakerFee : market?.MakerFee) ?? 0m),
            Decimals.ToText(buy ? trade.BuyerFee : trade.SellerFee),
            trade.Market,
            TanxOrder.Time(trade.CreatedAt),
            trade.TakerSide == OrderSide.Buy ? "buy" : "sell",
            buy ? "buy" : "sell",
            buy ? trade.BuyOrderId : trade.SellOrderId);
    }
}
