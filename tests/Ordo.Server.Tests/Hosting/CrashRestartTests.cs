using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

using Ordo.Testing;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// Nothing acknowledged is lost: kill the server process (SIGKILL) right after a burst of
/// acknowledged cancels, start it again, and find every acknowledged cancel and its refund.
/// </summary>
public sealed class CrashRestartTests : IDisposable
{
    private const string AdminKey = "crash-test-admin-key";
    private readonly ScratchDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Acknowledged_cancels_and_refunds_survive_a_kill()
    {
        long account;
        string key;
        var placed = new List<long>();
        var acknowledged = new ConcurrentBag<long>();
        using (var server = await ServerProcess.StartAsync(_database.Path, AdminKey))
        {
            using var admin = Client(server, AdminKey);
            account = (await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "crash" })))["id"]!.GetValue<long>();
            key = (await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{account}/credentials", new { dialect = "native" })))["key"]!.GetValue<string>();
            (await admin.PostAsJsonAsync($"/v1/accounts/{account}/deposits", new { asset = "TRX", amount = "1000", external_id = "d1" })).EnsureSuccessStatusCode();
            using var tenant = Client(server, key);
            for (var i = 0; i < 40; i++)
            {
                var response = await tenant.PostAsync("/v1/orders", ServerFixture.Body(Orders.Rental(quantity: 100, price: "0.1")));
                placed.Add((await ServerFixture.Json(response))["id"]!.GetValue<long>());
            }

            // Cancel them all at once; kill the process the moment the 30th acknowledgement arrives,
            // while the rest are still in flight.
            var killed = 0;
            var cancels = placed.Select(async id =>
            {
                try
                {
                    var response = await tenant.PostAsync($"/v1/orders/{id}/cancel", null);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add(id);
                        if (acknowledged.Count >= 30 && Interlocked.Exchange(ref killed, 1) == 0)
                        {
                            server.Kill();
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // the server died under this request: not acknowledged
                }
                catch (TaskCanceledException)
                {
                }
            });
            await Task.WhenAll(cancels);
            if (killed == 0)
            {
                server.Kill();
            }
        }

        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(30);
        using var restarted = await ServerProcess.StartAsync(_database.Path, AdminKey);
        using var again = Client(restarted, key);
        var cancelled = 0m;
        foreach (var id in placed)
        {
            var order = await ServerFixture.Json(await again.GetAsync($"/v1/orders/{id}"));
            var state = order["state"]!.GetValue<string>();
            if (acknowledged.Contains(id))
            {
                state.ShouldBe("cancelled", $"order {id} was acknowledged as cancelled");
            }

            // Never half done: cancelled with its refund, or open with its escrow.
            if (state == "cancelled")
            {
                order["amount_refunded"].Dec().ShouldBe(10m);
                order["amount_locked"].Dec().ShouldBe(0m);
                cancelled++;
            }
            else
            {
                state.ShouldBe("open");
                order["amount_locked"].Dec().ShouldBe(10m);
            }
        }

        using var adminAgain = Client(restarted, AdminKey);
        var balances = await ServerFixture.Json(await adminAgain.GetAsync($"/v1/accounts/{account}/balances"));
        var trx = balances["balances"]![0]!;
        trx["available"].Dec().ShouldBe(1000m - (40 * 10m) + (cancelled * 10m));
        trx["locked"].Dec().ShouldBe((40 - cancelled) * 10m);
    }

    private static HttpClient Client(ServerProcess server, string key)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
