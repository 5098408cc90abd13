namespace Ordo.Server.Fungies;

/// <summary>
/// The currencies Fungies accepts (its cancel page's list) and their ISO 4217 minor units: most have
/// 2 decimals, these have 0 or 3. MRO, STD, VEF and HRK are the historic codes the page still lists.
/// </summary>
public static class FungiesCurrencies
{
    private static readonly HashSet<string> NoDecimals = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];
    private static readonly HashSet<string> ThreeDecimals = ["BHD", "JOD", "KWD", "OMR", "TND"];

    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AFN", "ALL", "DZD", "AOA", "ARS", "AMD", "AWG", "AUD", "AZN", "BSD", "BDT", "BBD", "BZD", "BMD", "BOB", "BAM", "BWP", "BRL", "BHD",
        "GBP", "BND", "BGN", "BIF", "BYN", "KHR", "CAD", "CVE", "KYD", "KWD", "XAF", "XPF", "CLP", "CNY", "COP", "KMF", "CDF", "CRC", "HRK",
        "CZK", "DKK", "DJF", "DOP", "XCD", "EGP", "ETB", "EUR", "FKP", "FJD", "GMD", "GEL", "GIP", "GTQ", "GNF", "GYD", "HTG", "HNL", "HKD",
        "HUF", "ISK", "INR", "IDR", "ILS", "JMD", "JPY", "JOD", "KZT", "KES", "KGS", "LAK", "LBP", "LSL", "LRD", "MOP", "MKD", "MGA", "MWK",
        "MYR", "MVR", "MRO", "MUR", "MXN", "MDL", "MNT", "MAD", "MZN", "MMK", "NAD", "NPR", "ANG", "TWD", "NZD", "NIO", "NGN", "NOK", "OMR",
        "PKR", "PAB", "PGK", "PYG", "PEN", "PHP", "PLN", "QAR", "RON", "RUB", "RWF", "SHP", "SVC", "WST", "STD", "SAR", "RSD", "SCR", "SLL",
        "SGD", "SBD", "SOS", "ZAR", "KRW", "LKR", "SRD", "SZL", "SEK", "CHF", "TJS", "TZS", "THB", "TND", "TOP", "TTD", "TRY", "UGX", "UAH",
        "AED", "UYU", "USD", "UZS", "VUV", "VEF", "VND", "XOF", "YER", "ZMW", "SLE",
    };

    public static bool IsKnown(string code) => Codes.Contains(code);

    public static int Decimals(string code) => NoDecimals.Contains(code) ? 0 : ThreeDecimals.Contains(code) ? 3 : 2;

    /// <summary>An amount in major units as an integer count of minor units (cents).</summary>
    public static long ToMinor(decimal amount, string code) => (long)decimal.Round(amount * Scale(code), 0, MidpointRounding.ToZero);

    public static decimal FromMinor(long minor, string code) => Core.Decimals.Normalize(minor / Scale(code));

    private static decimal Scale(string code) => Decimals(code) switch { 0 => 1m, 3 => 1000m, _ => 100m };
}
