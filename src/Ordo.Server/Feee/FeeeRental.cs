using Ordo.Core;
using Ordo.Server.Http;

namespace Ordo.Server.Feee;

/// <summary>
/// How much energy for how long, as Feee's submit and price calls give it, and what it costs.
/// <c>rent_duration</c> + <c>rent_time_unit</c> (<c>m</c>: 10; <c>h</c>: 1 or 3; <c>d</c>: 1–30), or
/// a non-zero <c>rent_time_second</c> (over 600, a multiple of 3, at most 30 days), which wins.
/// Decision: when only <c>rent_time_second</c> is sent, the order shows it as whole minutes
/// (<c>rent_duration</c> rounded up, unit <c>m</c>).
/// </summary>
public sealed record FeeeRental(long ResourceValue, long RentDuration, string RentTimeUnit, long RentTimeSecond, long PriceInSun, decimal ServiceAmount)
{
    public const long MaxSeconds = 30 * 86_400;

    public decimal PayAmount => Decimals.Normalize((ResourceValue * PriceInSun / 1_000_000m) + ServiceAmount);

    /// <summary>TRX per unit of energy for the whole rental, the service amount aside.</summary>
    public decimal UnitPrice => Decimals.Normalize(PriceInSun / 1_000_000m);

    /// <summary>Feee locks the delegation for a third of the rental, in seconds.</summary>
    public long LockPeriod => RentTimeSecond / 3;

    /// <summary>The terms, or null with the bad fields named; query strings carry numbers as text.</summary>
    public static FeeeRental? Read(FieldReader fields, FeeeOptions options, bool fromQuery)
    {
        var resourceValue = fields.Integer("resource_value", required: true, min: options.MinResourceValue, max: options.MaxResourceValue, acceptText: fromQuery);
        var second = fields.Integer("rent_time_second", min: 0, max: MaxSeconds, acceptText: fromQuery) ?? 0;
        if (second != 0 && (second <= 600 || second % 3 != 0))
        {
            fields.Fail("rent_time_second", "must be more than 600 and a multiple of 3 (or 0 to use rent_duration and rent_time_unit)");
        }

        var byDuration = second == 0;
        var duration = fields.Integer("rent_duration", required: byDuration, min: 1, max: 30, acceptText: fromQuery);
        var unit = fields.String("rent_time_unit", required: byDuration, maxLength: 8);
        long? unitSeconds = unit switch
        {
            null => null,
            "m" when duration is 10 => 60,
            "h" when duration is 1 or 3 => 3600,
            "d" => 86_400,
            "m" or "h" => Fail(fields, "rent_duration", unit == "m" ? "must be 10 when rent_time_unit is m" : "must be 1 or 3 when rent_time_unit is h"),
            _ => Fail(fields, "rent_time_unit", "must be m, h or d"),
        };

        if (!fields.Ok)
        {
            return null;
        }

        var seconds = byDuration ? duration!.Value * unitSeconds!.Value : second;
        var shownDuration = duration ?? (seconds + 59) / 60;
        var shownUnit = unit ?? "m";
        return new FeeeRental(resourceValue!.Value, shownDuration, shownUnit, seconds, TierPrice(seconds, options), options.ServiceAmount);
    }

    /// <summary>
    /// Decision: the price tier is the shortest that covers the rental (10 minutes, 1 hour, 3 hours),
    /// and beyond 3 hours the day price times the days started.
    /// </summary>
    public static long TierPrice(long seconds, FeeeOptions options) => seconds switch
    {
        <= 600 => options.PriceTenMinutes,
        <= 3_600 => options.PriceOneHour,
        <= 10_800 => options.PriceThreeHours,
        _ => options.PricePerDay * ((seconds + 86_399) / 86_400),
    };

    private static long? Fail(FieldReader fields, string field, string message)
    {
        fields.Fail(field, message);
        return null;
    }
}
