using System.Globalization;

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

    /// <summary>
    /// The account of the provider assigned to every order (<c>XendBridge__ProviderAccount</c>): only it, with
    /// a <c>fills:write</c> key, or an operator moves the orders' stages. Unset: operators only.
    /// </summary>
    public long? ProviderAccount { get; init; }

    /// <summary>
    /// Providers' profiles (contact, bank accounts, wallets), keyed by the provider's account id
    /// (<c>XendBridge__Providers__1001__Email</c>), or <c>default</c> for orders with no provider account.
    /// </summary>
    public Dictionary<string, XendProviderProfile> Providers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The profile of the provider Ordo assigns: its account's entry, else <c>default</c>, else one made of
    /// <see cref="ProviderName"/> and <see cref="ProviderEmail"/> with no contacts and no payment methods.
    /// </summary>
    public XendProviderProfile AssignedProfile() =>
        (ProviderAccount is { } account && Providers.TryGetValue(account.ToString(CultureInfo.InvariantCulture), out var own) ? own : null)
        ?? Providers.GetValueOrDefault("default")
        ?? new XendProviderProfile { FirstName = ProviderName, Email = ProviderEmail };

    public Dictionary<string, decimal> Rates { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USDT_NGN"] = 1600m,
        ["USDC_NGN"] = 1600m,
        ["USDT_GHS"] = 15m,
        ["USDT_KES"] = 129m,
    };
}
