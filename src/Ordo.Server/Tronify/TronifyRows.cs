using System.Globalization;

using Ordo.Core;
using Ordo.Core.Orders;

namespace Ordo.Server.Tronify;

/// <summary>An order as Tronify lists it (<c>mypayorder</c>, <c>trades</c>).</summary>
public sealed record TronifyRow(
    string OrderId,
    string FromAddress,
    string PledgeAddress,
    long PledgeNum,
    long SalePledgeNum,
    long FreezePledgeNum,
    long LeftPledgeNum,
    decimal PledgeTrxNum,
    string OrderPrice,
    string OrderType,
    string PledgeDay,
    string CreateTime,
    string OrderStatus)
{
    public static TronifyRow From(Order order) => new(
        order.Number,
        order.Attributes.GetValueOrDefault(TronifyAttributes.FromAddress, ""),
        order.Attributes.GetValueOrDefault(TronifyAttributes.ReceiveAddress, ""),
        (long)order.Quantity,
        (long)order.FilledQuantity,
        (long)order.FilledQuantity, // sold energy is delegated (frozen by the seller) for the lease
        (long)order.RemainingQuantity,
        Decimals.Normalize(order.State == OrderState.Pending ? Due(order) : order.AmountPaid),
        order.Attributes.GetValueOrDefault(TronifyAttributes.OrderPrice, ""),
        order.Attributes.GetValueOrDefault(TronifyAttributes.OrderType, TronifyRent.OrderTypeEnergy),
        order.Attributes.GetValueOrDefault(TronifyAttributes.PledgeDay, "0"),
        order.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TronifyStatus.Of(order.State));

    /// <summary>An unpaid fastTrade order shows what it costs.</summary>
    private static decimal Due(Order order) =>
        decimal.Parse(order.Attributes.GetValueOrDefault(Core.Engine.PaymentAttributes.Due, "0"), CultureInfo.InvariantCulture);
}

/// <summary>What <c>addTronRentRecord</c> answers.</summary>
public sealed record TronifyRentRecord(
    string OrderId,
    string FromAddress,
    string PledgeAddress,
    long PledgeDay,
    long PledgeHour,
    long PledgeMinute,
    string Source,
    string OrderType,
    string OrderPrice,
    long PledgeNum,
    decimal PledgeTrxNum);

/// <summary>What <c>cancelOrder</c> answers (the seed page's shape: the request's own fields).</summary>
public sealed record TronifyCancelled(string Flag, string OrderId, string SourceFlag);

/// <summary>What <c>addTronSale</c> answers.</summary>
public sealed record TronifySale(string OrderId, string RelateOrderId);

public sealed record TronifyPledgeConfig(
    decimal DefaultEnergyPrice,
    decimal LowEnergyPrice,
    decimal TopEnergyPrice,
    long LowEnergyCanBuy,
    long TopEnergyCanBuy,
    decimal RefundRate);
