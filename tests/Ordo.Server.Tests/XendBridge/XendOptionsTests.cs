using Microsoft.Extensions.Configuration;

using Ordo.Server.XendBridge;

namespace Ordo.Server.Tests.XendBridge;

/// <summary>The provider profiles' configuration shape, as the README documents it for the environment.</summary>
public sealed class XendOptionsTests
{
    [Fact]
    public void Profiles_bind_from_environment_style_keys_and_the_assigned_one_is_the_provider_accounts()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["XendBridge:ProviderAccount"] = "1001",
            ["XendBridge:Providers:1001:FirstName"] = "Ada",
            ["XendBridge:Providers:1001:LastName"] = "Okafor",
            ["XendBridge:Providers:1001:Email"] = "ada@provider.example",
            ["XendBridge:Providers:1001:PhoneNumber"] = "+2348011111111",
            ["XendBridge:Providers:1001:WhatsappNumber"] = "+2348022222222",
            ["XendBridge:Providers:1001:BankAccounts:NGN:BankName"] = "First Test Bank",
            ["XendBridge:Providers:1001:BankAccounts:NGN:AccountNumber"] = "0123456789",
            ["XendBridge:Providers:1001:BankAccounts:NGN:AccountName"] = "Ada Okafor",
            ["XendBridge:Providers:1001:Wallets:USDT_BSC"] = "0xabc",
            ["XendBridge:Providers:default:FirstName"] = "Fallback",
        }).Build();
        var options = config.GetSection("XendBridge").Get<XendOptions>()!;

        var profile = options.AssignedProfile();
        profile.FirstName.ShouldBe("Ada");
        profile.BankAccounts["ngn"].AccountNumber.ShouldBe("0123456789");
        profile.Wallets["usdt_bsc"].ShouldBe("0xabc");
        (options with { ProviderAccount = 7 }).AssignedProfile().FirstName.ShouldBe("Fallback");
    }

    [Fact]
    public void Without_profiles_the_provider_is_its_name_and_email_with_no_methods()
    {
        var profile = new XendOptions { ProviderName = "Liquidity Ltd", ProviderEmail = "l@example.com", ProviderAccount = 1001 }.AssignedProfile();
        profile.FirstName.ShouldBe("Liquidity Ltd");
        profile.Email.ShouldBe("l@example.com");
        XendPaymentMethods.For(profile, Ordo.Core.Orders.OrderSide.Buy, "NGN", "LOCAL").ShouldBe(XendPaymentMethods.None);
    }
}
