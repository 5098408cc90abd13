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
    /// <summary>The most decimals of a price or a volume: keeps tick × lot arithmetic inside <see cref="decimal"/> (see <c>MarketUnits.MaxSteps</c>).</summary>
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
