using Npgsql;

using Ordo.Testing;

namespace Ordo.Store.Postgres.Tests;

/// <summary>Migrations on PostgreSQL: once per schema, under an advisory lock, whatever starts at the same time.</summary>
public sealed class MigratorTests : IDisposable
{
    private readonly ScratchPostgres _pg = new();

    public void Dispose() => _pg.Dispose();

    [Fact]
    public void Migrations_run_once()
    {
        PostgresOrderStore.Migrate(_pg.ConnectionString).ShouldBe(Migrator.All.Select(m => m.Version).ToList());
        PostgresOrderStore.Migrate(_pg.ConnectionString).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_nodes_migrating_at_once_both_succeed_and_each_migration_is_applied_once()
    {
        using var start = new Barrier(4);
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return PostgresOrderStore.Migrate(_pg.ConnectionString);
        })).ToList();
        var applied = await Task.WhenAll(runs);

        applied.SelectMany(versions => versions).Order().ShouldBe(Migrator.All.Select(m => m.Version), "every version applied by exactly one node");
        applied.Count(versions => versions.Count > 0).ShouldBe(1, "the others waited for the lock, then found nothing to do");
        Scalar("SELECT count(*) FROM schema_migrations").ShouldBe((long)Migrator.All.Count);
    }

    [Fact]
    public void Everything_is_created_in_the_connections_schema()
    {
        PostgresOrderStore.Migrate(_pg.ConnectionString);
        var tables = Scalar($"SELECT count(*) FROM pg_tables WHERE schemaname = '{_pg.Schema}'");
        tables.ShouldBe(Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"));
        ((long)tables!).ShouldBeGreaterThanOrEqualTo(10L);
        Scalar($"SELECT count(*) FROM pg_sequences WHERE schemaname = '{_pg.Schema}' AND sequencename IN ('order_ids', 'movement_ids')").ShouldBe(2L);
    }

    [Fact]
    public async Task A_store_opened_on_a_new_schema_is_ready()
    {
        using var store = _pg.Open();
        (await store.IsReadyAsync()).ShouldBeTrue();
    }

    [Fact]
    public void A_search_path_without_an_existing_schema_is_refused_clearly()
    {
        var missing = new NpgsqlConnectionStringBuilder(_pg.Server) { SearchPath = "ordo_no_such_schema" }.ConnectionString;
        Should.Throw<InvalidOperationException>(() => PostgresOrderStore.Migrate(missing)).Message.ShouldContain("ordo_no_such_schema");
    }

    private object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(_pg.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
