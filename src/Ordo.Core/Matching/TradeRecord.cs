using Ordo.Core.Orders;

namespace Ordo.Core.Matching;

/// <summary>
/// A trade as stored: both orders, both accounts, the price and volume, which side took, and each
/// side's fee (the buyer's in the base asset, the seller's in the quote asset).
/// </summary>
public sealed record TradeRecord(
    long Id,
    string Market,
    decimal Price,
    decimal Volume,
    long MakerOrderId,
    long TakerOrderId,
    long MakerAccountId,
    long TakerAccountId,
    OrderSide TakerSide,
    decimal BuyerFee,
    decimal SellerFee,
    DateTimeOffset CreatedAt)
{
    public decimal Total => Decimals.Normalize(Price * Volume);

    public long BuyOrderId => TakerSide == OrderSide.Buy ? TakerOrderId : MakerOrderId;

    public long SellOrderId => TakerSide == OrderSide.Buy ? MakerOrderId : TakerOrderId;
}
