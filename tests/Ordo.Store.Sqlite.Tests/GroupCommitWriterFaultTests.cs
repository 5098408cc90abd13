using Microsoft.Data.Sqlite;

using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>
/// The writer when the machine fails it: SQLite's lock held by another process, a transaction
/// undone under it (the queue bound and a work's own bug: Ordo.Store.Tests, on both engines). Every
/// request is answered (kept, or the retryable <see cref="StoreUnavailableException"/> with nothing
/// kept) and the store goes on afterwards.
/// Waits here are SQLite's busy timeout and the queue bound, both real time and short; the
/// generous <see cref="Answered"/> limit only turns a hang into a failure.
/// </summary>
public sealed class GroupCommitWriterFaultTests : IDisposable
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60);

    private readonly EngineFixture _f = new(path => new SqliteStoreOptions(path)
    {
        BusyTimeout = TimeSpan.FromMilliseconds(300),
        QueueTimeout = TimeSpan.FromSeconds(1),
    });

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Writes_queued_while_another_process_holds_the_write_lock_are_all_answered_and_the_store_recovers()
    {
        var account = await _f.AccountWithAsync("TRX", 1000m);
        var placed = new List<Task<PlaceResult>>();
        using (WriteLock.Hold(_f.DatabasePath))
        {
            // Three waves, so some queue behind a batch that is waiting for the lock.
            for (var wave = 0; wave < 3; wave++)
            {
                placed.AddRange(Enumerable.Range(0, 10).Select(_ => _f.Engine.PlaceAsync(Rental(account))));
                await Task.Delay(400); // lets the writer wait for the lock meanwhile; not timing a rule
            }

            // Answered while the lock is still held: the writer never waits for it to go away.
            foreach (var task in placed)
            {
                var error = await Should.ThrowAsync<StoreUnavailableException>(task.WaitAsync(Answered));
                error.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
            }
        }

        // The other process let go: the same store works, and nothing of the failed writes was kept.
        var after = await _f.Engine.PlaceAsync(Rental(account)).WaitAsync(Answered);
        after.Status.ShouldBe(PlaceStatus.Placed);
        (await _f.Store.ListOrdersAsync(new OrderQuery { AccountId = account, Limit = 100 })).Count.ShouldBe(1);
        (await _f.Store.GetBalancesAsync(account)).Single().Available.ShouldBe(1000m - 1m);
    }

    [Fact]
    public async Task Defect_6_a_batch_that_cannot_begin_answers_every_request_and_the_next_one_commits()
    {
        // Before the fix, a failed BEGIN failed only the batch's finished requests: none, so all hung.
        var queued = new List<Task<Core.Accounts.Account>>();
        using (WriteLock.Hold(_f.DatabasePath))
        {
            queued.AddRange(Enumerable.Range(0, 5).Select(i => _f.Admin.CreateAccountAsync($"queued-{i}", null)));
            foreach (var task in queued)
            {
                await Should.ThrowAsync<StoreUnavailableException>(task.WaitAsync(Answered));
            }
        }

        (await _f.Admin.CreateAccountAsync("after", null).WaitAsync(Answered)).Name.ShouldBe("after");
    }

    [Fact]
    public async Task A_work_whose_whole_transaction_SQLite_undid_fails_its_batch_retryably_and_the_writer_goes_on()
    {
        // SQLite undoes the whole transaction on some errors (a full disk, an I/O error) while a work runs:
        // the works before it in the batch are lost too, so none of the batch may be acknowledged.
        using var writerBusy = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = _f.Store.WriteAsync(tx =>
        {
            writerBusy.Set();
            release.Wait(Answered);
            return tx.InsertAccount("blocker", null, DateTimeOffset.UnixEpoch).Id;
        });
        writerBusy.Wait(Answered).ShouldBeTrue();

        // These three queue behind the blocker and run together as the next batch.
        var before = _f.Store.WriteAsync(tx => tx.InsertAccount("before", null, DateTimeOffset.UnixEpoch).Id);
        var undoing = _f.Store.WriteAsync<long>(tx =>
        {
            using var rollback = ((SqliteWriteTransaction)tx).Connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
            throw new SqliteException("disk I/O error", 10);
        });
        var behind = _f.Store.WriteAsync(tx => tx.InsertAccount("behind", null, DateTimeOffset.UnixEpoch).Id);
        release.Set();

        var kept = await blocker.WaitAsync(Answered);
        await Should.ThrowAsync<StoreUnavailableException>(before.WaitAsync(Answered));
        await Should.ThrowAsync<StoreUnavailableException>(undoing.WaitAsync(Answered));
        await Should.ThrowAsync<StoreUnavailableException>(behind.WaitAsync(Answered));

        (await _f.Store.GetAccountAsync(kept)).ShouldNotBeNull();
        var next = await _f.Store.WriteAsync(tx => tx.InsertAccount("next", null, DateTimeOffset.UnixEpoch).Id).WaitAsync(Answered);
        next.ShouldBe(kept + 1, "the accounts of the undone batch were not kept");
    }

    [Fact]
    public void A_busy_timeout_not_shorter_than_the_queue_bound_is_refused()
    {
        using var database = new ScratchDatabase();
        Should.Throw<ArgumentOutOfRangeException>(() => SqliteOrderStore.Open(new SqliteStoreOptions(database.Path)
        {
            BusyTimeout = TimeSpan.FromSeconds(5),
            QueueTimeout = TimeSpan.FromSeconds(5),
        }));
    }

    private PlaceOrder Rental(long account) => new()
    {
        Actor = Actor.Owner(account),
        AccountId = account,
        Dialect = OrderEngine.NativeDialect,
        Kind = OrderKind.Rental,
        Quantity = 10,
        Price = 0.1m,
        Payment = 1m,
        Asset = "TRX",
        Duration = TimeSpan.FromHours(1),
        Terms = CancelTerms.None,
    };
}
