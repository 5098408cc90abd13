using System.Net;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Tronify;

/// <summary>Every Tronify endpoint answers bad input with HTTP 200, resCode 101 naming the field, and writes nothing.</summary>
public sealed class TronifyBadInputTests : IAsyncLifetime
{
    private const string Order = "aaaaaaaa_bbbb_cccc_dddd_eeeeeeeeeeee";
    private const string A = Orders.Address;
    private ServerFixture _server = null!;
    private TronifyUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _user = await _server.TronifyUserAsync(trx: 1000m);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Rent(string change) =>
        "{" + string.Join(",", new Dictionary<string, string>
        {
            ["fromAddress"] = $"\"{A}\"",
            ["pledgeAddress"] = $"\"{A}\"",
            ["pledgeNum"] = "32000",
            ["pledgeDay"] = "1",
            ["pledgeHour"] = "0",
            ["pledgeMinute"] = "0",
            ["orderType"] = "\"ENERGY\"",
            ["orderPrice"] = "\"60\"",
            ["tradeType"] = "\"freedom\"",
        }.Select(p => change.StartsWith(p.Key + "=", StringComparison.Ordinal) ? $"\"{p.Key}\":{change[(p.Key.Length + 1)..]}" : $"\"{p.Key}\":{p.Value}")
         .Where(p => !p.EndsWith(":-", StringComparison.Ordinal))) + "}";

    /// <summary>Signed cases: the body is valid JSON; the channel signs it, so the parameter check is what refuses it.</summary>
    public static TheoryData<string, string, string> SignedCases() => new()
    {
        { "addTronRentRecord", Rent("fromAddress=-"), "fromAddress" },
        { "addTronRentRecord", Rent("fromAddress=\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u\""), "fromAddress" },
        { "addTronRentRecord", Rent("pledgeAddress=\"T123\""), "pledgeAddress" },
        { "addTronRentRecord", Rent("pledgeAddress=42"), "pledgeAddress" },
        { "addTronRentRecord", Rent("pledgeNum=-"), "pledgeNum" },
        { "addTronRentRecord", Rent("pledgeNum=\"many\""), "pledgeNum" },
        { "addTronRentRecord", Rent("pledgeNum=32000.5"), "pledgeNum" },
        { "addTronRentRecord", Rent("pledgeNum=1e30"), "pledgeNum" },
        { "addTronRentRecord", Rent("pledgeNum=100000001"), "pledgeNum" },
        { "addTronRentRecord", Rent("pledgeDay=31"), "pledgeDay" },
        { "addTronRentRecord", Rent("pledgeDay=0"), "pledgeDay" },
        { "addTronRentRecord", Rent("pledgeHour=2"), "pledgeHour" },
        { "addTronRentRecord", Rent("pledgeMinute=5"), "pledgeMinute" },
        { "addTronRentRecord", Rent("orderType=\"BANDWIDTH\""), "orderType" },
        { "addTronRentRecord", Rent("orderPrice=\"30\""), "orderPrice" },
        { "addTronRentRecord", Rent("orderPrice=\"cheap\""), "orderPrice" },
        { "addTronRentRecord", Rent("orderPrice=-"), "orderPrice" },
        { "addTronRentRecord", Rent("orderPrice=\"1000.5\""), "orderPrice" },
        { "addTronRentRecord", Rent("tradeType=\"haggle\""), "tradeType" },
        { "cancelOrder", "{}", "orderId" },
        { "cancelOrder", """{"orderId":"ORD-00000001"}""", "orderId" },
        { "cancelOrder", """{"orderId":12}""", "orderId" },
        { "cancelOrder", """{"orderId":"AAAAAAAA_bbbb_cccc_dddd_eeeeeeeeeeee"}""", "orderId" },
        { "addTronSale", $$"""{"saleAddress":"{{A}}","buyPledgeNum":1,"payTrxAddress":"{{A}}"}""", "relateOrderId" },
        { "addTronSale", $$"""{"relateOrderId":"{{Order}}","saleAddress":"nope","buyPledgeNum":1,"payTrxAddress":"{{A}}"}""", "saleAddress" },
        { "addTronSale", $$"""{"relateOrderId":"{{Order}}","saleAddress":"{{A}}","buyPledgeNum":0,"payTrxAddress":"{{A}}"}""", "buyPledgeNum" },
        { "addTronSale", $$"""{"relateOrderId":"{{Order}}","saleAddress":"{{A}}","buyPledgeNum":"x","payTrxAddress":"{{A}}"}""", "buyPledgeNum" },
        { "addTronSale", $$"""{"relateOrderId":"{{Order}}","saleAddress":"{{A}}","buyPledgeNum":5}""", "payTrxAddress" },
        { "pledgeConfig", "{}", "address" },
        { "pledgeConfig", """{"address":"TXYZ"}""", "address" },
        { "mypayorder", "{}", "fromAddress" },
        { "mypayorder", $$"""{"fromAddress":"{{A}}","page":0}""", "page" },
        { "mypayorder", $$"""{"fromAddress":"{{A}}","pageSize":1000}""", "pageSize" },
        { "mypayorder", $$"""{"fromAddress":"{{A}}","page":"first"}""", "page" },
        { "trades", """{"sort":"4"}""", "sort" },
        { "trades", """{"sort":"price"}""", "sort" },
        { "trades", """{"pageSize":-1}""", "pageSize" },
    };

    [Theory]
    [MemberData(nameof(SignedCases))]
    public async Task Bad_parameters_get_101_naming_the_field_and_write_nothing(string method, string body, string field)
    {
        var before = await _server.SnapshotAsync();
        var answer = await _user.CallAsync(method, JsonNode.Parse(body)!.AsObject());
        Refused(answer, field);
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    public static TheoryData<string, string, string> RawCases() => new()
    {
        { "cancelOrder", "{oops", "body" },
        { "cancelOrder", "", "body" },
        { "cancelOrder", "\"text\"", "body" },
        { "cancelOrder", $$"""{"orderId":"{{Order}}"}""", "sourceFlag" },
        { "cancelOrder", $$"""{"orderId":"{{Order}}","sourceFlag":42,"flag":"x"}""", "sourceFlag" },
        { "addTronRentRecord", "{\"pad\":\"" + new string('x', 70 * 1024) + "\"}", "body" },
        { "trades", "[]", "body" },
        { "nothing", "{}", "/api/tronRent/nothing" },
    };

    [Theory]
    [MemberData(nameof(RawCases))]
    public async Task Unreadable_bodies_get_101_naming_what_is_wrong(string method, string body, string field)
    {
        var before = await _server.SnapshotAsync();
        Refused(await _user.RawAsync(method, body), field);
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_missing_flag_on_a_changing_call_is_named()
    {
        var answer = await _user.CallAsync("addTronRentRecord", JsonNode.Parse(Rent("pledgeDay=1"))!.AsObject(), sign: false);
        Refused(answer, "flag");
    }

    [Fact]
    public async Task A_get_is_answered_in_the_envelope()
    {
        using var response = await _user.Http.GetAsync("/api/tronRent/cancelOrder");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Refused(await ServerFixture.Json(response), "POST");
    }

    [Fact]
    public async Task Over_the_rate_limit_gets_129_with_retry_after()
    {
        await using var server = await ServerFixture.StartAsync(new ServerOptions { RateLimitPerSecond = 1, RateLimitBurst = 3, SweepInterval = TimeSpan.FromHours(1) });
        var user = await server.TronifyUserAsync(trx: 0m);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6 && limited is null; i++)
        {
            var response = await user.Http.PostAsync("/api/tronRent/trades", ServerFixture.Body($$"""{"sourceFlag":"{{user.SourceFlag}}"}"""));
            if ((await ServerFixture.Json(response))["resCode"]!.GetValue<int>() == 129)
            {
                limited = response;
            }
        }

        limited.ShouldNotBeNull();
        limited.StatusCode.ShouldBe(HttpStatusCode.OK);
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    private static void Refused(JsonNode answer, string field)
    {
        answer["resCode"]!.GetValue<int>().ShouldBe(101, answer.ToJsonString());
        answer["resMsg"]!.GetValue<string>().ShouldContain(field);
        answer["data"].ShouldBeNull();
        answer.AsObject().Select(p => p.Key).ShouldBe(["resCode", "resMsg", "data"]);
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies.Kinds), MemberType = typeof(UnreadableBodies))]
    public async Task A_body_no_reader_can_take_gets_101_naming_the_body(string kind)
    {
        var before = await _server.SnapshotAsync();
        var valid = $$"""{"sourceFlag":"{{_user.SourceFlag}}","fromAddress":"{{A}}","pledgeAddress":"{{A}}","pledgeNum":32000,"pledgeDay":1,"orderType":"ENERGY","orderPrice":"60"}""";
        var (status, json, _) = await UnreadableBodies.SendAsync(_user.Http, HttpMethod.Post, "/api/tronRent/addTronRentRecord", UnreadableBodies.Make(kind, valid));
        status.ShouldBe(HttpStatusCode.OK, kind);
        Refused(json, "body");
        (await _server.SnapshotAsync()).ShouldBe(before, kind);
    }
}
