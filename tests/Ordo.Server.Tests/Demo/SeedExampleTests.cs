using System.Net;
using System.Text.Json.Nodes;

using Ordo.Server.Demo;
using Ordo.Server.Tronify;

namespace Ordo.Server.Tests.Demo;

/// <summary>
/// The platforms' own cancel-page examples, replayed as written against a fresh <c>--demo</c> server
/// (only the host and the credentials changed): the answers carry exactly the fields and JSON types of
/// the pages' response examples. The expected documents are the pages' examples, verbatim.
/// </summary>
public sealed class SeedExampleTests : IAsyncLifetime
{
    private const string FeeeResponseExample = """
        {"code": 0, "msg": "ok", "request_id": "a16a9bf9-34e8-4e23-8432-46861e46c66b",
         "data": {"order_no": "2408228772142551040100", "order_type": 0, "resource_type": 1,
          "receive_address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "price_in_sun": 105, "freeze_time": 0,
          "create_time": 1724318708, "resource_value": 32000, "frozen_resource_value": 0, "rent_duration": 10,
          "rent_time_unit": "m", "rent_time_second": 600, "rent_expire_time": 0, "frozen_tx_id": "",
          "pay_time": 1724318708, "pay_amount": 3.92, "refund_amount": 3.92, "refund_time": 1724319451,
          "is_split": 0, "is_lock": 1, "lock_period": 200, "status": 12, "business_status": 4},
         "pagination": null}
        """;

    private const string TronifyResponseExample = """
        {"resCode": 100, "resMsg": "Success",
         "data": {"flag": "098AB187330265CD4EC4126E1F0661C6", "orderId": "2ombu8zk_3jet_0mle_g7id_2mi3gnl6fk4y", "sourceFlag": "tronLink"}}
        """;

    private const string TanxResponseExample = """
        {"status": "success", "message": "Order is successfully queued for cancellation",
         "payload": {"id": 25768879, "uuid": "17be02d1-34ef-49df-9b92-264705047d99", "side": "buy", "ord_type": "limit",
          "price": "68733.81", "stop_price": null, "avg_price": "68733.81", "state": "wait", "market": "btcusdc",
          "created_at": "2024-05-31T09:02:00+02:00", "updated_at": "2024-05-31T09:02:03+02:00", "origin_volume": "0.0425",
          "remaining_volume": "0.0335", "executed_volume": "0.009000000000000001", "maker_fee": "0.0004", "taker_fee": "0.0004",
          "trades_count": 2, "cancel_reason": null}}
        """;

    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(new ServerOptions { Demo = true, SweepInterval = TimeSpan.FromHours(1) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Feee_cancel_example_runs_as_written()
    {
        using var http = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/open/v2/order/cancel")
        {
            Content = ServerFixture.Body("""
                {
                "order_no": "2304170329503866885309"
                }
                """),
        };
        request.Headers.Add("key", DemoData.FeeeKey);
        request.Headers.TryAddWithoutValidation("User-Agent", "Feee.io Client/1.0.0 (https://feee.io)");
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await ServerFixture.Json(response);
        var example = JsonNode.Parse(FeeeResponseExample)!;

        JsonShape.Of(answer).ShouldBe(JsonShape.Of(example));
        foreach (var field in new[] { "order_type", "resource_type", "receive_address", "price_in_sun", "resource_value", "rent_duration", "rent_time_unit", "rent_time_second", "pay_amount", "refund_amount", "is_split", "is_lock", "lock_period", "status", "business_status", "frozen_tx_id", "freeze_time" })
        {
            answer["data"]![field]!.ToJsonString().ShouldBe(example["data"]![field]!.ToJsonString(), field);
        }

        answer["data"]!["order_no"]!.GetValue<string>().ShouldBe("2304170329503866885309");
        Guid.TryParse(answer["request_id"]!.GetValue<string>(), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Tanx_cancel_example_runs_as_written_after_a_wallet_login()
    {
        using var http = _server.Client();
        var (access, _) = await Tanx.TanxUser.LoginAsync(http, DemoData.TanxPrivateKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sapi/v1/orders/cancel/") { Content = ServerFixture.Body("{\n  \"order_id\": 3\n}") };
        request.Headers.TryAddWithoutValidation("Authorization", $"JWT {access}");
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await ServerFixture.Json(response);
        var example = JsonNode.Parse(TanxResponseExample)!;

        // The page shows the order while its cancel is still queued (cancel_reason null); Ordo answers
        // once the book has let it go, so the reason is set: a string where the page has its null.
        answer["payload"]!["cancel_reason"]!.GetValue<string>().ShouldBe("Order cancelled by user");
        var withoutReason = JsonNode.Parse(answer.ToJsonString())!;
        withoutReason["payload"]!["cancel_reason"] = null;

        // tanX's Node SDK reads the cancelled order as order_id: Ordo adds it beside the page's id.
        answer["payload"]!["order_id"]!.GetValue<long>().ShouldBe(answer["payload"]!["id"]!.GetValue<long>());
        withoutReason["payload"]!.AsObject().Remove("order_id");
        JsonShape.Of(withoutReason).ShouldBe(JsonShape.Of(example));
        foreach (var field in new[] { "side", "ord_type", "price", "avg_price", "market", "origin_volume", "remaining_volume", "maker_fee", "taker_fee" })
        {
            answer["payload"]![field]!.ToJsonString().ShouldBe(example["payload"]![field]!.ToJsonString(), field);
        }

        answer["payload"]!["id"]!.GetValue<long>().ShouldBe(3);
        answer["payload"]!["executed_volume"]!.GetValue<string>().ShouldBe("0.009", "exact, without the page's float artefact");
        answer["payload"]!["state"]!.GetValue<string>().ShouldBe("cancel");
    }

    [Fact]
    public async Task Tronify_cancel_example_runs_as_written_with_the_flag_signed()
    {
        // The page's JavaScript example: orderId and sourceFlag as written, flag = the MD5 of the recipe.
        var flag = TronifyFlag.Compute($"orderId=mt1wxcl1_dplo_r0qp_5bho_w5an5hev6d70&sourceFlag=tronLink", DemoData.TronifySecret);
        using var http = _server.Client();
        using var response = await http.PostAsync(
            "/api/tronRent/cancelOrder",
            ServerFixture.Body($$"""{"orderId": "mt1wxcl1_dplo_r0qp_5bho_w5an5hev6d70", "flag": "{{flag}}", "sourceFlag": "tronLink"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await ServerFixture.Json(response);

        JsonShape.Of(answer).ShouldBe(JsonShape.Of(JsonNode.Parse(TronifyResponseExample)));
        answer["resCode"]!.GetValue<int>().ShouldBe(100);
        answer["data"]!["orderId"]!.GetValue<string>().ShouldBe("mt1wxcl1_dplo_r0qp_5bho_w5an5hev6d70");
        answer["data"]!["flag"]!.GetValue<string>().ShouldBe(flag);
    }
}
