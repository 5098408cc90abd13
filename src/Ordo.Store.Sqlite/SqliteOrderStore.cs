using Microsoft.Data.Sqlite;

using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit is on
/// disk before it is acknowledged. One writer connection commits batches (see
/// <see cref="GroupCommitWriter"/>); reads use pooled connections and see committed data only.
/// </summary>
public sealed class SqliteOrderStore : IOrderStore, IIdempotencyStore, IDisposable
{
    private readonly string _connectionString;
    private readonly GroupCommitWriter _writer;

    private SqliteOrderStore(string connectionString, GroupCommitWriter writer)
    {
        _connectionString = connectionString;
        _writer = writer;
    }

    /// <summary>Raised after each group commit with the batch size and the commit's duration.</summary>
    public event Action? RolledBack
    {
        add => _writer.RolledBack += value;
        remove => _writer.RolledBack -= value;
    }

    public Task<IReadOnlyList<TradeRecord>> ListTradesAsync(TradeQuery query, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<TradeRecord>>(c => TradeRows.List(c, query));

    public event Action<int, TimeSpan>? Committed
    {
        add => _writer.Committed += value;
        remove => _writer.Committed -= value;
    }

    /// <summary>Opens (creating if needed) the database and applies pending migrations.</summary>
    public static SqliteOrderStore Open(SqliteStoreOptions options)
    {
        SQLitePCL.Batteries_V2.Init();
        DatabaseFile.CreateOwnerOnly(options.Path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var writer = OpenConnection(connectionString);
        Pragma(writer, "PRAGMA journal_mode = WAL");
        Migrator.Run(writer);
        return new SqliteOrderStore(connectionString, new GroupCommitWriter(writer, options.MaxBatch));
    }

    /// <summary>Applies pending migrations without starting a store (for <c>ordo migrate</c>).</summary>
    public static IReadOnlyList<int> Migrate(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        DatabaseFile.CreateOwnerOnly(path);
        using var connection = OpenConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        Pragma(connection, "PRAGMA journal_mode = WAL");
        return Migrator.Run(connection);
    }

    public Task<T> WriteAsync<T>(Func<IOrderTransaction, T> work, CancellationToken cancellationToken = default) =>
        _writer.Enqueue(work);

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
        catch (SqliteException)
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
                "WHERE scope = $s AND key = $k AND created_at >= $nb";
            command.Parameters.Add("$s", scope);
            command.Parameters.Add("$k", key);
            command.Parameters.Add("$nb", Sql.Time(notBefore));
            using var r = command.ExecuteReader();
            return r.Read()
                ? new IdempotencyRecord(scope, key, r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), Sql.Time(r, 4))
                : null;
        });

    public Task SaveAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) =>
        _writer.Enqueue(tx =>
        {
            var connection = ((SqliteWriteTransaction)tx).Connection;
            using var command = connection.CreateCommand();

            // An expired record under the same key is replaced; a live one is kept (first wins).
            command.CommandText =
                "INSERT INTO idempotency_keys (scope, key, request_hash, status_code, content_type, body, created_at) " +
                "VALUES ($s, $k, $h, $c, $t, $b, $at) ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, " +
                "status_code = excluded.status_code, content_type = excluded.content_type, body = excluded.body, " +
                "created_at = excluded.created_at WHERE idempotency_keys.created_at < $expired";
            command.Parameters.Add("$s", record.Scope);
            command.Parameters.Add("$k", record.Key);
            command.Parameters.Add("$h", record.RequestHash);
            command.Parameters.Add("$c", record.StatusCode);
            command.Parameters.Add("$t", record.ContentType);
            command.Parameters.Add("$b", record.Body);
            command.Parameters.Add("$at", Sql.Time(record.CreatedAt));
            command.Parameters.Add("$expired", Sql.Time(record.CreatedAt - IdempotencyRecord.Retention));
            return command.ExecuteNonQuery();
        });

    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        _writer.Enqueue(tx =>
        {
            using var command = ((SqliteWriteTransaction)tx).Connection.CreateCommand();
            command.CommandText = "DELETE FROM idempotency_keys WHERE created_at < $t";
            command.Parameters.Add("$t", Sql.Time(olderThan));
            return command.ExecuteNonQuery();
        });

    public void Dispose() => _writer.Dispose();

    private static SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Pragma(connection, "PRAGMA synchronous = FULL");
        Pragma(connection, "PRAGMA busy_timeout = 30000");
        return connection;
    }

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private Task<T> Read<T>(Func<SqliteConnection, T> query)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return Task.FromResult(query(connection));
    }
}
