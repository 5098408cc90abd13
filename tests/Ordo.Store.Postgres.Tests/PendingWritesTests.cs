using Npgsql;

using Ordo.Core.Ledger;
using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// The writer's queued statements (<see cref="PendingWrites"/>) and the transaction's copies of the
/// balances it locked: a work's failure, even one that surfaces only when its queued statements are
/// sent at its end, rolls back that work alone, and what it left behind is not seen by the next work
/// of the same batch. The works are held in one batch behind a blocking work.
/// </summary>
public sealed class PendingWritesTests : IDisposable
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60);

    private readonly ScratchPostgres _pg = new();
    private readonly PostgresOrderStore _store;

    public PendingWritesTests() => _store = _pg.Open();

    public void Dispose()
    {
        _store.Dispose();
        _pg.Dispose();
    }

    [Fact]
    public async Task A_queued_statement_that_fails_at_the_end_of_its_work_rolls_back_that_work_alone()
    {
        var (first, failing, last) = await InOneBatch(
            tx => tx.InsertAccount("first", null, DateTimeOffset.UnixEpoch).Id,
            tx =>
            {
                var id = tx.InsertAccount("failing", null, DateTimeOffset.UnixEpoch).Id;

                // Both queued, not sent: the second breaks the unique key only when the work ends.
                tx.RecordExternalId("scope", "twice");
                tx.RecordExternalId("scope", "twice");
                return id;
            },
            tx =>
            {
                tx.RecordExternalId("scope", "once");
                return tx.InsertAccount("last", null, DateTimeOffset.UnixEpoch).Id;
            });

        (await first).ShouldBeGreaterThan(0);
        (await Should.ThrowAsync<PostgresException>(failing)).SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        var lastId = await last;

        (await _store.GetAccountAsync(await first)).ShouldNotBeNull();
        (await _store.GetAccountAsync(lastId)).ShouldNotBeNull();
        (await _store.GetAccountAsync(lastId - 1)).ShouldBeNull("the failing work's account was rolled back with it");
        (await _store.WriteAsync(tx => (tx.HasExternalId("scope", "twice"), tx.HasExternalId("scope", "once")))).ShouldBe((false, true));
    }

    [Fact]
    public async Task A_balance_read_by_a_work_that_was_rolled_back_is_read_again_by_the_next_work()
    {
        var account = await _store.WriteAsync(tx =>
        {
            var id = tx.InsertAccount("holder", null, DateTimeOffset.UnixEpoch).Id;
            tx.SaveBalance(new Balance(id, "TRX", 5m, 0m));
            return id;
        });

        Func<IOrderTransaction, decimal> changeThenFail = tx =>
        {
            // Locked and changed, then the work fails: its lock and its change are gone.
            var balance = tx.GetBalance(account, "TRX");
            tx.SaveBalance(balance with { Available = balance.Available + 10m });
            tx.GetBalance(account, "TRX").Available.ShouldBe(15m, "the work sees its own change");
            throw new InvalidOperationException("the work gives up");
        };
        var (_, failed, next) = await InOneBatch(_ => 0, changeThenFail, tx => tx.GetBalance(account, "TRX").Available);

        await Should.ThrowAsync<InvalidOperationException>(failed);
        (await next).ShouldBe(5m, "not the rolled back work's copy");
        (await _store.GetBalancesAsync(account)).Single().Available.ShouldBe(5m);
    }

    [Fact]
    public async Task The_lease_session_asks_the_server_for_tcp_keepalives()
    {
        (await _store.HoldsAsync("keepalive-check")).ShouldBeTrue();
        var session = _store.LeaseSession.ShouldNotBeNull();
        Show(session, "tcp_keepalives_idle").ShouldBe("10");
        Show(session, "tcp_keepalives_interval").ShouldBe("5");
        Show(session, "tcp_keepalives_count").ShouldBe("3");
    }

    private static string Show(NpgsqlConnection session, string setting)
    {
        using var command = new NpgsqlCommand($"SHOW {setting}", session);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Runs the three works in one batch: they queue behind a work that holds the writer until all three are queued.</summary>
    private async Task<(Task<long>, Task<T>, Task<TLast>)> InOneBatch<T, TLast>(
        Func<IOrderTransaction, long> first, Func<IOrderTransaction, T> second, Func<IOrderTransaction, TLast> third)
    {
        using var writerBusy = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var batches = 0;
        var blocker = _store.WriteAsync(tx =>
        {
            writerBusy.Set();
            release.Wait(Answered);
            return 0;
        });
        writerBusy.Wait(Answered).ShouldBeTrue();
        _store.Committed += (size, _) => Interlocked.Increment(ref batches);
        var tasks = (_store.WriteAsync(first), _store.WriteAsync(second), _store.WriteAsync(third));
        release.Set();
        await blocker.WaitAsync(Answered);
        await Task.WhenAny(Task.WhenAll(tasks.Item1, tasks.Item2, tasks.Item3), Task.Delay(Answered));
        batches.ShouldBe(2, "the blocker's batch, then the three works in one batch");
        return tasks;
    }
}
