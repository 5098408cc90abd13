using System.Text.Json.Nodes;

using Ordo.Server.Feee;
using Ordo.Server.Tronify;
using Ordo.Server.Tronify.Chain;
using Ordo.Testing;

namespace Ordo.Server.Tests.Feee;

/// <summary><c>estimate_energy</c> against a TRON node stand-in, reached as a real one is: <c>Tronify__TronNodeUrl</c>, HTTP.</summary>
public sealed class FeeeEstimateTests : IAsyncLifetime
{
    private const string Usdt = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    private const string From = "TYvEkK4fJ8aGVwLTxX6Qyw48ewD6BAvbYv";
    private const string To = "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb";
    private StandInTronNode _node = null!;
    private ServerFixture _server = null!;
    private FeeeUser _user = null!;

    public async Task InitializeAsync()
    {
        _node = await StandInTronNode.StartAsync();
        _server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Tronify = new TronifyOptions { TronNodeUrl = _node.Address.ToString() },
        });
        _user = await _server.FeeeUserAsync(trx: 0m);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Answers_the_energy_of_a_USDT_transfer_and_the_TRX_it_would_burn()
    {
        _node.EnergyUsed = 64_285;

        var answer = await _user.GetAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}");

        answer["code"]!.GetValue<int>().ShouldBe(0, answer.ToJsonString());
        answer["data"]!["energy_used"]!.GetValue<long>().ShouldBe(64_285);
        answer["data"]!["fee"]!.ToJsonString().ShouldBe("6.4285", "64285 energy × 100 sun");

        // The default contract is USDT's; the simulated transfer is 1 unit to to_address.
        var call = _node.ConstantCalls.ShouldHaveSingleItem();
        call["owner_address"]!.GetValue<string>().ShouldBe(From);
        call["contract_address"]!.GetValue<string>().ShouldBe(Usdt);
        call["function_selector"]!.GetValue<string>().ShouldBe("transfer(address,uint256)");
        call["parameter"]!.GetValue<string>().ShouldBe(Trc20Transfer.Parameter(To, 1));
        call["visible"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Simulates_on_the_contract_given_from_a_form_or_a_posted_query_string()
    {
        const string token = "TXLAQ63Xg1NAzckPwKHvzw7CSEmLMEqcdj";
        _node.EnergyUsed = 29_650;

        var form = await _user.Http.PostAsync("/open/v2/order/estimate_energy",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["from_address"] = From, ["to_address"] = To, ["contract_address"] = token }));
        (await ServerFixture.Json(form))["data"]!["energy_used"]!.GetValue<long>().ShouldBe(29_650);
        var posted = await _user.PostAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}&contract_address={token}", "");
        posted["data"]!["fee"]!.GetValue<decimal>().ShouldBe(2.965m);

        _node.ConstantCalls.Select(call => call["contract_address"]!.GetValue<string>()).ShouldBe([token, token]);
    }

    [Fact]
    public async Task The_fee_follows_the_energy_price_setting_exactly()
    {
        await using var server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Tronify = new TronifyOptions { TronNodeUrl = _node.Address.ToString() },
            Feee = new FeeeOptions { EnergyPriceSun = 210 },
        });
        var user = await server.FeeeUserAsync(trx: 0m);
        _node.EnergyUsed = 64_285;

        var answer = await user.GetAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}");

        answer["data"]!["fee"]!.ToJsonString().ShouldBe("13.49985");
    }

    [Fact]
    public async Task A_negative_energy_price_stops_the_server_at_start()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => ServerFixture.StartAsync(
            new ServerOptions { SweepInterval = TimeSpan.FromHours(1), Feee = new FeeeOptions { EnergyPriceSun = -1 } }));
        error.Message.ShouldContain("Feee__EnergyPriceSun");
    }

    [Theory]
    [InlineData($"to_address={To}", "from_address")]
    [InlineData($"from_address=TYvEkK4fJ8aGVwLTxX6Qyw48ewD6BAvbYw&to_address={To}", "from_address")]
    [InlineData($"from_address={From}", "to_address")]
    [InlineData($"from_address={From}&to_address=0x41a614f803b6fd780986a42c78ec9c7f77e6ded13c", "to_address")]
    [InlineData($"from_address={From}&to_address={To}&contract_address=USDT", "contract_address")]
    public async Task Bad_input_is_10002_naming_the_field_and_asks_nothing_of_the_node(string query, string field)
    {
        var answer = await _user.GetAsync($"/open/v2/order/estimate_energy?{query}");

        answer["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidParameter);
        answer["msg"]!.GetValue<string>().ShouldContain(field);
        _node.ConstantCalls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_node_refusal_is_10002_with_the_nodes_reason()
    {
        _node.Reverts = true;
        var reverted = await _user.GetAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}");
        reverted["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidParameter);
        reverted["msg"]!.GetValue<string>().ShouldContain("REVERT opcode executed");
        reverted["data"].ShouldBeNull();

        _node.RefuseConstantCallsWith("CONTRACT_VALIDATE_ERROR", "Smart contract is not exist.");
        var refused = await _user.GetAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}&contract_address={To}");
        refused["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidParameter);
        refused["msg"]!.GetValue<string>().ShouldContain("Smart contract is not exist.");
    }

    [Fact]
    public async Task Without_a_node_it_is_10002_naming_the_setting()
    {
        await using var server = await ServerFixture.StartAsync();
        var user = await server.FeeeUserAsync(trx: 0m);

        var answer = await user.GetAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}");

        answer["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidParameter);
        answer["msg"]!.GetValue<string>().ShouldContain("estimate_energy needs a TRON node");
        answer["msg"]!.GetValue<string>().ShouldContain("Tronify__TronNodeUrl");
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_gets_the_retryable_503()
    {
        // A port nothing listens on: the connection is refused at once.
        await using var server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Tronify = new TronifyOptions { TronNodeUrl = "http://127.0.0.1:9" },
        });
        var user = await server.FeeeUserAsync(trx: 0m);

        using var response = await user.Http.GetAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}");

        ((int)response.StatusCode).ShouldBe(503);
        response.Headers.RetryAfter!.Delta.ShouldNotBeNull();
        var answer = await ServerFixture.Json(response);
        answer["code"]!.GetValue<int>().ShouldBe(FeeeCodes.Unavailable);
        answer["msg"]!.GetValue<string>().ShouldContain("retry");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_before_the_node_is_asked()
    {
        using var stranger = _server.Client();
        stranger.DefaultRequestHeaders.Add("key", "not-a-key");

        var answer = await ServerFixture.Json(await stranger.GetAsync($"/open/v2/order/estimate_energy?from_address={From}&to_address={To}"));

        answer["code"]!.GetValue<int>().ShouldBe(FeeeCodes.InvalidKey);
        _node.ConstantCalls.ShouldBeEmpty();
    }
}
