using Ordo.Server.XendBridge;

namespace Ordo.Server.Demo;

/// <summary>
/// In demo mode, the settings a real deployment must give and the operator left unset, filled with
/// values that can take no real money: Feee's top-up address and a XendBridge provider whose bank
/// accounts are placeholders and whose wallets are burn addresses.
/// </summary>
public static class DemoSettings
{
    /// <summary>TRON's zero address (base58 of 41 and twenty zero bytes): valid, and no one holds its key.</summary>
    public const string TronBurnAddress = "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb";

    public const string EvmBurnAddress = "0x000000000000000000000000000000000000dEaD";

    public static ServerOptions Apply(ServerOptions options) => options with
    {
        Feee = options.Feee with { RechargeAddress = options.Feee.RechargeAddress ?? TronBurnAddress },
        XendBridge = options.XendBridge.Providers.Count > 0
            ? options.XendBridge
            : options.XendBridge with { Providers = new(StringComparer.OrdinalIgnoreCase) { ["default"] = Provider } },
    };

    private static XendProviderProfile Provider => new()
    {
        FirstName = "Demo",
        LastName = "Provider",
        Email = "provider@ordo.example",
        PhoneNumber = "+2348000000001",
        WhatsappNumber = "+2348000000001",
        BankAccounts = new(StringComparer.OrdinalIgnoreCase)
        {
            ["NGN"] = Bank("Demo Bank Nigeria"),
            ["GHS"] = Bank("Demo Bank Ghana"),
            ["KES"] = Bank("Demo Bank Kenya"),
        },
        Wallets = new(StringComparer.OrdinalIgnoreCase)
        {
            ["USDT_BSC"] = EvmBurnAddress,
            ["USDC_BSC"] = EvmBurnAddress,
            ["USDT_POLYGON"] = EvmBurnAddress,
            ["USDT_TRON"] = TronBurnAddress,
        },
    };

    private static XendBankAccount Bank(string name) => new() { BankName = name, AccountNumber = "0000000000", AccountName = "Ordo Demo Provider" };
}
