using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using Ordo.Server.Tests.Fungies;
using Ordo.Server.Tests.Tanx;
using Ordo.Server.Tests.XendBridge;

namespace Ordo.Server.Tests.Tenants;

/// <summary>
/// One server with two of everything: in every dialect an owner and another account (the
/// intruder) with the same kind of credentials, so each can be pointed at the other's orders.
/// </summary>
public sealed class TenantWorld : IAsyncLifetime
{
    public ServerFixture Server { get; private set; } = null!;

    public Tenant NativeOwner { get; private set; } = null!;
    public Tenant NativeIntruder { get; private set; } = null!;

    /// <summary>Another account's <c>fills:write</c> key: an executor of nothing the owners placed.</summary>
    public Tenant FillsIntruder { get; private set; } = null!;

    public FeeeUser FeeeOwner { get; private set; } = null!;
    public FeeeUser FeeeIntruder { get; private set; } = null!;
    public TronifyUser TronifyOwner { get; private set; } = null!;
    public TronifyUser TronifyIntruder { get; private set; } = null!;
    public TanxUser TanxOwner { get; private set; } = null!;
    public TanxUser TanxIntruder { get; private set; } = null!;

    /// <summary>The counterparty both tanX users trade with, so each has trades of its own.</summary>
    public TanxUser TanxMaker { get; private set; } = null!;

    public FungiesStore FungiesOwner { get; private set; } = null!;
    public FungiesStore FungiesIntruder { get; private set; } = null!;
    public XendThirdParty XendOwner { get; private set; } = null!;
    public XendThirdParty XendIntruder { get; private set; } = null!;

    private int _sequence;

    public string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence)}";

    public async Task InitializeAsync()
    {
        Server = await ServerFixture.StartAsync();
        await Server.MarketAsync();
        (NativeOwner, NativeIntruder) = (await NativeAsync(), await NativeAsync());
        FillsIntruder = await Server.TenantAsync("orders:read,fills:write");
        (FeeeOwner, FeeeIntruder) = (await Server.FeeeUserAsync(500m), await Server.FeeeUserAsync(300m));
        (TronifyOwner, TronifyIntruder) = (await Server.TronifyUserAsync(500m), await Server.TronifyUserAsync(300m));
        (TanxOwner, TanxIntruder, TanxMaker) = (await TanxUser.CreateAsync(Server), await TanxUser.CreateAsync(Server, usdc: 500_000m, btc: 5m), await TanxUser.CreateAsync(Server));
        (FungiesOwner, FungiesIntruder) = (await FungiesStore.CreateAsync(Server), await FungiesStore.CreateAsync(Server));
        (XendOwner, XendIntruder) = (await XendThirdParty.CreateAsync(Server), await XendThirdParty.CreateAsync(Server));
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private Task<Tenant> NativeAsync() =>
        Server.TenantAsync("orders:read,orders:write", ("TRX", 1_000m), ("USDC", 100_000m), ("BTC", 10m));

    // Orders placed by an owner (either side), each answering with the parts a reference is made of.

    public static async Task<JsonNode> NativeRentalAsync(Tenant tenant, string clientOrderId) =>
        await tenant.PlaceAsync(Orders.Rental(quantity: 1000, price: "0.01", clientOrderId: clientOrderId));

    public static Task<JsonNode> NativeLimitAsync(Tenant tenant, string side, string price, string clientOrderId) =>
        tenant.PlaceAsync($$"""{"kind":"limit","market":"btcusdc","side":"{{side}}","price":"{{price}}","quantity":"0.01","client_order_id":"{{clientOrderId}}"}""");

    public static async Task<string> FeeeRentalAsync(FeeeUser user)
    {
        var created = await user.PostAsync("/open/v2/order/submit", """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":32000,"rent_duration":1,"rent_time_unit":"h"}""");
        created["code"]!.GetValue<int>().ShouldBe(0, created.ToJsonString());
        return created["data"]!["order_no"]!.GetValue<string>();
    }

    public static async Task<string> TronifyRentalAsync(TronifyUser user)
    {
        var created = await user.RentAsync();
        created["resCode"]!.GetValue<int>().ShouldBe(100, created.ToJsonString());
        return created["data"]!["orderId"]!.GetValue<string>();
    }

    public static async Task<long> TanxLimitAsync(TanxUser user, string side, string price) =>
        (await user.PlaceAsync(side, "0.01", price))["id"]!.GetValue<long>();

    /// <summary>A store purchase; answers the native order (id, uuid, number).</summary>
    public static Task<JsonNode> PurchaseAsync(FungiesStore store, string customerId = "user-1") =>
        store.Native.PlaceAsync($$$"""{"kind":"purchase","currency":"USD","amount":"19.99","items":2,"country":"DE","customer":{"id":"{{{customerId}}}","name":"Ada Lovelace","email":"ada@example.com"}}""");

    public static async Task<string> XendBuyAsync(XendThirdParty party, string email)
    {
        var (status, answer) = await party.SendAsync(HttpMethod.Post, "/api/PeerToPeerOrder/Buy/Initiate", XendThirdParty.Initiation(email));
        status.ShouldBe(HttpStatusCode.OK, answer.ToJsonString());
        return answer["data"]!["orderReference"]!.GetValue<string>();
    }

    /// <summary>Every order id an account owns, read through the admin API's operator view.</summary>
    public async Task<HashSet<long>> OrderIdsOfAsync(long accountId)
    {
        using var admin = Server.Admin();
        var ids = new HashSet<long>();
        string? cursor = null;
        do
        {
            var (_, page) = await admin.GetJsonAsync("/v1/orders?limit=500" + (cursor is null ? "" : $"&cursor={cursor}"));
            foreach (var order in page["data"]!.AsArray())
            {
                if (order!["account_id"]!.GetValue<long>() == accountId)
                {
                    ids.Add(order["id"]!.GetValue<long>());
                }
            }

            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return ids;
    }

    public async Task<decimal> AvailableAsync(long accountId, string asset) => (await Server.BalanceAsync(accountId, asset)).Available;

    public async Task DepositAsync(long accountId, string asset, decimal amount)
    {
        using var admin = Server.Admin();
        (await admin.PostAsJsonAsync($"/v1/accounts/{accountId}/deposits", new { asset, amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), external_id = Unique("top-up-") }))
            .EnsureSuccessStatusCode();
    }
}
