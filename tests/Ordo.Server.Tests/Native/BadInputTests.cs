using System.Net;
using System.Text;

using Ordo.Core.Store;
using Ordo.Store.Sqlite;

namespace Ordo.Server.Tests.Native;

/// <summary>
/// Bad input gets a 4xx problem naming the field, never a 500, and writes nothing: the order count,
/// ledger and balances are compared before and after every case.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private Tenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _tenant = await _server.TenantAsync("orders:read,orders:write,fills:write", ("TRX", 100m));
        await _tenant.PlaceAsync(Orders.Rental());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> PlaceCases() => new()
    {
        { "malformed JSON", """{"kind":"rental",""", "body" },
        { "not an object", """[1,2,3]""", "body" },
        { "empty body", "", "body" },
        { "missing kind", """{"quantity":"1"}""", "kind" },
        { "unknown kind", """{"kind":"futures"}""", "kind" },
        { "kind of the wrong type", """{"kind":7}""", "kind" },
        { "quantity as an object", Orders.Rental().Replace("\"quantity\":\"1000\"", "\"quantity\":{}"), "quantity" },
        { "quantity not a number", Orders.Rental().Replace("\"1000\"", "\"lots\""), "quantity" },
        { "negative quantity", Orders.Rental().Replace("\"1000\"", "\"-5\""), "quantity" },
        { "zero price", Orders.Rental(price: "0"), "price" },
        { "absurd price", Orders.Rental(price: "1e40"), "price" },
        { "absurd number", Orders.Rental().Replace("\"1000\"", "123456789012345678901234567890"), "quantity" },
        { "too many decimals", Orders.Rental(price: "0.0000000000000000000001"), "price" },
        { "fractional energy", Orders.Rental().Replace("\"1000\"", "\"10.5\""), "quantity" },
        { "bad TRON address", Orders.Rental().Replace(Orders.Address, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u"), "receive_address" },
        { "duration as a string", Orders.Rental().Replace("3600", "\"an hour\""), "duration_seconds" },
        { "unknown resource", Orders.Rental().Replace("\"kind\":\"rental\"", "\"kind\":\"rental\",\"resource\":\"bandwidth\""), "resource" },
        { "p2p bad email", Orders.P2p.Replace("buyer@example.com", "not-an-email"), "customer_email" },
        { "p2p unknown side", Orders.P2p.Replace("\"buy\"", "\"hold\""), "side" },
        { "purchase bad currency", """{"kind":"purchase","currency":"usd","amount":"5","items":1}""", "currency" },
        { "purchase zero items", """{"kind":"purchase","currency":"USD","amount":"5","items":0}""", "items" },
        { "purchase customer not an object", """{"kind":"purchase","currency":"USD","amount":"5","items":1,"customer":"bob"}""", "customer" },
        { "purchase customer bad email", """{"kind":"purchase","currency":"USD","amount":"5","items":1,"customer":{"email":"x"}}""", "customer.email" },
        { "limit unknown market", """{"kind":"limit","market":"nomarket","side":"buy","price":"1","quantity":"1"}""", "market" },
        { "limit unknown type", """{"kind":"limit","market":"btcusdc","side":"buy","type":"stop","price":"1","quantity":"1"}""", "type" },
        { "client order id too long", Orders.Rental(clientOrderId: new string('c', 65)), "client_order_id" },
    };

    [Theory]
    [MemberData(nameof(PlaceCases))]
    public async Task A_bad_place_names_the_field_and_writes_nothing(string why, string body, string field)
    {
        var before = await _server.SnapshotAsync();
        var (status, problem) = await _tenant.Http.PostAsync("/v1/orders", body);
        ((int)status).ShouldBe(400, why);
        problem["code"]!.GetValue<string>().ShouldBe("invalid_request");
        problem["errors"]![field].ShouldNotBeNull($"{why}: {problem.ToJsonString()}");
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        (await _server.SnapshotAsync()).ShouldBe(before, why);
    }

    public static TheoryData<string, string, string?, string> OtherCases() => new()
    {
        { "POST", "/v1/orders/1/cancel", """{"reason":42}""", "reason" },
        { "POST", "/v1/orders/1/cancel", "{oops", "body" },
        { "POST", "/v1/orders/cancel", """{"side":"both"}""", "side" },
        { "POST", "/v1/orders/cancel", """{"ids":["one"]}""", "ids" },
        { "POST", "/v1/orders/1/fills", """{"quantity":"1","stage":"completed"}""", "stage" },
        { "POST", "/v1/orders/1/fills", """{}""", "quantity" },
        { "POST", "/v1/orders/1/fills", """{"stage":"teleported"}""", "stage" },
        { "POST", "/v1/orders/1/fills", """{"quantity":"-1"}""", "quantity" },
        { "GET", "/v1/orders?limit=0", null, "limit" },
        { "GET", "/v1/orders?limit=501", null, "limit" },
        { "GET", "/v1/orders?state=done", null, "state" },
        { "GET", "/v1/orders?cursor=garbage", null, "cursor" },
        { "GET", "/v1/orders?created_from=yesterday", null, "created_from" },
        { "GET", "/v1/orders/" + new string('x', 129), null, "ref" },
    };

    [Theory]
    [MemberData(nameof(OtherCases))]
    public async Task Other_bad_requests_name_the_field_and_write_nothing(string method, string path, string? body, string field)
    {
        var before = await _server.SnapshotAsync();
        var (status, problem) = await _tenant.Http.SendAsync(new HttpMethod(method), path, body);
        ((int)status).ShouldBe(400, path);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    public static TheoryData<string, string, string> AdminCases() => new()
    {
        { "/v1/accounts", """{"email":"a@b.co"}""", "name" },
        { "/v1/accounts", """{"name":"x","email":"nope"}""", "email" },
        { "/v1/accounts/100/credentials", """{"dialect":"carrier-pigeon"}""", "dialect" },
        { "/v1/accounts/100/credentials", """{"dialect":"native","scopes":["everything"]}""", "scopes" },
        { "/v1/accounts/100/deposits", """{"asset":"trx","amount":"5","external_id":"d"}""", "asset" },
        { "/v1/accounts/100/deposits", """{"asset":"TRX","amount":"-5","external_id":"d"}""", "amount" },
        { "/v1/accounts/100/deposits", """{"asset":"TRX","amount":"5"}""", "external_id" },
    };

    [Theory]
    [MemberData(nameof(AdminCases))]
    public async Task Bad_admin_requests_name_the_field_and_write_nothing(string path, string body, string field)
    {
        using var admin = _server.Admin();
        var before = await _server.SnapshotAsync();
        var (status, problem) = await admin.PostAsync(path, body);
        ((int)status).ShouldBe(400, path);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_bad_market_definition_names_the_field()
    {
        using var admin = _server.Admin();
        var (status, problem) = await admin.SendAsync(HttpMethod.Put, "/v1/markets/btcusdc",
            """{"base":"BTC","quote":"USDC","price_precision":99,"volume_precision":4,"min_volume":"0.0001","maker_fee":"0","taker_fee":"0"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        problem["errors"]!["price_precision"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_one_megabyte_body_is_refused_with_a_problem()
    {
        var before = await _server.SnapshotAsync();
        var huge = "{\"kind\":\"rental\",\"pad\":\"" + new string('x', 1024 * 1024) + "\"}";
        var response = await _tenant.Http.PostAsync("/v1/orders", new StringContent(huge, Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await ServerFixture.Json(response))["errors"]!["body"].ShouldNotBeNull();
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_large_body_without_a_length_is_cut_off_too()
    {
        var huge = "{\"kind\":\"rental\",\"pad\":\"" + new string('x', 200 * 1024) + "\"}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await _tenant.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var order = await _tenant.PlaceAsync(Orders.Rental().Replace("\"kind\":\"rental\"", "\"kind\":\"rental\",\"colour\":\"blue\""));
        order["state"]!.GetValue<string>().ShouldBe("open");
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies.Kinds), MemberType = typeof(UnreadableBodies))]
    public async Task A_body_no_reader_can_take_is_a_400_problem_naming_the_body(string kind)
    {
        var before = await _server.SnapshotAsync();
        var (status, problem, requestId) = await UnreadableBodies.SendAsync(_tenant.Http, HttpMethod.Post, "/v1/orders", UnreadableBodies.Make(kind, Orders.Rental()));
        ((int)status).ShouldBe(400, kind);
        problem["code"]!.GetValue<string>().ShouldBe("invalid_request");
        problem["errors"]!["body"].ShouldNotBeNull(problem.ToJsonString());
        problem["request_id"]!.GetValue<string>().ShouldBe(requestId);
        (await _server.SnapshotAsync()).ShouldBe(before, kind);
    }

    [Theory]
    [InlineData("/v1/accounts/1.5")]
    [InlineData("/v1/orders/1/events.json")]
    [InlineData("/v1/nothing.php")]
    public async Task A_file_like_path_under_v1_is_a_404_problem(string path)
    {
        using var response = await _server.Admin().GetAsync(path);
        var problem = await ServerFixture.Json(response);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem["code"]!.GetValue<string>().ShouldBe("not_found");
        problem["request_id"]!.GetValue<string>().ShouldBe(response.Headers.GetValues("X-Request-Id").Single());
    }
}
