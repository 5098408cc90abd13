namespace Ordo.Server.Tronify;

/// <summary>
/// The Tronify dialect's operator settings, from the <c>Tronify</c> configuration section
/// (environment <c>Tronify__RefundRate=0.1</c>, ...), read at start-up and answered by
/// <c>pledgeConfig</c>. Prices are sun per unit of energy per day.
/// </summary>
public sealed record TronifyOptions
{
    /// <summary>The cancel fee: the share of the unfilled part's payment kept by the platform.</summary>
    public decimal RefundRate { get; init; } = 0.1m;

    /// <summary>An order not fully sold by then times out, and the rest is refunded in full.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromHours(24);

    public decimal DefaultEnergyPrice { get; init; } = 60m;

    /// <summary>Orders must bid above this price (the spec's "> 30").</summary>
    public decimal LowEnergyPrice { get; init; } = 30m;

    public decimal TopEnergyPrice { get; init; } = 1_000m;

    /// <summary>The least energy an order may ask for; below it the answer is 132.</summary>
    public long LowEnergyCanBuy { get; init; } = 32_000;

    public long TopEnergyCanBuy { get; init; } = 100_000_000;
}
