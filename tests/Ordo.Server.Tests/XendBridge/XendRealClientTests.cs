using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.XendBridge;

/// <summary>
/// XendBridge integrations found in public code, replayed request for request (paths as they spell
/// them, headers, bodies), reading the answers as they read them. Neither is on a package registry.
/// </summary>
public sealed class XendRealClientTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private string _secretKey = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(XendProviders.Options());
        await _server.TenantAsync("fills:write");
        var party = await XendThirdParty.CreateAsync(_server);
        _secretKey = party.Http.DefaultRequestHeaders.GetValues("secretKey").Single();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// Mirrors a Node/Express back-end's buy handler (public code: <c>exports.buy</c>, axios to
    /// <c>https://canary.xendbridge.com/api/peertopeerorder/buy/initiate</c> with header <c>secretKey</c>,
    /// then a Mongoose <c>Transaction</c> built from <c>response.data.data</c>). It dereferences
    /// <c>providerContact</c>, <c>customerContact</c> and <c>providerPaymentMethods</c>, so any of them
    /// missing crashed it.
    /// </summary>
    [Fact]
    public async Task Node_backend_buy_stores_every_field_it_reads()
    {
        // axios posts the Express request body as JSON; the path is lower case, as the client writes it.
        var body = new JsonObject
        {
            ["emailAddress"] = "eve@example.com",
            ["phoneNumber"] = "08030000000",
            ["userName"] = "eve",
            ["payInCurrencyCode"] = "NGN",
            ["payInCurrencyNetwork"] = "LOCAL",
            ["receiveInCurrencyCode"] = "USDT",
            ["receiveInCurrencyNetwork"] = "BSC",
            ["orderAmount"] = 32000,
            ["consumerDepositMethod"] = new JsonObject { ["paymentMethod"] = "BankTransfer", ["paymentData"] = new JsonObject { ["accountName"] = "Eve", ["accountNumber"] = "0011223344", ["bankName"] = "Eve Bank" } },
            ["consumerReceiptMethod"] = new JsonObject { ["paymentMethod"] = "Crypto", ["paymentData"] = new JsonObject { ["walletAddress"] = "0xeve", ["network"] = "BSC" } },
        };
        var (status, response) = await SendAsync(HttpMethod.Post, "/api/peertopeerorder/buy/initiate", body.ToJsonString(), "application/json");
        status.ShouldBe(HttpStatusCode.OK, response.ToJsonString());

        var resp = response["data"]!.AsObject();
        foreach (var field in new[]
        {
            "orderReference", "receiveInCurrencyCode", "payInCurrencyCode", "receivableAmount", "payableAmount", "providerFirstName",
            "providerLastName", "providerEmail", "initiatedAt", "orderExpiryDate", "initiatedAtTimeStamp", "orderExpiryTimeStamp",
            "fundProviderAtTimeStamp", "fundCustomerAtTimeStamp", "orderCompletedAtTimeStamp", "p2POrderStatus", "disputeStatus", "orderType",
            "providerContact", "customerContact", "providerPaymentMethods", "consumerDepositMethod", "consumerReceiptMethod", "providerTransactionMetadata",
        })
        {
            resp.ContainsKey(field).ShouldBeTrue(field);
        }

        resp["providerContact"]!["phoneNumber"]!.GetValue<string>().ShouldBe("+2348011111111");
        resp["providerContact"]!["whatsappNumber"]!.GetValue<string>().ShouldBe("+2348022222222");
        resp["customerContact"]!["email"]!.GetValue<string>().ShouldBe("eve@example.com");
        resp["customerContact"]!["name"]!.GetValue<string>().ShouldBe("eve");
        resp["customerContact"]!["phoneNumber"]!.GetValue<string>().ShouldBe("08030000000");
        resp["providerPaymentMethods"]!["paymentMethod"]!.GetValue<string>().ShouldBe("BankTransfer");
        resp["providerPaymentMethods"]!["paymentType"]!.GetValue<string>().ShouldBe("Fiat");
        resp["providerPaymentMethods"]!["paymentData"]!.AsArray().Count.ShouldBe(5);
        resp["providerPaymentMethods"]!["orderPaymentMethod"]!["accountNumber"]!.GetValue<string>().ShouldBe("0123456789");
        resp["initiatedAtTimeStamp"]!.GetValue<long>().ShouldBe(_server.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        resp["orderExpiryTimeStamp"]!.GetValue<long>().ShouldBe(_server.Clock.GetUtcNow().AddMinutes(15).ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Mirrors a NestJS service (<c>XendBridgeService</c>: an <c>Axios</c> instance with headers
    /// <c>secretKey</c> and <c>Content-Type: application/json</c>, bodies sent as <c>JSON.stringify</c>,
    /// answers read with <c>JSON.parse(res.data)</c>) and its DTOs, which type
    /// <c>providerPaymentMethods.orderPaymentMethod</c> as a bank (<c>XB_Bank</c>) for a buy and a wallet
    /// (<c>Xb_Wallet</c>) for a sell: buy, pending, cancel; then sell, pending, confirm.
    /// </summary>
    [Fact]
    public async Task NestJS_service_buys_cancels_sells_and_confirms()
    {
        const string email = "frank@example.com";
        var buy = $$$$$"""{"emailAddress":"{{{{{email}}}}}","phoneNumber":"07064366723","userName":"Frank Ade","payInCurrencyCode":"NGN","payInCurrencyNetwork":"LOCAL","receiveInCurrencyCode":"USDT","receiveInCurrencyNetwork":"POLYGON","orderAmount":16000,"consumerDepositMethod":{"paymentMethod":"BankTransfer","paymentData":{"accountName":"Frank Ade","accountNumber":"0099887766","bankName":"Frank Bank"}},"consumerReceiptMethod":{"paymentMethod":"Crypto","paymentData":{"walletAddress":"0xfrank","network":"POLYGON"}}}""";
        var (_, bought) = await SendAsync(HttpMethod.Post, "/api/peertopeerorder/buy/initiate", buy, "application/json");
        var data = bought["data"]!;
        data["payableAmount"]!.GetValue<decimal>().ShouldBe(16000m);
        Math.Floor(data["receivableAmount"]!.GetValue<decimal>()).ShouldBe(10m);
        var reference = data["orderReference"]!.GetValue<string>();

        var (_, pending) = await SendAsync(HttpMethod.Get, $"/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress={email}", null, "application/json");
        var orderResponse = pending["data"]!["orderResponse"]!;
        orderResponse["orderType"]!.GetValue<string>().ShouldBe("Buy");
        var bank = orderResponse["providerPaymentMethods"]!["orderPaymentMethod"]!;
        bank["bankName"]!.GetValue<string>().ShouldBe("First Test Bank");
        bank["accountName"]!.GetValue<string>().ShouldBe("Ada Okafor");
        bank["currency"]!.GetValue<string>().ShouldBe("NGN");
        orderResponse["providerPaymentMethods"]!["paymentData"]!.AsArray().ShouldNotBeEmpty();

        var (_, cancelled) = await SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/ThirdParty/Order/Cancel", $$"""{"emailAddress":"{{email}}","orderReference":"{{reference}}"}""", "application/json");
        cancelled["data"]!.GetValue<bool>().ShouldBeTrue();

        var sell = $$$$$"""{"emailAddress":"{{{{{email}}}}}","phoneNumber":"07064366723","userName":"Frank Ade","payInCurrencyCode":"USDT","payInCurrencyNetwork":"POLYGON","receiveInCurrencyCode":"NGN","receiveInCurrencyNetwork":"LOCAL","orderAmount":10,"consumerDepositMethod":{"paymentMethod":"Crypto","paymentData":{"walletAddress":"0xfrank","network":"POLYGON"}},"consumerReceiptMethod":{"paymentMethod":"BankTransfer","paymentData":{"accountName":"Frank Ade","accountNumber":"0099887766","bankName":"Frank Bank"}}}""";
        var (_, sold) = await SendAsync(HttpMethod.Post, "/api/peertopeerorder/sell/initiate", sell, "application/json");
        sold["data"]!["receivableAmount"]!.GetValue<decimal>().ShouldBe(16000m);
        sold["data"]!["payableAmount"]!.GetValue<decimal>().ShouldBe(10m);
        var sale = sold["data"]!["orderReference"]!.GetValue<string>();

        (_, pending) = await SendAsync(HttpMethod.Get, $"/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress={email}", null, "application/json");
        orderResponse = pending["data"]!["orderResponse"]!;
        orderResponse["orderType"]!.GetValue<string>().ShouldBe("Sell");
        var wallet = orderResponse["providerPaymentMethods"]!["orderPaymentMethod"]!;
        wallet["walletAddress"]!.GetValue<string>().ShouldBe(XendProviders.PolygonWallet);
        wallet["network"]!.GetValue<string>().ShouldBe("POLYGON");
        wallet["currency"]!.GetValue<string>().ShouldBe("USDT");

        var (_, confirmed) = await SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/ThirdParty/Order/Confirm", $$"""{"emailAddress":"{{email}}","orderReference":"{{sale}}","transactionHash":"0xpaid"}""", "application/json");
        confirmed["data"]!.GetValue<bool>().ShouldBeTrue();
        confirmed["message"]!.GetValue<string>().ShouldBe("Payment Updated Successfully");
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, string? body, string contentType)
    {
        using var http = _server.Client();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("secretKey", _secretKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(contentType);
        }

        using var response = await http.SendAsync(request);
        var answer = await ServerFixture.Json(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        return (response.StatusCode, answer);
    }
}
