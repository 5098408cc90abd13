using Npgsql;

using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// A batch never sits on its rows while one of its later works waits for a row another writer holds:
/// that work closes the batch (what ran before it commits, and is answered) and runs first in the
/// next batch, where it waits the usual lock timeout. It is not counted as a lost race.
/// </summary>
public sealed class BatchLockWaitTests : IDisposable
{
    private readonly ScratchPostgres _pg = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _pg.Dispose();

    [Fact]
    public async Task A_later_work_that_waits_for_a_row_held_elsewhere_lets_the_works_before_it_commit_first()
    {
        // One attempt only: a wait counted as a lost race would fail the work instead of running it again.
        using var node = new Node(_pg.Open(o => o with { MaxAttempts = 1, LockTimeout = TimeSpan.FromSeconds(30), StatementTimeout = TimeSpan.FromSeconds(60), QueueTimeout = TimeSpan.FromSeconds(90) }), _clock);
        var account = await node.AccountWithAsync("TRX", 100m);
        var free = await node.RentalAsync(account);
        var held = await node.RentalAsync(account);

        // Another writer holds the second order's row.
        await using var other = new NpgsqlConnection(_pg.ConnectionString);
        await other.OpenAsync();
        await using var otherTx = await other.BeginTransactionAsync();
        await using (var lockIt = new NpgsqlCommand($"SELECT 1 FROM orders WHERE id = {held.Id} FOR UPDATE", other, otherTx))
        {
            await lockIt.ExecuteScalarAsync();
        }

        // Keep the writer busy so that both cancels queue up and run in one batch, the free one first.
        using var entered = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var blocker = node.Store.WriteAsync(_ =>
        {
            entered.Set();
            return gate.Wait(TimeSpan.FromMinutes(1));
        });
        entered.Wait(TimeSpan.FromMinutes(1)).ShouldBeTrue("the writer runs the blocking work");
        var first = node.Engine.CancelAsync(new CancelOrder(Actor.Owner(account), OrderRef.Of(free.Id), account));
        var second = node.Engine.CancelAsync(new CancelOrder(Actor.Owner(account), OrderRef.Of(held.Id), account));
        gate.Set();
        await blocker;

        // Answered while the other writer still holds its row: the batch did not wait with it.
        (await first).Status.ShouldBe(CancelStatus.Cancelled);
        second.IsCompleted.ShouldBeFalse("it waits, first in its batch, for the row");

        await otherTx.RollbackAsync();
        (await second).Status.ShouldBe(CancelStatus.Cancelled);
    }
}
