using System.Net;

namespace Ordo.Server.Tests.Tanx;

/// <summary>Every tanX endpoint answers bad input with 400 in tanX's envelope, naming the field, and writes nothing.</summary>
public sealed class TanxBadInputTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private TanxUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        await _server.MarketAsync();
        _user = await TanxUser.CreateAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string?, string> Cases() => new()
    {
        { "POST", "/sapi/v1/orders/create/", "{oops", "body" },
        { "POST", "/sapi/v1/orders/create/", "[]", "body" },
        { "POST", "/sapi/v1/orders/create/", "{\"pad\":\"" + new string('x', 70 * 1024) + "\"}", "body" },
        { "POST", "/sapi/v1/orders/create/", """{"side":"buy","ord_type":"limit","price":"1","volume":"1"}""", "market" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"dogeusdc","side":"buy","ord_type":"limit","price":"1","volume":"1"}""", "market" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"long","ord_type":"limit","price":"1","volume":"1"}""", "side" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"stop","price":"1","volume":"1"}""", "ord_type" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","volume":"1"}""", "price" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"-5","volume":"1"}""", "price" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"abc","volume":"1"}""", "price" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"1.001","volume":"1"}""", "Maximum decimals allowed for price is 2 in btcusdc market" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"1","volume":"0.00001"}""", "Maximum decimals allowed for volume is 4 in btcusdc market" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"1","volume":"0"}""", "volume" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"1","volume":"1e400"}""", "volume" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"1","volume":[1]}""", "volume" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"99999999999999","volume":"1"}""", "price" },
        { "POST", "/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"100000","volume":"1000"}""", "Insufficient balance" },
        { "POST", "/sapi/v1/orders/cancel/", "{}", "order_id" },
        { "POST", "/sapi/v1/orders/cancel/", """{"order_id":"three"}""", "order_id" },
        { "POST", "/sapi/v1/orders/cancel/", """{"order_id":-3}""", "order_id" },
        { "POST", "/sapi/v1/orders/cancel/", """{"order_id":3.5}""", "order_id" },
        { "POST", "/sapi/v1/orders/cancel/", "not json", "body" },
        { "GET", "/sapi/v1/orders/abc/", null, "id" },
        { "GET", "/sapi/v1/orders/?limit=0", null, "limit" },
        { "GET", "/sapi/v1/orders/?limit=501", null, "limit" },
        { "GET", "/sapi/v1/orders/?page=zero", null, "page" },
        { "GET", "/sapi/v1/orders/?state=open", null, "state" },
        { "GET", "/sapi/v1/orders/?side=both", null, "side" },
        { "GET", "/sapi/v1/orders/?ord_type=stop", null, "ord_type" },
        { "GET", "/sapi/v1/orders/?start_time=yesterday", null, "start_time" },
        { "GET", "/sapi/v1/trades/?limit=1000", null, "limit" },
        { "POST", "/sapi/v1/user/bulkcancel/", "{}", "market" },
        { "POST", "/sapi/v1/user/bulkcancel/", """{"market":"btcusdc","side":"up"}""", "side" },
        { "POST", "/sapi/v1/user/bulkcancel/", """{"market":"btcusdc","limit":0}""", "limit" },
        { "POST", "/sapi/v1/user/bulkcancel/", """{"market":"nope"}""", "market" },
        { "POST", "/sapi/v1/auth/nonce/", "{}", "eth_address" },
        { "POST", "/sapi/v1/auth/nonce/", """{"eth_address":"0x1234"}""", "eth_address" },
        { "POST", "/sapi/v1/auth/login/", """{"eth_address":"0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"}""", "user_signature" },
        { "POST", "/sapi/v1/auth/token/refresh/", "{}", "refresh" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_400_naming_the_field_and_writes_nothing(string method, string path, string? body, string field)
    {
        var before = await _server.SnapshotAsync();
        var (status, answer) = await TanxUser.Send(_user.Http, new HttpMethod(method), path, body);
        status.ShouldBe(HttpStatusCode.BadRequest, answer.ToJsonString());
        answer["status"]!.GetValue<string>().ShouldBe("error");
        answer["message"]!.GetValue<string>().ShouldContain(field);
        answer["payload"]!.GetValue<string>().ShouldBe("");
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    /// <summary>Forms are read because tanX's Python SDK refreshes with one; a bad one is a 400 like a bad JSON body.</summary>
    [Theory]
    [InlineData("refresh=", "refresh")]
    [InlineData("%zz=%zz&&&===", "refresh")]
    [InlineData("refresh=abc", "Given token not valid")]
    public async Task A_bad_form_gets_the_envelope_naming_the_problem(string form, string message)
    {
        foreach (var body in new[] { form, new string('k', 100) + "=1", string.Join('&', Enumerable.Range(0, 20).Select(i => $"f{i}=1")) })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await _user.Http.PostAsync("/sapi/v1/auth/token/refresh/", content);
            var answer = await ServerFixture.Json(response);
            ((int)response.StatusCode).ShouldBeInRange(400, 401, answer.ToJsonString());
            answer["status"]!.GetValue<string>().ShouldBe("error");
            answer["message"]!.GetValue<string>().ShouldContain(body == form ? message : "body");
        }
    }

    [Fact]
    public async Task Unknown_paths_answer_404_in_the_envelope()
    {
        var (status, answer) = await TanxUser.Send(_user.Http, HttpMethod.Get, "/sapi/v1/nothing/", null);
        status.ShouldBe(HttpStatusCode.NotFound);
        answer["status"]!.GetValue<string>().ShouldBe("error");
    }

    [Fact]
    public async Task Over_the_rate_limit_gets_429_with_retry_after()
    {
        await using var server = await ServerFixture.StartAsync(new ServerOptions { RateLimitPerSecond = 1, RateLimitBurst = 20, SweepInterval = TimeSpan.FromHours(1) });
        var user = await TanxUser.CreateAsync(server);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 30 && limited is null; i++)
        {
            var response = await user.Http.GetAsync("/sapi/v1/orders/");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        limited.ShouldNotBeNull();
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await ServerFixture.Json(limited))["status"]!.GetValue<string>().ShouldBe("error");
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies.Kinds), MemberType = typeof(UnreadableBodies))]
    public async Task A_body_no_reader_can_take_gets_400_naming_the_body(string kind)
    {
        var before = await _server.SnapshotAsync();
        foreach (var (path, valid) in new[]
        {
            ("/sapi/v1/auth/login/", $$"""{"eth_address":"{{_user.Address}}","user_signature":"0x{{new string('a', 130)}}"}"""),
            ("/sapi/v1/orders/create/", """{"market":"btcusdc","side":"buy","ord_type":"limit","price":"100","volume":"0.001"}"""),
        })
        {
            var (status, answer, _) = await UnreadableBodies.SendAsync(_user.Http, HttpMethod.Post, path, UnreadableBodies.Make(kind, valid));
            status.ShouldBe(HttpStatusCode.BadRequest, $"{kind} {path}: {answer.ToJsonString()}");
            answer["status"]!.GetValue<string>().ShouldBe("error");
            answer["message"]!.GetValue<string>().ShouldContain("body");
        }

        (await _server.SnapshotAsync()).ShouldBe(before, kind);
    }
}
