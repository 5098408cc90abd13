using System.Globalization;

using Ordo.Core;
using Ordo.Core.Orders;

namespace Ordo.Server.Feee;

/// <summary>Feee's view of a rental order. Times are unix seconds, 0 until they happen; amounts exact JSON numbers.</summary>
public sealed record BuyOrderDetail(
    string OrderNo,
    int OrderType,
    int ResourceType,
    string ReceiveAddress,
    long PriceInSun,
    long FreezeTime,
    long CreateTime,
    long ResourceValue,
    long FrozenResourceValue,
    long RentDuration,
    string RentTimeUnit,
    long RentTimeSecond,
    long RentExpireTime,
    string FrozenTxId,
    long PayTime,
    decimal PayAmount,
    decimal RefundAmount,
    long RefundTime,
    int IsSplit,
    int IsLock,
    long LockPeriod,
    int Status,
    int BusinessStatus)
{
    public static BuyOrderDetail From(Order order)
    {
        var seconds = Number(order, FeeeAttributes.RentTimeSecond);
        var (status, business) = FeeeStatus.Of(order);
        return new BuyOrderDetail(
            order.Number,
            0,
            (int)Number(order, FeeeAttributes.ResourceType),
            order.Attributes.GetValueOrDefault(FeeeAttributes.ReceiveAddress, ""),
            Number(order, FeeeAttributes.PriceInSun),
            Unix(order.FirstFillAt),
            Unix(order.CreatedAt),
            (long)order.Quantity,
            (long)order.FilledQuantity,
            Number(order, FeeeAttributes.RentDuration),
            order.Attributes.GetValueOrDefault(FeeeAttributes.RentTimeUnit, "m"),
            seconds,
            order.FirstFillAt is { } first ? Unix(first + TimeSpan.FromSeconds(seconds)) : 0,
            order.LastFillReference ?? "",
            Unix(order.CreatedAt),
            Decimals.Normalize(order.AmountPaid),
            Decimals.Normalize(order.AmountRefunded),
            order.State switch
            {
                OrderState.Cancelled => Unix(order.CancelledAt),
                OrderState.Expired => Unix(order.UpdatedAt),
                _ => 0,
            },
            order.FillCount > 1 ? 1 : 0,
            1,
            seconds / 3,
            status,
            business);
    }

    private static long Number(Order order, string attribute) =>
        long.TryParse(order.Attributes.GetValueOrDefault(attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static long Unix(DateTimeOffset? at) => at?.ToUnixTimeSeconds() ?? 0;
}
