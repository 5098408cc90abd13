using System.Net;

namespace Ordo.Server.Tests.Feee;

/// <summary>Every Feee endpoint answers bad input with HTTP 200, code 10002 naming the field, and writes nothing.</summary>
public sealed class FeeeBadInputTests : IAsyncLifetime
{
    private const string Address = "\"receive_address\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\"";
    private ServerFixture _server = null!;
    private FeeeUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _user = await _server.FeeeUserAsync(trx: 1000m);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string?, string> Cases() => new()
    {
        { "POST", "/open/v2/order/submit", "{oops", "body" },
        { "POST", "/open/v2/order/submit", "[1,2]", "body" },
        { "POST", "/open/v2/order/submit", "", "receive_address" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":0,{{Address}},"resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""", "resource_type" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":"1",{{Address}},"resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""", "resource_type" },
        { "POST", "/open/v2/order/submit", """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u","resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""", "receive_address" },
        { "POST", "/open/v2/order/submit", """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6","resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""", "receive_address" },
        { "POST", "/open/v2/order/submit", """{"resource_type":1,"receive_address":"AR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""", "receive_address" },
        { "POST", "/open/v2/order/submit", """{"resource_type":1,"receive_address":42,"resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""", "receive_address" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":31999,"rent_duration":10,"rent_time_unit":"m"}""", "resource_value" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000.5,"rent_duration":10,"rent_time_unit":"m"}""", "resource_value" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":1e40,"rent_duration":10,"rent_time_unit":"m"}""", "resource_value" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":"lots","rent_duration":10,"rent_time_unit":"m"}""", "resource_value" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_time_unit":"m"}""", "rent_duration" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_duration":10}""", "rent_time_unit" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_duration":5,"rent_time_unit":"m"}""", "rent_duration" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_duration":2,"rent_time_unit":"h"}""", "rent_duration" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_duration":31,"rent_time_unit":"d"}""", "rent_duration" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_duration":1,"rent_time_unit":"w"}""", "rent_time_unit" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_time_second":597}""", "rent_time_second" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_time_second":601}""", "rent_time_second" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_time_second":-3}""", "rent_time_second" },
        { "POST", "/open/v2/order/submit", $$"""{"resource_type":1,{{Address}},"resource_value":32000,"rent_time_second":99999999}""", "rent_time_second" },
        { "POST", "/open/v2/order/submit", "{\"pad\":\"" + new string('x', 70 * 1024) + "\"}", "body" },
        { "GET", "/open/v2/order/query", null, "order_no" },
        { "GET", "/open/v2/order/query?order_no=abc", null, "order_no" },
        { "GET", "/open/v2/order/query?order_no=230417032950386688530", null, "order_no" },
        { "GET", "/open/v2/order/query?order_no=" + new string('9', 80), null, "order_no" },
        { "POST", "/open/v2/order/cancel", "{}", "order_no" },
        { "POST", "/open/v2/order/cancel", """{"order_no":2304170329503866885309}""", "order_no" },
        { "POST", "/open/v2/order/cancel", """{"order_no":"ORD-00000001"}""", "order_no" },
        { "POST", "/open/v2/order/cancel", "{\"order_no\":", "body" },
        { "GET", "/open/v2/order/price", null, "resource_value" },
        { "GET", "/open/v2/order/price?resource_value=abc&rent_duration=10&rent_time_unit=m", null, "resource_value" },
        { "GET", "/open/v2/order/price?resource_value=32000&rent_duration=10&rent_time_unit=y", null, "rent_time_unit" },
        { "GET", "/open/v2/order/price?resource_value=32000&rent_time_second=700", null, "rent_time_second" },
        { "GET", "/open/v2/order/nothing", null, "/open/v2/order/nothing" },
        { "GET", "/open/v2/order/cancel", null, "GET /open/v2/order/cancel" },
        { "DELETE", "/open/v2/order/submit", null, "DELETE /open/v2/order/submit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_10002_naming_the_field_and_writes_nothing(string method, string path, string? body, string field)
    {
        var before = await _server.SnapshotAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = ServerFixture.Body(body);
        }

        using var response = await _user.Http.SendAsync(request);
        var json = await ServerFixture.Json(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, json.ToJsonString());
        json["code"]!.GetValue<int>().ShouldBe(10002, json.ToJsonString());
        json["msg"]!.GetValue<string>().ShouldContain(field);
        json["request_id"]!.GetValue<string>().ShouldBe(response.Headers.GetValues("X-Request-Id").Single());
        json["data"].ShouldBeNull();
        json.AsObject().Select(p => p.Key).ShouldBe(["code", "msg", "request_id", "data", "pagination"]);
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Over_the_rate_limit_gets_10029_with_retry_after()
    {
        await using var server = await ServerFixture.StartAsync(new ServerOptions { RateLimitPerSecond = 1, RateLimitBurst = 3, SweepInterval = TimeSpan.FromHours(1) });
        var user = await server.FeeeUserAsync(); // three admin calls: within the admin key's own burst
        var codes = new List<int>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await user.Http.GetAsync("/open/v2/api/query");
            var code = (await ServerFixture.Json(response))["code"]!.GetValue<int>();
            codes.Add(code);
            if (code == 10029)
            {
                limited = response;
            }
        }

        codes.ShouldContain(10029);
        limited!.StatusCode.ShouldBe(HttpStatusCode.OK);
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies.Kinds), MemberType = typeof(UnreadableBodies))]
    public async Task A_body_no_reader_can_take_gets_10002_naming_the_body(string kind)
    {
        var before = await _server.SnapshotAsync();
        var valid = $$"""{{{Address}},"resource_type":1,"resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""";
        var (status, json, requestId) = await UnreadableBodies.SendAsync(_user.Http, HttpMethod.Post, "/open/v2/order/submit", UnreadableBodies.Make(kind, valid));
        status.ShouldBe(HttpStatusCode.OK, kind);
        json["code"]!.GetValue<int>().ShouldBe(10002, json.ToJsonString());
        json["msg"]!.GetValue<string>().ShouldContain("body");
        json["request_id"]!.GetValue<string>().ShouldBe(requestId);
        (await _server.SnapshotAsync()).ShouldBe(before, kind);
    }
}
