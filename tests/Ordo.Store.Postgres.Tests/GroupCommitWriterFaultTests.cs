using Npgsql;

using Ordo.Core.Store;
using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// The writer when the server fails it: its backend killed (an operator's pg_terminate_backend, a
/// server restart, a cut connection). The batch is failed retryably with nothing kept, and the next
/// batch opens a fresh connection: the store heals by itself. The generous <see cref="Answered"/>
/// limit only turns a hang into a failure.
/// </summary>
public sealed class GroupCommitWriterFaultTests : IDisposable
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60);

    private readonly ScratchPostgres _pg = new();
    private readonly PostgresOrderStore _store;

    public GroupCommitWriterFaultTests() => _store = _pg.Open();

    public void Dispose()
    {
        _store.Dispose();
        _pg.Dispose();
    }

    [Fact]
    public async Task A_write_after_the_writers_backend_was_killed_fails_retryably_and_the_next_one_commits_on_a_new_connection()
    {
        var killed = await _store.WriteAsync(BackendPid);
        Terminate(killed);

        var error = await Should.ThrowAsync<StoreUnavailableException>(
            _store.WriteAsync(tx => tx.InsertAccount("lost", null, DateTimeOffset.UnixEpoch)).WaitAsync(Answered));
        error.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        error.Message.ShouldContain("nothing was written");

        var (account, pid) = await _store.WriteAsync(tx => (tx.InsertAccount("after", null, DateTimeOffset.UnixEpoch), BackendPid(tx))).WaitAsync(Answered);
        pid.ShouldNotBe(killed, "a fresh connection");
        (await _store.GetAccountAsync(account.Id))!.Name.ShouldBe("after");
        (await _store.IsReadyAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_backend_killed_in_the_middle_of_a_batch_fails_the_whole_batch_and_keeps_none_of_it()
    {
        using var writerBusy = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = _store.WriteAsync(tx =>
        {
            writerBusy.Set();
            release.Wait(Answered);
            return tx.InsertAccount("blocker", null, DateTimeOffset.UnixEpoch).Id;
        });
        writerBusy.Wait(Answered).ShouldBeTrue();

        // These three queue behind the blocker and run together as the next batch; the middle one's
        // connection is killed under it, after the first already ran in the same transaction.
        var before = _store.WriteAsync(tx => tx.InsertAccount("before", null, DateTimeOffset.UnixEpoch).Id);
        var killing = _store.WriteAsync(tx =>
        {
            Terminate(BackendPid(tx));
            return tx.InsertAccount("killing", null, DateTimeOffset.UnixEpoch).Id;
        });
        var behind = _store.WriteAsync(tx => tx.InsertAccount("behind", null, DateTimeOffset.UnixEpoch).Id);
        release.Set();

        var kept = await blocker.WaitAsync(Answered);
        await Should.ThrowAsync<StoreUnavailableException>(before.WaitAsync(Answered));
        await Should.ThrowAsync<StoreUnavailableException>(killing.WaitAsync(Answered));
        await Should.ThrowAsync<StoreUnavailableException>(behind.WaitAsync(Answered));

        (await _store.GetAccountAsync(kept)).ShouldNotBeNull();
        var next = await _store.WriteAsync(tx => tx.InsertAccount("next", null, DateTimeOffset.UnixEpoch).Id).WaitAsync(Answered);
        (await _store.GetAccountAsync(next)).ShouldNotBeNull();
        for (var id = kept + 1; id < next; id++)
        {
            (await _store.GetAccountAsync(id)).ShouldBeNull("the accounts of the failed batch were not kept");
        }
    }

    [Fact]
    public void A_lock_timeout_not_shorter_than_the_queue_bound_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PostgresOrderStore.Open(new PostgresStoreOptions(_pg.ConnectionString)
        {
            LockTimeout = TimeSpan.FromSeconds(5),
            QueueTimeout = TimeSpan.FromSeconds(5),
        }));
    }

    private static int BackendPid(Core.Store.IOrderTransaction tx)
    {
        using var command = new NpgsqlCommand("SELECT pg_backend_pid()", ((PostgresWriteTransaction)tx).Connection);
        return (int)command.ExecuteScalar()!;
    }

    private void Terminate(int pid)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_pg.ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 10000)", connection);
        command.Parameters.AddWithValue("pid", pid);
        ((bool)command.ExecuteScalar()!).ShouldBeTrue();
    }
}
