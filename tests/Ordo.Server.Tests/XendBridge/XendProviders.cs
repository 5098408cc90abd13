using System.Globalization;

using Ordo.Server.XendBridge;

namespace Ordo.Server.Tests.XendBridge;

/// <summary>A configured provider for tests: contacts, a naira bank account, USDT wallets on BSC and Polygon.</summary>
public static class XendProviders
{
    public const string BscWallet = "0x1111111111111111111111111111111111111111";
    public const string PolygonWallet = "0x2222222222222222222222222222222222222222";

    public static XendProviderProfile Profile => new()
    {
        FirstName = "Ada",
        LastName = "Okafor",
        Email = "ada@provider.example",
        PhoneNumber = "+2348011111111",
        WhatsappNumber = "+2348022222222",
        BankAccounts = new(StringComparer.OrdinalIgnoreCase)
        {
            ["NGN"] = new XendBankAccount { BankName = "First Test Bank", AccountNumber = "0123456789", AccountName = "Ada Okafor" },
        },
        Wallets = new(StringComparer.OrdinalIgnoreCase) { ["USDT_BSC"] = BscWallet, ["USDT_POLYGON"] = PolygonWallet },
    };

    /// <summary>The first account of a fresh database as the provider, with <see cref="Profile"/>.</summary>
    public static ServerOptions Options() => new()
    {
        SweepInterval = TimeSpan.FromHours(1),
        XendBridge = new XendOptions
        {
            ProviderAccount = Ordo.Core.Ledger.SystemAccounts.FirstTenant,
            Providers = new(StringComparer.OrdinalIgnoreCase)
            {
                [Ordo.Core.Ledger.SystemAccounts.FirstTenant.ToString(CultureInfo.InvariantCulture)] = Profile,
            },
        },
    };
}
