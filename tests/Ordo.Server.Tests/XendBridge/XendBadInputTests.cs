using System.Net;

namespace Ordo.Server.Tests.XendBridge;

/// <summary>Every XendBridge endpoint answers bad input with 400 "BadRequest" in its envelope, naming the field, and writes nothing.</summary>
public sealed class XendBadInputTests : IAsyncLifetime
{
    private const string Ref = "XB_0877e5692ee946f491bafab275d3d522";
    private ServerFixture _server = null!;
    private XendThirdParty _party = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _party = await XendThirdParty.CreateAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Initiate(string field, string? value)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(XendThirdParty.Initiation("x@example.com"))!.AsObject();
        if (value is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        }

        return body.ToJsonString();
    }

    public static TheoryData<string, string, string?, string> Cases() => new()
    {
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", "{oops", "body" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", "[]", "body" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", "{\"pad\":\"" + new string('x', 70 * 1024) + "\"}", "body" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("emailAddress", null), "emailAddress" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("emailAddress", "\"not-an-email\""), "emailAddress" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("phoneNumber", null), "phoneNumber" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("userName", "42"), "userName" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("payInCurrencyCode", "\"naira\""), "payInCurrencyCode" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("payInCurrencyNetwork", null), "payInCurrencyNetwork" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("receiveInCurrencyCode", null), "receiveInCurrencyCode" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("receiveInCurrencyCode", "\"DOGE\""), "DOGE" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("orderAmount", "0"), "orderAmount" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("orderAmount", "\"much\""), "orderAmount" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("orderAmount", "1e40"), "orderAmount" },
        { "POST", "/api/PeerToPeerOrder/Buy/Initiate", Initiate("consumerDepositMethod", "\"bank\""), "consumerDepositMethod" },
        { "POST", "/api/PeerToPeerOrder/Sell/Initiate", Initiate("consumerReceiptMethod", "[1]"), "consumerReceiptMethod" },
        { "GET", "/api/PeerToPeerOrder/ThirdParty/PendingOrder", null, "emailAddress" },
        { "GET", "/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=nope", null, "emailAddress" },
        { "POST", "/api/PeerToPeerOrder/ThirdParty/Order/Confirm", $$"""{"emailAddress":"x@example.com","orderReference":"{{Ref}}"}""", "transactionHash" },
        { "POST", "/api/PeerToPeerOrder/ThirdParty/Order/Confirm", """{"emailAddress":"x@example.com","orderReference":"ORD-1","transactionHash":"0x1"}""", "orderReference" },
        { "POST", "/api/PeerToPeerOrder/ThirdParty/Order/Cancel", $$"""{"orderReference":"{{Ref}}"}""", "emailAddress" },
        { "POST", "/api/PeerToPeerOrder/ThirdParty/Order/Cancel", """{"emailAddress":"x@example.com"}""", "orderReference" },
        { "POST", "/api/PeerToPeerOrder/ThirdParty/Order/Cancel", """{"emailAddress":"x@example.com","orderReference":"XB_0877E5692EE946F491BAFAB275D3D522"}""", "orderReference" },
        { "POST", "/api/PeerToPeerOrder/ThirdParty/Order/Cancel", "not json", "body" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_400_naming_the_field_and_writes_nothing(string method, string path, string? body, string field)
    {
        var before = await _server.SnapshotAsync();
        var (status, answer) = await _party.SendAsync(new HttpMethod(method), path, body);
        status.ShouldBe(HttpStatusCode.BadRequest, answer.ToJsonString());
        answer["status"]!.GetValue<string>().ShouldBe("BadRequest");
        answer["message"]!.GetValue<string>().ShouldContain(field);
        answer["data"].ShouldBeNull();
        (await _server.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task No_key_or_an_unknown_key_is_401_in_the_envelope()
    {
        foreach (var key in new[] { null, "", "wrong" })
        {
            using var http = _server.Client();
            if (key is not null)
            {
                http.DefaultRequestHeaders.Add("secretKey", key);
            }

            var (status, answer) = await new XendThirdParty(0, http).CancelAsync("x@example.com", Ref);
            status.ShouldBe(HttpStatusCode.Unauthorized);
            answer["status"]!.GetValue<string>().ShouldBe("Unauthorized");
        }
    }

    [Fact]
    public async Task Unknown_routes_answer_in_the_envelope_and_the_rate_limit_is_429()
    {
        var (missing, answer) = await _party.SendAsync(HttpMethod.Get, "/api/PeerToPeerOrder/Nothing");
        missing.ShouldBe(HttpStatusCode.NotFound);
        answer["status"]!.GetValue<string>().ShouldBe("NotFound");

        await using var server = await ServerFixture.StartAsync(new ServerOptions { RateLimitPerSecond = 1, RateLimitBurst = 3, SweepInterval = TimeSpan.FromHours(1) });
        var party = await XendThirdParty.CreateAsync(server);
        var statuses = new List<string>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await party.Http.GetAsync("/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress=a@example.com");
            statuses.Add((await ServerFixture.Json(response))["status"]!.GetValue<string>());
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        limited.ShouldNotBeNull();
        statuses[^1].ShouldBe("TooManyRequests");
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies.Kinds), MemberType = typeof(UnreadableBodies))]
    public async Task A_body_no_reader_can_take_gets_400_naming_the_body(string kind)
    {
        var before = await _server.SnapshotAsync();
        var (status, answer, _) = await UnreadableBodies.SendAsync(
            _party.Http, HttpMethod.Post, "/api/PeerToPeerOrder/Buy/Initiate", UnreadableBodies.Make(kind, XendThirdParty.Initiation("buyer@example.com")));
        status.ShouldBe(HttpStatusCode.BadRequest, kind);
        answer["status"]!.GetValue<string>().ShouldBe("BadRequest");
        answer["message"]!.GetValue<string>().ShouldContain("body");
        answer["data"].ShouldBeNull();
        (await _server.SnapshotAsync()).ShouldBe(before, kind);
    }
}
