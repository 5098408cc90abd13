using System.Net;

namespace Ordo.Server.Tests.Native;

/// <summary>
/// Issue 9, defect 2 over HTTP: a <c>fills:write</c> key moves only what the executor trust model
/// allows, and an order it may not fill is answered byte for byte like an unknown one.
/// </summary>
public sealed class FillTrustTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Another_tenants_purchase_is_not_found_for_a_fills_key_and_stays_unpaid()
    {
        var store = await _server.TenantAsync("orders:read,orders:write,fills:write");
        var other = await _server.TenantAsync("orders:read,fills:write");
        var purchase = await store.PlaceAsync("""{"kind":"purchase","currency":"USD","amount":"12.50","items":1,"customer":{"id":"c1","name":"Ada Lovelace","email":"ada@example.com"}}""");
        var id = purchase["id"]!.GetValue<long>();
        var before = await _server.SnapshotAsync();

        var foreign = await RawAsync(other, $"/v1/orders/{id}/fills", """{"stage":"paid"}""");
        var unknown = await RawAsync(other, "/v1/orders/987654/fills", """{"stage":"paid"}""");
        foreign.Status.ShouldBe(HttpStatusCode.NotFound);
        foreign.Body.ShouldBe(unknown.Body.Replace("987654", $"{id}"), "another tenant's order reads like a missing one");
        foreign.Body.ShouldNotContain("Ada");
        (await _server.SnapshotAsync()).ShouldBe(before);

        var (own, paid) = await store.Http.PostAsync($"/v1/orders/{id}/fills", """{"stage":"paid"}""");
        own.ShouldBe(HttpStatusCode.OK, "the store's own payment integration reports its payments");
        paid["stage"]!.GetValue<string>().ShouldBe("paid");
    }

    [Fact]
    public async Task The_owner_of_a_rental_cannot_fill_it_to_get_its_escrow_back()
    {
        var owner = await _server.TenantAsync("orders:read,orders:write,fills:write", ("TRX", 100m));
        var rental = (await owner.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        var before = await _server.SnapshotAsync();

        var (status, body) = await owner.Http.PostAsync($"/v1/orders/{rental}/fills", """{"quantity":"1000"}""");
        status.ShouldBe(HttpStatusCode.NotFound);
        body["code"]!.GetValue<string>().ShouldBe("order_not_found");
        (await _server.SnapshotAsync()).ShouldBe(before);
        (await _server.BalanceAsync(owner.AccountId)).ShouldBe((90m, 10m), "the escrow stays in escrow");
    }

    [Fact]
    public async Task A_refused_fill_shows_no_order_to_an_executor_that_does_not_own_it()
    {
        var owner = await _server.TenantAsync(deposits: ("TRX", 100m));
        var executor = await _server.TenantAsync("fills:write");
        var rental = (await owner.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();

        var (status, body) = await executor.Http.PostAsync($"/v1/orders/{rental}/fills", """{"quantity":"1001"}""");
        status.ShouldBe(HttpStatusCode.Conflict);
        body["code"]!.GetValue<string>().ShouldBe("fill_exceeds_remaining");
        body["detail"]!.GetValue<string>().ShouldContain("1000");
        body["order"].ShouldBeNull();
    }

    [Theory]
    [Trait("Category", "SqliteOnly")] // a SQLite file of its own, whatever ORDO_TEST_STORE says
    [InlineData(1L, null)]
    [InlineData(null, 2L)]
    public void A_system_account_is_refused_as_a_p2p_provider_at_start(long? native, long? xendBridge)
    {
        using var database = new Ordo.Testing.ScratchDatabase();
        var options = new ServerOptions
        {
            Database = database.Path,
            Urls = "http://127.0.0.1:0",
            Native = new NativeOrderDefaults { P2pProvider = native },
            XendBridge = new Ordo.Server.XendBridge.XendOptions { ProviderAccount = xendBridge },
        };
        Should.Throw<InvalidOperationException>(() => Ordo.Server.Hosting.OrdoServer.Build(options)).Message.ShouldContain("system account");
    }

    private static async Task<(HttpStatusCode Status, string Body)> RawAsync(Tenant tenant, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ServerFixture.Body(body) };
        request.Headers.Add("X-Request-Id", "same-request-id");
        var response = await tenant.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
