using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

using Ordo.Testing;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// Two <c>ordo serve</c> processes on one PostgreSQL schema behind haproxy with <c>deploy/haproxy.cfg</c>:
/// requests are spread over both nodes, an order placed through one is cancelled through the other,
/// once one node is killed and its health check marks it down, every request still succeeds, and with
/// no node left haproxy answers a retryable 503.
/// </summary>
public sealed class LoadBalancerTests : IDisposable
{
    private const string AdminKey = "lb-admin-key-0123456789";
    private readonly ScratchPostgres _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Requests_reach_both_nodes_and_still_succeed_when_one_is_killed_and_marked_down()
    {
        // Every node on one database seals and signs with the same key.
        var environment = new Dictionary<string, string>
        {
            ["ORDO_SECRETS_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Ordo__RateLimitPerSecond"] = "0",
        };
        using var node1 = await ServerProcess.StartAsync(_database.ConnectionString, AdminKey, environment);
        using var node2 = await ServerProcess.StartAsync(_database.ConnectionString, AdminKey, environment);
        using var haproxy = Haproxy.Start(node1.Address, node2.Address);
        await haproxy.WaitForAsync("node1", "UP");
        await haproxy.WaitForAsync("node2", "UP");

        using var admin = new HttpClient { BaseAddress = haproxy.Address };
        admin.DefaultRequestHeaders.Add("Authorization", "Bearer " + AdminKey);
        var account = await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "behind-haproxy" }));
        var accountId = account["id"]!.GetValue<long>();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{accountId}/credentials", new { dialect = "native", scopes = new[] { "orders:read", "orders:write" } }));
        (await admin.PostAsJsonAsync($"/v1/accounts/{accountId}/deposits", new { asset = "TRX", amount = "1000", external_id = "lb-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        using var tenant = new HttpClient { BaseAddress = haproxy.Address };
        tenant.DefaultRequestHeaders.Add("Authorization", "Bearer " + credential["key"]!.GetValue<string>());

        // Round robin: consecutive requests alternate between the nodes; an odd number of places puts
        // the cancels out of step, so orders placed through one node are cancelled through the other.
        var placedOn = new List<(long Id, string Node)>();
        for (var i = 0; i < 5; i++)
        {
            var (node, placed) = await SendAsync(tenant, HttpMethod.Post, "/v1/orders", Orders.Rental());
            placed.StatusCode.ShouldBe(HttpStatusCode.Created);
            placedOn.Add(((await ServerFixture.Json(placed))["id"]!.GetValue<long>(), node));
        }

        placedOn.Select(p => p.Node).Distinct().Order().ToArray().ShouldBe(["node1", "node2"], "requests reach both nodes");
        var crossed = 0;
        foreach (var (id, placedBy) in placedOn)
        {
            var (node, cancelled) = await SendAsync(tenant, HttpMethod.Post, $"/v1/orders/{id}/cancel");
            cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await ServerFixture.Json(cancelled))["state"]!.GetValue<string>().ShouldBe("cancelled");
            crossed += node != placedBy ? 1 : 0;
        }

        crossed.ShouldBeGreaterThan(0, "some orders were cancelled through the node that did not place them");

        // Kill node 2 outright; once its health check marks it down, haproxy sends nothing there.
        node2.Kill();
        await haproxy.WaitForAsync("node2", "DOWN");
        for (var i = 0; i < 6; i++)
        {
            var (placer, placed) = await SendAsync(tenant, HttpMethod.Post, "/v1/orders", Orders.Rental());
            placed.StatusCode.ShouldBe(HttpStatusCode.Created, "a POST is not retried, so it must go to a live node");
            placer.ShouldBe("node1");
            var id = (await ServerFixture.Json(placed))["id"]!.GetValue<long>();
            var (canceller, cancelled) = await SendAsync(tenant, HttpMethod.Post, $"/v1/orders/{id}/cancel");
            cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
            canceller.ShouldBe("node1");
        }

        var (_, balances) = await admin.GetJsonAsync($"/v1/accounts/{accountId}/balances");
        var trx = balances["balances"]!.AsArray().Single(b => b!["asset"]!.GetValue<string>() == "TRX")!;
        trx["available"].Dec().ShouldBe(1000m, "every cancel refunded its order once, whichever node took it");
        trx["locked"].Dec().ShouldBe(0m);

        // No node left: haproxy answers a retryable 503 in the native problem shape, not an HTML page.
        node1.Kill();
        await haproxy.WaitForAsync("node1", "DOWN");
        using var none = await tenant.GetAsync("/v1/orders");
        none.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        none.Headers.RetryAfter.ShouldNotBeNull();
        (await ServerFixture.Json(none))["code"]!.GetValue<string>().ShouldBe("store_unavailable");
    }

    /// <summary>Sends through haproxy; returns the node that answered (haproxy's <c>X-Ordo-Node</c>) and the answer.</summary>
    private static async Task<(string Node, HttpResponseMessage Response)> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : ServerFixture.Body(body) };
        var response = await http.SendAsync(request);
        return (response.Headers.TryGetValues("X-Ordo-Node", out var node) ? node.Single() : "", response);
    }
}
