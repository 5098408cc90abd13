using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Fungies;

/// <summary>A store: an account with a native key to place orders, a write pair and a read-only pair of Fungies keys.</summary>
public sealed record FungiesStore(Tenant Native, HttpClient Write, HttpClient Read, HttpClient PublicOnly)
{
    public static async Task<FungiesStore> CreateAsync(ServerFixture server)
    {
        var native = await server.TenantAsync();
        using var admin = server.Admin();
        async Task<HttpClient> Pair(string access, bool withSecret)
        {
            var pair = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{native.AccountId}/credentials", new { dialect = "fungies", access }));
            var http = server.Client();
            http.DefaultRequestHeaders.Add("x-fngs-public-key", pair["public_key"]!.GetValue<string>());
            if (withSecret)
            {
                http.DefaultRequestHeaders.Add("x-fngs-secret-key", pair["secret_key"]!.GetValue<string>());
            }

            return http;
        }

        return new FungiesStore(native, await Pair("write", true), await Pair("read", true), await Pair("write", false));
    }

    /// <summary>A purchase placed through the native API; returns its number.</summary>
    public async Task<string> PlaceAsync(string amount = "19.99", string currency = "USD", string customerId = "user-1", string customerName = "Ada Lovelace")
    {
        var order = await Native.PlaceAsync($$$"""{"kind":"purchase","currency":"{{{currency}}}","amount":"{{{amount}}}","items":2,"country":"DE","customer":{"id":"{{{customerId}}}","name":"{{{customerName}}}","email":"ada@example.com"}}""");
        return order["number"]!.GetValue<string>();
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> Send(HttpClient http, HttpMethod method, string path, string? body = "{}")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = ServerFixture.Body(body);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await ServerFixture.Json(response));
    }

    public Task<(HttpStatusCode Status, JsonNode Body)> CancelAsync(string reference, HttpClient? http = null) =>
        Send(http ?? Write, HttpMethod.Patch, $"/v0/orders/{Uri.EscapeDataString(reference)}/cancel");

    public Task<(HttpStatusCode Status, JsonNode Body)> UpdateAsync(string reference, string body) =>
        Send(Write, HttpMethod.Patch, $"/v0/orders/{Uri.EscapeDataString(reference)}/update", body);
}
