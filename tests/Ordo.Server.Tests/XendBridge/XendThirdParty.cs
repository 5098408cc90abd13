using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.XendBridge;

/// <summary>A XendBridge third party: an account and its <c>secretKey</c>.</summary>
public sealed record XendThirdParty(long AccountId, HttpClient Http)
{
    public static async Task<XendThirdParty> CreateAsync(ServerFixture server)
    {
        var id = await server.AccountAsync(trx: 0m);
        using var admin = server.Admin();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "xendbridge" }));
        var http = server.Client();
        http.DefaultRequestHeaders.Add("secretKey", credential["secret_key"]!.GetValue<string>());
        return new XendThirdParty(id, http);
    }

    public static string Initiation(string email, string amount = "16000", string pay = "NGN", string receive = "USDT") =>
        $$$"""{"emailAddress":"{{{email}}}","phoneNumber":"+2348012345678","userName":"buyer","payInCurrencyCode":"{{{pay}}}","payInCurrencyNetwork":"LOCAL","receiveInCurrencyCode":"{{{receive}}}","receiveInCurrencyNetwork":"BSC","orderAmount":{{{amount}}},"consumerDepositMethod":{"paymentMethod":"BankTransfer"},"consumerReceiptMethod":{"walletAddress":"0xabc"}}""";

    public async Task<string> BuyAsync(string email)
    {
        var (status, answer) = await SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Buy/Initiate", Initiation(email));
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        return answer["data"]!["orderReference"]!.GetValue<string>();
    }

    public Task<(HttpStatusCode Status, JsonNode Body)> CancelAsync(string email, string reference) =>
        SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/ThirdParty/Order/Cancel", $$"""{"emailAddress":"{{email}}","orderReference":"{{reference}}"}""");

    public Task<(HttpStatusCode Status, JsonNode Body)> ConfirmAsync(string email, string reference) =>
        SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/ThirdParty/Order/Confirm", $$"""{"emailAddress":"{{email}}","orderReference":"{{reference}}","transactionHash":"0xfeed"}""");

    public async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = ServerFixture.Body(body);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await ServerFixture.Json(response));
    }
}
