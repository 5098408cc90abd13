using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Feee;

/// <summary>
/// Feee's parameters from a JSON body, a form body or the query string (the JSON body winning), numbers
/// as text only where text is all the client can send, and bad input in each form: 10002 naming the
/// field, nothing written.
/// </summary>
public sealed class FeeeParametersTests : IAsyncLifetime
{
    private const string Address = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    private const string Form = "application/x-www-form-urlencoded";
    private ServerFixture _server = null!;
    private FeeeUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _user = await _server.FeeeUserAsync(trx: 1000m);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Submit_query_and_cancel_take_their_parameters_from_the_query_string_with_no_body()
    {
        var created = await SendAsync($"/open/v2/order/submit?resource_type=1&receive_address={Address}&resource_value=32000&rent_duration=10&rent_time_unit=m");
        created["code"]!.GetValue<int>().ShouldBe(0, created.ToJsonString());
        var number = created["data"]!["order_no"]!.GetValue<string>();

        var queried = await SendAsync($"/open/v2/order/query?order_no={number}");
        queried["data"]!.ToJsonString().ShouldBe(created["data"]!.ToJsonString());

        _server.Clock.Advance(TimeSpan.FromMinutes(5));
        var cancelled = await SendAsync($"/open/v2/order/cancel?order_no={number}");
        cancelled["code"]!.GetValue<int>().ShouldBe(0, cancelled.ToJsonString());
        cancelled["data"]!["status"]!.GetValue<int>().ShouldBe(12);
        (await _server.BalanceAsync(_user.AccountId)).ShouldBe((1000m, 0m));
    }

    [Fact]
    public async Task A_form_body_is_read_like_the_query_string()
    {
        var created = await SendAsync("/open/v2/order/submit", $"resource_type=1&receive_address={Address}&resource_value=40000&rent_time_second=600", Form);
        created["code"]!.GetValue<int>().ShouldBe(0, created.ToJsonString());
        created["data"]!["resource_value"]!.GetValue<long>().ShouldBe(40000);
        var number = created["data"]!["order_no"]!.GetValue<string>();

        var queried = await SendAsync("/open/v2/order/query", $"order_no={number}", Form);
        queried["data"]!["order_no"]!.GetValue<string>().ShouldBe(number);
    }

    [Fact]
    public async Task The_json_body_wins_over_the_query_string_field_by_field()
    {
        var created = await SendAsync(
            $"/open/v2/order/submit?resource_value=90000&receive_address={Address}",
            """{"resource_type":1,"resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""",
            "application/json");
        created["code"]!.GetValue<int>().ShouldBe(0, created.ToJsonString());
        created["data"]!["resource_value"]!.GetValue<long>().ShouldBe(32000, "the body's value");
        created["data"]!["receive_address"]!.GetValue<string>().ShouldBe(Address, "only the query string had it");
    }

    [Fact]
    public async Task Resource_type_defaults_to_energy_when_not_sent()
    {
        var created = await SendAsync($"/open/v2/order/submit?receive_address={Address}&resource_value=32000&rent_duration=10&rent_time_unit=m");
        created["code"]!.GetValue<int>().ShouldBe(0, created.ToJsonString());
        created["data"]!["resource_type"]!.GetValue<int>().ShouldBe(1);
    }

    public static TheoryData<string, string?, string?, string> BadCases() => new()
    {
        { $"/open/v2/order/submit?resource_type=1&receive_address={Address}&resource_value=abc&rent_duration=10&rent_time_unit=m", null, null, "resource_value" },
        { $"/open/v2/order/submit?resource_type=0&receive_address={Address}&resource_value=32000&rent_duration=10&rent_time_unit=m", null, null, "resource_type" },
        { $"/open/v2/order/submit?resource_type=x&receive_address={Address}&resource_value=32000&rent_duration=10&rent_time_unit=m", null, null, "resource_type" },
        { $"/open/v2/order/submit?receive_address={Address}&resource_value=32000&rent_time_second=601", null, null, "rent_time_second" },
        { $"/open/v2/order/submit?receive_address={Address}&resource_value=32000&rent_time_second=597", null, null, "rent_time_second" },
        { $"/open/v2/order/submit?receive_address={Address}&resource_value=32000&rent_time_second=6e2", null, null, "rent_time_second" },
        { $"/open/v2/order/submit?receive_address=TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u&resource_value=32000&rent_time_second=600", null, null, "receive_address" },
        { "/open/v2/order/submit", $"receive_address={Address}&resource_value=31999&rent_time_second=600", Form, "resource_value" },
        { "/open/v2/order/submit", $"receive_address={Address}&resource_value=32000&rent_duration=2&rent_time_unit=h", Form, "rent_duration" },
        { "/open/v2/order/submit", $"receive_address={Address}&resource_value=32000&rent_duration=10", Form, "rent_time_unit" },
        { "/open/v2/order/submit", "pad=" + new string('x', 70 * 1024), Form, "body" },
        { $"/open/v2/order/submit?resource_value=32000&receive_address={Address}&rent_time_second=600", """{"resource_value":"32000"}""", "application/json", "resource_value" },
        { "/open/v2/order/cancel?order_no=abc", null, null, "order_no" },
        { "/open/v2/order/cancel", "order_no=abc", Form, "order_no" },
        { "/open/v2/order/cancel", "order_no=", Form, "order_no" },
        { "/open/v2/order/cancel?order_no=2611210000000000000001", """{"order_no":"abc"}""", "application/json", "order_no" },
        { "/open/v2/order/cancel?order_no=2611210000000000000001", "{\"order_no\":", "application/json", "body" },
        { "/open/v2/order/cancel?order_no=2611210000000000000001", "order_no=2611210000000000000001", "text/plain", "body" },
        { "/open/v2/order/query", null, null, "order_no" },
        { "/open/v2/order/query", """{"order_no":2611210000000000000001}""", "application/json", "order_no" },
        { "/open/v2/order/query", "order_no=261121", Form, "order_no" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public async Task Bad_input_in_the_query_string_or_a_form_gets_10002_naming_the_field_and_writes_nothing(string path, string? body, string? type, string field)
    {
        var before = await _server.SnapshotAsync();
        var answer = await SendAsync(path, body, type);
        answer["code"]!.GetValue<int>().ShouldBe(10002, answer.ToJsonString());
        answer["msg"]!.GetValue<string>().ShouldContain(field);
        answer["data"].ShouldBeNull();
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_form_body_that_is_not_utf8_is_refused_naming_the_body()
    {
        var before = await _server.SnapshotAsync();
        using var content = new ByteArrayContent([.. "order_no="u8, 0xff, 0xfe]);
        content.Headers.ContentType = new(Form);
        using var response = await _user.Http.PostAsync("/open/v2/order/cancel", content);
        var answer = await ServerFixture.Json(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer["code"]!.GetValue<int>().ShouldBe(10002);
        answer["msg"]!.GetValue<string>().ShouldContain("body");
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    /// <summary>A POST with the body as given, or with no body at all (as aiohttp sends <c>session.post(url)</c>).</summary>
    private async Task<JsonNode> SendAsync(string path, string? body = null, string? type = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(type!);
        }

        using var response = await _user.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await ServerFixture.Json(response);
    }
}
