using Ordo.Core.Orders;
using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

public sealed class GroupCommitWriterTests : IDisposable
{
    private readonly EngineFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Concurrent_writes_share_commits()
    {
        var account = await _f.AccountWithAsync("TRX", 1_000_000m);
        var batches = new List<int>();
        _f.Store.Committed += (size, _) =>
        {
            lock (batches)
            {
                batches.Add(size);
            }
        };
        await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => _f.RentalAsync(account, quantity: 10, price: 1)));
        lock (batches)
        {
            batches.Sum().ShouldBe(400);
            batches.Count.ShouldBeLessThan(400, "several writes must have been committed together");
        }
    }

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone()
    {
        var account = await _f.AccountWithAsync("TRX", 100m);
        var failing = _f.Store.WriteAsync<int>(tx =>
        {
            tx.InsertAccount("doomed", null, DateTimeOffset.UnixEpoch);
            throw new InvalidOperationException("boom");
        });
        var fine = _f.RentalAsync(account, quantity: 10, price: 1);
        await Should.ThrowAsync<InvalidOperationException>(failing);
        var order = await fine;
        (await _f.Store.GetOrderAsync(OrderRef.Of(order.Id), account)).ShouldNotBeNull();
        (await _f.Store.GetAccountAsync(account + 1)).ShouldBeNull("the failed write's account must not exist");
    }

    [Fact]
    public void Migrations_run_once()
    {
        using var database = new ScratchDatabase();
        SqliteOrderStore.Migrate(database.Path).ShouldBe([1, 2, 3, 4]);
        SqliteOrderStore.Migrate(database.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_store_is_ready_after_opening()
    {
        (await _f.Store.IsReadyAsync()).ShouldBeTrue();
    }
}
