using Ordo.Core.Addresses;
using Ordo.Server.Demo;

namespace Ordo.Server.Tests.Demo;

/// <summary>Demo mode fills what a deployment must configure with values that hold no real money.</summary>
public sealed class DemoSettingsTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(new ServerOptions { Demo = true, SweepInterval = TimeSpan.FromHours(1) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_demo_p2p_order_shows_the_demo_providers_bank_account()
    {
        using var http = _server.Client();
        http.DefaultRequestHeaders.Add("secretKey", DemoData.XendSecretKey);
        var answer = await ServerFixture.Json(await http.GetAsync($"/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress={DemoData.XendCustomer}"));
        var order = answer["data"]!["orderResponse"]!;
        order["orderReference"]!.GetValue<string>().ShouldBe(DemoData.XendOrderReference);
        order["providerContact"]!["phoneNumber"]!.GetValue<string>().ShouldBe("+2348000000001");
        order["providerPaymentMethods"]!["orderPaymentMethod"]!["bankName"]!.GetValue<string>().ShouldBe("Demo Bank Nigeria");
    }

    [Fact]
    public async Task The_demo_feee_top_up_address_is_tron_s_burn_address()
    {
        using var http = _server.Client();
        http.DefaultRequestHeaders.Add("key", DemoData.FeeeKey);
        var data = (await ServerFixture.Json(await http.GetAsync("/open/v2/api/query")))["data"]!;
        data["recharge_address"]!.GetValue<string>().ShouldBe(DemoSettings.TronBurnAddress);
        TronAddress.IsValid(DemoSettings.TronBurnAddress).ShouldBeTrue();
    }
}
