using Ordo.Core.Store;
using Ordo.Store.Postgres;
using Ordo.Store.Sqlite;
using Ordo.Testing;

namespace Ordo.Store.Tests;

/// <summary>
/// One engine's empty database, for the contract tests: <see cref="Open"/> starts a store on it (a
/// second call is a restart, or a second node where the engine has several). Each test class runs
/// on both engines through its nested <c>OnSqlite</c> and <c>OnPostgres</c> classes.
/// </summary>
public abstract class StoreEngine : IDisposable
{
    public abstract string Name { get; }

    /// <summary>A store on this engine's database; <paramref name="queueTimeout"/> bounds its writer's queue.</summary>
    public abstract IOrderStore Open(TimeSpan? queueTimeout = null);

    public abstract void Dispose();

    public override string ToString() => Name;

    /// <summary>Calls <paramref name="handler"/> after each group commit of the store, with the batch's size.</summary>
    public static void OnCommitted(IOrderStore store, Action<int> handler)
    {
        switch (store)
        {
            case SqliteOrderStore sqlite:
                sqlite.Committed += (size, _) => handler(size);
                break;
            case PostgresOrderStore postgres:
                postgres.Committed += (size, _) => handler(size);
                break;
            default:
                throw new ArgumentException($"not a store of a known engine: {store.GetType()}", nameof(store));
        }
    }

    public sealed class Sqlite : StoreEngine
    {
        private readonly ScratchDatabase _database = new();

        public override string Name => "SQLite";

        public override IOrderStore Open(TimeSpan? queueTimeout = null)
        {
            var options = new SqliteStoreOptions(_database.Path);
            return SqliteOrderStore.Open(queueTimeout is { } q ? options with { QueueTimeout = q, BusyTimeout = q / 2 } : options);
        }

        public override void Dispose() => _database.Dispose();
    }

    public sealed class Postgres : StoreEngine
    {
        private readonly ScratchPostgres _database = new();

        public override string Name => "PostgreSQL";

        public string ConnectionString => _database.ConnectionString;

        public override IOrderStore Open(TimeSpan? queueTimeout = null)
        {
            var options = new PostgresStoreOptions(_database.ConnectionString);
            return PostgresOrderStore.Open(queueTimeout is { } q ? options with { QueueTimeout = q, LockTimeout = q / 2 } : options);
        }

        public override void Dispose() => _database.Dispose();
    }
}
