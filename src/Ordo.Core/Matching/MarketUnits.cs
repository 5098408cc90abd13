using Ordo.Core.Markets;

namespace Ordo.Core.Matching;

/// <summary>
/// Converts a market's decimal prices and volumes to the book's integers (ticks and lots: the
/// smallest steps its precisions allow) and back. A value with too many decimals, or too large for
/// a 64-bit count of steps, has no integer form.
/// </summary>
public readonly struct MarketUnits(Market market)
{
    /// <summary>
    /// The most ticks in a price and lots in a volume: with both at most 10^12, ticks × lots (and a
    /// book walk's sum of them) stays below 10^24 steps of the quote grid, and with a fee's 4 more
    /// decimals (and a market buy's 10% margin) below 10^28 steps: inside <see cref="decimal"/>'s
    /// exact range, so no notional overflows and no settlement rounds. 10^(price + volume precision)
    /// ≤ 10^24 (see <see cref="Market.MaxPrecision"/>).
    /// </summary>
    public const long MaxSteps = 1_000_000_000_000;

    private readonly decimal _tick = Pow10(market.PricePrecision);
    private readonly decimal _lot = Pow10(market.VolumePrecision);

    public bool TryTicks(decimal price, out long ticks) => TryScale(price, _tick, out ticks);

    public bool TryLots(decimal volume, out long lots) => TryScale(volume, _lot, out lots);

    public decimal Price(long ticks) => Decimals.Normalize(ticks / _tick);

    public decimal Volume(long lots) => Decimals.Normalize(lots / _lot);

    /// <summary>A notional in ticks × lots as quote currency.</summary>
    public decimal Notional(decimal ticksTimesLots) => Decimals.Normalize(ticksTimesLots / (_tick * _lot));

    private static bool TryScale(decimal value, decimal scale, out long result)
    {
        result = 0;
        if (value < 0 || value > MaxSteps / scale)
        {
            return false;
        }

        var scaled = value * scale;
        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }

        result = (long)scaled;
        return true;
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
