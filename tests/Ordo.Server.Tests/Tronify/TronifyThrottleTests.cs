using System.Text.Json.Nodes;

using Ordo.Server.Tronify;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tronify;

/// <summary>
/// fastTrade's calls that need no flag (quote, create) and uploadHash (no credential at all) spend the
/// client address's throttle, one token a call: holding a channel's public sourceFlag, one address
/// cannot exhaust the channel's budget nor make Ordo broadcast without end. The bucket holds
/// <see cref="Burst"/> tokens and refills one an hour, so the tests exhaust it at once and never wait.
/// </summary>
public sealed class TronifyThrottleTests : IAsyncLifetime
{
    private const int Burst = 3;
    private StandInTronNode _node = null!;
    private ServerFixture _server = null!;
    private TronifyUser _channel = null!;
    private readonly TronTestKey _wallet = TronTestKey.Random();

    public async Task InitializeAsync()
    {
        _node = await StandInTronNode.StartAsync();
        _server = await ServerFixture.StartAsync(new ServerOptions
        {
            ClientAddressLimit = 1,
            ClientAddressWindow = TimeSpan.FromHours(1),
            ClientAddressBurst = Burst,
            SweepInterval = TimeSpan.FromHours(1),
            Tronify = new TronifyOptions { PaymentAddress = TronTestKey.Random().Address, TronNodeUrl = _node.Address.ToString() },
        });
        _channel = await _server.TronifyUserAsync(trx: 0m);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _node.DisposeAsync();
    }

    private JsonObject Order() => new()
    {
        ["orderType"] = "ENERGY", ["tradeType"] = "fastTrade", ["fromAddress"] = _wallet.Address, ["pledgeAddress"] = Orders.Address,
        ["pledgeNum"] = 32000, ["extraTrxNum"] = "0", ["pledgeDay"] = "1", ["pledgeHour"] = "0", ["pledgeMinute"] = "0",
        ["sourceFlag"] = _channel.SourceFlag,
    };

    private async Task<(int Code, int RetryAfter, JsonNode Answer)> PostAsync(string method, JsonObject body)
    {
        using var response = await _channel.Http.PostAsync("/api/tronRent/" + method, ServerFixture.Body(body.ToJsonString()));
        var answer = await ServerFixture.Json(response);
        var retry = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : 0;
        return (answer["resCode"]!.GetValue<int>(), retry, answer);
    }

    private JsonObject Upload(JsonNode created)
    {
        var signed = (JsonObject)created["data"]!["transaction"]!.DeepClone();
        signed["signature"] = new JsonArray(_wallet.Sign(signed["txID"]!.GetValue<string>()));
        return new JsonObject { ["orderId"] = created["data"]!["orderId"]!.GetValue<string>(), ["fromHash"] = signed["txID"]!.GetValue<string>(), ["signedData"] = signed };
    }

    [Fact]
    public async Task Each_upload_spends_a_token_and_an_address_over_its_limit_gets_129_with_nothing_broadcast()
    {
        var first = (await PostAsync("addTronRentRecord", Order())).Answer;
        var second = (await PostAsync("addTronRentRecord", Order())).Answer;
        (await PostAsync("uploadHash", Upload(first))).Code.ShouldBe(100);
        _node.Broadcasts.Count.ShouldBe(1);

        var (code, retry, _) = await PostAsync("uploadHash", Upload(second));
        code.ShouldBe(TronifyCodes.TooManyRequests);
        retry.ShouldBeGreaterThan(0);
        _node.Broadcasts.Count.ShouldBe(1, "the throttled upload reached no node");
    }

    [Theory]
    [InlineData("queryPreorderInfo")]
    [InlineData("addTronRentRecord")]
    [InlineData("pledgeConfig")]
    [InlineData("mypayorder")]
    [InlineData("trades")]
    public async Task Unsigned_calls_spend_the_address_throttle(string method)
    {
        JsonObject Body()
        {
            var body = Order();
            body["address"] = _wallet.Address; // pledgeConfig's one field
            return body;
        }

        for (var i = 0; i < Burst; i++)
        {
            (await PostAsync(method, Body())).Code.ShouldBe(100, $"call {i}");
        }

        var (code, retry, answer) = await PostAsync(method, Body());
        code.ShouldBe(TronifyCodes.TooManyRequests, answer.ToJsonString());
        retry.ShouldBeGreaterThan(0);
        _node.Broadcasts.ShouldBeEmpty();
    }
}
