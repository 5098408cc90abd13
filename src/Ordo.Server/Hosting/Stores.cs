using Ordo.Core.Store;
using Ordo.Store.Postgres;
using Ordo.Store.Sqlite;

namespace Ordo.Server.Hosting;

/// <summary>
/// The store that <c>--db</c> names, opened for the server or for one operator command, and
/// registered under each of its interfaces. A PostgreSQL URL (<c>postgres://</c>, <c>postgresql://</c>)
/// or an Npgsql connection string (<c>key=value</c> pairs, e.g. <c>Host=db;Database=ordo</c>) selects
/// PostgreSQL, which several nodes may share; anything else is a SQLite file, which one server owns.
/// Any text with an <c>=</c> is read as a connection string (and refused if it is not one): a mistyped
/// keyword must not quietly give one node a SQLite file of its own beside the shared database.
/// </summary>
public static class Stores
{
    public static bool IsPostgres(string database) => PostgresConnection.IsUrl(database) || database.Contains('=');

    /// <summary>Opens the server's store and registers it (the store itself, and each interface it serves).</summary>
    public static void AddStore(this IServiceCollection services, ServerOptions options)
    {
        if (IsPostgres(options.Database))
        {
            Register(services, PostgresOrderStore.Open(new PostgresStoreOptions(options.Database)
            {
                QueueTimeout = options.WriteQueueTimeout,
                LockTimeout = options.BusyTimeout,
            }));
        }
        else
        {
            Register(services, SqliteOrderStore.Open(new SqliteStoreOptions(options.Database)
            {
                QueueTimeout = options.WriteQueueTimeout,
                BusyTimeout = options.BusyTimeout,
            }));
        }
    }

    /// <summary>A store for one operator command, which may wait for a busy server's locks longer than a request would.</summary>
    public static OperatorStore OpenForCommand(string database) => IsPostgres(database)
        ? new(PostgresOrderStore.Open(new PostgresStoreOptions(database)
        {
            LockTimeout = TimeSpan.FromSeconds(30),
            StatementTimeout = TimeSpan.FromSeconds(90),
            QueueTimeout = TimeSpan.FromSeconds(60),
        }))
        : new(SqliteOrderStore.Open(new SqliteStoreOptions(database)
        {
            BusyTimeout = TimeSpan.FromSeconds(30),
            QueueTimeout = TimeSpan.FromSeconds(60),
        }));

    /// <summary>Applies pending migrations (<c>ordo migrate</c>); returns the versions applied now.</summary>
    public static IReadOnlyList<int> Migrate(string database) =>
        IsPostgres(database) ? PostgresOrderStore.Migrate(database) : SqliteOrderStore.Migrate(database);

    private static void Register<TStore>(IServiceCollection services, TStore store)
        where TStore : class, IOrderStore, IIdempotencyStore, IWorkerLeases, ICommitReports
    {
        services.AddSingleton(store);
        services.AddSingleton<IOrderStore>(store);
        services.AddSingleton<IIdempotencyStore>(store);
        services.AddSingleton<IWorkerLeases>(store);
        services.AddSingleton<ICommitReports>(store);
    }

    /// <summary>An operator command's store, closed with the command.</summary>
    public sealed class OperatorStore(IOrderStore store) : IDisposable
    {
        public IOrderStore Store => store;

        public void Dispose() => (store as IDisposable)?.Dispose();
    }
}
