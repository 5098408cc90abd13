using System.Collections.Concurrent;

using Microsoft.Data.Sqlite;

namespace Ordo.Store.Sqlite.Tests;

/// <summary>
/// The WAL is checkpointed by its own thread, not by the writer after a commit, and stays bounded:
/// many commits don't grow it, an idle store empties it, and a reader holding an old snapshot
/// holds no commit back. Waits here only turn a hang into a failure (<see cref="Answered"/>).
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<(string Mode, string? Thread)> _checkpoints = new();
    private readonly EngineFixture _f = new(path => new SqliteStoreOptions(path)
    {
        CheckpointInterval = TimeSpan.FromMilliseconds(10),
        IdleCheckpointAfter = TimeSpan.FromMilliseconds(200),
        MaxWalPages = 50,
    });

    public WalCheckpointerTests() =>
        _f.Store.Checkpointed += (mode, _, _) => _checkpoints.Enqueue((mode, Thread.CurrentThread.Name));

    public void Dispose() => _f.Dispose();

    private long WalBytes => new FileInfo(_f.DatabasePath + "-wal") is { Exists: true } wal ? wal.Length : 0;

    [Fact]
    public async Task Many_commits_keep_the_WAL_small_and_an_idle_store_empties_it_from_the_checkpointer_thread()
    {
        var account = await _f.AccountWithAsync("TRX", 1_000_000m);
        long largest = 0;
        for (var i = 0; i < 300; i++)
        {
            await _f.RentalAsync(account).WaitAsync(Answered);
            largest = Math.Max(largest, WalBytes);
        }

        // Never started over, the WAL of 300 separate commits of a rental (order, event, balance, ledger pages) passes 10 MB.
        largest.ShouldBeLessThan(2 * 1024 * 1024);
        await EventuallyAsync(() => WalBytes == 0 && _checkpoints.Any(c => c.Mode == "TRUNCATE"));

        _checkpoints.ShouldContain(c => c.Mode == "PASSIVE");
        _checkpoints.ShouldContain(c => c.Mode == "RESTART");

        // Only the short RESTART (frames since the last PASSIVE one) runs on the writer, between batches.
        _checkpoints.Where(c => c.Mode != "RESTART").ShouldAllBe(c => c.Thread == "ordo-sqlite-checkpointer");
        _checkpoints.Where(c => c.Mode == "RESTART").ShouldAllBe(c => c.Thread == "ordo-sqlite-writer");
    }

    [Fact]
    public async Task A_reader_holding_an_old_snapshot_holds_no_commit_back_and_the_WAL_empties_once_it_lets_go()
    {
        var account = await _f.AccountWithAsync("TRX", 1_000_000m);
        await _f.RentalAsync(account);
        using (var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _f.DatabasePath, Pooling = false }.ToString()))
        {
            reader.Open();
            Execute(reader, "BEGIN");
            Count(reader).ShouldBe(1);

            // The WAL cannot start over behind the snapshot, so it passes MaxWalPages: RESTART is tried, and gives way.
            for (var i = 0; i < 100; i++)
            {
                await _f.RentalAsync(account).WaitAsync(Answered);
            }

            Count(reader).ShouldBe(1);
            _checkpoints.ShouldContain(c => c.Mode == "RESTART");
            WalBytes.ShouldBeGreaterThan(0);
        }

        (await _f.Store.CountOrdersAsync(new Core.Store.OrderQuery { AccountId = account })).ShouldBe(101);
        await EventuallyAsync(() => WalBytes == 0);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM orders";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Answered;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition never held");
            await Task.Delay(20); // polls the file; not timing a rule
        }
    }
}
