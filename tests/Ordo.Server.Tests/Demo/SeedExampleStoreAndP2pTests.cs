using System.Net;

using Ordo.Server.Demo;

namespace Ordo.Server.Tests.Demo;

/// <summary>Fungies' and XendBridge's cancel-page examples, replayed as written against a fresh <c>--demo</c> server.</summary>
public sealed class SeedExampleStoreAndP2pTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(new ServerOptions { Demo = true, SweepInterval = TimeSpan.FromHours(1) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Fungies_cancel_example_runs_as_written()
    {
        // The page's cURL example, with {orderIdOrNumber} the demo's pending order.
        using var http = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v0/orders/{DemoData.FungiesOrderNumber}/cancel") { Content = ServerFixture.Body("{}") };
        request.Headers.Add("x-fngs-public-key", DemoData.FungiesPublicKey);
        request.Headers.Add("x-fngs-secret-key", DemoData.FungiesSecretKey);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await ServerFixture.Json(response);

        // The page documents its response field by field (it has no example document): these names and types.
        const string documented = "{data:{order:{country:string,createdAt:number,currency:string,currencyDecimals:number,fee:number,id:string," +
            "number:string,object:string,orderNumber:string,status:string,tax:number,totalItems:number,user:{id:string,object:string,username:string}," +
            "userId:string,value:number}},status:string}";
        JsonShape.Of(answer).ShouldBe(documented);
        answer["status"]!.GetValue<string>().ShouldBe("success");
        var order = answer["data"]!["order"]!;
        order["status"]!.GetValue<string>().ShouldBe("CANCELLED");
        order["object"]!.GetValue<string>().ShouldBe("order");
        order["user"]!["object"]!.GetValue<string>().ShouldBe("user");
        order["number"]!.GetValue<string>().ShouldBe(order["orderNumber"]!.GetValue<string>());
        order["value"]!.GetValue<long>().ShouldBe(1999);
        Guid.TryParse(order["id"]!.GetValue<string>(), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task XendBridge_cancel_example_runs_as_written()
    {
        using var http = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/PeerToPeerOrder/ThirdParty/Order/Cancel")
        {
            Content = ServerFixture.Body($$"""{"emailAddress": "{{DemoData.XendCustomer}}", "orderReference": "{{DemoData.XendOrderReference}}"}"""),
        };
        request.Headers.Add("secretKey", DemoData.XendSecretKey);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ServerFixture.Json(response)).ToJsonString().ShouldBe("""{"data":true,"status":"OK","message":""}""");
    }
}
