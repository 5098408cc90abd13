using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using Ordo.Server.Tests.Fungies;
using Ordo.Testing;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Interop;

/// <summary>
/// Fungies' own MCP server, npm <c>@fungiesio/mcp-server</c> 0.2.4 (its <c>dist/index.js</c>: the
/// <c>orders_list</c>, <c>orders_get</c> and <c>orders_cancel</c> tools), run unchanged against
/// <c>ordo serve</c> through its <c>FUNGIES_API_BASE</c> setting, driven by the MCP SDK's client
/// (<c>scripts/fungies-mcp.mjs</c>).
/// </summary>
public sealed class FungiesMcpServerTests(ITestOutputHelper output) : IDisposable
{
    private const string AdminKey = "interop-admin-key";

    public static readonly NpmPackages Packages = new(["@fungiesio/mcp-server@0.2.4", "@modelcontextprotocol/sdk@1.32.2"]);

    private readonly ScratchDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Lists_by_comma_separated_statuses_page_by_page_gets_and_cancels()
    {
        var packages = await Packages.EnsureInstalledAsync(output.WriteLine);
        using var server = await ServerProcess.StartAsync(_database.Path, AdminKey);
        var store = await StoreAsync(server);
        var other = await StoreAsync(server);
        var first = await store.PlaceAsync();
        var paid = await store.PlaceAsync();
        var third = await store.PlaceAsync();
        await other.PlaceAsync(); // another store's order: never listed
        (await store.Send(HttpMethod.Patch, $"/v0/orders/{paid}/update", """{"status":"PAID"}""")).Status.ShouldBe(HttpStatusCode.OK);

        JsonObject Call(string tool, object arguments, bool pageAll = false) =>
            new() { ["name"] = tool, ["arguments"] = JsonSerializerNode(arguments), ["pageAll"] = pageAll };
        var calls = new JsonArray(
            Call("orders_list", new { statuses = "PENDING,UNPAID", take = 1 }, pageAll: true),
            Call("orders_list", new { statuses = "PAID" }),
            Call("orders_get", new { id = first }),
            Call("orders_cancel", new { id = first, confirm = true }),
            Call("orders_cancel", new { id = paid, confirm = true }),
            Call("orders_list", new { statuses = "CANCELLED,FAILED" }));
        output.WriteLine("running Fungies' MCP server against ordo serve");
        var run = await NodeScript.RunAsync(packages, "fungies-mcp.mjs", new Dictionary<string, string>
        {
            ["ORDO_URL"] = server.Address.ToString().TrimEnd('/'),
            ["FUNGIES_PUBLIC_KEY"] = store.PublicKey,
            ["FUNGIES_SECRET_KEY"] = store.SecretKey,
            ["MCP_CALLS"] = calls.ToJsonString(),
        }, TimeSpan.FromMinutes(2));
        run.ExitCode.ShouldBe(0, run.ToString());
        var answer = run.Json();
        output.WriteLine(answer.ToJsonString());
        var results = answer["results"]!.AsArray();
        answer["tools"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldContain("orders_cancel", "a secret key gives the write tools");

        // One order a page, newest first, following hasMore until it is false.
        var pages = results[0]!["pages"]!.AsArray();
        pages.Select(p => Numbers(p!)).ShouldBe([[third], [first]]);
        pages.Select(p => p!["hasMore"]!.GetValue<bool>()).ShouldBe([true, false]);
        Numbers(results[1]!["pages"]![0]!).ShouldBe([paid]);

        var got = results[2]!["pages"]![0]!;
        got["data"]!["order"]!["number"]!.GetValue<string>().ShouldBe(first);
        got["data"]!["order"]!["status"]!.GetValue<string>().ShouldBe("PENDING");

        results[3]!["isError"]!.GetValue<bool>().ShouldBeFalse(results[3]!.ToJsonString());
        results[3]!["pages"]![0]!["data"]!["order"]!["status"]!.GetValue<string>().ShouldBe("CANCELLED");
        results[4]!["isError"]!.GetValue<bool>().ShouldBeTrue();
        results[4]!["pages"]![0]!.GetValue<string>().ShouldContain($"Order {paid} is PAID and cannot be cancelled");
        Numbers(results[5]!["pages"]![0]!).ShouldBe([first]);

        // Read back over HTTP: the cancel reached Ordo, the refused one changed nothing.
        (await store.StatusAsync(first)).ShouldBe("CANCELLED");
        (await store.StatusAsync(paid)).ShouldBe("PAID");
        (await store.StatusAsync(third)).ShouldBe("PENDING");
    }

    private static string[] Numbers(JsonNode page) =>
        page["items"]!.AsArray().Select(o => o!["number"]!.GetValue<string>()).ToArray();

    private static JsonNode JsonSerializerNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!;

    private static async Task<McpStore> StoreAsync(ServerProcess server)
    {
        using var admin = new HttpClient { BaseAddress = server.Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var account = (await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "store" })))["id"]!.GetValue<long>();
        var key = (await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{account}/credentials", new { dialect = "native" })))["key"]!.GetValue<string>();
        var pair = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{account}/credentials", new { dialect = "fungies", access = "write" }));
        var native = new HttpClient { BaseAddress = server.Address };
        native.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var fungies = new HttpClient { BaseAddress = server.Address };
        var (publicKey, secretKey) = (pair["public_key"]!.GetValue<string>(), pair["secret_key"]!.GetValue<string>());
        fungies.DefaultRequestHeaders.Add("x-fngs-public-key", publicKey);
        fungies.DefaultRequestHeaders.Add("x-fngs-secret-key", secretKey);
        return new McpStore(new Tenant(account, key, native), fungies, publicKey, secretKey);
    }

    /// <summary>A store on the server process: its native tenant, a Fungies client and the key pair the MCP server gets.</summary>
    private sealed record McpStore(Tenant Native, HttpClient Fungies, string PublicKey, string SecretKey)
    {
        public async Task<string> PlaceAsync() =>
            (await Native.PlaceAsync("""{"kind":"purchase","currency":"USD","amount":"19.99","items":1,"country":"DE","customer":{"id":"u-1","name":"Ada Lovelace","email":"ada@example.com"}}"""))["number"]!.GetValue<string>();

        public Task<(HttpStatusCode Status, JsonNode Body)> Send(HttpMethod method, string path, string? body = "{}") =>
            FungiesStore.Send(Fungies, method, path, body);

        public async Task<string> StatusAsync(string number) =>
            (await Send(HttpMethod.Get, $"/v0/orders/{number}", null)).Body["data"]!["order"]!["status"]!.GetValue<string>();
    }
}
