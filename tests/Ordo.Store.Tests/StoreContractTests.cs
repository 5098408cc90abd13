using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Tests;

/// <summary>
/// What each engine keeps and reads back, exactly alike: values (decimals without trailing zeros,
/// times at milliseconds), lookups by every reference, every filter, cursor and sort of a listing,
/// balances, credentials.
/// </summary>
public abstract class StoreContractTests(StoreEngine engine) : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task An_order_reads_back_as_it_was_written_with_decimals_normalised_and_times_at_milliseconds()
    {
        // Created at 123.4567 ms past noon: kept as 123 ms.
        var written = Order(await _f.Store.WriteAsync(tx => tx.NextOrderId()), "N-1", price: 12.34000m, createdAt: Noon.AddTicks(1_234_567));
        written.ExpiresAt = Noon.AddHours(1).AddTicks(9999);
        written.Attributes["receive_address"] = "TXyz";
        written.Attributes["note"] = "ünïcödé \"quoted\"";
        await _f.Store.WriteAsync(tx =>
        {
            tx.InsertOrder(written);
            return 0;
        });

        var read = (await _f.Store.GetOrderAsync(OrderRef.Of(written.Id), null))!;
        read.Price.ShouldBe(12.34m);
        ((int)read.Price!.Value.Scale).ShouldBe(2, "no trailing zeros");
        read.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("0.000001");
        read.CreatedAt.ShouldBe(Noon.AddMilliseconds(123));
        read.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        read.ExpiresAt.ShouldBe(Noon.AddHours(1));
        read.Duration.ShouldBe(TimeSpan.FromMinutes(90));
        read.CancelNotBefore.ShouldBe(TimeSpan.FromSeconds(30));
        read.Attributes.ShouldBe(written.Attributes, ignoreOrder: true);
        (read.Uuid, read.Number, read.ClientOrderId, read.Side, read.Type, read.State, read.CancelRequested, read.ExecutorAccountId)
            .ShouldBe((written.Uuid, "N-1", "client-1", (OrderSide?)OrderSide.Buy, (OrderType?)OrderType.Limit, OrderState.Open, true, (long?)7));

        (await _f.Store.GetOrderAsync(new OrderRef.ByUuid(written.Uuid), 100))!.Id.ShouldBe(written.Id);
        (await _f.Store.GetOrderAsync(new OrderRef.ByNumber("N-1"), null))!.Id.ShouldBe(written.Id);
        (await _f.Store.GetOrderAsync(new OrderRef.ByClientId("client-1"), 100))!.Id.ShouldBe(written.Id);
        (await _f.Store.GetOrderAsync(new OrderRef.ByClientId("client-1"), null)).ShouldBeNull("a client order id means nothing without its account");
        (await _f.Store.GetOrderAsync(OrderRef.Of(written.Id), 101)).ShouldBeNull("another account's order is not found");
        (await _f.Store.WriteAsync(tx => tx.FindOrder(OrderRef.Of(written.Id), 101))).ShouldBeNull();
    }

    [Fact]
    public async Task Listings_filter_page_and_sort_alike()
    {
        var orders = new List<Order>
        {
            Order(0, "A-1", price: 5m, market: "btcusdc", attribute: "TAbc"),
            Order(0, "A-2", price: 50m, market: "btcusdc", attribute: "tX%_y"),
            Order(0, "A-3", price: null, market: null, attribute: "TAbc"),
            Order(0, "B-4", price: 7m, market: "btcusdc", attribute: "other", state: OrderState.Cancelled),
            Order(0, "b-5", price: 7m, market: "ethusdc", attribute: "TAbc"),
        };
        var ids = await _f.Store.WriteAsync(tx => orders.Select(o =>
        {
            var stored = Order(tx.NextOrderId(), o.Number, o.Price, o.Market, o.Attributes["receive_address"], o.State, clientOrderId: null);
            tx.InsertOrder(stored);
            return stored.Id;
        }).ToList());

        async Task<List<string>> Numbers(OrderQuery query) => (await _f.Store.ListOrdersAsync(query with { AccountId = 100 })).Select(o => o.Number).ToList();

        (await Numbers(new OrderQuery())).ShouldBe(["b-5", "B-4", "A-3", "A-2", "A-1"]);
        (await Numbers(new OrderQuery { Sort = OrderSort.OldestFirst, Limit = 2 })).ShouldBe(["A-1", "A-2"]);
        (await Numbers(new OrderQuery { Sort = OrderSort.OldestFirst, BeforeId = ids[1] })).ShouldBe(["A-3", "B-4", "b-5"]);
        (await Numbers(new OrderQuery { BeforeId = ids[3], Limit = 2 })).ShouldBe(["A-3", "A-2"]);
        (await Numbers(new OrderQuery { Limit = 2, Offset = 1 })).ShouldBe(["B-4", "A-3"]);
        (await Numbers(new OrderQuery { Sort = OrderSort.PriceHighFirst })).ShouldBe(["A-2", "B-4", "b-5", "A-1", "A-3"], "ties go to the older order; no price last");
        (await Numbers(new OrderQuery { Sort = OrderSort.PriceLowFirst })).ShouldBe(["A-3", "A-1", "B-4", "b-5", "A-2"], "no price first");
        (await Numbers(new OrderQuery { States = [OrderState.Open], Market = "btcusdc" })).ShouldBe(["A-2", "A-1"]);
        (await Numbers(new OrderQuery { States = [OrderState.Open, OrderState.Cancelled], Side = OrderSide.Buy, Type = OrderType.Limit, Kind = OrderKind.Limit, Dialect = "native" }))
            .ShouldBe(["b-5", "B-4", "A-3", "A-2", "A-1"]);
        (await Numbers(new OrderQuery { Ids = [ids[0], ids[4], 999_999] })).ShouldBe(["b-5", "A-1"]);
        (await Numbers(new OrderQuery { Number = "A-2" })).ShouldBe(["A-2"]);
        (await Numbers(new OrderQuery { AttributeName = "receive_address", AttributeValue = "TAbc" })).ShouldBe(["b-5", "A-3", "A-1"]);
        (await Numbers(new OrderQuery { AttributeName = "receive_address", AttributeValue = "tabc" })).ShouldBeEmpty("attribute values match exactly");
        (await Numbers(new OrderQuery { AttributeName = "receive_address", AttributeValue = null })).ShouldBeEmpty();
        (await Numbers(new OrderQuery { Search = "b-" })).ShouldBe(["b-5", "B-4"], "the number, ignoring case");
        (await Numbers(new OrderQuery { Search = "%_", SearchAttribute = "receive_address" })).ShouldBe(["A-2"], "matched literally, in the attribute too");
        (await Numbers(new OrderQuery { Search = "tabc", SearchAttribute = "receive_address" })).ShouldBe(["b-5", "A-3", "A-1"]);
        (await Numbers(new OrderQuery { CreatedFrom = Noon, CreatedTo = Noon })).Count.ShouldBe(5, "both bounds included");
        (await Numbers(new OrderQuery { CreatedFrom = Noon.AddMilliseconds(1) })).ShouldBeEmpty();
        (await _f.Store.CountOrdersAsync(new OrderQuery { AccountId = 100, Market = "btcusdc", Limit = 1, Offset = 1 })).ShouldBe(3, "limit and offset ignored");
        (await _f.Store.WriteAsync(tx => tx.ListOrders(new OrderQuery { AccountId = 100, States = [OrderState.Cancelled] }))).ShouldHaveSingleItem().Number.ShouldBe("B-4");
    }

    [Fact]
    public async Task Due_orders_are_listed_soonest_first()
    {
        var due = await _f.Store.WriteAsync(tx =>
        {
            var late = Order(tx.NextOrderId(), "late", 1m, clientOrderId: null);
            late.ExpiresAt = Noon.AddMinutes(2);
            var early = Order(tx.NextOrderId(), "early", 1m, clientOrderId: null);
            early.ExpiresAt = Noon.AddMinutes(1);
            var never = Order(tx.NextOrderId(), "never", 1m, clientOrderId: null);
            never.ExpiresAt = null;
            var later = Order(tx.NextOrderId(), "later", 1m, clientOrderId: null);
            later.ExpiresAt = Noon.AddHours(1);
            foreach (var order in new[] { late, early, never, later })
            {
                tx.InsertOrder(order);
            }

            return new[] { early.Id, late.Id };
        });

        (await _f.Store.FindDueOrderIdsAsync(Noon.AddMinutes(2), 10)).ShouldBe(due);
        (await _f.Store.FindDueOrderIdsAsync(Noon.AddMinutes(2), 1)).ShouldBe([due[0]]);
    }

    [Fact]
    public async Task A_balance_read_in_a_write_but_never_saved_is_not_a_balance()
    {
        var account = (await _f.Admin.CreateAccountAsync("reader", null)).Id;
        (await _f.Store.WriteAsync(tx => tx.GetBalance(account, "TRX"))).ShouldBe(new Balance(account, "TRX", 0m, 0m));
        (await _f.Store.GetBalancesAsync(account)).ShouldBeEmpty();

        await _f.Store.WriteAsync(tx =>
        {
            tx.SaveBalance(new Balance(account, "b", 1.50m, 0m));
            tx.SaveBalance(new Balance(account, "TRX", 0m, 0m));
            tx.SaveBalance(new Balance(account, "B", 2m, 0.000000000000000001m));
            return 0;
        });
        (await _f.Store.GetBalancesAsync(account)).ShouldBe(
            [new Balance(account, "B", 2m, 0.000000000000000001m), new Balance(account, "TRX", 0m, 0m), new Balance(account, "b", 1.5m, 0m)],
            "a saved zero balance is listed; assets in byte order");
        ((int)(await _f.Store.WriteAsync(tx => tx.GetBalance(account, "b"))).Available.Scale).ShouldBe(1);
    }

    [Fact]
    public async Task External_ids_are_kept_per_scope()
    {
        await _f.Store.WriteAsync(tx =>
        {
            tx.RecordExternalId("fill", "tx-1");
            return 0;
        });
        (await _f.Store.WriteAsync(tx => (tx.HasExternalId("fill", "tx-1"), tx.HasExternalId("deposit", "tx-1"), tx.HasExternalId("fill", "tx-2"))))
            .ShouldBe((true, false, false));
    }

    [Fact]
    public async Task Accounts_start_at_the_first_tenant_and_a_credentials_lookup_key_is_free_again_once_revoked()
    {
        var account = await _f.Store.WriteAsync(tx => tx.InsertAccount("tenant", "t@example.org", Noon.AddTicks(5)));
        account.Id.ShouldBeGreaterThanOrEqualTo(SystemAccounts.FirstTenant);
        account.CreatedAt.ShouldBe(Noon);
        (await _f.Store.GetAccountAsync(account.Id)).ShouldBe(account);

        var credential = new Credential(0, account.Id, "tanx", "0xabc", "hash", "v1:sealed", ["read", "trade"], new Dictionary<string, string> { ["label"] = "bot" }, Noon);
        var added = (await _f.Store.WriteAsync(tx => tx.InsertCredential(credential)))!;
        (await _f.Store.WriteAsync(tx => tx.InsertCredential(credential))).ShouldBeNull("the lookup key is taken");
        var found = (await _f.Store.FindCredentialAsync("tanx", "0xabc"))!;
        (found.Id, found.Attributes["label"], found.SecretHash, found.SealedSecret, found.Demo, found.CreatedAt).ShouldBe((added.Id, "bot", "hash", "v1:sealed", false, Noon));
        found.Scopes.ShouldBe(["read", "trade"]);
        (await _f.Store.GetCredentialAsync(added.Id))!.LookupKey.ShouldBe("0xabc");

        await _f.Store.WriteAsync(tx =>
        {
            tx.RevokeCredential(added.Id, Noon.AddDays(1));
            return 0;
        });
        (await _f.Store.FindCredentialAsync("tanx", "0xabc")).ShouldBeNull();
        (await _f.Store.GetCredentialAsync(added.Id)).ShouldBeNull();
        (await _f.Store.WriteAsync(tx => tx.FindCredential(added.Id)))!.RevokedAt.ShouldBe(Noon.AddDays(1));
        var again = (await _f.Store.WriteAsync(tx => tx.InsertCredential(credential)))!;
        (await _f.Store.FindCredentialAsync("tanx", "0xabc"))!.Id.ShouldBe(again.Id);
    }

    private static Order Order(long id, string number, decimal? price, string? market = "btcusdc", string attribute = "TAbc",
        OrderState state = OrderState.Open, string? clientOrderId = "client-1", DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Uuid = Guid.NewGuid(),
        Number = number,
        ClientOrderId = clientOrderId,
        AccountId = 100,
        Dialect = "native",
        Kind = OrderKind.Limit,
        Side = OrderSide.Buy,
        Type = OrderType.Limit,
        Market = market,
        Price = price,
        Quantity = 0.0000010m,
        AmountLocked = 1.000m,
        State = state,
        CancelRequested = true,
        CancelNotBefore = TimeSpan.FromSeconds(30),
        CancelFeeRate = 0.10m,
        CreatedAt = createdAt ?? Noon,
        UpdatedAt = Noon,
        Duration = TimeSpan.FromMinutes(90),
        ExecutorAccountId = 7,
        Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["receive_address"] = attribute },
        Version = 1,
    };

    public sealed class OnSqlite() : StoreContractTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : StoreContractTests(new StoreEngine.Postgres());
}
