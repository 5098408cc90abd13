using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

using Ordo.Server.Hosting;
using Ordo.Testing;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// What one node changes, every node applies at its next request: no node caches credentials or
/// markets (each request reads them from the database, one indexed read), so a revoked key is
/// refused and a changed market's rules apply everywhere at once, not after a delay.
/// </summary>
public sealed class SharedSettingsTests : IAsyncLifetime
{
    private const string AdminKey = "shared-settings-admin-key";
    private const string Market = """{"base":"BTC","quote":"USDC","price_precision":2,"volume_precision":4,"min_volume":"0.0001","maker_fee":"0","taker_fee":"0"}""";
    private readonly ScratchPostgres _database = new();
    private readonly string _secretsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WebApplication _first = null!;
    private WebApplication _second = null!;

    public async Task InitializeAsync()
    {
        _first = await NodeAsync();
        _second = await NodeAsync();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_key_revoked_through_one_node_is_refused_by_the_other_at_its_next_request()
    {
        using var admin = Client(_first, AdminKey);
        var (accountId, key, credentialId) = await TenantAsync(admin);
        using var onSecond = Client(_second, key);
        (await onSecond.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/v1/accounts/{accountId}/credentials/{credentialId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await onSecond.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_market_changed_through_one_node_has_its_new_rules_on_the_other_at_once()
    {
        using var admin = Client(_first, AdminKey);
        (await admin.SendAsync(HttpMethod.Put, "/v1/markets/btcusdc", Market)).Status.ShouldBe(HttpStatusCode.OK);
        var (accountId, key, _) = await TenantAsync(admin);
        (await admin.PostAsJsonAsync($"/v1/accounts/{accountId}/deposits", new { asset = "USDC", amount = "1000", external_id = "usdc-1" })).EnsureSuccessStatusCode();
        using var onSecond = Client(_second, key);
        var order = """{"kind":"limit","market":"btcusdc","side":"buy","price":"10","quantity":"0.5"}""";
        (await onSecond.PostAsync("/v1/orders", order)).Status.ShouldBe(HttpStatusCode.Created, "the second node has built its book of the market");

        // The minimum volume rises on the first node (allowed: the market's denomination is unchanged).
        (await admin.SendAsync(HttpMethod.Put, "/v1/markets/btcusdc", Market.Replace("\"min_volume\":\"0.0001\"", "\"min_volume\":\"1\""))).Status
            .ShouldBe(HttpStatusCode.OK);

        var (status, problem) = await onSecond.PostAsync("/v1/orders", order);
        status.ShouldBe(HttpStatusCode.BadRequest, problem.ToJsonString());
        problem["errors"]!["quantity"].ShouldNotBeNull();
    }

    private async Task<WebApplication> NodeAsync()
    {
        var options = new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = _database.ConnectionString,
            AdminKey = AdminKey,
            SecretsKey = _secretsKey,
            SweepInterval = TimeSpan.FromHours(1),
        };
        var app = OrdoServer.Build(options, new ManualClock(), logging => logging.ClearProviders());
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication node, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(node.Urls.First()) };
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + key);
        return http;
    }

    private static async Task<(long AccountId, string Key, long CredentialId)> TenantAsync(HttpClient admin)
    {
        var account = await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "node-tenant" }));
        var accountId = account["id"]!.GetValue<long>();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync(
            $"/v1/accounts/{accountId}/credentials", new { dialect = "native", scopes = new[] { "orders:read", "orders:write" } }));
        return (accountId, credential["key"]!.GetValue<string>(), credential["id"]!.GetValue<long>());
    }
}
