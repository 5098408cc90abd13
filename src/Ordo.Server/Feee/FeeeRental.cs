using Ordo.Core;

namespace Ordo.Server.Feee;

/// <summary>
/// How much energy for how long, as Feee's submit and price calls give it, and what it costs.
/// <c>rent_duration</c> + <c>rent_time_unit</c> (<c>m</c>: 10; <c>h</c>: 1 or 3; <c>d</c>: 1–30), or
/// a non-zero <c>rent_time_second</c> (at least 600, a multiple of 3, at most 30 days), which then decides
/// alone: <c>rent_duration</c> and <c>rent_time_unit</c> beside it are not checked (clients send
/// <c>rent_time_second=7200</c> with <c>rent_duration=2, rent_time_unit=h</c>).
/// Decision: an order whose duration <c>rent_time_second</c> decided shows it as whole minutes
/// (<c>rent_duration</c> rounded up, unit <c>m</c>), whatever pair was sent beside it.
/// </summary>
public sealed record FeeeRental(long ResourceValue, long RentDuration, string RentTimeUnit, long RentTimeSecond, long PriceInSun, decimal ServiceAmount)
{
    public const long MinSeconds = 600;
    public const long MaxSeconds = 30 * 86_400;

    public decimal PayAmount => Decimals.Normalize((ResourceValue * PriceInSun / 1_000_000m) + ServiceAmount);

    /// <summary>TRX per unit of energy for the whole rental, the service amount aside.</summary>
    public decimal UnitPrice => Decimals.Normalize(PriceInSun / 1_000_000m);

    /// <summary>Feee locks the delegation for a third of the rental, in seconds.</summary>
    public long LockPeriod => RentTimeSecond / 3;

    /// <summary>The terms, or null with the bad fields named.</summary>
    public static FeeeRental? Read(FeeeParameters fields, FeeeOptions options)
    {
        var resourceValue = fields.Integer("resource_value", required: true, min: options.MinResourceValue, max: options.MaxResourceValue);
        var second = fields.Integer("rent_time_second", min: 0, max: MaxSeconds) ?? 0;
        if (second != 0 && (second < MinSeconds || second % 3 != 0))
        {
            fields.Fail("rent_time_second", $"must be at least {MinSeconds} and a multiple of 3 (or 0 to use rent_duration and rent_time_unit)");
        }

        if (second != 0 || fields.Refused("rent_time_second"))
        {
            return fields.Ok
                ? new FeeeRental(resourceValue!.Value, (second + 59) / 60, "m", second, TierPrice(second, options), options.ServiceAmount)
                : null;
        }

        var duration = fields.Integer("rent_duration", required: true, min: 1, max: 30);
        var unit = fields.String("rent_time_unit", required: true, maxLength: 8);
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

        var seconds = duration!.Value * unitSeconds!.Value;
        return new FeeeRental(resourceValue!.Value, duration.Value, unit!, seconds, TierPrice(seconds, options), options.ServiceAmount);
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

    private static long? Fail(FeeeParameters fields, string field, string message)
    {
        fields.Fail(field, message);
        return null;
    }
}
