using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using Ordo.Server.Tronify;
using Ordo.Testing;

namespace Ordo.Server.Tests.Feee;

/// <summary>
/// Feee integrations found in public code, replayed request for request (paths, methods, headers,
/// bodies, query strings as their source writes them) and read as they read the answers. None is on
/// a package registry. They call <c>GET /open/v2/order/estimate_energy</c> before they rent, so the
/// server runs with a stand-in TRON node (<c>Tronify__TronNodeUrl</c>) that simulates the transfer.
/// </summary>
public sealed class FeeeRealClientTests : IAsyncLifetime
{
    private const string Receiver = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    /// <summary>A client's own wallet, which rents energy for itself and then pays <see cref="Recipient"/> in USDT.</summary>
    private const string Sender = "TYvEkK4fJ8aGVwLTxX6Qyw48ewD6BAvbYv";
    private const string Recipient = "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb";

    private StandInTronNode _node = null!;
    private ServerFixture _server = null!;
    private FeeeUser _user = null!;

    public async Task InitializeAsync()
    {
        _node = await StandInTronNode.StartAsync();

        // A USDT transfer to an address that holds none yet; the energy the relayer then rents.
        _node.EnergyUsed = 64_285;
        _server = await ServerFixture.StartAsync(new ServerOptions
        {
            SweepInterval = TimeSpan.FromHours(1),
            Tronify = new TronifyOptions { TronNodeUrl = _node.Address.ToString() },
        });
        _user = await _server.FeeeUserAsync(trx: 100m);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _node.DisposeAsync();
    }

    /// <summary>
    /// Mirrors a Python relayer's <c>rent_energy</c> (aiohttp; <c>session.headers["key"]</c>; every call
    /// carries its parameters in the query string and no body): <c>session.get</c> of <c>api/query</c> (balance
    /// check) and of <c>estimate_energy?from_address=&amp;to_address=</c> (its own wallet to the customer), whose
    /// <c>data.energy_used</c> becomes the <c>resource_value</c> it submits for its own wallet; then
    /// <c>session.post</c> of submit, of <c>order/query</c> every 3 s reading <c>data.business_status</c>, and
    /// after 101 polls (303 s) of cancel. Two versions of the file: one submits <c>rent_time_second=600</c>,
    /// the older one sends no <c>resource_type</c> and <c>rent_duration=10&amp;rent_time_unit=m</c>.
    /// </summary>
    [Theory]
    [InlineData($"resource_type=1&receive_address={Sender}&resource_value={{energy_used}}&rent_time_second=600")]
    [InlineData($"receive_address={Sender}&resource_value={{energy_used}}&rent_duration=10&rent_time_unit=m")]
    public async Task Python_relayer_estimates_rents_polls_then_cancels_with_the_order_number_in_the_query_string(string submit)
    {
        var account = await RelayerPostAsync(HttpMethod.Get, "/open/v2/api/query");
        (account["data"]!["trx_money"]!.GetValue<decimal>() < 20).ShouldBeFalse();

        var estimate = await RelayerPostAsync(HttpMethod.Get, $"/open/v2/order/estimate_energy?from_address={Sender}&to_address={Recipient}");
        var energyUsed = estimate["data"]!["energy_used"]!.ToJsonString();
        energyUsed.ShouldBe("64285");
        _node.ConstantCalls.ShouldHaveSingleItem()["owner_address"]!.GetValue<string>().ShouldBe(Sender);

        var result = await RelayerPostAsync(HttpMethod.Post, $"/open/v2/order/submit?{submit.Replace("{energy_used}", energyUsed, StringComparison.Ordinal)}");
        result["data"]!["resource_value"]!.GetValue<long>().ShouldBe(64_285);
        var orderNo = result["data"]!["order_no"]!.GetValue<string>();
        result["data"]!["business_status"]!.GetValue<int>().ShouldBe(1);

        for (var i = 0; i < 101; i++)
        {
            _server.Clock.Advance(TimeSpan.FromSeconds(3));
            if (i % 25 == 0)
            {
                result = await RelayerPostAsync(HttpMethod.Post, $"/open/v2/order/query?order_no={orderNo}");
                (result["data"]!["business_status"]!.GetValue<int>() >= 3).ShouldBeFalse("never delegated here");
            }
        }

        result = await RelayerPostAsync(HttpMethod.Post, $"/open/v2/order/cancel?order_no={orderNo}");
        result["code"]!.GetValue<int>().ShouldBe(0, result.ToJsonString());
        result["data"]!["status"]!.GetValue<int>().ShouldBe(12);
        result["data"]!["refund_amount"]!.GetValue<decimal>().ShouldBe(result["data"]!["pay_amount"]!.GetValue<decimal>());
        (await _server.BalanceAsync(_user.AccountId)).ShouldBe((100m, 0m));
    }

    /// <summary>
    /// Mirrors the Java payments library XPayLabs (<c>yan253319066/XPayLabs-java</c>,
    /// <c>XPayLabs-core/src/main/java/com/yan/xpay/utils/FeeeUtil.java</c>; hutool <c>HttpRequest</c>,
    /// headers <c>User-Agent: XPayLabs</c>, <c>key</c>, <c>Content-Type: application/json</c> on every
    /// call, GETs included): <c>leaseEnergy</c>, <c>price</c>, <c>accountInfo</c>
    /// and <c>estimateEnergy</c> (<c>getLong("energy_used")</c> of <c>data</c>).
    /// </summary>
    [Fact]
    public async Task Java_payments_library_estimates_leases_prices_and_reads_the_account()
    {
        var estimate = await JavaAsync(HttpMethod.Get, $"/open/v2/order/estimate_energy?from_address={Sender}&to_address={Recipient}", "");
        estimate["data"]!["energy_used"]!.GetValue<long>().ShouldBe(64_285);

        var lease = await JavaAsync(HttpMethod.Post, "/open/v2/order/submit",
            $$"""{"resource_type":1,"receive_address":"{{Receiver}}","resource_value":32000,"rent_duration":1,"rent_time_unit":"h"}""");
        lease["code"]!.GetValue<int>().ShouldBe(0, lease.ToJsonString());

        var price = await JavaAsync(HttpMethod.Get, "/open/v2/order/price?resource_value=32000&rent_time_unit=h&rent_duration=1", "");
        price["data"]!["pay_amount"]!.GetValue<double>().ShouldBe(4.24);

        // accountInfo: getStr on trx_money, trx_address (the account's bound wallet to it), recharge_address.
        var data = (await JavaAsync(HttpMethod.Get, "/open/v2/api/query", ""))["data"]!.AsObject();
        data["trx_money"]!.ToJsonString().ShouldBe("95.76");
        data.ContainsKey("trx_address").ShouldBeTrue();
        data.ContainsKey("recharge_address").ShouldBeTrue();
    }

    /// <summary>
    /// Mirrors a Python back-end's <c>TronEnergyService</c> (httpx; headers <c>Content-Type:
    /// application/json</c>, <c>key</c>, <c>User-Agent: python-httpx</c>): <c>_rent_energy</c> turns its
    /// rental length into <c>rent_duration</c> + <c>rent_time_unit</c> and sends <c>rent_time_second</c>
    /// beside them (10 min: 10 m 600; 1 h: 1 h 3600; 2 h: 2 h 7200; 5 h: 5 h 18000) and requires
    /// <c>code == 0</c>; <c>get_feee_balance</c> reads <c>data.trx_money</c>; <c>estimate_fee</c> GETs
    /// estimate_energy with <c>params</c> from, contract (USDT), to and headers <c>key</c> and <c>User-Agent</c> only,
    /// and on HTTP 200 and code 0 reads <c>data.energy_used</c> and <c>data.fee</c> (TRX).
    /// </summary>
    [Theory]
    [InlineData(10, "m", 600)]
    [InlineData(1, "h", 3600)]
    [InlineData(2, "h", 7200)]
    [InlineData(5, "h", 18000)]
    public async Task Python_backend_rents_with_rent_time_second_beside_the_duration(int duration, string unit, int seconds)
    {
        var answer = await HttpxAsync(HttpMethod.Post, "/open/v2/order/submit",
            $$"""{"resource_type": 1, "receive_address": "{{Receiver}}", "resource_value": 85000, "rent_duration": {{duration}}, "rent_time_unit": "{{unit}}", "rent_time_second": {{seconds}}}""");
        answer["code"]!.GetValue<int>().ShouldBe(0, answer.ToJsonString());
        Guid.TryParse(answer["request_id"]!.GetValue<string>(), out _).ShouldBeTrue();
        answer["data"]!["rent_time_second"]!.GetValue<long>().ShouldBe(seconds);

        var balance = await HttpxAsync(HttpMethod.Get, "/open/v2/api/query");
        balance["code"]!.GetValue<int>().ShouldBe(0);
        decimal.Parse(balance["data"]!["trx_money"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThan(100m);

        var estimating = new HttpRequestMessage(HttpMethod.Get, $"/open/v2/order/estimate_energy?from_address={Sender}&contract_address={Receiver}&to_address={Recipient}");
        estimating.Headers.Add("User-Agent", "python-httpx");
        var estimate = await SendAsync(estimating);
        estimate["code"]!.GetValue<int>().ShouldBe(0, estimate.ToJsonString());
        estimate["data"]!["energy_used"]!.GetValue<int>().ShouldBe(64_285);
        estimate["data"]!["fee"]!.GetValue<double>().ShouldBe(6.4285, "64285 energy burns 6.4285 TRX at 100 sun");
    }

    /// <summary>
    /// Mirrors a JavaScript helper's <c>rentTronEnergy</c> (axios; headers <c>Accept</c> and
    /// <c>Content-Type: application/json</c>, <c>User-Agent: sovra-bot</c>, <c>key</c>): a one-hour rental of
    /// at least 32000 energy, then <c>data.code</c>, <c>data.data.pay_amount</c>, <c>data.data.order_no</c>.
    /// </summary>
    [Fact]
    public async Task JavaScript_helper_rents_an_hour_and_reads_cost_and_number()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/open/v2/order/submit")
        {
            Content = new StringContent($$"""{"resource_type":1,"receive_address":"{{Receiver}}","resource_value":65000,"rent_duration":1,"rent_time_unit":"h"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("User-Agent", "sovra-bot");
        var data = await SendAsync(request);
        data["code"]!.GetValue<int>().ShouldBe(0);
        data["data"]!["pay_amount"]!.GetValue<decimal>().ShouldBe(8.035m, "65000 × 115 sun + 0.56");
        data["data"]!["order_no"]!.GetValue<string>().Length.ShouldBe(22);
    }

    private Task<JsonNode> RelayerPostAsync(HttpMethod method, string path) => SendAsync(new HttpRequestMessage(method, path));

    /// <summary>hutool sends its Content-Type header on GETs too; an empty body carries it here.</summary>
    private Task<JsonNode> JavaAsync(HttpMethod method, string path, string body)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("User-Agent", "XPayLabs");
        return SendAsync(request);
    }

    private Task<JsonNode> HttpxAsync(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body ?? "", Encoding.UTF8, "application/json") };
        request.Headers.Add("User-Agent", "python-httpx");
        return SendAsync(request);
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _user.Http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return await ServerFixture.Json(response);
        }
    }
}
