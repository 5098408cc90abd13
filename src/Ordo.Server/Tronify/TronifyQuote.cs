using System.Text.Json.Serialization;

using Ordo.Core;
using Ordo.Server.Http;

namespace Ordo.Server.Tronify;

/// <summary>
/// A <c>fastTrade</c> order's price: the platform prices the energy at <c>DefaultEnergyPrice</c>
/// (the cost formula of <see cref="TronifyRent"/>), and the buyer may add <c>extraTrxNum</c> TRX for
/// the receiver's bandwidth ("0", or 0.8 to 500), which the payment carries and Ordo pays out to the
/// receiver. Nothing else is charged, so the account-activation and bandwidth fees are 0.
/// </summary>
public sealed record TronifyQuote(TronifyRent Rent, decimal ExtraTrxNum)
{
    public const string TradeType = "fastTrade";
    public const string PayCoinCode = "TRX";
    public const decimal LeastExtra = 0.8m;
    public const decimal MostExtra = 500m;

    public decimal PayCoinAmt => Rent.PledgeTrxNum + ExtraTrxNum;

    /// <summary>The payment in sun (TRX has 6 decimals, and both parts are whole sun).</summary>
    public long PaySun => (long)(PayCoinAmt * 1_000_000m);

    /// <summary>The request (the body of <c>queryPreorderInfo</c> or a fastTrade <c>addTronRentRecord</c>), or null with the refusal.</summary>
    public static TronifyQuote? Read(FieldReader fields, TronifyOptions options, out TronifyResult? refusal)
    {
        var extra = fields.Decimal("extraTrxNum", allowZero: true) ?? 0m;
        if (extra != 0 && (extra < LeastExtra || extra > MostExtra || Decimals.Scale(extra) > 6))
        {
            fields.Fail("extraTrxNum", "must be 0, or from 0.8 to 500 TRX with at most 6 decimals");
        }

        if (fields.Integer("pledgeBandwidthNum", min: 0, acceptText: true) is > 0)
        {
            fields.Fail("pledgeBandwidthNum", "bandwidth is not rented here: send 0 or leave it out (extraTrxNum pays for bandwidth)");
        }

        if (fields.String("tradeType", maxLength: 16) is { } type && type != TradeType)
        {
            fields.Fail("tradeType", "must be fastTrade: the platform quotes the orders the buyer pays on chain");
        }

        return TronifyRent.Read(fields, options, out refusal, options.DefaultEnergyPrice) is { } rent
            ? new TronifyQuote(rent, extra)
            : null;
    }

    public TronifyPreorderInfo ToPreorderInfo(string sourceFlag) => new(
        Rent.FromAddress, Rent.PledgeAddress, Text(Rent.PledgeDay), Text(Rent.PledgeHour), Text(Rent.PledgeMinute), sourceFlag,
        TronifyRent.OrderTypeEnergy, Rent.OrderPrice, Rent.PledgeNum, Decimals.ToText(Rent.PledgeTrxNum), false, PayCoinCode,
        Decimals.ToText(PayCoinAmt), Decimals.ToText(ExtraTrxNum), "0", "0", Decimals.ToText(ExtraTrxNum), "0", Decimals.ToText(Rent.PledgeTrxNum));

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What <c>queryPreorderInfo</c> answers (Ledger Live reads payCoinCode, payCoinAmt, pledgeNum and the four fees).</summary>
public sealed record TronifyPreorderInfo(
    string FromAddress,
    string PledgeAddress,
    string PledgeDay,
    string PledgeHour,
    string PledgeMinute,
    string Source,
    string OrderType,
    decimal OrderPrice,
    long PledgeNum,
    string PledgeTrxNum,
    bool UsdtModeAvailable,
    string PayCoinCode,
    string PayCoinAmt,
    string ExtraTrxNum,
    string PledgeBandwidthNum,
    string ActiveAccountFee,
    [property: JsonPropertyName("purchaseTRXFee")] string PurchaseTrxFee,
    string PurchaseBandwidthFee,
    string PurchaseEnergyFee);

/// <summary>What a fastTrade <c>addTronRentRecord</c> answers: the order and the unsigned payment to sign.</summary>
public sealed record TronifyFastRecord(
    string OrderId,
    System.Text.Json.Nodes.JsonObject Transaction,
    string PayCoinCode,
    string PayCoinAmt,
    string PurchaseEnergyFee,
    [property: JsonPropertyName("purchaseTRXFee")] string PurchaseTrxFee,
    string PurchaseBandwidthFee,
    string ActiveAccountFee);
