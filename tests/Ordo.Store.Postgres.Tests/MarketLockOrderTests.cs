using Npgsql;

using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// Nodes take a market's row (its sequencer)
/// before the rows of orders on it, in the order a place does (the sequencer, then the makers it trades
/// with). A cancel that locked its order first and the sequencer second deadlocked with a place on another
/// node matching against that order: PostgreSQL broke the cycle after a second, and under load the loser
/// ran out of attempts and answered 503 (found by <c>Ordo.Server.Tests.Nodes</c>).
/// </summary>
public sealed class MarketLockOrderTests : IDisposable
{
    private const string Market = "aaausdc";
    private readonly ScratchPostgres _database = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_cancel_waits_for_the_market_before_it_locks_the_order_so_a_match_on_another_node_can_take_it()
    {
        using var store = _database.Open();
        var engine = new OrderEngine(store, _clock);
        var admin = new Administration(store, _clock);
        await admin.SaveMarketAsync(new Market(Market, "AAA", "USDC", 2, 4, 0.0001m, 0m, 0m));
        var seller = await admin.CreateAccountAsync("seller", null);
        await admin.DepositAsync(seller.Id, "AAA", 10m, "seed");
        var sell = await engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(seller.Id),
            AccountId = seller.Id,
            Dialect = OrderEngine.NativeDialect,
            Kind = OrderKind.Limit,
            Market = Market,
            Side = OrderSide.Sell,
            Type = OrderType.Limit,
            Price = 100m,
            Quantity = 1m,
        });

        // Another node places on the market: it holds the market's sequencer and is about to match.
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using var match = await other.BeginTransactionAsync();
        await Execute(other, $"UPDATE markets SET book_version = book_version + 1 WHERE name = '{Market}'");

        // This node's cancel of the resting offer now waits for a lock the other node holds.
        var cancel = engine.CancelAsync(new CancelOrder(Actor.Owner(seller.Id), OrderRef.Of(sell.Order!.Id), seller.Id, null));
        await using (var watch = new NpgsqlConnection(_database.ConnectionString))
        {
            await watch.OpenAsync();
            while ((long)(await Scalar(watch, $"SELECT count(*) FROM pg_stat_activity WHERE {other.ProcessID} = ANY(pg_blocking_pids(pid))"))! == 0)
            {
                cancel.IsCompleted.ShouldBeFalse("the cancel must wait for the market the other node holds");
                await Task.Delay(10); // polling for the wait to begin, not timing a rule
            }
        }

        // The other node's match takes the offer's row at once: the cancel does not hold it while it waits.
        (await Scalar(other, $"SELECT id FROM orders WHERE id = {sell.Order.Id} FOR UPDATE NOWAIT")).ShouldBe(sell.Order.Id);
        await match.CommitAsync();
        (await cancel).Status.ShouldBe(CancelStatus.Cancelled);
    }

    [Fact]
    public async Task A_place_reads_its_market_only_once_it_holds_the_sequencer_so_a_change_of_quote_cannot_slip_under_it()
    {
        using var store = _database.Open();
        var engine = new OrderEngine(store, _clock);
        var admin = new Administration(store, _clock);
        await admin.SaveMarketAsync(new Market(Market, "AAA", "USDC", 2, 4, 0.0001m, 0m, 0m));
        var buyer = await admin.CreateAccountAsync("buyer", null);
        await admin.DepositAsync(buyer.Id, "USDC", 1000m, "seed-usdc");
        await admin.DepositAsync(buyer.Id, "USDT", 1000m, "seed-usdt");

        // Another node changes the (empty) market's quote and has not committed yet.
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using var change = await other.BeginTransactionAsync();
        await Execute(other, $"UPDATE markets SET quote = 'USDT', book_version = book_version + 1 WHERE name = '{Market}'");

        var place = engine.PlaceAsync(new PlaceOrder
        {
            Actor = Actor.Owner(buyer.Id),
            AccountId = buyer.Id,
            Dialect = OrderEngine.NativeDialect,
            Kind = OrderKind.Limit,
            Market = Market,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Price = 10m,
            Quantity = 1m,
        });
        await using (var watch = new NpgsqlConnection(_database.ConnectionString))
        {
            await watch.OpenAsync();
            while ((long)(await Scalar(watch, $"SELECT count(*) FROM pg_stat_activity WHERE {other.ProcessID} = ANY(pg_blocking_pids(pid))"))! == 0)
            {
                place.IsCompleted.ShouldBeFalse("the place must wait for the market the other node holds");
                await Task.Delay(10); // polling for the wait to begin, not timing a rule
            }
        }

        await change.CommitAsync();
        var placed = await place;
        placed.Status.ShouldBe(PlaceStatus.Placed, placed.Message);
        placed.Order!.Asset.ShouldBe("USDT", "the order is locked in the market's quote as committed before it");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
