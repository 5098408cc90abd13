using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Tanx.Clients;

/// <summary>
/// A request as an SDK's HTTP library frames it: its own User-Agent and Accept, <c>Authorization:
/// JWT ...</c> once logged in, and a JSON body (or a form, for requests' <c>data=</c>) only when it
/// sends one. Bodies are written out literally in each test, as the SDK serialises them.
/// </summary>
public sealed class SdkWire(HttpClient http, string userAgent, string? accept)
{
    public string? Jwt { get; set; }

    public string? Refresh { get; set; }

    public Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string pathAndQuery, string? json = null) => SendAsync(HttpMethod.Get, pathAndQuery, json);

    public Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public async Task<(HttpStatusCode Status, JsonNode Body)> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var request = Request(HttpMethod.Post, path);
        request.Content = new FormUrlEncodedContent(form);
        return await ReadAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string pathAndQuery, string? json)
    {
        using var request = Request(method, pathAndQuery);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await ReadAsync(request);
    }

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (Jwt is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("JWT", Jwt);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> ReadAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return (response.StatusCode, await ServerFixture.Json(response));
    }
}
