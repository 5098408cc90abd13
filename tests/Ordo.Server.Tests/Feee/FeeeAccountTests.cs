namespace Ordo.Server.Tests.Feee;

/// <summary><c>api/query</c>: the available TRX and the platform's top-up address from <c>Feee__RechargeAddress</c>.</summary>
public sealed class FeeeAccountTests
{
    private const string TopUp = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    [Fact]
    public async Task Unset_the_addresses_are_null()
    {
        await using var server = await ServerFixture.StartAsync();
        var user = await server.FeeeUserAsync(trx: 12.5m);
        var data = (await user.GetAsync("/open/v2/api/query"))["data"]!;
        data["trx_money"]!.GetValue<decimal>().ShouldBe(12.5m);
        data.AsObject().Select(p => p.Key).ShouldBe(["trx_money", "trx_address", "recharge_address"]);
        data["trx_address"].ShouldBeNull();
        data["recharge_address"].ShouldBeNull();
    }

    [Fact]
    public async Task Configured_both_fields_show_the_address()
    {
        await using var server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Feee = new Ordo.Server.Feee.FeeeOptions { RechargeAddress = TopUp },
        });
        var data = (await (await server.FeeeUserAsync()).GetAsync("/open/v2/api/query"))["data"]!;
        data["trx_address"]!.GetValue<string>().ShouldBe(TopUp);
        data["recharge_address"]!.GetValue<string>().ShouldBe(TopUp);
    }

    [Fact]
    public async Task A_recharge_address_that_is_not_a_tron_address_stops_the_server_at_start()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(async () => await ServerFixture.StartAsync(new ServerOptions
        {
            Feee = new Ordo.Server.Feee.FeeeOptions { RechargeAddress = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u" },
        }));
        failure.Message.ShouldContain("Feee__RechargeAddress");
    }
}
