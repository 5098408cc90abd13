using Npgsql;

using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>
/// The store's listener for credential changes: when its session is ended (<c>pg_terminate_backend</c>,
/// as a failover or an operator would) the watch is dropped and reported at once, so caches are
/// emptied and bypassed; a new session listens again and the watch is reported sure again (caches
/// emptied once more, for what was missed meanwhile).
/// </summary>
public sealed class CredentialListenerTests : IDisposable
{
    // Only turns a hang into a failure.
    private static readonly TimeSpan Seen = TimeSpan.FromSeconds(30);

    private readonly ScratchPostgres _pg = new();

    public void Dispose() => _pg.Dispose();

    [Fact]
    public async Task An_ended_listening_session_drops_the_watch_until_a_new_one_listens()
    {
        using var store = _pg.Open();
        var reported = 0;
        store.CredentialsChanged += () => Interlocked.Increment(ref reported);
        await Until(() => store.WatchingCredentials);
        var first = store.CredentialListenerProcessId!.Value;

        var before = Volatile.Read(ref reported);
        Terminate(first);
        await Until(() => !store.WatchingCredentials);
        Volatile.Read(ref reported).ShouldBeGreaterThan(before, "dropping the watch empties the caches");

        before = Volatile.Read(ref reported);
        await Until(() => store.WatchingCredentials);
        Volatile.Read(ref reported).ShouldBeGreaterThan(before, "listening again empties them once more");
        store.CredentialListenerProcessId.ShouldNotBe(first);
    }

    [Fact]
    public async Task A_change_made_from_a_session_on_another_search_path_is_reported()
    {
        using var store = _pg.Open();
        var reported = 0;
        store.CredentialsChanged += () => Interlocked.Increment(ref reported);
        await Until(() => store.WatchingCredentials);
        var before = Volatile.Read(ref reported);

        // An operator's psql on the default search path, naming the installation's table (a statement
        // trigger fires even when no row matches). Migration 010 notified that session's schema, "public".
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_pg.Server) { Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"UPDATE \"{_pg.Schema}\".credentials SET revoked_at = now() WHERE id = -1", connection);
            command.ExecuteNonQuery();
        }

        await Until(() => Volatile.Read(ref reported) > before);
    }

    private void Terminate(int processId)
    {
        using var connection = new NpgsqlConnection(_pg.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@p)", connection);
        command.Parameters.AddWithValue("p", processId);
        ((bool)command.ExecuteScalar()!).ShouldBeTrue();
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Seen;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(10);
        }
    }
}
