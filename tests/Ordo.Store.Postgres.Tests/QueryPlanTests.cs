using Npgsql;

using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// Every lookup the store sends has an index to use (SQLite's QueryPlanTests, on PostgreSQL). The
/// tables are empty here, so sequential scans are priced out (<c>enable_seqscan = off</c>): a plan
/// that still scans the table has no index it could use.
/// </summary>
public sealed class QueryPlanTests : IDisposable
{
    private readonly ScratchPostgres _pg = new();

    public QueryPlanTests() => PostgresOrderStore.Migrate(_pg.ConnectionString);

    public void Dispose() => _pg.Dispose();

    [Theory]
    [InlineData("SELECT id FROM orders WHERE number = 'x' AND account_id = 100 ORDER BY id LIMIT 1")]
    [InlineData("SELECT id FROM orders WHERE number = 'x' ORDER BY id LIMIT 1")]
    [InlineData("SELECT id FROM orders WHERE uuid = '6d1f0a52-7c3e-4b8e-9a55-0f1e2d3c4b5a' ORDER BY id LIMIT 1")]
    [InlineData("SELECT id FROM orders WHERE client_order_id = 'x' AND account_id = 100 ORDER BY id LIMIT 1")]
    [InlineData("SELECT id FROM orders WHERE true AND attributes @> '{\"receive_address\":\"TAbc\"}' ORDER BY id DESC LIMIT 100")]
    [InlineData("SELECT id FROM orders WHERE true AND account_id = 100 ORDER BY id DESC LIMIT 100")]
    [InlineData("SELECT id FROM orders WHERE true AND dialect = 'tronify' AND state = 'Open' ORDER BY id DESC LIMIT 100")]
    [InlineData("SELECT id FROM orders WHERE expires_at IS NOT NULL AND expires_at <= now() ORDER BY expires_at, id LIMIT 100")]
    [InlineData("SELECT id FROM credentials WHERE dialect = 'feee' AND lookup_key = 'x' AND revoked_at IS NULL")]
    [InlineData("SELECT body FROM idempotency_keys WHERE scope = 's' AND key = 'k' AND created_at >= now()")]
    [InlineData("DELETE FROM idempotency_keys WHERE created_at < now()")]
    [InlineData("SELECT EXISTS (SELECT 1 FROM external_ids WHERE scope = 's' AND external_id = 'e')")]
    [InlineData("SELECT available FROM balances WHERE account_id = 100 AND asset = 'TRX' FOR UPDATE")]
    [InlineData("SELECT asset FROM balances WHERE account_id = 100 AND saved ORDER BY asset COLLATE \"C\"")]
    [InlineData("SELECT seq FROM order_events WHERE order_id = 1 ORDER BY seq")]
    [InlineData("SELECT id FROM trades WHERE (maker_account_id = 100 OR taker_account_id = 100) ORDER BY id DESC LIMIT 100")]
    [InlineData("SELECT id FROM payouts WHERE account_id = 100 ORDER BY id DESC LIMIT 100")]
    [InlineData("SELECT id FROM payouts WHERE order_id = 1 ORDER BY id DESC LIMIT 100")]
    [InlineData("SELECT value FROM nonces WHERE kind = 'login' AND owner = 'o' ORDER BY expires_at, id")]
    [InlineData("DELETE FROM nonces WHERE kind = 'login' AND expires_at <= now()")]
    public void Lookups_use_an_index(string query)
    {
        var plan = Plan(query);
        plan.ShouldNotContain("Seq Scan", Case.Sensitive, plan);
    }

    [Fact]
    public void A_markets_open_orders_are_listed_in_time_order_through_an_index()
    {
        // What a bulk cancel on a market sends through StoreReads.ListOrders (market, kind, one state, oldest first).
        var plan = Plan(
            "SELECT id FROM orders WHERE true AND state = 'Open' AND kind = 'Limit' AND market = 'btcusdc' ORDER BY id ASC LIMIT 2147483647 OFFSET 0");
        plan.ShouldContain("Index", Case.Sensitive, plan);
        plan.ShouldNotContain("Sort", Case.Sensitive, "the index gives time order: " + plan);
    }

    [Fact]
    public void A_book_rebuild_reads_the_markets_resting_orders_from_the_covering_index_in_time_order()
    {
        // What OrderBooks.For sends through RestingOrderRows.
        var plan = Plan(
            "SELECT id, account_id, side, price, quantity, filled_quantity FROM orders WHERE market = 'btcusdc' AND kind = 'Limit' AND state = 'Open' ORDER BY id");
        plan.ShouldContain("Index Only Scan using orders_resting", Case.Sensitive, plan);
        plan.ShouldNotContain("Sort", Case.Sensitive, "the index gives time order: " + plan);
    }

    private string Plan(string query)
    {
        using var connection = new NpgsqlConnection(_pg.ConnectionString);
        connection.Open();
        using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            off.ExecuteNonQuery();
        }

        using var command = new NpgsqlCommand($"EXPLAIN {query}", connection);
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(0));
        }

        plan.ShouldNotBeEmpty();
        return string.Join(" / ", plan);
    }
}
