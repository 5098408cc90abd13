using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Npgsql;

using Ordo.Core.Store;

using Ordo.Server.Hosting;
using Ordo.Server.Tests.Auth;
using Ordo.Store.Postgres;
using Ordo.Testing;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// What one node changes, every node applies: a node caches credentials, but a revocation through
/// another node empties its cache when the commit's notification arrives (PostgreSQL notifies every
/// node's listening session at the commit), and while that session is broken the cache is bypassed;
/// markets are read from the database on each request, so a changed market's rules apply everywhere
/// at the next request.
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
    public async Task A_key_revoked_through_one_node_leaves_the_others_cache_when_the_commit_is_notified_and_is_refused_there()
    {
        using var admin = Client(_first, AdminKey);
        var (accountId, key, credentialId) = await TenantAsync(admin);
        using var onSecond = Client(_second, key);
        var cache = await CachedCredentials.ActiveAsync(_second.Services);
        await ServedFromCacheAsync(onSecond, cache, credentialId);

        (await admin.DeleteAsync($"/v1/accounts/{accountId}/credentials/{credentialId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // PostgreSQL signals the second node's session at the commit, before the first node answers; the
        // second node empties its cache when the notification arrives (well under a millisecond here when
        // idle, but on a loaded machine a request may overtake it: see README, "Credential cache").
        await CachedCredentials.Until(() => !cache.Holds(credentialId));
        (await onSecond.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task While_a_nodes_listening_session_is_broken_it_bypasses_its_cache_so_a_revocation_meanwhile_is_honoured()
    {
        using var admin = Client(_first, AdminKey);
        var (accountId, key, credentialId) = await TenantAsync(admin);
        using var onSecond = Client(_second, key);
        var cache = await CachedCredentials.ActiveAsync(_second.Services);
        await ServedFromCacheAsync(onSecond, cache, credentialId);

        // The second node's listening session ends (a failover, an operator): its notifications are lost until it listens again.
        var store = (PostgresOrderStore)_second.Services.GetRequiredService<IOrderStore>();
        Terminate(store.CredentialListenerProcessId!.Value);
        await CachedCredentials.Until(() => !cache.Active);
        cache.Count.ShouldBe(0, "emptied when the watch broke");
        (await admin.DeleteAsync($"/v1/accounts/{accountId}/credentials/{credentialId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Whether or not it listens again yet, the key is refused: bypassed while broken, emptied when listening again.
        (await onSecond.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await CachedCredentials.Until(() => cache.Active);
        (await onSecond.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var (_, fresh, freshId) = await TenantAsync(admin);
        using var freshOnSecond = Client(_second, fresh);
        await ServedFromCacheAsync(freshOnSecond, cache, freshId);
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

    /// <summary>
    /// Requests until the node keeps the credential: the notification of its issue (through the first node)
    /// may reach the second node after its first request, and empty what that request kept.
    /// </summary>
    private static async Task ServedFromCacheAsync(HttpClient client, Ordo.Server.Auth.CredentialCache cache, long credentialId)
    {
        await CachedCredentials.Until(() => cache.Holds(credentialId), request: async () =>
            (await client.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.OK));
    }

    private void Terminate(int processId)
    {
        using var connection = new NpgsqlConnection(_database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@p)", connection);
        command.Parameters.AddWithValue("p", processId);
        ((bool)command.ExecuteScalar()!).ShouldBeTrue();
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
