using System.Net;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests;

/// <summary>Request bodies and small helpers shared by the HTTP tests.</summary>
public static class Orders
{
    public const string Address = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    public static string Rental(decimal quantity = 1000, string price = "0.01", string? clientOrderId = null) =>
        $$"""{"kind":"rental","quantity":"{{quantity}}","price":"{{price}}","duration_seconds":3600,"receive_address":"{{Address}}"{{(clientOrderId is null ? "" : $",\"client_order_id\":\"{clientOrderId}\"")}}}""";

    public const string P2p = """{"kind":"p2p","side":"buy","pay_currency":"NGN","receive_currency":"USDT","amount":"5000","customer_email":"buyer@example.com"}""";

    public static async Task<JsonNode> PlaceAsync(this Tenant tenant, string body)
    {
        var response = await tenant.Http.PostAsync("/v1/orders", ServerFixture.Body(body));
        var json = await ServerFixture.Json(response);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(this HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = ServerFixture.Body(body);
        }

        var response = await http.SendAsync(request);
        return (response.StatusCode, await ServerFixture.Json(response));
    }

    public static Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(this HttpClient http, string path, string? body = null) =>
        http.SendAsync(HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonNode Body)> GetJsonAsync(this HttpClient http, string path) =>
        http.SendAsync(HttpMethod.Get, path);

    public static decimal Dec(this JsonNode? node) => decimal.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A problem body without its request id, to compare two answers byte for byte.</summary>
    public static string WithoutRequestId(this JsonNode problem)
    {
        var copy = JsonNode.Parse(problem.ToJsonString())!.AsObject();
        copy.Remove("request_id");
        return copy.ToJsonString();
    }
}
