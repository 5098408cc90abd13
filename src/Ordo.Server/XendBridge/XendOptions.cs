namespace Ordo.Server.XendBridge;

/// <summary>
/// The XendBridge dialect's settings (configuration section <c>XendBridge</c>): how long an order
/// waits for the customer's payment, the provider Ordo assigns, and the rates (fiat per unit of
/// crypto, keyed <c>CRYPTO_FIAT</c>, e.g. <c>XendBridge__Rates__USDT_NGN=1600</c>; not a colon, which configuration reads as a section).
/// </summary>
public sealed record XendOptions
{
    public TimeSpan OrderValidity { get; init; } = TimeSpan.FromMinutes(15);
    public string ProviderName { get; init; } = "Ordo Liquidity";
    public string ProviderEmail { get; init; } = "liquidity@ordo.example";

    public Dictionary<string, decimal> Rates { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USDT_NGN"] = 1600m,
        ["USDC_NGN"] = 1600m,
        ["USDT_GHS"] = 15m,
        ["USDT_KES"] = 129m,
    };
}
