using System.Net;

namespace Ordo.Server.Tests.Native;

/// <summary>
/// Markets (issue 9): precisions bounded so tick × lot arithmetic cannot overflow, values past the
/// bound refused as bad input (never a 500), and a market's denomination frozen while it has resting orders.
/// </summary>
public sealed class MarketRulesTests : IAsyncLifetime
{
    private const string Market = """{"base":"BTC","quote":"USDC","price_precision":2,"volume_precision":4,"min_volume":"0.0001","maker_fee":"0.0004","taker_fee":"0.0007"}""";
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("price_precision", "13")]
    [InlineData("volume_precision", "19")]
    [InlineData("min_volume", "\"0.00001\"")]
    [InlineData("maker_fee", "\"1\"")]
    public async Task A_market_past_a_bound_is_refused_naming_the_field(string field, string value)
    {
        using var admin = _server.Admin();
        var body = System.Text.Json.Nodes.JsonNode.Parse(Market)!.AsObject();
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        var (status, problem) = await admin.SendAsync(HttpMethod.Put, "/v1/markets/bounded", body.ToJsonString());
        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToJsonString());
        problem["errors"]![field].ShouldNotBeNull();
    }

    [Fact]
    public async Task Base_quote_and_precisions_change_only_while_the_book_is_empty()
    {
        using var admin = _server.Admin();
        (await admin.SendAsync(HttpMethod.Put, "/v1/markets/frozen", Market)).Status.ShouldBe(HttpStatusCode.OK);
        var trader = await _server.TenantAsync(deposits: ("USDC", 1000m));
        var bid = await trader.PlaceAsync("""{"kind":"limit","market":"frozen","side":"buy","price":"10","quantity":"1"}""");

        foreach (var (field, value) in new[] { ("base", "\"ETH\""), ("quote", "\"USDT\""), ("price_precision", "3"), ("volume_precision", "5") })
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(Market)!.AsObject();
            body[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
            var (status, problem) = await admin.SendAsync(HttpMethod.Put, "/v1/markets/frozen", body.ToJsonString());
            status.ShouldBe(HttpStatusCode.Conflict, field);
            problem["code"]!.GetValue<string>().ShouldBe("market_has_resting_orders");
            problem["errors"]![field].ShouldNotBeNull();
        }

        var fees = Market.Replace("\"0.0007\"", "\"0.001\"");
        (await admin.SendAsync(HttpMethod.Put, "/v1/markets/frozen", fees)).Status.ShouldBe(HttpStatusCode.OK, "fees may change any time");

        await trader.Http.PostAsync($"/v1/orders/{bid["id"]!.GetValue<long>()}/cancel");
        var (emptied, changed) = await admin.SendAsync(HttpMethod.Put, "/v1/markets/frozen", Market.Replace("\"price_precision\":2", "\"price_precision\":3"));
        emptied.ShouldBe(HttpStatusCode.OK, changed.ToJsonString());
        changed["price_precision"]!.GetValue<int>().ShouldBe(3);
    }

    [Theory]
    [InlineData("quantity", "\"1000000000000\"")]
    [InlineData("price", "\"79228162514264337593543950335\"")]
    [InlineData("price", "\"10000000000000\"")]
    public async Task Values_past_a_markets_steps_are_bad_input_not_a_fault(string field, string value)
    {
        using var admin = _server.Admin();
        (await admin.SendAsync(HttpMethod.Put, "/v1/markets/steps", Market)).Status.ShouldBe(HttpStatusCode.OK);
        var trader = await _server.TenantAsync(deposits: ("USDC", 1000m));
        var body = System.Text.Json.Nodes.JsonNode.Parse("""{"kind":"limit","market":"steps","side":"buy","price":"10","quantity":"1"}""")!.AsObject();
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        var (status, problem) = await trader.Http.PostAsync("/v1/orders", body.ToJsonString());
        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToJsonString());
        problem["errors"]![field].ShouldNotBeNull();
    }
}
