using Npgsql;

using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>
/// The store on PostgreSQL, for one node or several on one database. One writer connection per
/// store commits batches (see <see cref="GroupCommitWriter"/>) with <c>synchronous_commit=on</c>,
/// so a commit is durable before it is acknowledged; what a write changes it locks in the database
/// (see <see cref="PostgresWriteTransaction"/>), so nodes never both change one order or balance.
/// Reads use Npgsql's pool and see committed data only. Worker leases are advisory locks held on a
/// connection of their own (see <see cref="WorkerLeases"/>).
/// </summary>
public sealed class PostgresOrderStore : IOrderStore, IIdempotencyStore, IWorkerLeases, ICommitReports, IDisposable
{
    // Migrations may wait for another node's migration, and may build indexes on big tables.
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(10);

    private readonly NpgsqlDataSource _readers;
    private readonly GroupCommitWriter _writer;
    private readonly WorkerLeases _leases;

    private PostgresOrderStore(NpgsqlDataSource readers, GroupCommitWriter writer, WorkerLeases leases)
    {
        _readers = readers;
        _writer = writer;
        _leases = leases;
    }

    public event Action<WriteStep>? WriteSteps
    {
        add => _writer.WriteSteps += value;
        remove => _writer.WriteSteps -= value;
    }

    /// <summary>Raised after each group commit with the batch size and the commit's duration.</summary>
    public event Action<int, TimeSpan>? Committed
    {
        add => _writer.Committed += value;
        remove => _writer.Committed -= value;
    }

    /// <summary>Applies pending migrations and opens the store.</summary>
    public static PostgresOrderStore Open(PostgresStoreOptions options)
    {
        options.Validate();
        var connectionString = PostgresConnection.FromUrlOrConnectionString(options.ConnectionString);
        Migrate(connectionString);

        // Every session is bounded: no statement runs past the statement timeout, no lock wait past the
        // lock timeout; the client gives up a little after the server would. Statements are prepared
        // automatically once used twice.
        var statement = ("statement_timeout", PostgresConnection.Millis(options.StatementTimeout));
        var readers = PostgresConnection.WithSettings(connectionString, statement);
        readers.CommandTimeout = (int)Math.Ceiling(options.StatementTimeout.TotalSeconds) + 5;
        readers.MaxAutoPrepare = 64;
        readers.AutoPrepareMinUsages = 2;

        // The writer's connection is never pooled: a broken one is replaced by a really new one.
        var writer = PostgresConnection.WithSettings(
            connectionString, statement, ("lock_timeout", PostgresConnection.Millis(options.LockTimeout)), ("synchronous_commit", "on"));
        writer.CommandTimeout = readers.CommandTimeout;
        writer.Pooling = false;
        writer.MaxAutoPrepare = 128;
        writer.AutoPrepareMinUsages = 2;
        var writerString = writer.ConnectionString;

        // The leases' connection is never pooled either: closing it must end the session and its locks.
        var leases = new NpgsqlConnectionStringBuilder(readers.ConnectionString) { Pooling = false, KeepAlive = 10 };
        var writerThread = new GroupCommitWriter(() => OpenConnection(writerString), options);
        return new PostgresOrderStore(NpgsqlDataSource.Create(readers.ConnectionString), writerThread, new WorkerLeases(leases.ConnectionString));
    }

    /// <summary>Applies pending migrations without starting a store (for <c>ordo migrate</c>); a URL or a connection string.</summary>
    public static IReadOnlyList<int> Migrate(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnection.FromUrlOrConnectionString(connectionString))
        {
            Pooling = false,
            CommandTimeout = (int)MigrationTimeout.TotalSeconds,
        };
        using var connection = OpenConnection(builder.ConnectionString);
        return Migrator.Run(connection);
    }

    public Task<T> WriteAsync<T>(Func<IOrderTransaction, T> work, CancellationToken cancellationToken = default) =>
        _writer.Enqueue(work);

    public Task<IReadOnlyList<TradeRecord>> ListTradesAsync(TradeQuery query, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<TradeRecord>>(c => TradeRows.List(c, query));

    public Task<Order?> GetOrderAsync(OrderRef reference, long? accountId, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.FindOrder(c, reference, accountId));

    public Task<IReadOnlyList<Order>> ListOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<Order>>(c => StoreReads.ListOrders(c, query));

    public Task<int> CountOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.CountOrders(c, query));

    public Task<IReadOnlyList<OrderEvent>> GetEventsAsync(long orderId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<OrderEvent>>(c => StoreReads.Events(c, orderId));

    public Task<IReadOnlyList<long>> FindDueOrderIdsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<long>>(c => StoreReads.DueOrderIds(c, now, max));

    public Task<IReadOnlyList<Balance>> GetBalancesAsync(long accountId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<Balance>>(c => StoreReads.Balances(c, accountId));

    public Task<IReadOnlyList<Payout>> ListPayoutsAsync(PayoutQuery query, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<Payout>>(c => PayoutRows.List(c, query));

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<LedgerEntry>>(StoreReads.Ledger);

    public Task<Account?> GetAccountAsync(long id, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.FindAccount(c, id));

    public Task<Market?> GetMarketAsync(string name, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.FindMarket(c, name));

    public Task<Credential?> FindCredentialAsync(string dialect, string lookupKey, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.FindCredential(c, dialect, lookupKey));

    public Task<Credential?> GetCredentialAsync(long id, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.GetCredential(c, id));

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return Read(c => Migrator.AppliedVersion(c) >= Migrator.Latest);
        }
        catch (Exception error) when (error is NpgsqlException or StoreUnavailableException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<IdempotencyRecord?> FindAsync(string scope, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        Read(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText =
                "SELECT request_hash, status_code, content_type, body, created_at FROM idempotency_keys " +
                "WHERE scope = @s AND key = @k AND created_at >= @nb";
            command.Parameters.Put("s", scope);
            command.Parameters.Put("k", key);
            command.Parameters.Put("nb", notBefore);
            using var r = command.ExecuteReader();
            return r.Read()
                ? new IdempotencyRecord(scope, key, r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), Sql.Time(r, 4))
                : null;
        });

    public Task<bool> SaveAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) =>
        _writer.Enqueue(tx => tx.SaveIdempotency(record));

    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        _writer.Enqueue(tx =>
        {
            using var command = ((PostgresWriteTransaction)tx).Connection.CreateCommand();
            command.CommandText = "DELETE FROM idempotency_keys WHERE created_at < @t";
            command.Parameters.Put("t", olderThan);
            return command.ExecuteNonQuery();
        });

    public Task<bool> HoldsAsync(string job, CancellationToken cancellationToken = default) => _leases.HoldsAsync(job, cancellationToken);

    public void Dispose()
    {
        _writer.Dispose();
        _leases.Dispose();
        _readers.Dispose();
    }

    private static NpgsqlConnection OpenConnection(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private Task<T> Read<T>(Func<NpgsqlConnection, T> query)
    {
        try
        {
            using var connection = _readers.OpenConnection();
            return Task.FromResult(query(connection));
        }
        catch (Exception error) when (PostgresFaults.IsTransient(error))
        {
            throw PostgresFaults.Unavailable(error);
        }
    }
}
