namespace Ordo.Core.Markets;

/// <summary>An exchange market (e.g. btcusdc) and its trading rules. Fees are fractions ("0.0004").</summary>
public sealed record Market(
    string Name,
    string Base,
    string Quote,
    int PricePrecision,
    int VolumePrecision,
    decimal MinVolume,
    decimal MakerFee,
    decimal TakerFee)
{
    /// <summary>
    /// The most decimals of a price, a volume, and the two together (a notional's). A fee keeps 4 more
    /// (see <c>OrderWrite.FeeExtraDecimals</c>): at most 16 decimals, so balances up to 10^12 stay exact
    /// in <see cref="decimal"/>'s 28 digits; with <c>MarketUnits.MaxSteps</c> no tick × lot product overflows.
    /// </summary>
    public const int MaxPrecision = 12;

    /// <summary>The first rule the market breaks, as (field, message); null when it is sound.</summary>
    public (string Field, string Message)? Broken()
    {
        if (PricePrecision is < 0 or > MaxPrecision)
        {
            return ("price_precision", $"must be 0 to {MaxPrecision}");
        }

        if (VolumePrecision is < 0 or > MaxPrecision)
        {
            return ("volume_precision", $"must be 0 to {MaxPrecision}");
        }

        if (PricePrecision + VolumePrecision > MaxPrecision)
        {
            return ("volume_precision", $"with price_precision, at most {MaxPrecision} decimals together");
        }

        if (MinVolume <= 0 || Decimals.Scale(MinVolume) > VolumePrecision)
        {
            return ("min_volume", $"must be greater than zero with at most {VolumePrecision} decimals");
        }

        if (MakerFee is < 0 or >= 1)
        {
            return ("maker_fee", "must be a fraction from 0 to below 1, e.g. \"0.0004\"");
        }

        return TakerFee is < 0 or >= 1 ? ("taker_fee", "must be a fraction from 0 to below 1, e.g. \"0.0004\"") : null;
    }
}
