using Microsoft.Data.Sqlite;

using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Sqlite;

/// <summary>
/// The writer connection's side of <see cref="IOrderTransaction"/>. Statements are prepared once
/// and reused: the writer is the hot path. After a work or a batch fails, every prepared statement
/// is dropped and prepared again on its next use, so a statement that failed is never reused. Id counters are read at the start of each batch, under
/// the write lock, so another process writing the same file (the <c>ordo</c> command) cannot
/// make them stale.
/// </summary>
internal sealed class SqliteWriteTransaction(SqliteConnection connection) : IOrderTransaction, IDisposable
{
    internal const string InsertExternalId = "INSERT INTO external_ids (scope, external_id) VALUES ($s, $e)";

    private readonly Statements _statements = new(connection);
    private long _nextOrderId;

    /// <summary>For store-level writes that are not order commands (idempotency records).</summary>
    public SqliteConnection Connection => connection;
    private long _nextMovementId;

    /// <summary>Whether a work of this batch issued or revoked a credential (so caches are emptied after it).</summary>
    public bool CredentialsChanged { get; private set; }

    /// <summary>After such a batch, the credentials' change counter as it committed (so the poll does not report it again).</summary>
    public long? CredentialVersion { get; private set; }

    public void Begin()
    {
        CredentialsChanged = false;
        CredentialVersion = null;
        Run("BEGIN IMMEDIATE");
        _nextOrderId = Scalar("SELECT coalesce(max(id), 0) FROM orders") + 1;
        _nextMovementId = Scalar("SELECT coalesce(max(movement_id), 0) FROM ledger_entries") + 1;
    }

    public void Savepoint() => Run("SAVEPOINT w");

    public void Release() => Run("RELEASE w");

    public void RollbackToSavepoint()
    {
        try
        {
            Run("ROLLBACK TO w");
            Run("RELEASE w");
        }
        finally
        {
            ForgetStatements();
        }
    }

    public void Commit()
    {
        if (CredentialsChanged)
        {
            CredentialVersion = Scalar("SELECT version FROM credential_changes WHERE id = 1");
        }

        Run("COMMIT");
    }

    /// <summary>Leaves the transaction if still in one; true when the connection is out of it (usable again).</summary>
    public bool RollbackQuietly()
    {
        ForgetStatements();
        try
        {
            if (InTransaction)
            {
                Run("ROLLBACK");
            }

            return !InTransaction;
        }
        catch (Exception)
        {
            // SQLite may have rolled back already on some errors, or the connection is broken: then it is replaced.
            return false;
        }
    }

    public bool SaveIdempotency(IdempotencyRecord record)
    {
        // An expired record under the same key is replaced; a live one is kept (first wins).
        var command = Prepared(
            "INSERT INTO idempotency_keys (scope, key, request_hash, status_code, content_type, body, created_at) " +
            "VALUES ($s, $k, $h, $c, $t, $b, $at) ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, " +
            "status_code = excluded.status_code, content_type = excluded.content_type, body = excluded.body, " +
            "created_at = excluded.created_at WHERE idempotency_keys.created_at < $expired");
        var p = command.Parameters;
        p.Add("$s", record.Scope);
        p.Add("$k", record.Key);
        p.Add("$h", record.RequestHash);
        p.Add("$c", record.StatusCode);
        p.Add("$t", record.ContentType);
        p.Add("$b", record.Body);
        p.Add("$at", Sql.Time(record.CreatedAt));
        p.Add("$expired", Sql.Time(record.CreatedAt - IdempotencyRecord.Retention));
        return command.ExecuteNonQuery() == 1;
    }

    private bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

    public long NextOrderId() => _nextOrderId++;

    public long NextMovementId() => _nextMovementId++;

    public Order? FindOrder(OrderRef reference, long? accountId)
    {
        if (reference is not OrderRef.ById byId)
        {
            return StoreReads.FindOrder(_statements, reference, accountId);
        }

        // The hot path (fill, cancel, expire by id): one statement, prepared once; no account means any.
        var command = Prepared($"SELECT {OrderRows.Columns} FROM orders WHERE id = $id AND ($scope IS NULL OR account_id = $scope)");
        command.Parameters.Add("$id", byId.Id);
        command.Parameters.Add("$scope", Sql.Nullable(accountId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? OrderRows.Read(reader) : null;
    }

    public void InsertOrder(Order order)
    {
        var command = Prepared(OrderRows.Insert);
        OrderRows.Bind(command.Parameters, order);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<Order> ListOrders(OrderQuery query) => StoreReads.ListOrders(_statements, query);

    public IReadOnlyList<Core.Matching.RestingOrder> ListRestingOrders(string market) => RestingOrderRows.List(_statements, market);

    public IReadOnlyList<Market> ListMarkets() => StoreReads.Markets(_statements);

    public TradeRecord InsertTrade(TradeRecord trade)
    {
        var command = Prepared(TradeRows.Insert);
        TradeRows.Bind(command.Parameters, trade);
        return trade with { Id = (long)command.ExecuteScalar()! };
    }

    public Payout InsertPayout(Payout payout)
    {
        var command = Prepared(PayoutRows.Insert);
        PayoutRows.Bind(command.Parameters, payout);
        return payout with { Id = (long)command.ExecuteScalar()! };
    }

    public void UpdateOrder(Order order)
    {
        var command = Prepared(OrderRows.Update);
        OrderRows.Bind(command.Parameters, order);
        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"order {order.Id} changed under the writer (version {order.Version})");
        }
    }

    public void AppendEvent(OrderEvent e)
    {
        var command = Prepared(
            "INSERT INTO order_events (order_id, type, state, actor_kind, actor_account, reason, at, data) " +
            "VALUES ($order, $type, $state, $actor, $account, $reason, $at, $data)");
        var p = command.Parameters;
        p.Add("$order", e.OrderId);
        p.Add("$type", e.Type);
        p.Add("$state", e.State.ToString());
        p.Add("$actor", e.Actor.Kind.ToString());
        p.Add("$account", Sql.Nullable(e.Actor.AccountId));
        p.Add("$reason", Sql.Nullable(e.Reason));
        p.Add("$at", Sql.Time(e.At));
        p.Add("$data", Sql.Json(e.Data));
        command.ExecuteNonQuery();
    }

    public Balance GetBalance(long accountId, string asset)
    {
        var command = Prepared("SELECT available, locked FROM balances WHERE account_id = $a AND asset = $s");
        command.Parameters.Add("$a", accountId);
        command.Parameters.Add("$s", asset);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Balance(accountId, asset, Sql.Decimal(reader, 0), Sql.Decimal(reader, 1))
            : new Balance(accountId, asset, 0m, 0m);
    }

    public void SaveBalance(Balance balance)
    {
        var command = Prepared(
            "INSERT INTO balances (account_id, asset, available, locked) VALUES ($a, $s, $av, $lo) " +
            "ON CONFLICT (account_id, asset) DO UPDATE SET available = excluded.available, locked = excluded.locked");
        var p = command.Parameters;
        p.Add("$a", balance.AccountId);
        p.Add("$s", balance.Asset);
        p.Add("$av", Sql.Text(balance.Available));
        p.Add("$lo", Sql.Text(balance.Locked));
        command.ExecuteNonQuery();
    }

    public void AppendLedger(LedgerEntry entry)
    {
        var command = Prepared(
            "INSERT INTO ledger_entries (movement_id, account_id, asset, bucket, amount, order_id, reason, at) " +
            "VALUES ($m, $a, $s, $b, $amount, $o, $r, $at)");
        var p = command.Parameters;
        p.Add("$m", entry.MovementId);
        p.Add("$a", entry.AccountId);
        p.Add("$s", entry.Asset);
        p.Add("$b", entry.Bucket.ToString());
        p.Add("$amount", Sql.Text(entry.Amount));
        p.Add("$o", Sql.Nullable(entry.OrderId));
        p.Add("$r", entry.Reason);
        p.Add("$at", Sql.Time(entry.At));
        command.ExecuteNonQuery();
    }

    public bool HasExternalId(string scope, string externalId)
    {
        var command = Prepared("SELECT 1 FROM external_ids WHERE scope = $s AND external_id = $e");
        command.Parameters.Add("$s", scope);
        command.Parameters.Add("$e", externalId);
        return command.ExecuteScalar() is not null;
    }

    public void RecordExternalId(string scope, string externalId)
    {
        var command = Prepared(InsertExternalId);
        command.Parameters.Add("$s", scope);
        command.Parameters.Add("$e", externalId);
        command.ExecuteNonQuery();
    }

    public Market? FindMarket(string name) => StoreReads.FindMarket(_statements, name);

    public long MarketVersion(string name)
    {
        var command = Prepared("SELECT book_version FROM markets WHERE name = $n");
        command.Parameters.Add("$n", name);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    public long SequenceMarket(string name)
    {
        // The writer holds SQLite's write lock already; the version still tells another process's books they are stale.
        var command = Prepared("UPDATE markets SET book_version = book_version + 1 WHERE name = $n RETURNING book_version");
        command.Parameters.Add("$n", name);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    public void SaveMarket(Market m)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO markets (name, base, quote, price_precision, volume_precision, min_volume, maker_fee, taker_fee) " +
            "VALUES ($n, $b, $q, $pp, $vp, $min, $maker, $taker) ON CONFLICT (name) DO UPDATE SET base = excluded.base, " +
            "quote = excluded.quote, price_precision = excluded.price_precision, volume_precision = excluded.volume_precision, " +
            "min_volume = excluded.min_volume, maker_fee = excluded.maker_fee, taker_fee = excluded.taker_fee, " +
            "book_version = markets.book_version + 1";
        var p = command.Parameters;
        p.Add("$n", m.Name);
        p.Add("$b", m.Base);
        p.Add("$q", m.Quote);
        p.Add("$pp", m.PricePrecision);
        p.Add("$vp", m.VolumePrecision);
        p.Add("$min", Sql.Text(m.MinVolume));
        p.Add("$maker", Sql.Text(m.MakerFee));
        p.Add("$taker", Sql.Text(m.TakerFee));
        command.ExecuteNonQuery();
    }

    public Account? FindAccount(long id) => StoreReads.FindAccount(_statements, id);

    public Account InsertAccount(string name, string? email, DateTimeOffset createdAt)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO accounts (id, name, email, created_at) " +
            "VALUES ((SELECT max(max(id) + 1, $first) FROM accounts), $n, $e, $t) RETURNING id";
        command.Parameters.Add("$first", SystemAccounts.FirstTenant);
        command.Parameters.Add("$n", name);
        command.Parameters.Add("$e", Sql.Nullable(email));
        command.Parameters.Add("$t", Sql.Time(createdAt));
        var id = (long)command.ExecuteScalar()!;
        return new Account(id, name, email, DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds()));
    }

    public Credential? InsertCredential(Credential c)
    {
        CredentialsChanged = true;
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO credentials (account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at, demo) " +
            "VALUES ($a, $d, $l, $h, $s, $scopes, $attrs, $t, $demo) ON CONFLICT (dialect, lookup_key) WHERE revoked_at IS NULL DO NOTHING RETURNING id";
        var p = command.Parameters;
        p.Add("$a", c.AccountId);
        p.Add("$d", c.Dialect);
        p.Add("$l", c.LookupKey);
        p.Add("$h", Sql.Nullable(c.SecretHash));
        p.Add("$s", Sql.Nullable(c.SealedSecret));
        p.Add("$scopes", System.Text.Json.JsonSerializer.Serialize(c.Scopes.ToList(), SqlJson.Default.ListString));
        p.Add("$attrs", Sql.Json(c.Attributes));
        p.Add("$t", Sql.Time(c.CreatedAt));
        p.Add("$demo", c.Demo ? 1 : 0);
        return command.ExecuteScalar() is long id ? c with { Id = id } : null;
    }

    public IReadOnlyList<Nonce> ListNonces(string kind, string owner)
    {
        var command = Prepared(NonceRows.List);
        command.Parameters.Add("$k", kind);
        command.Parameters.Add("$o", owner);
        return NonceRows.Read(command, kind, owner);
    }

    public (int Count, DateTimeOffset? SoonestExpiry) CountNonces(string kind)
    {
        var command = Prepared(NonceRows.Count);
        command.Parameters.Add("$k", kind);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), Sql.NullableTime(reader, 1));
    }

    public void InsertNonce(Nonce nonce)
    {
        var command = Prepared(NonceRows.Insert);
        command.Parameters.Add("$k", nonce.Kind);
        command.Parameters.Add("$o", nonce.Owner);
        command.Parameters.Add("$v", nonce.Value);
        command.Parameters.Add("$e", Sql.Time(nonce.ExpiresAt));
        command.ExecuteNonQuery();
    }

    public bool DeleteNonce(Nonce nonce)
    {
        var command = Prepared(NonceRows.Delete);
        command.Parameters.Add("$k", nonce.Kind);
        command.Parameters.Add("$o", nonce.Owner);
        command.Parameters.Add("$v", nonce.Value);
        return command.ExecuteNonQuery() == 1;
    }

    public int DeleteExpiredNonces(string kind, string? owner, DateTimeOffset now)
    {
        var command = Prepared(NonceRows.DeleteExpired);
        command.Parameters.Add("$k", kind);
        command.Parameters.Add("$o", Sql.Nullable(owner));
        command.Parameters.Add("$now", Sql.Time(now));
        return command.ExecuteNonQuery();
    }

    public Credential? FindCredential(long id) => StoreReads.Credential(_statements, "id = $id", ("$id", id));

    public void RevokeCredential(long id, DateTimeOffset revokedAt)
    {
        CredentialsChanged = true;
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE credentials SET revoked_at = $t WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.Add("$t", Sql.Time(revokedAt));
        command.Parameters.Add("$id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>Whether a statement is prepared and kept (tests).</summary>
    internal bool IsPrepared(string sql) => _statements.Holds(sql);

    public void Dispose()
    {
        ForgetStatements();
        connection.Dispose();
    }

    private void ForgetStatements() => _statements.Forget();

    private SqliteCommand Prepared(string sql) => _statements.For(sql);

    private void Run(string sql)
    {
        var command = Prepared(sql);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        var command = Prepared(sql);
        return (long)command.ExecuteScalar()!;
    }
}
