namespace Ordo.Server.Feee;

/// <summary>
/// The Feee dialect's operator settings, from the <c>Feee</c> configuration section (environment
/// <c>Feee__CancelNotBefore=00:05:00</c>, ...), read at start-up. Prices are sun per unit of energy
/// for the whole rental; the defaults reproduce the seed page's example (32000 energy for 10 minutes
/// at 105 sun, plus 0.56 TRX service, pays 3.92 TRX).
/// </summary>
public sealed record FeeeOptions
{
    /// <summary>An order may be cancelled by its owner only this long after it was created.</summary>
    public TimeSpan CancelNotBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An order not fully delegated by then expires, and the rest is refunded in full (status 14).</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromHours(24);

    public long MinResourceValue { get; init; } = 32_000;
    public long MaxResourceValue { get; init; } = 100_000_000;

    /// <summary>Flat fee in TRX added to every order's price.</summary>
    public decimal ServiceAmount { get; init; } = 0.56m;

    /// <summary>Rentals of up to 10 minutes.</summary>
    public long PriceTenMinutes { get; init; } = 105;

    /// <summary>Rentals of up to 1 hour.</summary>
    public long PriceOneHour { get; init; } = 115;

    /// <summary>Rentals of up to 3 hours.</summary>
    public long PriceThreeHours { get; init; } = 130;

    /// <summary>Per started day, for rentals longer than 3 hours.</summary>
    public long PricePerDay { get; init; } = 150;

    /// <summary>
    /// What TRON burns per unit of energy when none is rented (<c>Feee__EnergyPriceSun</c>; 100 sun today):
    /// <c>estimate_energy</c>'s <c>fee</c> is the TRX a transfer would burn at this price.
    /// </summary>
    public long EnergyPriceSun { get; init; } = 100;

    /// <summary>
    /// The platform's TRON address where accounts top up their TRX (<c>Feee__RechargeAddress</c>), shown by
    /// <c>api/query</c> as <c>trx_address</c> and <c>recharge_address</c>. Unset: both null, since Ordo cannot know
    /// the operator's address; checked at start-up.
    /// </summary>
    public string? RechargeAddress { get; init; }
}
