using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using Ordo.Server.Tanx;

namespace Ordo.Server.Tests.Tanx;

/// <summary>A tanX user: an account, an Ethereum key registered for it, and a client logged in with a JWT.</summary>
public sealed record TanxUser(long AccountId, string Key, string Address, HttpClient Http, string Refresh)
{
    private static int _keys;

    /// <summary>A new private key, in hex.</summary>
    public static string NewKey() =>
        Convert.ToHexStringLower(Ethereum.Keccak256(BitConverter.GetBytes(Interlocked.Increment(ref _keys) + Environment.ProcessId * 1000)));

    public static async Task<TanxUser> CreateAsync(ServerFixture server, decimal usdc = 1_000_000m, decimal btc = 10m)
    {
        var (id, key, address) = await RegisterAsync(server, usdc, btc);
        var http = server.Client();
        var (access, refresh) = await LoginAsync(http, key);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("JWT", access);
        return new TanxUser(id, key, address, http, refresh);
    }

    /// <summary>An account with the deposits and a new Ethereum key registered as its tanX credential, not logged in.</summary>
    public static async Task<(long AccountId, string Key, string Address)> RegisterAsync(ServerFixture server, decimal usdc = 1_000_000m, decimal btc = 10m)
    {
        var id = await server.AccountAsync(trx: 0m);
        using var admin = server.Admin();
        foreach (var (asset, amount) in new[] { ("USDC", usdc), ("BTC", btc) })
        {
            if (amount > 0)
            {
                (await admin.PostAsJsonAsync($"/v1/accounts/{id}/deposits", new { asset, amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), external_id = $"tanx-{asset}" }))
                    .EnsureSuccessStatusCode();
            }
        }

        var key = NewKey();
        var address = Ethereum.AddressOf(key);
        (await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "tanx", eth_address = address })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (id, key, address);
    }

    public static async Task<(string Access, string Refresh)> LoginAsync(HttpClient http, string key)
    {
        var address = Ethereum.AddressOf(key);
        var (_, nonce) = await Send(http, HttpMethod.Post, "/sapi/v1/auth/nonce/", $$"""{"eth_address":"{{address}}"}""");
        var signature = Ethereum.PersonalSign(nonce["payload"]!.GetValue<string>(), key);
        var (status, login) = await Send(http, HttpMethod.Post, "/sapi/v1/auth/login/", $$"""{"eth_address":"{{address}}","user_signature":"{{signature}}"}""");
        status.ShouldBe(HttpStatusCode.OK, login.ToJsonString());
        return (login["token"]!["access"]!.GetValue<string>(), login["token"]!["refresh"]!.GetValue<string>());
    }

    public Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, string body) => Send(Http, HttpMethod.Post, path, body);

    public Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string path) => Send(Http, HttpMethod.Get, path, null);

    public async Task<JsonNode> PlaceAsync(string side, string volume, string? price, string market = "btcusdc")
    {
        var body = price is null
            ? $$"""{"market":"{{market}}","side":"{{side}}","ord_type":"market","volume":"{{volume}}"}"""
            : $$"""{"market":"{{market}}","side":"{{side}}","ord_type":"limit","price":"{{price}}","volume":"{{volume}}"}""";
        var (status, answer) = await PostAsync("/sapi/v1/orders/create/", body);
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        answer["message"]!.GetValue<string>().ShouldBe("Created Order Successfully");
        return answer["payload"]!;
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> Send(HttpClient http, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = ServerFixture.Body(body);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await ServerFixture.Json(response));
    }
}
