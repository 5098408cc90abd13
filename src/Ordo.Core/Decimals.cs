using System.Globalization;

namespace Ordo.Core;

/// <summary>Exact decimal helpers: money is never a double.</summary>
public static class Decimals
{
    /// <summary>Largest amount, price or quantity accepted anywhere; keeps products far from overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Most decimal places accepted on input.</summary>
    public const int MaxScale = 18;

    /// <summary>Drops trailing zeros: 3.920000 becomes 3.92, 5.0 becomes 5.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Exact invariant text with no trailing zeros, as sent on the wire and stored.</summary>
    public static string ToText(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    public static decimal RoundDown(decimal value, int scale) => Math.Round(value, scale, MidpointRounding.ToZero);

    public static decimal RoundUp(decimal value, int scale) => Math.Round(value, scale, MidpointRounding.ToPositiveInfinity);

    /// <summary>Number of decimal places actually used (1.50 has one).</summary>
    public static int Scale(decimal value) => Normalize(value).Scale;
}
