using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Tests;

/// <summary>
/// The writer of either engine: works share commits, a failing work is undone alone, a write that
/// waits past the queue bound is failed without running. Waits here are the queue bound, real time
/// and short; the generous <see cref="Answered"/> limit only turns a hang into a failure.
/// </summary>
public abstract class GroupCommitTests(StoreEngine engine) : IDisposable
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60);

    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Concurrent_writes_share_commits()
    {
        var account = await _f.AccountWithAsync("TRX", 1_000_000m);
        var batches = new List<int>();
        StoreEngine.OnCommitted(_f.Store, size =>
        {
            lock (batches)
            {
                batches.Add(size);
            }
        });
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
    public async Task The_store_is_ready_after_opening()
    {
        (await _f.Store.IsReadyAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_that_waits_past_the_queue_bound_is_failed_without_running_even_while_the_writer_is_stuck()
    {
        _f.Reopen(queueTimeout: TimeSpan.FromSeconds(1));
        using var writerBusy = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var stuck = _f.Store.WriteAsync(tx =>
        {
            writerBusy.Set();
            release.Wait(Answered);
            return 1;
        });
        writerBusy.Wait(Answered).ShouldBeTrue();

        var ran = false;
        var waiting = _f.Store.WriteAsync(tx => ran = true);
        var error = await Should.ThrowAsync<StoreUnavailableException>(waiting.WaitAsync(Answered));
        error.Message.ShouldContain("was not run");

        release.Set();
        (await stuck.WaitAsync(Answered)).ShouldBe(1);
        (await _f.Store.WriteAsync(_ => 2).WaitAsync(Answered)).ShouldBe(2);
        ran.ShouldBeFalse("a write failed as not run must never run later");
    }

    [Fact]
    public async Task A_work_that_throws_a_bug_fails_alone_with_its_own_error()
    {
        var fine = _f.Store.WriteAsync(tx => tx.InsertAccount("fine", null, DateTimeOffset.UnixEpoch).Id);
        var buggy = _f.Store.WriteAsync<int>(_ => throw new InvalidOperationException("a bug"));
        (await Should.ThrowAsync<InvalidOperationException>(buggy.WaitAsync(Answered))).ShouldNotBeOfType<StoreUnavailableException>();
        (await _f.Store.GetAccountAsync(await fine.WaitAsync(Answered))).ShouldNotBeNull();
    }

    [Fact]
    public async Task Every_write_step_is_reported_in_order()
    {
        var steps = new List<WriteStep>();
        _f.Store.WriteSteps += step =>
        {
            lock (steps)
            {
                steps.Add(step);
            }
        };
        await _f.Store.WriteAsync(tx => tx.InsertAccount("a", null, DateTimeOffset.UnixEpoch).Id);
        await Should.ThrowAsync<InvalidOperationException>(_f.Store.WriteAsync<int>(_ => throw new InvalidOperationException("undone")));

        // A failed work is answered before its batch commits: one more write waits for that commit.
        await _f.Store.WriteAsync(tx => tx.InsertAccount("b", null, DateTimeOffset.UnixEpoch).Id);
        lock (steps)
        {
            steps.ShouldBe([
                WriteStep.WorkStarting, WriteStep.Committed,
                WriteStep.WorkStarting, WriteStep.WorkRolledBack, WriteStep.Committed,
                WriteStep.WorkStarting, WriteStep.Committed]);
        }
    }

    public sealed class OnSqlite() : GroupCommitTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : GroupCommitTests(new StoreEngine.Postgres());
}
