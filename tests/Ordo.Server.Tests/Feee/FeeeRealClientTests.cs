using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Feee;

/// <summary>
/// Feee integrations found in public code, replayed request for request (paths, methods, headers,
/// bodies, query strings as their source writes them) and read as they read the answers. None is on
/// a package registry. They also call <c>GET /open/v2/order/estimate_energy</c>, which Ordo does not
/// offer (it needs a TRON node to simulate the transfer); where a client needs its answer, the test
/// says so and starts after it.
/// </summary>
public sealed class FeeeRealClientTests : IAsyncLifetime
{
    private const string Receiver = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    private ServerFixture _server = null!;
    private FeeeUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _user = await _server.FeeeUserAsync(trx: 100m);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// Mirrors a Python relayer's <c>rent_energy</c> (aiohttp; <c>session.headers["key"]</c>; every call
    /// a <c>session.post(url)</c> with the parameters in the query string and no body): balance check,
    /// [estimate_energy: its <c>data.energy_used</c> is needed, so this starts after it], submit, poll
    /// <c>order/query</c> every 3 s reading <c>data.business_status</c>, and after 101 polls (303 s)
    /// cancel. Two versions of the file: one submits <c>rent_time_second=600</c>, the older one sends no
    /// <c>resource_type</c> and <c>rent_duration=10&amp;rent_time_unit=m</c>.
    /// </summary>
    [Theory]
    [InlineData($"resource_type=1&receive_address={Receiver}&resource_value=64285&rent_time_second=600")]
    [InlineData($"receive_address={Receiver}&resource_value=64285&rent_duration=10&rent_time_unit=m")]
    public async Task Python_relayer_rents_polls_then_cancels_with_the_order_number_in_the_query_string(string submit)
    {
        var account = await RelayerPostAsync(HttpMethod.Get, "/open/v2/api/query");
        (account["data"]!["trx_money"]!.GetValue<decimal>() < 20).ShouldBeFalse();

        var result = await RelayerPostAsync(HttpMethod.Post, $"/open/v2/order/submit?{submit}");
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
    /// (<c>estimateEnergy</c> aside).
    /// </summary>
    [Fact]
    public async Task Java_payments_library_leases_prices_and_reads_the_account()
    {
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
    /// <c>code == 0</c>; <c>get_feee_balance</c> reads <c>data.trx_money</c>; <c>estimate_fee</c> calls
    /// estimate_energy and takes a non-zero code as "no estimate".
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

        var estimate = await HttpxAsync(HttpMethod.Get, $"/open/v2/order/estimate_energy?from_address={Receiver}&contract_address={Receiver}&to_address={Receiver}");
        estimate["code"]!.GetValue<int>().ShouldNotBe(0, "not offered: the client then goes without an estimate");
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
