using Microsoft.Data.Sqlite;

using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>
/// The lookups on the cancel path use an index: a scan would hold the single writer for a whole
/// table per cancel (Feee cancels by number ran 3.5 times slower before the number index).
/// </summary>
public sealed class QueryPlanTests
{
    [Theory]
    [InlineData("SELECT id FROM orders WHERE number = 'x' AND account_id = 100")]
    [InlineData("SELECT id FROM orders WHERE number = 'x'")]
    [InlineData("SELECT id FROM orders WHERE uuid = 'x'")]
    [InlineData("SELECT id FROM orders WHERE client_order_id = 'x' AND account_id = 100")]
    [InlineData("SELECT id FROM credentials WHERE dialect = 'feee' AND lookup_key = 'x' AND revoked_at IS NULL")]
    [InlineData("SELECT id FROM orders WHERE dialect = 'tronify' AND state = 'Open' ORDER BY id DESC")]
    public void Lookups_use_an_index(string query)
    {
        var plan = Plan(query);
        plan.ShouldContain(step => step.Contains("USING INDEX", StringComparison.Ordinal) || step.Contains("USING COVERING INDEX", StringComparison.Ordinal), string.Join(" / ", plan));
        plan.ShouldNotContain(step => step.StartsWith("SCAN", StringComparison.Ordinal), string.Join(" / ", plan));
    }

    [Theory]
    [InlineData("SELECT * FROM orders WHERE number = 'x' AND +account_id = 100 LIMIT 1", "orders_number (number=?)")]
    [InlineData("SELECT * FROM orders WHERE uuid = 'x' AND +account_id = 100 LIMIT 1", "sqlite_autoindex_orders_1 (uuid=?)")]
    [InlineData("SELECT * FROM orders WHERE client_order_id = 'x' AND account_id = 100 LIMIT 1", "orders_client_order_id (account_id=? AND client_order_id=?)")]
    public void An_order_found_by_a_reference_within_an_account_uses_the_references_own_index(string query, string index)
    {
        // The statements OrderRows.Where writes for a tenant's Feee number, uuid and client order id. With
        // account_id = $scope as a plain term SQLite took an account index (orders_account_open, since
        // removed) for a number and read every order of the account: Feee cancels fell from 3,227 to 51 a second.
        var plan = Plan(query);
        plan.ShouldContain(step => step.Contains("USING INDEX " + index, StringComparison.Ordinal), string.Join(" / ", plan));
    }

    [Fact]
    public void A_look_for_an_open_order_with_an_attribute_reads_only_the_accounts_open_p2p_orders()
    {
        // The statement StoreReads writes for OrderWrite's exclusive check and XendBridge's PendingOrder
        // (one open order per e-mail). Through orders_account it read every order the account ever placed.
        var (sql, parameters) = StoreReads.ListSql(new OrderQuery
        {
            AccountId = 100,
            Kind = OrderKind.P2p,
            States = P2pLifecycle.Table.OpenStates,
            AttributeName = "customer_email",
            AttributeValue = "a@example.com",
            Sort = OrderSort.Any,
            Limit = 1,
        });
        var plan = Plan(sql, parameters);
        plan.ShouldContain(
            step => step.Contains("USING INDEX orders_p2p_by_account (account_id=? AND state=?)", StringComparison.Ordinal),
            string.Join(" / ", plan));
    }

    [Theory]
    [InlineData("SELECT * FROM orders WHERE 1 = 1 AND account_id = 100 ORDER BY id DESC LIMIT 20 OFFSET 0")]
    [InlineData("SELECT * FROM orders WHERE 1 = 1 AND account_id = 100 AND state IN ('Open') ORDER BY id DESC LIMIT 20 OFFSET 0")]
    public void An_accounts_page_of_orders_is_read_in_id_order_from_the_account_index(string query)
    {
        // No account index by state may win here: it would read and sort all of the account's matching orders for a page.
        var plan = Plan(query);
        var steps = string.Join(" / ", plan);
        plan.ShouldContain(step => step.Contains("USING INDEX orders_account (account_id=?)", StringComparison.Ordinal), steps);
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), steps);
    }

    [Fact]
    public void A_bulk_cancel_by_market_reads_the_markets_open_orders_not_all_of_the_accounts()
    {
        // What BulkCancelAsync sends for a tenant's limit orders on one market. With a general
        // (account_id, kind, state) index SQLite took that one and the bulk cancel ran at half its speed.
        var plan = Plan(
            "SELECT * FROM orders WHERE 1 = 1 AND account_id = 100 AND state IN ('Open') AND kind = 'Limit' AND market = 'ethusdc' " +
            "ORDER BY id ASC LIMIT 500 OFFSET 0");
        plan.ShouldContain(
            step => step.Contains("USING INDEX orders_open_book (market=? AND kind=? AND state=?)", StringComparison.Ordinal),
            string.Join(" / ", plan));
    }

    [Fact]
    public void A_book_rebuild_reads_only_the_markets_open_orders_in_time_order_through_an_index()
    {
        // The query OrderBooks.For sends through StoreReads.ListOrders (market, kind, one state, oldest first).
        var plan = Plan(
            "SELECT * FROM orders WHERE 1 = 1 AND state IN ('Open') AND kind = 'Limit' AND market = 'btcusdc' " +
            "ORDER BY id ASC LIMIT 2147483647 OFFSET 0");
        var steps = string.Join(" / ", plan);
        plan.ShouldContain(step => step.Contains("USING INDEX orders_open_book (market=? AND kind=? AND state=?)", StringComparison.Ordinal), steps);
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), "the index gives time order: " + steps);
    }

    [Fact]
    public void A_book_rebuild_reads_the_markets_resting_orders_from_the_covering_index_in_time_order()
    {
        // What OrderBooks.For sends through RestingOrderRows: only the small partial index is read, not the rows.
        var plan = Plan(
            "SELECT id, account_id, side, price, quantity, filled_quantity FROM orders INDEXED BY orders_resting " +
            "WHERE market = 'btcusdc' AND kind = 'Limit' AND state = 'Open' ORDER BY id");
        var steps = string.Join(" / ", plan);
        plan.ShouldContain(step => step.Contains("USING COVERING INDEX orders_resting (market=?)", StringComparison.Ordinal), steps);
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), "the index gives time order: " + steps);
    }

    private static List<string> Plan(string query, List<SqliteParameter>? parameters = null)
    {
        using var database = new ScratchDatabase();
        SqliteOrderStore.Migrate(database.Path);
        using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;
        command.Parameters.AddRange(parameters ?? []);
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
