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
public sealed class PostgresOrderStore : IOrderStore, IIdempotencyStore, IWorkerLeases, ICommitReports, ICredentialChanges, IDisposable
{
    // Migrations may wait for another node's migration, and may build indexes on big tables.
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(10);

    private readonly NpgsqlDataSource _readers;
    private readonly GroupCommitWriter _writer;
    private readonly WorkerLeases _leases;
    private readonly CredentialSignal _credentials;
    private readonly CredentialListener _credentialListener;

    private PostgresOrderStore(NpgsqlDataSource readers, GroupCommitWriter writer, WorkerLeases leases, string listening)
    {
        _readers = readers;
        _writer = writer;
        _leases = leases;
        _credentialListener = new CredentialListener(listening, _credentials = new CredentialSignal(() => _credentialListener!.Start()));
        _writer.CredentialsChanged += _credentials.Changed;
    }

    public event Action? CredentialsChanged
    {
        add => _credentials.Add(value);
        remove => _credentials.Remove(value);
    }

    public bool WatchingCredentials => _credentials.Watching;

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
        // The server probes it with TCP keepalives (idle 10 s, then every 5 s, given up after 3): a node
        // whose machine vanished without closing its socket loses its leases within about 25 s, not
        // after the kernel's default of two hours. The client probes its side the same way.
        var leases = PostgresConnection.WithSettings(
            readers.ConnectionString, ("tcp_keepalives_idle", "10"), ("tcp_keepalives_interval", "5"), ("tcp_keepalives_count", "3"));
        leases.Pooling = false;
        leases.KeepAlive = 10;
        // The listener for credential changes uses the same kind of session (see CredentialListener).
        var writerThread = new GroupCommitWriter(() => OpenConnection(writerString), options);
        return new PostgresOrderStore(
            NpgsqlDataSource.Create(readers.ConnectionString), writerThread, new WorkerLeases(leases.ConnectionString), leases.ConnectionString);
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
        List(c => TradeRows.List(c, query));

    public Task<Order?> GetOrderAsync(OrderRef reference, long? accountId, CancellationToken cancellationToken = default) =>
        One(c => StoreReads.FindOrder(c, reference, accountId));

    public Task<IReadOnlyList<Order>> ListOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
        List(c => StoreReads.ListOrders(c, query));

    public Task<int> CountOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default) =>
        One(c => StoreReads.CountOrders(c, query));

    public Task<IReadOnlyList<OrderEvent>> GetEventsAsync(long orderId, CancellationToken cancellationToken = default) =>
        List(c => StoreReads.Events(c, orderId));

    public Task<IReadOnlyList<long>> FindDueOrderIdsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        List(c => StoreReads.DueOrderIds(c, now, max));

    public Task<IReadOnlyList<Balance>> GetBalancesAsync(long accountId, CancellationToken cancellationToken = default) =>
        List(c => StoreReads.Balances(c, accountId));

    public Task<IReadOnlyList<Payout>> ListPayoutsAsync(PayoutQuery query, CancellationToken cancellationToken = default) =>
        List(c => PayoutRows.List(c, query));

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(CancellationToken cancellationToken = default) =>
        List(StoreReads.Ledger);

    public Task<Account?> GetAccountAsync(long id, CancellationToken cancellationToken = default) =>
        One(c => StoreReads.FindAccount(c, id));

    public Task<Market?> GetMarketAsync(string name, CancellationToken cancellationToken = default) =>
        One(c => StoreReads.FindMarket(c, name));

    public Task<long> GetMarketVersionAsync(string name, CancellationToken cancellationToken = default) =>
        One(c => StoreReads.MarketVersion(c, name));

    public async Task<IReadOnlyList<RestingOrder>> ListRestingOrdersAsync(string market, CancellationToken cancellationToken = default) =>
        RestingOrderRows.Resting(await List(c => RestingOrderRows.Query(c, market)));

    public Task<Credential?> FindCredentialAsync(string dialect, string lookupKey, CancellationToken cancellationToken = default) =>
        One(c => StoreReads.FindCredential(c, dialect, lookupKey));

    public Task<Credential?> GetCredentialAsync(long id, CancellationToken cancellationToken = default) =>
        One(c => StoreReads.GetCredential(c, id));

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await One(Migrator.AppliedVersion) >= Migrator.Latest;
        }
        catch (Exception error) when (error is NpgsqlException or StoreUnavailableException)
        {
            return false;
        }
    }

    public Task<IdempotencyRecord?> FindAsync(string scope, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        One(c =>
        {
            var command = c.CreateCommand();
            command.CommandText =
                "SELECT request_hash, status_code, content_type, body, created_at FROM idempotency_keys " +
                "WHERE scope = @s AND key = @k AND created_at >= @nb";
            command.Parameters.Put("s", scope);
            command.Parameters.Put("k", key);
            command.Parameters.Put("nb", notBefore);
            return new SqlQuery<IdempotencyRecord>(
                command, r => new IdempotencyRecord(scope, key, r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), Sql.Time(r, 4)));
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

    /// <summary>The leases' session, for tests of its settings.</summary>
    internal NpgsqlConnection? LeaseSession => _leases.Session;

    /// <summary>The backend process id of the connection listening for credential changes, while it listens.</summary>
    internal int? CredentialListenerProcessId => _credentialListener.ProcessId;

    public void Dispose()
    {
        _credentialListener.Dispose();
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

    private Task<IReadOnlyList<T>> List<T>(Func<NpgsqlConnection, SqlQuery<T>> query) =>
        Read<IReadOnlyList<T>>(async c => await query(c).ListAsync(CancellationToken.None));

    private Task<T?> One<T>(Func<NpgsqlConnection, SqlQuery<T>> query) => Read(c => query(c).FirstAsync(CancellationToken.None));

    /// <summary>
    /// A read on a pooled connection, asynchronous from opening to the last row: a request waiting on
    /// PostgreSQL holds no thread (blocking them starved the thread pool under load). The request's
    /// cancellation is not passed on, as on SQLite: a read runs to its end.
    /// </summary>
    private async Task<T> Read<T>(Func<NpgsqlConnection, Task<T>> query)
    {
        try
        {
            await using var connection = await _readers.OpenConnectionAsync();
            return await query(connection);
        }
        catch (Exception error) when (PostgresFaults.IsTransient(error))
        {
            throw PostgresFaults.Unavailable(error);
        }
    }
}
