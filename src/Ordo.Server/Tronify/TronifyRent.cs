using System.Globalization;

using Ordo.Core;
using Ordo.Core.Addresses;
using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tronify;

/// <summary>
/// An <c>addTronRentRecord</c> request, checked, and its engine command. Cost (spec decision):
/// <c>pledgeTrxNum = pledgeNum × orderPrice × days ÷ 1,000,000</c> rounded up to the sun, where
/// <c>days = pledgeDay + pledgeHour/24 + pledgeMinute/1440</c> (computed in minutes, so exactly).
/// Numbers are accepted as JSON numbers or numeric strings, as JavaScript clients send either.
/// </summary>
public sealed record TronifyRent(
    string FromAddress,
    string PledgeAddress,
    long PledgeNum,
    long PledgeDay,
    long PledgeHour,
    long PledgeMinute,
    decimal OrderPrice,
    string TradeType)
{
    public const string OrderTypeEnergy = "ENERGY";

    public long Minutes => (PledgeDay * 1440) + (PledgeHour * 60) + PledgeMinute;

    public decimal PledgeTrxNum => Decimals.Normalize(Decimals.RoundUp(PledgeNum * OrderPrice * Minutes / 1_440_000_000m, RentalLifecycle.MoneyScale));

    /// <summary>The request, or null with the refusal: 132 for too little energy, else 101 naming the field.</summary>
    /// <param name="platformPrice">fastTrade: the platform prices the order; <c>orderPrice</c> is not read.</param>
    public static TronifyRent? Read(FieldReader fields, TronifyOptions options, out TronifyResult? refusal, decimal? platformPrice = null)
    {
        refusal = null;
        var from = Address(fields, "fromAddress");
        var pledge = Address(fields, "pledgeAddress");
        var num = fields.Integer("pledgeNum", required: true, min: 1, max: options.TopEnergyCanBuy, acceptText: true);
        var day = fields.Integer("pledgeDay", min: 0, max: 30, acceptText: true) ?? 0;
        var hour = fields.Integer("pledgeHour", acceptText: true) ?? 0;
        var minute = fields.Integer("pledgeMinute", acceptText: true) ?? 0;
        if (hour is not (0 or 1 or 3))
        {
            fields.Fail("pledgeHour", "must be 0, 1 or 3");
        }

        if (minute is not (0 or 10))
        {
            fields.Fail("pledgeMinute", "must be 0 or 10");
        }

        if (fields.Ok && day == 0 && hour == 0 && minute == 0)
        {
            fields.Fail("pledgeDay", "pledgeDay, pledgeHour and pledgeMinute must not all be 0");
        }

        var orderType = fields.String("orderType", maxLength: 16) ?? OrderTypeEnergy;
        if (orderType != OrderTypeEnergy)
        {
            fields.Fail("orderType", "must be ENERGY");
        }

        var price = platformPrice ?? fields.Decimal("orderPrice", required: true);
        if (platformPrice is null && price is { } p && (p <= options.LowEnergyPrice || p > options.TopEnergyPrice))
        {
            fields.Fail("orderPrice", $"must be more than {Decimals.ToText(options.LowEnergyPrice)} and at most {Decimals.ToText(options.TopEnergyPrice)} sun");
        }

        var tradeType = fields.String("tradeType", maxLength: 16) ?? "freedom";
        if (tradeType is not ("freedom" or "fastTrade"))
        {
            fields.Fail("tradeType", "must be freedom or fastTrade");
        }

        if (!fields.Ok)
        {
            refusal = TronifyResult.Invalid(fields.FirstError);
            return null;
        }

        if (num < options.LowEnergyCanBuy)
        {
            refusal = new TronifyResult(TronifyCodes.PledgeNumTooLow, $"pledgeNum below the minimum of {options.LowEnergyCanBuy}");
            return null;
        }

        return new TronifyRent(from!, pledge!, num!.Value, day, hour, minute, price!.Value, tradeType);
    }

    public PlaceOrder ToCommand(DialectCaller caller, string sourceFlag, TronifyOptions options, Func<long, DateTimeOffset, string>? numbering = null) => new()
    {
        Actor = caller.Owner,
        AccountId = caller.AccountId,
        Dialect = DialectNames.Tronify,
        Kind = OrderKind.Rental,
        Quantity = PledgeNum,
        // Tronify prices per unit per day: the order's price is that, in TRX, so listings sort by it.
        Price = Decimals.Normalize(OrderPrice / 1_000_000m),
        Asset = "TRX",
        Payment = PledgeTrxNum,
        Duration = TimeSpan.FromMinutes(Minutes),
        Validity = options.Validity,
        Terms = new CancelTerms(TimeSpan.Zero, options.RefundRate),
        Numbering = numbering ?? ((_, _) => TronifyOrderIds.New()),
        Attributes = new Dictionary<string, string>
        {
            [TronifyAttributes.FromAddress] = FromAddress,
            [TronifyAttributes.ReceiveAddress] = PledgeAddress,
            [TronifyAttributes.PledgeDay] = Text(PledgeDay),
            [TronifyAttributes.PledgeHour] = Text(PledgeHour),
            [TronifyAttributes.PledgeMinute] = Text(PledgeMinute),
            [TronifyAttributes.OrderType] = OrderTypeEnergy,
            [TronifyAttributes.OrderPrice] = Decimals.ToText(OrderPrice),
            [TronifyAttributes.TradeType] = TradeType,
            [TronifyAttributes.Source] = sourceFlag,
        },
    };

    public static string? Address(FieldReader fields, string field)
    {
        var address = fields.String(field, required: true, maxLength: 64);
        if (address is not null && !TronAddress.IsValid(address))
        {
            fields.Fail(field, "must be a TRON address: 34 characters starting with T, with a valid checksum");
            return null;
        }

        return address;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
