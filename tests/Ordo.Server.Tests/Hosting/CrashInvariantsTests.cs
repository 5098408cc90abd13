using Microsoft.Data.Sqlite;

namespace Ordo.Server.Tests.Hosting;

/// <summary>The crash loop's checks see a clean database as clean, and each kind of damage as damage.</summary>
public sealed class CrashInvariantsTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private Tenant _tenant = null!;
    private long _rental;
    private long _second;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        _rental = (await _tenant.PlaceAsync(Orders.Rental(quantity: 1000, price: "0.01")))["id"]!.GetValue<long>();
        (await _tenant.Http.PostAsync($"/v1/orders/{_rental}/cancel")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        _second = (await _tenant.PlaceAsync(Orders.Rental(quantity: 2000, price: "0.01")))["id"]!.GetValue<long>();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrashInvariants Check(params CrashOp[] log)
    {
        var check = CrashInvariants.Read(_server.DatabasePath);
        check.CheckRequests(log);
        check.CheckBooks([_tenant.AccountId]);
        return check;
    }

    private CrashOp Place(decimal quantity, int status, string? key = "k1") => new()
    {
        Number = 1, Kind = CrashOpKind.Place, Sender = 0, Path = "/v1/orders", Body = "{}", IdempotencyKey = key,
        AccountId = _tenant.AccountId, OrderKind = "Rental", Quantity = quantity, Status = status,
        OrderId = status == 201 ? (quantity == 1000 ? _rental : _second) : null,
    };

    private void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_server.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_clean_database_passes_and_a_request_that_acted_twice_does_not()
    {
        Check(Place(1000, 201), Place(2000, 201, key: null)).Violations.ShouldBeEmpty();
        Check(Place(1000, 201)).Violations.ShouldHaveSingleItem().ShouldContain("that no request placed", Case.Insensitive);
        Check(Place(1000, 409), Place(2000, 201, key: null)).Violations.ShouldHaveSingleItem().ShouldContain("made 1 orders (expected 0)");
    }

    [Fact]
    public void A_second_refund_and_a_lock_that_no_order_holds_are_found()
    {
        Tamper($"INSERT INTO ledger_entries (movement_id, account_id, asset, bucket, amount, order_id, reason, at) VALUES (999999, {_tenant.AccountId}, 'TRX', 'Locked', '-1', {_rental}, 'refund', 0), (999999, {_tenant.AccountId}, 'TRX', 'Available', '1', {_rental}, 'refund', 0)");
        Tamper($"UPDATE balances SET locked = '21', available = '78' WHERE account_id = {_tenant.AccountId} AND asset = 'TRX'");
        var violations = Check().Violations;
        violations.ShouldContain(v => v.Contains($"order {_rental}: refunded 2 times"));
        violations.ShouldContain(v => v.Contains("locked 21, its orders hold 20"));
        violations.ShouldContain(v => v.Contains("but the ledger sums to"));
    }

    [Fact]
    public void Money_from_nowhere_and_an_order_both_filled_and_cancelled_are_found()
    {
        Tamper($"INSERT OR REPLACE INTO balances (account_id, asset, available, locked) VALUES (1, 'TRX', '5', '0')");
        Tamper($"INSERT INTO order_events (order_id, type, state, actor_kind, actor_account, reason, at, data) VALUES ({_rental}, 'order.filled', 'Filled', 'Executor', 1, NULL, 0, '{{}}')");
        var violations = Check().Violations;
        violations.ShouldContain(v => v.Contains("TRX: balances + locks + fees = 105, deposits = 100"));
        violations.ShouldContain(v => v.Contains($"order {_rental} (Rental): both filled and cancelled"));
    }
}
