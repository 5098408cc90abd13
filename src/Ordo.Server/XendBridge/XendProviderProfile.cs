namespace Ordo.Server.XendBridge;

/// <summary>
/// What a provider tells customers about itself and where they pay it, from configuration
/// (<c>XendBridge__Providers__&lt;account&gt;__FirstName=Ada</c>, ...). Bank accounts are keyed by fiat
/// currency (<c>BankAccounts__NGN__AccountNumber</c>), wallets by crypto currency and network
/// (<c>Wallets__USDT_BSC=0x...</c>; an underscore, since configuration reads a colon as a section).
/// </summary>
public sealed record XendProviderProfile
{
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Email { get; init; } = "";
    public string? PhoneNumber { get; init; }
    public string? WhatsappNumber { get; init; }

    /// <summary>Where customers paying in a fiat currency send it, keyed by the currency code.</summary>
    public Dictionary<string, XendBankAccount> BankAccounts { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Wallet addresses for crypto pay-ins, keyed <c>CURRENCY_NETWORK</c>.</summary>
    public Dictionary<string, string> Wallets { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed record XendBankAccount
{
    public string BankName { get; init; } = "";
    public string AccountNumber { get; init; } = "";
    public string AccountName { get; init; } = "";
}
