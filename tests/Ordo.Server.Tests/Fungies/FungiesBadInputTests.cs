using System.Net;

namespace Ordo.Server.Tests.Fungies;

/// <summary>Every Fungies endpoint answers bad input with 400 in Fungies' error envelope, naming the field, and writes nothing.</summary>
public sealed class FungiesBadInputTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private FungiesStore _store = null!;
    private string _number = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _store = await FungiesStore.CreateAsync(_server);
        _number = await _store.PlaceAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string?, string> Cases() => new()
    {
        { "GET", "/v0/orders/list?take=0", null, "take" },
        { "GET", "/v0/orders/list?take=101", null, "take" },
        { "GET", "/v0/orders/list?skip=-1", null, "skip" },
        { "GET", "/v0/orders/list?skip=many", null, "skip" },
        { "GET", "/v0/orders/list?orderDirection=UP", null, "orderDirection" },
        { "GET", "/v0/orders/list?returnCount=yes", null, "returnCount" },
        { "GET", "/v0/orders/list?statuses[]=SHIPPED", null, "statuses" },
        { "GET", "/v0/orders/list?statuses=PAID,SHIPPED", null, "statuses" },
        { "GET", "/v0/orders/list?statuses=PAID,", null, "statuses" },
        { "GET", "/v0/orders/list?statuses=paid", null, "statuses" },
        { "GET", "/v0/orders/bad-number!", null, "orderIdOrNumber" },
        { "GET", "/v0/orders/TOOLONGNUMBER1", null, "orderIdOrNumber" },
        { "PATCH", "/v0/orders/{n}/cancel", "{oops", "body" },
        { "PATCH", "/v0/orders/{n}/cancel", "[1]", "body" },
        { "PATCH", "/v0/orders/lower-case/cancel", "{}", "orderIdOrNumber" },
        { "PATCH", "/v0/orders/{n}/update", """{"status":"SHIPPED"}""", "status" },
        { "PATCH", "/v0/orders/{n}/update", """{"status":"EXPIRED"}""", "status" },
        { "PATCH", "/v0/orders/{n}/update", """{"status":"PENDING"}""", "status" },
        { "PATCH", "/v0/orders/{n}/update", """{"value":"lots"}""", "value" },
        { "PATCH", "/v0/orders/{n}/update", """{"value":-1}""", "value" },
        { "PATCH", "/v0/orders/{n}/update", """{"value":12.5}""", "value" },
        { "PATCH", "/v0/orders/{n}/update", """{"value":9007199254740992}""", "value" },
        { "PATCH", "/v0/orders/{n}/update", """{"fee":true}""", "fee" },
        { "PATCH", "/v0/orders/{n}/update", """{"tax":[1]}""", "tax" },
        { "PATCH", "/v0/orders/{n}/update", """{"currency":"XXX"}""", "currency" },
        { "PATCH", "/v0/orders/{n}/update", """{"currency":"usd"}""", "currency" },
        { "PATCH", "/v0/orders/{n}/update", "{\"pad\":\"" + new string('x', 70 * 1024) + "\"}", "body" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_400_naming_the_field_and_writes_nothing(string method, string path, string? body, string field)
    {
        var before = await _server.SnapshotAsync();
        var (status, answer) = await FungiesStore.Send(_store.Write, new HttpMethod(method), path.Replace("{n}", _number, StringComparison.Ordinal), body);
        status.ShouldBe(HttpStatusCode.BadRequest, answer.ToJsonString());
        answer["status"]!.GetValue<string>().ShouldBe("error");
        answer["error"]!["message"]!.GetValue<string>().ShouldContain(field);
        answer.AsObject().Select(p => p.Key).ShouldBe(["status", "error"]);
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_in_the_envelope()
    {
        var (status, answer) = await FungiesStore.Send(_store.Write, HttpMethod.Delete, $"/v0/orders/{_number}/cancel", null);
        status.ShouldBe(HttpStatusCode.NotFound);
        answer["status"]!.GetValue<string>().ShouldBe("error");
    }

    [Fact]
    public async Task Over_the_rate_limit_gets_429_with_retry_after()
    {
        await using var server = await ServerFixture.StartAsync(new ServerOptions { RateLimitPerSecond = 1, RateLimitBurst = 8, SweepInterval = TimeSpan.FromHours(1) });
        var store = await FungiesStore.CreateAsync(server); // five admin calls, within the admin key's burst
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await store.Read.GetAsync("/v0/orders/list");
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        limited.ShouldNotBeNull();
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await ServerFixture.Json(limited))["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies.Kinds), MemberType = typeof(UnreadableBodies))]
    public async Task A_body_no_reader_can_take_gets_400_naming_the_body(string kind)
    {
        var before = await _server.SnapshotAsync();
        var (status, answer, _) = await UnreadableBodies.SendAsync(
            _store.Write, HttpMethod.Patch, $"/v0/orders/{_number}/update", UnreadableBodies.Make(kind, """{"currency":"EUR","value":1999}"""));
        status.ShouldBe(HttpStatusCode.BadRequest, kind);
        answer["status"]!.GetValue<string>().ShouldBe("error");
        answer["error"]!["message"]!.GetValue<string>().ShouldContain("body");
        (await _server.SnapshotAsync()).ShouldBe(before, kind);
    }
}
