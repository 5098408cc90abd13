using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using Ordo.Testing;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// The books live in memory and are rebuilt from the store: kill the server (SIGKILL) with resting
/// and partly filled orders, start it again, and the books, balances and time priority are exactly
/// as before.
/// </summary>
public sealed class BookRestartTests : IDisposable
{
    private const string AdminKey = "book-restart-admin-key";
    private readonly ScratchDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Books_and_balances_survive_a_kill_in_their_original_priority()
    {
        string book;
        string balances;
        long buyer, seller;
        string buyerKey, sellerKey;
        var buys = new List<long>();
        using (var server = await ServerProcess.StartAsync(_database.Path, AdminKey))
        {
            using var admin = Client(server, AdminKey);
            (await admin.PutAsJsonAsync("/v1/markets/btcusdc", new
            {
                @base = "BTC",
                quote = "USDC",
                price_precision = 2,
                volume_precision = 4,
                min_volume = "0.0001",
                maker_fee = "0.0004",
                taker_fee = "0.0007",
            })).EnsureSuccessStatusCode();
            (buyer, buyerKey) = await Account(admin, "USDC", "100000");
            (seller, sellerKey) = await Account(admin, "BTC", "100");
            using var b = Client(server, buyerKey);
            using var s = Client(server, sellerKey);
            foreach (var price in new[] { "100", "100", "100", "99.5" })
            {
                buys.Add(await Place(b, "buy", price, "1"));
            }

            await Place(s, "sell", "101", "2");
            await Place(s, "sell", "102.25", "3");
            await Place(s, "sell", "100", "0.4");   // part of the oldest buy at 100
            await Place(s, "sell", "100", "0.35");  // more of it

            book = await Book(b);
            balances = await Balances(admin, buyer, seller);
            JsonNode.Parse(book)!["bids"]![0]!["orders"]![0]!["remaining"]!.GetValue<string>().ShouldBe("0.25");
            server.Kill();
        }

        using var restarted = await ServerProcess.StartAsync(_database.Path, AdminKey);
        using var adminAgain = Client(restarted, AdminKey);
        using var buyerAgain = Client(restarted, buyerKey);
        using var sellerAgain = Client(restarted, sellerKey);
        (await Book(buyerAgain)).ShouldBe(book);
        (await Balances(adminAgain, buyer, seller)).ShouldBe(balances);

        // Time priority kept: a sell of 1.25 at 100 takes the rest of the oldest buy, then the next one.
        await Place(sellerAgain, "sell", "100", "1.25");
        (await Order(buyerAgain, buys[0]))["state"]!.GetValue<string>().ShouldBe("filled");
        (await Order(buyerAgain, buys[1]))["state"]!.GetValue<string>().ShouldBe("filled");
        (await Order(buyerAgain, buys[2]))["filled_quantity"].Dec().ShouldBe(0m);
    }

    private static async Task<(long Id, string Key)> Account(HttpClient admin, string asset, string amount)
    {
        var id = (await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "trader" })))["id"]!.GetValue<long>();
        var key = (await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "native" })))["key"]!.GetValue<string>();
        (await admin.PostAsJsonAsync($"/v1/accounts/{id}/deposits", new { asset, amount, external_id = "d" })).EnsureSuccessStatusCode();
        return (id, key);
    }

    private static async Task<long> Place(HttpClient http, string side, string price, string quantity)
    {
        var response = await http.PostAsJsonAsync("/v1/orders", new { kind = "limit", market = "btcusdc", side, type = "limit", price, quantity });
        var order = await ServerFixture.Json(response);
        ((int)response.StatusCode).ShouldBe(201, order.ToJsonString());
        return order["id"]!.GetValue<long>();
    }

    private static async Task<JsonNode> Order(HttpClient http, long id) => await ServerFixture.Json(await http.GetAsync($"/v1/orders/{id}"));

    private static async Task<string> Book(HttpClient http) => (await ServerFixture.Json(await http.GetAsync("/v1/markets/btcusdc/book"))).ToJsonString();

    private static async Task<string> Balances(HttpClient admin, params long[] accounts)
    {
        var all = new List<string>();
        foreach (var account in accounts.Append(1))
        {
            all.Add((await ServerFixture.Json(await admin.GetAsync($"/v1/accounts/{account}/balances"))).ToJsonString());
        }

        return string.Join("\n", all);
    }

    private static HttpClient Client(ServerProcess server, string key)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
