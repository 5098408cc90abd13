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
/// <see cref="GroupCommitWriter"/>); reads use pooled connections (<see cref="ReaderPool"/>, with their prepared statements) and see committed data only.
/// One server owns its file, so it holds every worker lease (the <c>ordo</c> command writes the
/// file too, but runs no background job).
/// </summary>
public sealed class SqliteOrderStore : IOrderStore, IIdempotencyStore, IWorkerLeases, ICommitReports, ICredentialChanges, IDisposable
{
    private static readonly TimeSpan MigrationBusyTimeout = TimeSpan.FromSeconds(30);

    private readonly ReaderPool _readers;
    private readonly GroupCommitWriter _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly CredentialSignal _credentials;
    private readonly CredentialVersionPoll _credentialPoll;

    private SqliteOrderStore(string connectionString, TimeSpan busyTimeout, GroupCommitWriter writer, WalCheckpointer checkpointer)
    {
        _readers = new ReaderPool(() => OpenConnection(connectionString, busyTimeout));
        _writer = writer;
        _checkpointer = checkpointer;
        _credentialPoll = new CredentialVersionPoll(
            new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 1 }.ToString(),
            _credentials = new CredentialSignal(() => _credentialPoll!.Start()));
        _writer.CredentialsChanged += version =>
        {
            if (version is { } committed)
            {
                _credentialPoll.Saw(committed);
            }

            _credentials.Changed();
        };
    }

    /// <summary>Raised after each WAL checkpoint (tests watch the checkpointer with it): mode, frames in the WAL, frames copied.</summary>
    internal event Action<string, long, long>? Checkpointed
    {
        add => _checkpointer.Checkpointed += value;
        remove => _checkpointer.Checkpointed -= value;
    }

    public event Action? CredentialsChanged
    {
        add => _credentials.Add(value);
        remove => _credentials.Remove(value);
    }

    public bool WatchingCredentials => _credentials.Watching && _credentialPoll.Fresh;

    public event Action<WriteStep>? WriteSteps
    {
        add => _writer.WriteSteps += value;
        remove => _writer.WriteSteps -= value;
    }

    public Task<IReadOnlyList<TradeRecord>> ListTradesAsync(TradeQuery query, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<TradeRecord>>(c => TradeRows.List(c.Connection, query));

    /// <summary>Raised after each group commit with the batch size and the commit's duration.</summary>
    public event Action<int, TimeSpan>? Committed
    {
        add => _writer.Committed += value;
        remove => _writer.Committed -= value;
    }

    /// <summary>Opens (creating if needed) the database and applies pending migrations.</summary>
    public static SqliteOrderStore Open(SqliteStoreOptions options)
    {
        options.Validate();

        // Migrations on their own connection, which may wait the usual 30 s for a lock at start-up.
        Migrate(options.Path);

        // Every connection of a running store gives up on a lock held elsewhere after the busy timeout:
        // SQLite's busy_timeout, and the command timeout that Microsoft.Data.Sqlite retries busy statements within.
        var readers = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // the store pools its readers itself, with their statements
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };

        // The writer's connection is never pooled: a broken one is replaced by a really new one.
        // It never checkpoints: the checkpointer does, on its own connection, off the commit path.
        var writer = readers.ToString();
        var checkpointer = new WalCheckpointer(() => OpenConnection(writer, WalCheckpointer.LockWait), options);
        try
        {
            return new SqliteOrderStore(
                readers.ToString(),
                options.BusyTimeout,
                new GroupCommitWriter(() => OpenWriter(writer, options.BusyTimeout), checkpointer, options),
                checkpointer);
        }
        catch
        {
            checkpointer.Dispose();
            throw;
        }
    }

    private static SqliteConnection OpenWriter(string connectionString, TimeSpan busyTimeout)
    {
        var connection = OpenConnection(connectionString, busyTimeout);
        Sql.Execute(connection, "PRAGMA wal_autocheckpoint = 0");
        return connection;
    }

    /// <summary>Applies pending migrations without starting a store (for <c>ordo migrate</c>).</summary>
    public static IReadOnlyList<int> Migrate(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        DatabaseFile.CreateOwnerOnly(path);
        using var connection = OpenConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString(), MigrationBusyTimeout);
        Sql.Execute(connection, "PRAGMA journal_mode = WAL");
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

    public Task<IReadOnlyList<Payout>> ListPayoutsAsync(PayoutQuery query, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<Payout>>(c => PayoutRows.List(c.Connection, query));

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<LedgerEntry>>(StoreReads.Ledger);

    public Task<Account?> GetAccountAsync(long id, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.FindAccount(c, id));

    public Task<Market?> GetMarketAsync(string name, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.FindMarket(c, name));

    public Task<long> GetMarketVersionAsync(string name, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.MarketVersion(c, name));

    public Task<IReadOnlyList<RestingOrder>> ListRestingOrdersAsync(string market, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<RestingOrder>>(c => RestingOrderRows.List(c, market));

    public Task<Credential?> FindCredentialAsync(string dialect, string lookupKey, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.FindCredential(c, dialect, lookupKey));

    public Task<Credential?> GetCredentialAsync(long id, CancellationToken cancellationToken = default) =>
        Read(c => StoreReads.GetCredential(c, id));

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return Read(c => Migrator.AppliedVersion(c.Connection) >= Migrator.Latest);
        }
        catch (Exception error) when (error is SqliteException or StoreUnavailableException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<IdempotencyRecord?> FindAsync(string scope, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        Read(c =>
        {
            var command = c.For(
                "SELECT request_hash, status_code, content_type, body, created_at FROM idempotency_keys " +
                "WHERE scope = $s AND key = $k AND created_at >= $nb");
            command.Parameters.Add("$s", scope);
            command.Parameters.Add("$k", key);
            command.Parameters.Add("$nb", Sql.Time(notBefore));
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
            using var command = ((SqliteWriteTransaction)tx).Connection.CreateCommand();
            command.CommandText = "DELETE FROM idempotency_keys WHERE created_at < $t";
            command.Parameters.Add("$t", Sql.Time(olderThan));
            return command.ExecuteNonQuery();
        });

    /// <summary>The SQLite library the store's connections run on (tests catch a downgrade).</summary>
    internal Task<string> SqliteVersionAsync() =>
        Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "SELECT sqlite_version()";
            return (string)command.ExecuteScalar()!;
        });

    public Task<bool> HoldsAsync(string job, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public void Dispose()
    {
        _credentialPoll.Dispose();
        _writer.Dispose();
        _checkpointer.Dispose();
        _readers.Dispose();
    }

    private static SqliteConnection OpenConnection(string connectionString, TimeSpan busyTimeout)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Sql.Execute(connection, "PRAGMA synchronous = FULL");
        Sql.Execute(connection, FormattableString.Invariant($"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}"));
        return connection;
    }

    private Task<T> Read<T>(Func<Statements, T> query)
    {
        try
        {
            return Task.FromResult(_readers.Read(query));
        }
        catch (SqliteException error) when (SqliteFaults.IsTransient(error))
        {
            throw SqliteFaults.Unavailable(error);
        }
    }

    /// <summary>The pool of read connections (tests look at what it keeps).</summary>
    internal ReaderPool Readers => _readers;
}
