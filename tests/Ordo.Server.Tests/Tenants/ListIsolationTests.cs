using System.Net;
using System.Text.Json.Nodes;

using Ordo.Server.Tests.Fungies;
using Ordo.Server.Tests.Tanx;
using Ordo.Server.Tests.XendBridge;

namespace Ordo.Server.Tests.Tenants;

/// <summary>
/// Two tenants with orders and trades in every dialect, sharing what can be shared (client order
/// id, paying address, store customer, p2p customer e-mail, market): every list, trade and balance
/// endpoint shows each caller only its own, and never a trace of the other's orders.
/// </summary>
public sealed class ListIsolationTests(ListIsolationTests.TwoTenants world) : IClassFixture<ListIsolationTests.TwoTenants>
{
    public const string SharedClientOrderId = "shared-cid";
    public const string SharedEmail = "shared.customer@example.com";

    /// <summary>What one side placed: its native orders, and every uuid and number it owns in any dialect.</summary>
    public sealed record Side(
        Tenant Native, FeeeUser Feee, TronifyUser Tronify, TanxUser Tanx, FungiesStore Fungies, XendThirdParty Xend,
        JsonNode Rental, long TanxTraded, long TanxResting, string FeeeNumber, string TronifyOrderId, string FungiesNumber, string XendReference,
        List<string> Marks);

    public sealed class TwoTenants : IAsyncLifetime
    {
        public TenantWorld World { get; } = new();

        public Side A { get; private set; } = null!;

        public Side B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await World.InitializeAsync();
            var w = World;
            A = await PlaceAsync(w.NativeOwner, w.FeeeOwner, w.TronifyOwner, w.TanxOwner, w.FungiesOwner, w.XendOwner);
            B = await PlaceAsync(w.NativeIntruder, w.FeeeIntruder, w.TronifyIntruder, w.TanxIntruder, w.FungiesIntruder, w.XendIntruder);
        }

        public Task DisposeAsync() => World.DisposeAsync();

        private async Task<Side> PlaceAsync(Tenant native, FeeeUser feee, TronifyUser tronify, TanxUser tanx, FungiesStore fungies, XendThirdParty xend)
        {
            var marks = new List<string>();
            void Mark(JsonNode order) => marks.AddRange([order["uuid"]!.GetValue<string>(), order["number"]!.GetValue<string>()]);

            var rental = await TenantWorld.NativeRentalAsync(native, SharedClientOrderId);
            Mark(rental);
            Mark(await TenantWorld.NativeLimitAsync(native, "buy", "40", World.Unique("bid-")));
            Mark(await TenantWorld.NativeLimitAsync(native, "sell", "900", World.Unique("ask-")));

            // A trade of its own: the maker offers, this side takes; and an order left resting.
            await TenantWorld.TanxLimitAsync(World.TanxMaker, "sell", "100");
            var traded = await TenantWorld.TanxLimitAsync(tanx, "buy", "100");
            var resting = await TenantWorld.TanxLimitAsync(tanx, "buy", "60");
            foreach (var id in new[] { traded, resting })
            {
                using var admin = World.Server.Admin();
                Mark((await admin.GetJsonAsync($"/v1/orders/{id}")).Body);
            }

            var feeeNumber = await TenantWorld.FeeeRentalAsync(feee);
            var tronifyId = await TenantWorld.TronifyRentalAsync(tronify);
            var purchase = await TenantWorld.PurchaseAsync(fungies, customerId: "user-1");
            Mark(purchase);
            var xendReference = await TenantWorld.XendBuyAsync(xend, SharedEmail);
            marks.AddRange([feeeNumber, tronifyId, xendReference]);
            return new Side(native, feee, tronify, tanx, fungies, xend, rental, traded, resting, feeeNumber, tronifyId, purchase["number"]!.GetValue<string>(), xendReference, marks);
        }
    }

    public static TheoryData<bool> BothWays => new() { true, false };

    private (Side Me, Side Other) Sides(bool aAsks) => aAsks ? (world.A, world.B) : (world.B, world.A);

    private static void ShowsNoneOf(string body, Side other, string what)
    {
        foreach (var mark in other.Marks)
        {
            body.ShouldNotContain(mark, Case.Sensitive, $"{what} shows another account's order {mark}");
        }
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task The_native_list_shows_only_the_callers_orders(bool aAsks)
    {
        var (me, other) = Sides(aAsks);
        var (status, page) = await me.Native.Http.GetJsonAsync("/v1/orders?limit=500");
        status.ShouldBe(HttpStatusCode.OK);
        var orders = page["data"]!.AsArray();
        orders.Select(o => o!["account_id"]!.GetValue<long>()).Distinct().ShouldBe([me.Native.AccountId]);
        orders.Select(o => o!["id"]!.GetValue<long>()).ToHashSet().SetEquals(await world.World.OrderIdsOfAsync(me.Native.AccountId)).ShouldBeTrue("every order of the caller's, no other");
        ShowsNoneOf(page.ToJsonString(), other, "GET /v1/orders");

        // Both placed a rental with the same client order id: each reads its own.
        var (_, mine) = await me.Native.Http.GetJsonAsync($"/v1/orders/client:{SharedClientOrderId}");
        mine["uuid"]!.GetValue<string>().ShouldBe(me.Rental["uuid"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task The_book_shows_resting_orders_but_nothing_of_their_owners(bool aAsks)
    {
        // Decision: the book is market data (every resting order's id and remainder, in priority),
        // so both sides' orders are in it; no owner, uuid, number or client order id is.
        var (me, other) = Sides(aAsks);
        var (status, book) = await me.Native.Http.GetJsonAsync("/v1/markets/btcusdc/book");
        status.ShouldBe(HttpStatusCode.OK);
        Names(book).ShouldBeSubsetOf(["market", "bids", "asks", "price", "volume", "orders", "id", "remaining"]);
        ShowsNoneOf(book.ToJsonString(), other, "the book");
        book.ToJsonString().ShouldNotContain(SharedClientOrderId);
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task Feee_account_query_shows_the_callers_own_balance(bool aAsks)
    {
        var (me, other) = Sides(aAsks);
        var account = await me.Feee.GetAsync("/open/v2/api/query");
        var shown = account["data"]!["trx_money"]!.GetValue<decimal>();
        shown.ShouldBe(await world.World.AvailableAsync(me.Feee.AccountId, "TRX"));
        shown.ShouldNotBe(await world.World.AvailableAsync(other.Feee.AccountId, "TRX"), "the two deposited different amounts");
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task Tronify_mypayorder_shows_the_callers_own_orders_from_a_shared_address(bool aAsks)
    {
        var (me, other) = Sides(aAsks);
        var mine = await me.Tronify.CallAsync("mypayorder", new JsonObject { ["fromAddress"] = Orders.Address, ["pageSize"] = 100 }, sign: false);
        mine["data"]!["data"]!.AsArray().Select(r => r!["orderId"]!.GetValue<string>()).ShouldBe([me.TronifyOrderId]);
        mine["data"]!["pagination"]!["total"]!.GetValue<int>().ShouldBe(1);
        ShowsNoneOf(mine.ToJsonString(), other, "mypayorder");

        // The public market lists every channel's open orders, by design, but names no channel.
        var market = await me.Tronify.CallAsync("trades", new JsonObject { ["pageSize"] = 100 }, sign: false);
        market["data"]!["data"]!.AsArray().Select(r => r!["orderId"]!.GetValue<string>()).ShouldContain(other.TronifyOrderId);
        market.ToJsonString().ShouldNotContain(other.Tronify.SourceFlag);
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task Tanx_orders_and_trades_show_only_the_callers_own(bool aAsks)
    {
        var (me, other) = Sides(aAsks);
        var own = await world.World.OrderIdsOfAsync(me.Tanx.AccountId);
        var (_, orders) = await me.Tanx.GetAsync("/sapi/v1/orders/?limit=500");
        orders["payload"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ToHashSet().SetEquals(own).ShouldBeTrue("every order of the caller's, no other");
        ShowsNoneOf(orders.ToJsonString(), other, "GET /sapi/v1/orders/");

        var (_, trades) = await me.Tanx.GetAsync("/sapi/v1/trades/?limit=500");
        trades["payload"]!.AsArray().Select(t => t!["order_id"]!.GetValue<long>()).ShouldBe([me.TanxTraded], "one trade, shown by its own side");

        var (_, traded) = await me.Tanx.GetAsync($"/sapi/v1/orders/{me.TanxTraded}/");
        traded["payload"]!["trades"]!.AsArray().Select(t => t!["order_id"]!.GetValue<long>()).ShouldBe([me.TanxTraded]);
        ShowsNoneOf(traded.ToJsonString(), other, "GET /sapi/v1/orders/{id}/");
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task Fungies_list_shows_only_the_stores_own_orders(bool aAsks)
    {
        var (me, other) = Sides(aAsks);
        foreach (var query in new[] { "returnCount=true&take=100", "userId=user-1&returnCount=true", "term=Ada&returnCount=true", $"number={other.FungiesNumber}&returnCount=true" })
        {
            var (status, list) = await FungiesStore.Send(me.Fungies.Read, HttpMethod.Get, $"/v0/orders/list?{query}", null);
            status.ShouldBe(HttpStatusCode.OK, list.ToJsonString());
            var numbers = list["data"]!["orders"]!.AsArray().Select(o => o!["number"]!.GetValue<string>()).ToArray();
            numbers.ShouldBe(query.StartsWith("number=", StringComparison.Ordinal) ? [] : [me.FungiesNumber], query);
            list["data"]!["count"]!.GetValue<int>().ShouldBe(numbers.Length, query);
            ShowsNoneOf(list.ToJsonString(), other, $"/v0/orders/list?{query}");
        }
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task XendBridge_pending_order_shows_the_third_partys_own_order_for_a_shared_customer(bool aAsks)
    {
        var (me, other) = Sides(aAsks);
        var (status, pending) = await me.Xend.SendAsync(HttpMethod.Get, $"/api/PeerToPeerOrder/ThirdParty/PendingOrder?emailAddress={Uri.EscapeDataString(SharedEmail)}");
        status.ShouldBe(HttpStatusCode.OK);
        pending["data"]!["orderResponse"]!["orderReference"]!.GetValue<string>().ShouldBe(me.XendReference);
        ShowsNoneOf(pending.ToJsonString(), other, "PendingOrder");
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public async Task Native_balances_are_an_operators_and_a_tenants_key_reads_anothers_as_an_unknown_accounts(bool aAsks)
    {
        var (me, other) = Sides(aAsks);
        var anothers = await Answer.OfAsync(me.Native.Http, new HttpRequestMessage(HttpMethod.Get, $"/v1/accounts/{other.Native.AccountId}/balances"));
        var unknown = await Answer.OfAsync(me.Native.Http, new HttpRequestMessage(HttpMethod.Get, "/v1/accounts/987654321/balances"));
        anothers.ShouldBe(unknown);
        anothers.ShouldStartWith("403");
    }

    private static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Names(p.Value).Prepend(p.Key)).Distinct(),
        JsonArray a => a.SelectMany(Names).Distinct(),
        _ => [],
    };
}
