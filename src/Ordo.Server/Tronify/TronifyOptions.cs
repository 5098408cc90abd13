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

    /// <summary>
    /// The least energy an order may ask for; below it the answer is 132. Tronify's own minimum is 15000
    /// (Ledger Live's client, coin-tron 8.0.0, says so), and the wallet asks for its estimate of one
    /// transfer, about 31895 for a TRC-20 transfer to an address already holding the token.
    /// </summary>
    public long LowEnergyCanBuy { get; init; } = 15_000;

    public long TopEnergyCanBuy { get; init; } = 100_000_000;

    /// <summary>
    /// The java-tron node's HTTP API (<c>Tronify__TronNodeUrl</c>, e.g. Nile testnet's
    /// <c>https://nile.trongrid.io</c>); without it <c>fastTrade</c> answers 101 naming this setting.
    /// </summary>
    public string? TronNodeUrl { get; init; }

    /// <summary>The platform's TRON address that receives <c>fastTrade</c> payments (<c>Tronify__PaymentAddress</c>).</summary>
    public string? PaymentAddress { get; init; }

    /// <summary>
    /// How long a buyer has to sign and upload a <c>fastTrade</c> payment: the issued transaction expires
    /// then, and the unpaid order times out (<c>Tronify__PaymentWindow</c>, default 10 minutes, from
    /// 1 minute to 24 hours, the longest a TRON transaction may live).
    /// </summary>
    public TimeSpan PaymentWindow { get; init; } = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan ShortestPaymentWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestPaymentWindow = TimeSpan.FromHours(24);

    /// <summary>Why these settings cannot run (checked at start-up), or null.</summary>
    public string? Refusal()
    {
        if (PaymentWindow < ShortestPaymentWindow || PaymentWindow > LongestPaymentWindow)
        {
            return $"Tronify__PaymentWindow={PaymentWindow} must be from {ShortestPaymentWindow} to {LongestPaymentWindow}";
        }

        // fastTrade prices orders at it: zero would issue a transfer of nothing, which no node takes.
        if (DefaultEnergyPrice <= 0)
        {
            return $"Tronify__DefaultEnergyPrice={DefaultEnergyPrice} must be more than 0 sun";
        }

        if (!string.IsNullOrEmpty(TronNodeUrl) &&
            (!Uri.TryCreate(TronNodeUrl, UriKind.Absolute, out var node) || node.Scheme is not ("http" or "https")))
        {
            return $"Tronify__TronNodeUrl={TronNodeUrl} must be an http(s) URL of a java-tron node's HTTP API";
        }

        if (!string.IsNullOrEmpty(PaymentAddress) && !Core.Addresses.TronAddress.IsValid(PaymentAddress))
        {
            return $"Tronify__PaymentAddress={PaymentAddress} must be a TRON address (34 characters starting with T, valid checksum)";
        }

        return null;
    }
}
