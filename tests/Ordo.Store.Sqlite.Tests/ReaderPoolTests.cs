using Microsoft.Data.Sqlite;

using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>
/// Reads run on kept connections with their statements prepared, yet see every commit before them, and a
/// connection is kept only when its read ended cleanly (no transaction or statement left open, no error).
/// </summary>
public sealed class ReaderPoolTests : IDisposable
{
    private readonly EngineFixture _f = new();
    private readonly ScratchDatabase _scratch = new();

    public void Dispose()
    {
        _f.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task A_read_keeps_its_prepared_statement_and_the_next_read_sees_a_later_commit()
    {
        var account = await _f.AccountWithAsync("TRX", 100m);
        var order = await _f.RentalAsync(account, quantity: 1000, price: 0.01m);
        (await _f.Store.GetOrderAsync(OrderRef.Of(order.Id), null))!.State.ShouldBe(OrderState.Open);

        _f.Store.Readers.IdleCount.ShouldBeGreaterThan(0);
        _f.Store.Readers.Holds($"SELECT {OrderRows.Columns} FROM orders WHERE id = $ref LIMIT 1").ShouldBeTrue();

        (await _f.Engine.CancelAsync(new CancelOrder(Actor.Owner(account), OrderRef.Of(order.Id), account))).Status.ShouldBe(CancelStatus.Cancelled);
        (await _f.Store.GetOrderAsync(OrderRef.Of(order.Id), null))!.State.ShouldBe(OrderState.Cancelled);
        (await _f.Store.GetBalancesAsync(account)).Single(b => b.Asset == "TRX").Available.ShouldBe(100m);
    }

    [Fact]
    public async Task Kept_readers_hold_no_truncating_checkpoint_back()
    {
        var account = await _f.AccountWithAsync("TRX", 100m);
        var order = await _f.RentalAsync(account, quantity: 1000, price: 0.01m);
        for (var i = 0; i < 5; i++)
        {
            await _f.Store.GetOrderAsync(OrderRef.Of(order.Id), account);
            await _f.Store.ListOrdersAsync(new OrderQuery { AccountId = account });
        }

        _f.Store.Readers.IdleCount.ShouldBeGreaterThan(0);
        using var other = new SqliteConnection($"Data Source={_f.DatabasePath};Pooling=False");
        other.Open();
        using var checkpoint = other.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";

        // The store's own checkpointer may be checkpointing at the same moment (busy for an instant);
        // a kept reader holding a snapshot would make every attempt busy.
        var busy = true;
        for (var attempt = 0; attempt < 100 && busy; attempt++)
        {
            using var result = checkpoint.ExecuteReader();
            result.Read().ShouldBeTrue();
            busy = result.GetInt64(0) != 0;
            if (busy)
            {
                Thread.Sleep(20); // waits out the other checkpoint, not a rule
            }
        }

        busy.ShouldBeFalse("a kept reader would make the truncating checkpoint busy");
        new FileInfo(_f.DatabasePath + "-wal").Length.ShouldBe(0);
    }

    [Fact]
    public void A_connection_left_in_a_transaction_or_mid_statement_or_after_an_error_is_closed_not_kept()
    {
        using var pool = new ReaderPool(Open);
        pool.Read(s => s.For("SELECT 1").ExecuteScalar());
        pool.IdleCount.ShouldBe(1);

        pool.Read(s => s.For("BEGIN").ExecuteNonQuery());
        pool.IdleCount.ShouldBe(0);

        pool.Read(s =>
        {
            var reader = s.For("SELECT 1 UNION ALL SELECT 2").ExecuteReader();
            return reader.Read(); // not disposed: the statement is still running
        });
        pool.IdleCount.ShouldBe(0);

        Should.Throw<InvalidOperationException>(() => pool.Read<int>(_ => throw new InvalidOperationException("a read failed")));
        pool.IdleCount.ShouldBe(0);

        pool.Read(s => (long)s.For("SELECT 2").ExecuteScalar()!).ShouldBe(2);
        pool.IdleCount.ShouldBe(1);
    }

    [Fact]
    public async Task At_most_the_idle_limit_is_kept()
    {
        using var pool = new ReaderPool(Open);
        var held = new List<Task>();
        using var gate = new ManualResetEventSlim();
        var inside = new CountdownEvent(ReaderPool.Idle + 4);
        for (var i = 0; i < ReaderPool.Idle + 4; i++)
        {
            held.Add(Task.Factory.StartNew(() => pool.Read(s =>
            {
                inside.Signal();
                gate.Wait(TimeSpan.FromSeconds(30));
                return s.For("SELECT 1").ExecuteScalar();
            }), TaskCreationOptions.LongRunning));
        }

        inside.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        gate.Set();
        await Task.WhenAll(held).WaitAsync(TimeSpan.FromSeconds(30));
        pool.IdleCount.ShouldBe(ReaderPool.Idle);
    }

    [Fact]
    public void Past_its_capacity_a_connection_drops_its_statements_and_prepares_again()
    {
        using var connection = Open();
        var statements = new Statements(connection);
        for (var i = 0; i < Statements.Capacity; i++)
        {
            statements.For($"SELECT {i}").ExecuteScalar();
        }

        statements.Holds("SELECT 0").ShouldBeTrue();
        statements.For("SELECT 'one more'").ExecuteScalar().ShouldBe("one more");
        statements.Holds("SELECT 0").ShouldBeFalse();
        statements.Holds("SELECT 'one more'").ShouldBeTrue();
        statements.Forget();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_scratch.Path};Pooling=False");
        connection.Open();
        return connection;
    }
}
