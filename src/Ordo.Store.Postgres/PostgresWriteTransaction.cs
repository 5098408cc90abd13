using System.Data;

using Npgsql;

using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>
/// The writer connection's side of <see cref="IOrderTransaction"/>, at READ COMMITTED. Several
/// nodes write at once, so what a work reads to change is locked until the commit: the order it
/// finds and the balances it reads (<c>FOR UPDATE</c>), an external id it checks (an advisory lock
/// on the id). Ids come from sequences. The hot statements are prepared on the connection.
/// </summary>
internal sealed class PostgresWriteTransaction(NpgsqlConnection connection) : IOrderTransaction, IDisposable
{
    private NpgsqlTransaction? _transaction;
    private bool _kept;

    /// <summary>For store-level writes that are not order commands (idempotency records).</summary>
    public NpgsqlConnection Connection => connection;

    /// <summary>Npgsql sends the BEGIN with the first statement: no round trip of its own.</summary>
    public void Begin()
    {
        _transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        _kept = false;
    }

    /// <summary>The next work's savepoint; the work before it (kept) is released in the same round trip.</summary>
    public void Savepoint()
    {
        Run(_kept ? "RELEASE SAVEPOINT w; SAVEPOINT w" : "SAVEPOINT w");
        _kept = false;
    }

    /// <summary>The work is kept: its savepoint is released with the next one, or by the commit.</summary>
    public void Release() => _kept = true;

    /// <summary>Lock waits from here to the end of the transaction last at most <paramref name="wait"/>.</summary>
    public void ShortenLockWait(TimeSpan wait) =>
        Run(FormattableString.Invariant($"SET LOCAL lock_timeout = {Math.Max(1, (long)wait.TotalMilliseconds)}"));

    public void RollbackToSavepoint() => Run("ROLLBACK TO SAVEPOINT w; RELEASE SAVEPOINT w");

    public void Commit()
    {
        _kept = false;
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    /// <summary>Leaves the transaction if still in one; true when the connection is out of it and usable again.</summary>
    public bool RollbackQuietly()
    {
        _kept = false;
        try
        {
            _transaction?.Rollback();
            _transaction?.Dispose();
            _transaction = null;
            return connection.FullState == ConnectionState.Open;
        }
        catch (Exception)
        {
            // The connection is broken (the server went away): it is replaced.
            return false;
        }
    }

    /// <summary>
    /// An expired record under the same key is replaced; a live one is kept (first wins). Another
    /// node saving the same key at once waits for this insert's commit, then finds the key taken.
    /// </summary>
    public bool SaveIdempotency(IdempotencyRecord record)
    {
        using var command = Command(
            "INSERT INTO idempotency_keys (scope, key, request_hash, status_code, content_type, body, created_at) " +
            "VALUES (@s, @k, @h, @c, @t, @b, @at) ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, " +
            "status_code = excluded.status_code, content_type = excluded.content_type, body = excluded.body, " +
            "created_at = excluded.created_at WHERE idempotency_keys.created_at < @expired");
        var p = command.Parameters;
        p.Put("s", record.Scope);
        p.Put("k", record.Key);
        p.Put("h", record.RequestHash);
        p.Put("c", record.StatusCode);
        p.Put("t", record.ContentType);
        p.Put("b", record.Body);
        p.Put("at", record.CreatedAt);
        p.Put("expired", record.CreatedAt - IdempotencyRecord.Retention);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>One round trip, no block of ids kept: ids grow in the order orders are placed under their market's lock.</summary>
    public long NextOrderId() => Scalar("SELECT nextval('order_ids')");

    public long NextMovementId() => Scalar("SELECT nextval('movement_ids')");

    public Order? FindOrder(OrderRef reference, long? accountId)
    {
        if (reference is OrderRef.ByClientId byClient && accountId is { } owner)
        {
            // A place checks its client order id is free with this lookup: two nodes placing one id at once
            // would both find none. The second waits here until the first commits, then finds its order.
            LockValue($"client-order:{owner}:{byClient.ClientOrderId}");
        }

        if (reference is not OrderRef.ById byId)
        {
            // Any other reference names one row for good: find its id, then lock it as by id.
            return StoreReads.FindOrder(connection, reference, accountId) is { } found ? FindOrder(OrderRef.Of(found.Id), accountId) : null;
        }

        // The hot path (fill, cancel, expire by id): one round trip; no account means any.
        // The row stays locked until the commit: no other node fills or cancels it meanwhile.
        // An order on a market is locked after its market's row, in the order a place takes them (the
        // market's sequencer, then the makers it trades with): a cancel that locked the order first and
        // the sequencer second would deadlock with a place on another node matching against that order.
        using var command = Command(
            "SELECT 1 FROM markets WHERE name = (SELECT market FROM orders WHERE id = @id) FOR NO KEY UPDATE; " +
            $"SELECT {OrderRows.Columns} FROM orders WHERE id = @id AND (@scope::bigint IS NULL OR account_id = @scope) FOR UPDATE");
        command.Parameters.Put("id", byId.Id);
        command.Parameters.Put("scope", accountId);
        using var reader = command.ExecuteReader();
        reader.NextResult();
        return reader.Read() ? OrderRows.Read(reader) : null;
    }

    public void InsertOrder(Order order)
    {
        using var command = Command(OrderRows.Insert);
        OrderRows.Bind(command.Parameters, order);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<Order> ListOrders(OrderQuery query)
    {
        if (query.AttributeName is { } name && query.AttributeValue is { } value)
        {
            // A place that allows one open order per attribute value (a customer's e-mail) checks with this
            // lookup: the value is locked first, so a second node placing the same value waits and then sees it.
            LockValue($"attribute:{query.AccountId}:{query.Kind}:{name}:{value}");
        }

        return StoreReads.ListOrders(connection, query);
    }

    /// <summary>A transaction-scoped advisory lock on a value (a hash of it: a rare collision only makes two writes wait in turn).</summary>
    private void LockValue(string value)
    {
        using var command = Command("SELECT pg_advisory_xact_lock(hashtextextended(@v, 0))");
        command.Parameters.Put("v", value);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<Market> ListMarkets() => StoreReads.Markets(connection);

    public TradeRecord InsertTrade(TradeRecord trade)
    {
        using var command = Command(TradeRows.Insert);
        TradeRows.Bind(command.Parameters, trade);
        return trade with { Id = (long)command.ExecuteScalar()! };
    }

    public Payout InsertPayout(Payout payout)
    {
        using var command = Command(PayoutRows.Insert);
        PayoutRows.Bind(command.Parameters, payout);
        return payout with { Id = (long)command.ExecuteScalar()! };
    }

    public void UpdateOrder(Order order)
    {
        using var command = Command(OrderRows.Update);
        OrderRows.Bind(command.Parameters, order);
        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"order {order.Id} changed under the writer (version {order.Version})");
        }
    }

    public void AppendEvent(OrderEvent e)
    {
        using var command = Command(
            "INSERT INTO order_events (order_id, type, state, actor_kind, actor_account, reason, at, data) " +
            "VALUES (@order, @type, @state, @actor, @account, @reason, @at, @data)");
        var p = command.Parameters;
        p.Put("order", e.OrderId);
        p.Put("type", e.Type);
        p.Put("state", e.State.ToString());
        p.Put("actor", e.Actor.Kind.ToString());
        p.Put("account", e.Actor.AccountId);
        p.Put("reason", e.Reason);
        p.Put("at", e.At);
        p.PutJson("data", e.Data);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The balance, locked until the commit so two nodes never both add to the value they read. A
    /// balance the account never held is first inserted as an unsaved zero row (another node doing
    /// the same waits, then finds it), and that row is locked: the lock then covers new assets too.
    /// </summary>
    public Balance GetBalance(long accountId, string asset)
    {
        using var command = Command("SELECT available, locked FROM balances WHERE account_id = @a AND asset = @s FOR UPDATE");
        if (ReadBalance(command, accountId, asset) is { } balance)
        {
            return balance;
        }

        // Two statements in one round trip: the SELECT takes its own snapshot after the insert, so it sees a row another node committed meanwhile.
        using var create = Command(
            "INSERT INTO balances (account_id, asset, available, locked, saved) VALUES (@a, @s, 0, 0, false) ON CONFLICT (account_id, asset) DO NOTHING; " +
            "SELECT available, locked FROM balances WHERE account_id = @a AND asset = @s FOR UPDATE");
        return ReadBalance(create, accountId, asset) ?? throw new InvalidOperationException($"balance {accountId}/{asset} vanished while locking it");
    }

    public void SaveBalance(Balance balance)
    {
        using var command = Command(
            "INSERT INTO balances (account_id, asset, available, locked, saved) VALUES (@a, @s, @av, @lo, true) " +
            "ON CONFLICT (account_id, asset) DO UPDATE SET available = excluded.available, locked = excluded.locked, saved = true");
        var p = command.Parameters;
        p.Put("a", balance.AccountId);
        p.Put("s", balance.Asset);
        p.Put("av", balance.Available);
        p.Put("lo", balance.Locked);
        command.ExecuteNonQuery();
    }

    public void AppendLedger(LedgerEntry entry)
    {
        using var command = Command(
            "INSERT INTO ledger_entries (movement_id, account_id, asset, bucket, amount, order_id, reason, at) " +
            "VALUES (@m, @a, @s, @b, @amount, @o, @r, @at)");
        var p = command.Parameters;
        p.Put("m", entry.MovementId);
        p.Put("a", entry.AccountId);
        p.Put("s", entry.Asset);
        p.Put("b", entry.Bucket.ToString());
        p.Put("amount", entry.Amount);
        p.Put("o", entry.OrderId);
        p.Put("r", entry.Reason);
        p.Put("at", entry.At);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Takes a lock on the (scope, id) first and holds it until the commit: another node checking the
    /// same id waits, then sees this one's row, so the two never both pass. The check is a second
    /// statement (own snapshot, taken after the lock) in the same round trip.
    /// </summary>
    public bool HasExternalId(string scope, string externalId)
    {
        using var command = Command(
            "SELECT pg_advisory_xact_lock(hashtextextended(@s || chr(31) || @e, 0)); " +
            "SELECT EXISTS (SELECT 1 FROM external_ids WHERE scope = @s AND external_id = @e)");
        command.Parameters.Put("s", scope);
        command.Parameters.Put("e", externalId);
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return reader.GetBoolean(0);
    }

    public void RecordExternalId(string scope, string externalId)
    {
        using var command = Command("INSERT INTO external_ids (scope, external_id) VALUES (@s, @e)");
        command.Parameters.Put("s", scope);
        command.Parameters.Put("e", externalId);
        command.ExecuteNonQuery();
    }

    public Market? FindMarket(string name) => StoreReads.FindMarket(connection, name);

    /// <summary>A plain read: no lock, so a read of the book neither waits for another node's writes on the market nor moves its version.</summary>
    public long MarketVersion(string name)
    {
        using var command = Command("SELECT book_version FROM markets WHERE name = @n");
        command.Parameters.Put("n", name);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    /// <summary>The UPDATE locks the market's row to the end of the transaction: the market's sequencer, across nodes.</summary>
    public long SequenceMarket(string name)
    {
        using var command = Command("UPDATE markets SET book_version = book_version + 1 WHERE name = @n RETURNING book_version");
        command.Parameters.Put("n", name);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    public void SaveMarket(Market m)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO markets (name, base, quote, price_precision, volume_precision, min_volume, maker_fee, taker_fee) " +
            "VALUES (@n, @b, @q, @pp, @vp, @min, @maker, @taker) ON CONFLICT (name) DO UPDATE SET base = excluded.base, " +
            "quote = excluded.quote, price_precision = excluded.price_precision, volume_precision = excluded.volume_precision, " +
            "min_volume = excluded.min_volume, maker_fee = excluded.maker_fee, taker_fee = excluded.taker_fee, " +
            "book_version = markets.book_version + 1";
        var p = command.Parameters;
        p.Put("n", m.Name);
        p.Put("b", m.Base);
        p.Put("q", m.Quote);
        p.Put("pp", m.PricePrecision);
        p.Put("vp", m.VolumePrecision);
        p.Put("min", m.MinVolume);
        p.Put("maker", m.MakerFee);
        p.Put("taker", m.TakerFee);
        command.ExecuteNonQuery();
    }

    public Account? FindAccount(long id) => StoreReads.FindAccount(connection, id);

    /// <summary>Tenants' ids come from the accounts' identity, which starts at <see cref="SystemAccounts.FirstTenant"/>.</summary>
    public Account InsertAccount(string name, string? email, DateTimeOffset createdAt)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO accounts (name, email, created_at) VALUES (@n, @e, @t) RETURNING id";
        command.Parameters.Put("n", name);
        command.Parameters.Put("e", email);
        command.Parameters.Put("t", createdAt);
        var id = (long)command.ExecuteScalar()!;
        return new Account(id, name, email, Sql.Millis(createdAt));
    }

    public Credential? InsertCredential(Credential c)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO credentials (account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at, demo) " +
            "VALUES (@a, @d, @l, @h, @s, @scopes, @attrs, @t, @demo) ON CONFLICT (dialect, lookup_key) WHERE revoked_at IS NULL DO NOTHING RETURNING id";
        var p = command.Parameters;
        p.Put("a", c.AccountId);
        p.Put("d", c.Dialect);
        p.Put("l", c.LookupKey);
        p.Put("h", c.SecretHash);
        p.Put("s", c.SealedSecret);
        p.PutJsonList("scopes", c.Scopes);
        p.PutJson("attrs", c.Attributes);
        p.Put("t", c.CreatedAt);
        p.Put("demo", c.Demo);
        return command.ExecuteScalar() is long id ? c with { Id = id } : null;
    }

    public IReadOnlyList<Nonce> ListNonces(string kind, string owner)
    {
        using var command = Command(NonceRows.List);
        command.Parameters.Put("k", kind);
        command.Parameters.Put("o", owner);
        return NonceRows.Read(command, kind, owner);
    }

    public (int Count, DateTimeOffset? SoonestExpiry) CountNonces(string kind)
    {
        using var command = Command(NonceRows.Count);
        command.Parameters.Put("k", kind);
        using var reader = command.ExecuteReader();
        reader.Read();
        return ((int)reader.GetInt64(0), Sql.NullableTime(reader, 1));
    }

    public void InsertNonce(Nonce nonce)
    {
        using var command = Command(NonceRows.Insert);
        command.Parameters.Put("k", nonce.Kind);
        command.Parameters.Put("o", nonce.Owner);
        command.Parameters.Put("v", nonce.Value);
        command.Parameters.Put("e", nonce.ExpiresAt);
        command.ExecuteNonQuery();
    }

    /// <summary>Of two nodes deleting one nonce, the second waits for the first's commit and deletes nothing.</summary>
    public bool DeleteNonce(Nonce nonce)
    {
        using var command = Command(NonceRows.Delete);
        command.Parameters.Put("k", nonce.Kind);
        command.Parameters.Put("o", nonce.Owner);
        command.Parameters.Put("v", nonce.Value);
        return command.ExecuteNonQuery() == 1;
    }

    public int DeleteExpiredNonces(string kind, string? owner, DateTimeOffset now)
    {
        using var command = Command(NonceRows.DeleteExpired);
        command.Parameters.Put("k", kind);
        command.Parameters.Put("o", owner);
        command.Parameters.Put("now", now);
        return command.ExecuteNonQuery();
    }

    public Credential? FindCredential(long id) => StoreReads.GetCredential(connection, id, revokedToo: true);

    public void RevokeCredential(long id, DateTimeOffset revokedAt)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE credentials SET revoked_at = @t WHERE id = @id AND revoked_at IS NULL";
        command.Parameters.Put("t", revokedAt);
        command.Parameters.Put("id", id);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        connection.Dispose();
    }

    private static Balance? ReadBalance(NpgsqlCommand command, long accountId, string asset)
    {
        command.Parameters.Put("a", accountId);
        command.Parameters.Put("s", asset);
        using var reader = command.ExecuteReader();
        while (!reader.Read())
        {
            // The insert's (empty) result comes first when there is one.
            if (!reader.NextResult())
            {
                return null;
            }
        }

        return new Balance(accountId, asset, Sql.Decimal(reader, 0), Sql.Decimal(reader, 1));
    }

    /// <summary>
    /// A new command each time: Npgsql prepares a statement on the connection once it has been used
    /// twice (Max Auto Prepare), keyed by its text, so nothing is gained by keeping command objects.
    /// </summary>
    private NpgsqlCommand Command(string sql) => new(sql, connection);

    private void Run(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = Command(sql);
        return (long)command.ExecuteScalar()!;
    }
}
