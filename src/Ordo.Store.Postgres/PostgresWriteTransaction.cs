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
/// <para>
/// Statements whose results the work does not need at once are queued (<see cref="PendingWrites"/>)
/// and go with the next statement that answers, or with <see cref="Flush"/> at the end of the work.
/// Reads that are not on the hot path send the queue first, then run on their own.
/// </para>
/// </summary>
internal sealed class PostgresWriteTransaction(NpgsqlConnection connection) : IOrderTransaction, IDisposable
{
    private const int MovementIdBlock = 64;

    private readonly PendingWrites _pending = new(connection);

    // The balances this transaction holds locked, as it last saw or saved them: a row read FOR UPDATE
    // cannot change under us until the commit, so reading it again is free. Dropped when a work is
    // rolled back to its savepoint (the locks it took are gone with it) and at every transaction's end.
    private readonly Dictionary<(long AccountId, string Asset), Balance> _balances = [];

    private readonly Queue<long> _movementIds = new();
    private NpgsqlTransaction? _transaction;
    private bool _kept;
    private int _savepointMark;
    private int _savepointSends;

    /// <summary>For store-level writes that are not order commands: the connection, the queued statements sent first.</summary>
    public NpgsqlConnection Connection => Flushed;

    /// <summary>
    /// Whether a work of this batch issued or revoked a credential (so caches are emptied after it). Every
    /// write to credentials here must set it: this node's cache is emptied before the answer, while the
    /// listener hears the commit's notification only afterwards.
    /// </summary>
    public bool CredentialsChanged { get; private set; }

    /// <summary>Npgsql sends the BEGIN with the first statement: no round trip of its own.</summary>
    public void Begin()
    {
        CredentialsChanged = false;
        _transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        _kept = false;
        _balances.Clear();
    }

    /// <summary>The next work's savepoint, queued; the work before it (kept) is released with it.</summary>
    public void Savepoint()
    {
        if (_kept)
        {
            _pending.Queue("RELEASE SAVEPOINT w");
        }

        _pending.Queue("SAVEPOINT w");
        _kept = false;
        _savepointMark = _pending.Count;
        _savepointSends = _pending.Sends;
    }

    /// <summary>The end of a work: what it queued is sent, so a failure in it is still the work's.</summary>
    public void Flush() => _pending.Flush();

    /// <summary>The work is kept: its savepoint is released with the next one, or by the commit.</summary>
    public void Release() => _kept = true;

    /// <summary>Lock waits from here to the end of the transaction last at most <paramref name="wait"/> (queued).</summary>
    public void ShortenLockWait(TimeSpan wait) =>
        _pending.Queue(FormattableString.Invariant($"SET LOCAL lock_timeout = {Math.Max(1, (long)wait.TotalMilliseconds)}"));

    /// <summary>
    /// The work's statements not yet sent are dropped (the savepoint's own are kept if not sent
    /// either); then back to the savepoint, in one round trip.
    /// </summary>
    public void RollbackToSavepoint()
    {
        _pending.TruncateTo(_pending.Sends == _savepointSends ? _savepointMark : 0);
        _pending.Queue("ROLLBACK TO SAVEPOINT w");
        _pending.Queue("RELEASE SAVEPOINT w");
        _balances.Clear();
        _pending.Flush();
    }

    public void Commit()
    {
        _kept = false;
        _balances.Clear();
        _pending.Flush();
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    /// <summary>Leaves the transaction if still in one; true when the connection is out of it and usable again.</summary>
    public bool RollbackQuietly()
    {
        _kept = false;
        _balances.Clear();
        _pending.TruncateTo(0);
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
        var command = Answering(
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
        return _pending.Execute(command) == 1;
    }

    /// <summary>One round trip, no block of ids kept: ids grow in the order orders are placed under their market's lock.</summary>
    public long NextOrderId() => Scalar("SELECT nextval('order_ids')");

    /// <summary>
    /// From a block of ids taken from the sequence at once, kept across transactions (a sequence is
    /// not rolled back anyway). Movement ids only tie a movement's two legs together: they must be
    /// unique, not in commit order across nodes or writers, and nothing reads them in order (the
    /// ledger is listed by its rows' own ids; the tests group legs by movement id).
    /// </summary>
    public long NextMovementId()
    {
        if (_movementIds.Count == 0)
        {
            var command = Answering($"SELECT nextval('movement_ids') FROM generate_series(1, {MovementIdBlock})");
            using var reader = _pending.Send(command);
            while (reader.Read())
            {
                _movementIds.Enqueue(reader.GetInt64(0));
            }
        }

        return _movementIds.Dequeue();
    }

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
            return StoreReads.FindOrder(Flushed, reference, accountId).First() is { } found ? FindOrder(OrderRef.Of(found.Id), accountId) : null;
        }

        // The hot path (fill, cancel, expire by id): one round trip; no account means any.
        // The row stays locked until the commit: no other node fills or cancels it meanwhile.
        // An order on a market is locked after its market's row, in the order a place takes them (the
        // market's sequencer, then the makers it trades with): a cancel that locked the order first and
        // the sequencer second would deadlock with a place on another node matching against that order.
        var market = Answering("SELECT 1 FROM markets WHERE name = (SELECT market FROM orders WHERE id = @id) FOR NO KEY UPDATE");
        market.Parameters.Put("id", byId.Id);
        var order = Answering($"SELECT {OrderRows.Columns} FROM orders WHERE id = @id AND (@scope::bigint IS NULL OR account_id = @scope) FOR UPDATE");
        order.Parameters.Put("id", byId.Id);
        order.Parameters.Put("scope", accountId);
        using var reader = _pending.Send(market, order);
        reader.NextResult();
        return reader.Read() ? OrderRows.Read(reader) : null;
    }

    public void InsertOrder(Order order) => OrderRows.Bind(_pending.Queue(OrderRows.Insert), order);

    public IReadOnlyList<Order> ListOrders(OrderQuery query)
    {
        if (query.AttributeName is { } name && query.AttributeValue is { } value)
        {
            // A place that allows one open order per attribute value (a customer's e-mail) checks with this
            // lookup: the value is locked first, so a second node placing the same value waits and then sees it.
            LockValue($"attribute:{query.AccountId}:{query.Kind}:{name}:{value}");
        }

        return StoreReads.ListOrders(Flushed, query).List();
    }

    public IReadOnlyList<Core.Matching.RestingOrder> ListRestingOrders(string market) => RestingOrderRows.List(Flushed, market);

    /// <summary>A transaction-scoped advisory lock on a value (a hash of it: a rare collision only makes two writes wait in turn).</summary>
    private void LockValue(string value)
    {
        using var command = Command("SELECT pg_advisory_xact_lock(hashtextextended(@v, 0))");
        command.Parameters.Put("v", value);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<Market> ListMarkets() => StoreReads.Markets(Flushed).List();

    public TradeRecord InsertTrade(TradeRecord trade)
    {
        var command = Answering(TradeRows.Insert);
        TradeRows.Bind(command.Parameters, trade);
        return trade with { Id = (long)_pending.Scalar(command)! };
    }

    public Payout InsertPayout(Payout payout)
    {
        var command = Answering(PayoutRows.Insert);
        PayoutRows.Bind(command.Parameters, payout);
        return payout with { Id = (long)_pending.Scalar(command)! };
    }

    /// <summary>Queued: the one-row check runs when the statement has run, still inside the work.</summary>
    public void UpdateOrder(Order order)
    {
        var (id, version) = (order.Id, order.Version);
        var parameters = _pending.Queue(OrderRows.Update, rows =>
        {
            if (rows != 1)
            {
                throw new InvalidOperationException($"order {id} changed under the writer (version {version})");
            }
        });
        OrderRows.Bind(parameters, order);
    }

    public void AppendEvent(OrderEvent e)
    {
        var p = _pending.Queue(
            "INSERT INTO order_events (order_id, type, state, actor_kind, actor_account, reason, at, data) " +
            "VALUES (@order, @type, @state, @actor, @account, @reason, @at, @data)");
        p.Put("order", e.OrderId);
        p.Put("type", e.Type);
        p.Put("state", e.State.ToString());
        p.Put("actor", e.Actor.Kind.ToString());
        p.Put("account", e.Actor.AccountId);
        p.Put("reason", e.Reason);
        p.Put("at", e.At);
        p.PutJson("data", e.Data);
    }

    /// <summary>
    /// The balance, locked until the commit so two nodes never both add to the value they read. A
    /// balance the account never held is first inserted as an unsaved zero row (another node doing
    /// the same waits, then finds it), and that row is locked: the lock then covers new assets too.
    /// </summary>
    public Balance GetBalance(long accountId, string asset)
    {
        if (_balances.TryGetValue((accountId, asset), out var held))
        {
            return held;
        }

        var balance = ReadBalance(accountId, asset, Answering(LockBalance)) ?? CreateBalance(accountId, asset);
        _balances[(accountId, asset)] = balance;
        return balance;
    }

    private Balance CreateBalance(long accountId, string asset)
    {
        // Two statements in one round trip: the SELECT takes its own snapshot after the insert, so it sees a row another node committed meanwhile.
        var create = Answering("INSERT INTO balances (account_id, asset, available, locked, saved) VALUES (@a, @s, 0, 0, false) ON CONFLICT (account_id, asset) DO NOTHING");
        return ReadBalance(accountId, asset, create, Answering(LockBalance)) ?? throw new InvalidOperationException($"balance {accountId}/{asset} vanished while locking it");
    }

    /// <summary>Queued; the transaction's copy is the saved value (the upsert locks the row, if the work had not already).</summary>
    public void SaveBalance(Balance balance)
    {
        _balances[(balance.AccountId, balance.Asset)] = balance;
        var p = _pending.Queue(
            "INSERT INTO balances (account_id, asset, available, locked, saved) VALUES (@a, @s, @av, @lo, true) " +
            "ON CONFLICT (account_id, asset) DO UPDATE SET available = excluded.available, locked = excluded.locked, saved = true");
        p.Put("a", balance.AccountId);
        p.Put("s", balance.Asset);
        p.Put("av", balance.Available);
        p.Put("lo", balance.Locked);
    }

    public void AppendLedger(LedgerEntry entry)
    {
        var p = _pending.Queue(
            "INSERT INTO ledger_entries (movement_id, account_id, asset, bucket, amount, order_id, reason, at) " +
            "VALUES (@m, @a, @s, @b, @amount, @o, @r, @at)");
        p.Put("m", entry.MovementId);
        p.Put("a", entry.AccountId);
        p.Put("s", entry.Asset);
        p.Put("b", entry.Bucket.ToString());
        p.Put("amount", entry.Amount);
        p.Put("o", entry.OrderId);
        p.Put("r", entry.Reason);
        p.Put("at", entry.At);
    }

    /// <summary>
    /// Takes a lock on the (scope, id) first and holds it until the commit: another node checking the
    /// same id waits, then sees this one's row, so the two never both pass. The check is a second
    /// statement (own snapshot, taken after the lock) in the same round trip.
    /// </summary>
    public bool HasExternalId(string scope, string externalId)
    {
        var lockId = Answering("SELECT pg_advisory_xact_lock(hashtextextended(@s || chr(31) || @e, 0))");
        lockId.Parameters.Put("s", scope);
        lockId.Parameters.Put("e", externalId);
        var exists = Answering("SELECT EXISTS (SELECT 1 FROM external_ids WHERE scope = @s AND external_id = @e)");
        exists.Parameters.Put("s", scope);
        exists.Parameters.Put("e", externalId);
        using var reader = _pending.Send(lockId, exists);
        reader.NextResult();
        reader.Read();
        return reader.GetBoolean(0);
    }

    public void RecordExternalId(string scope, string externalId)
    {
        var p = _pending.Queue("INSERT INTO external_ids (scope, external_id) VALUES (@s, @e)");
        p.Put("s", scope);
        p.Put("e", externalId);
    }

    public Market? FindMarket(string name) => StoreReads.FindMarket(Flushed, name).First();

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
        var command = Answering("UPDATE markets SET book_version = book_version + 1 WHERE name = @n RETURNING book_version");
        command.Parameters.Put("n", name);
        return _pending.Scalar(command) is long version ? version : 0;
    }

    public void SaveMarket(Market m)
    {
        var p = _pending.Queue(
            "INSERT INTO markets (name, base, quote, price_precision, volume_precision, min_volume, maker_fee, taker_fee) " +
            "VALUES (@n, @b, @q, @pp, @vp, @min, @maker, @taker) ON CONFLICT (name) DO UPDATE SET base = excluded.base, " +
            "quote = excluded.quote, price_precision = excluded.price_precision, volume_precision = excluded.volume_precision, " +
            "min_volume = excluded.min_volume, maker_fee = excluded.maker_fee, taker_fee = excluded.taker_fee, " +
            "book_version = markets.book_version + 1");
        p.Put("n", m.Name);
        p.Put("b", m.Base);
        p.Put("q", m.Quote);
        p.Put("pp", m.PricePrecision);
        p.Put("vp", m.VolumePrecision);
        p.Put("min", m.MinVolume);
        p.Put("maker", m.MakerFee);
        p.Put("taker", m.TakerFee);
    }

    public Account? FindAccount(long id) => StoreReads.FindAccount(Flushed, id).First();

    /// <summary>Tenants' ids come from the accounts' identity, which starts at <see cref="SystemAccounts.FirstTenant"/>.</summary>
    public Account InsertAccount(string name, string? email, DateTimeOffset createdAt)
    {
        using var command = Flushed.CreateCommand();
        command.CommandText = "INSERT INTO accounts (name, email, created_at) VALUES (@n, @e, @t) RETURNING id";
        command.Parameters.Put("n", name);
        command.Parameters.Put("e", email);
        command.Parameters.Put("t", createdAt);
        var id = (long)command.ExecuteScalar()!;
        return new Account(id, name, email, Sql.Millis(createdAt));
    }

    public Credential? InsertCredential(Credential c)
    {
        CredentialsChanged = true;
        using var command = Flushed.CreateCommand();
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
        var p = _pending.Queue(NonceRows.Insert);
        p.Put("k", nonce.Kind);
        p.Put("o", nonce.Owner);
        p.Put("v", nonce.Value);
        p.Put("e", nonce.ExpiresAt);
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

    public Credential? FindCredential(long id) => StoreReads.GetCredential(Flushed, id, revokedToo: true).First();

    public void RevokeCredential(long id, DateTimeOffset revokedAt)
    {
        CredentialsChanged = true;
        var p = _pending.Queue("UPDATE credentials SET revoked_at = @t WHERE id = @id AND revoked_at IS NULL");
        p.Put("t", revokedAt);
        p.Put("id", id);
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        connection.Dispose();
    }

    private const string LockBalance = "SELECT available, locked FROM balances WHERE account_id = @a AND asset = @s FOR UPDATE";

    private Balance? ReadBalance(long accountId, string asset, params NpgsqlBatchCommand[] commands)
    {
        foreach (var command in commands)
        {
            command.Parameters.Put("a", accountId);
            command.Parameters.Put("s", asset);
        }

        using var reader = _pending.Send(commands);
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
    private NpgsqlCommand Command(string sql) => new(sql, Flushed);

    /// <summary>A statement that answers: sent with the queued ones (see <see cref="PendingWrites.Send"/>).</summary>
    private static NpgsqlBatchCommand Answering(string sql) => new(sql);

    /// <summary>The connection for a statement run on its own: the queued ones are sent first.</summary>
    private NpgsqlConnection Flushed
    {
        get
        {
            _pending.Flush();
            return connection;
        }
    }

    private long Scalar(string sql) => (long)_pending.Scalar(Answering(sql))!;
}
