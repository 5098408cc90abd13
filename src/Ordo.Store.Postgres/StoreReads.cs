using System.Text;

using Npgsql;

using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>
/// Queries shared by the writer (inside its transaction) and the readers (committed data). Same
/// filters, cursors and order as SQLite's; text is ordered bytewise (COLLATE "C"), as SQLite does,
/// whatever the database's collation.
/// </summary>
internal static class StoreReads
{
    /// <param name="forUpdate">In a write: lock the row until the commit, so no other node changes the order meanwhile.</param>
    public static SqlQuery<Order> FindOrder(NpgsqlConnection connection, OrderRef reference, long? accountId, bool forUpdate = false)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {OrderRows.Columns} FROM orders WHERE {OrderRows.Where(reference, command.Parameters, accountId)} ORDER BY id LIMIT 1" +
            (forUpdate ? " FOR UPDATE" : "");
        return new(command, OrderRows.Read);
    }

    public static SqlQuery<Order> ListOrders(NpgsqlConnection connection, OrderQuery q)
    {
        var command = connection.CreateCommand();
        var where = Filter(q, command.Parameters);
        var oldestFirst = q.Sort == OrderSort.OldestFirst;
        if (q.BeforeId is { } before)
        {
            where.Append(oldestFirst ? " AND id > @cursor" : " AND id < @cursor");
            command.Parameters.Put("cursor", before);
        }

        // Nulls where SQLite puts them (first when ascending): orders without a price.
        var orderBy = q.Sort switch
        {
            OrderSort.OldestFirst => "id ASC",
            OrderSort.PriceHighFirst => "price DESC NULLS LAST, id ASC",
            OrderSort.PriceLowFirst => "price ASC NULLS FIRST, id ASC",
            OrderSort.Any => null,
            _ => "id DESC",
        };
        command.Parameters.Put("limit", q.Limit);
        command.Parameters.Put("offset", q.Offset);
        command.CommandText = $"SELECT {OrderRows.Columns} FROM orders WHERE {where}{(orderBy is null ? "" : " ORDER BY " + orderBy)} LIMIT @limit OFFSET @offset";
        return new(command, OrderRows.Read);
    }

    /// <summary>How many orders match the query's filters (cursor, limit and offset ignored).</summary>
    public static SqlQuery<int> CountOrders(NpgsqlConnection connection, OrderQuery q)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM orders WHERE {Filter(q, command.Parameters)}";
        return new(command, r => (int)r.GetInt64(0));
    }

    private static StringBuilder Filter(OrderQuery q, NpgsqlParameterCollection p)
    {
        var where = new StringBuilder("true");
        if (q.AccountId is { } account)
        {
            where.Append(" AND account_id = @account");
            p.Put("account", account);
        }

        if (q.States is { Count: 1 } one)
        {
            // One state (a book's open orders): an equality, so the open-book index also gives id order.
            where.Append(" AND state = @state");
            p.Put("state", one[0].ToString());
        }
        else if (q.States is { Count: > 1 } states)
        {
            where.Append(" AND state = ANY(@states)");
            p.PutArray("states", states.Select(s => s.ToString()).ToArray());
        }

        if (q.Ids is { Count: > 0 } ids)
        {
            where.Append(" AND id = ANY(@ids)");
            p.PutArray("ids", ids.ToArray());
        }

        AddFilter(where, p, "kind", q.Kind?.ToString());
        AddFilter(where, p, "market", q.Market);
        AddFilter(where, p, "side", q.Side?.ToString());
        AddFilter(where, p, "type", q.Type?.ToString());
        AddFilter(where, p, "number", q.Number);
        if (q.Search is { } search)
        {
            // strpos() rather than LIKE: the text is matched literally, % and _ included.
            where.Append(" AND (strpos(lower(number), lower(@search)) > 0");
            if (q.SearchAttribute is { } attribute)
            {
                where.Append(" OR strpos(lower(coalesce(attributes ->> @search_attr, '')), lower(@search)) > 0");
                p.Put("search_attr", attribute);
            }

            where.Append(')');
            p.Put("search", search);
        }

        AddFilter(where, p, "dialect", q.Dialect);
        if (q.AttributeName is { } name)
        {
            // Containment, which the GIN index on attributes answers; attribute values are strings, so no value matches null.
            if (q.AttributeValue is { } value)
            {
                where.Append(" AND attributes @> @attr");
                p.PutJson("attr", new Dictionary<string, string> { [name] = value });
            }
            else
            {
                where.Append(" AND false");
            }
        }

        if (q.CreatedFrom is { } from)
        {
            where.Append(" AND created_at >= @from");
            p.Put("from", from);
        }

        if (q.CreatedTo is { } to)
        {
            where.Append(" AND created_at <= @to");
            p.Put("to", to);
        }

        return where;
    }

    public static SqlQuery<OrderEvent> Events(NpgsqlConnection connection, long orderId)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, type, state, actor_kind, actor_account, reason, at, data FROM order_events WHERE order_id = @o ORDER BY seq";
        command.Parameters.Put("o", orderId);
        return new(command, r => new OrderEvent(
                orderId,
                r.GetString(1),
                Enum.Parse<OrderState>(r.GetString(2)),
                new Actor(Enum.Parse<ActorKind>(r.GetString(3)), Sql.NullableLong(r, 4)),
                Sql.NullableString(r, 5),
                Sql.Time(r, 6),
                Sql.ReadJson(r.GetString(7)))
            { Sequence = r.GetInt64(0) });
    }

    public static SqlQuery<long> DueOrderIds(NpgsqlConnection connection, DateTimeOffset now, int max)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM orders WHERE expires_at IS NOT NULL AND expires_at <= @now ORDER BY expires_at, id LIMIT @max";
        command.Parameters.Put("now", now);
        command.Parameters.Put("max", max);
        return new(command, r => r.GetInt64(0));
    }

    /// <summary>Saved balances only: a zero row a write inserted just to lock it is not a balance (see migration 001).</summary>
    public static SqlQuery<Balance> Balances(NpgsqlConnection connection, long accountId)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT asset, available, locked FROM balances WHERE account_id = @a AND saved ORDER BY asset COLLATE \"C\"";
        command.Parameters.Put("a", accountId);
        return new(command, r => new Balance(accountId, r.GetString(0), Sql.Decimal(r, 1), Sql.Decimal(r, 2)));
    }

    public static SqlQuery<LedgerEntry> Ledger(NpgsqlConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT movement_id, account_id, asset, bucket, amount, order_id, reason, at FROM ledger_entries ORDER BY id";
        return new(command, r => new LedgerEntry(
                r.GetInt64(0), r.GetInt64(1), r.GetString(2), Enum.Parse<Bucket>(r.GetString(3)), Sql.Decimal(r, 4),
                Sql.NullableLong(r, 5), r.GetString(6), Sql.Time(r, 7)));
    }

    public static SqlQuery<Account> FindAccount(NpgsqlConnection connection, long id)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, email, created_at FROM accounts WHERE id = @id";
        command.Parameters.Put("id", id);
        return new(command, r => new Account(r.GetInt64(0), r.GetString(1), Sql.NullableString(r, 2), Sql.Time(r, 3)));
    }

    public static SqlQuery<Market> FindMarket(NpgsqlConnection connection, string name) => ReadMarkets(connection, name);

    public static SqlQuery<Market> Markets(NpgsqlConnection connection) => ReadMarkets(connection, null);

    public static SqlQuery<long> MarketVersion(NpgsqlConnection connection, string name)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT book_version FROM markets WHERE name = @n";
        command.Parameters.Put("n", name);
        return new(command, r => r.GetInt64(0));
    }

    private static SqlQuery<Market> ReadMarkets(NpgsqlConnection connection, string? name)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT name, base, quote, price_precision, volume_precision, min_volume, maker_fee, taker_fee FROM markets" +
            (name is null ? " ORDER BY name COLLATE \"C\"" : " WHERE name = @n");
        if (name is not null)
        {
            command.Parameters.Put("n", name);
        }

        return new(command, r => new Market(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), Sql.Decimal(r, 5), Sql.Decimal(r, 6), Sql.Decimal(r, 7)));
    }

    /// <summary>The live credential of the dialect with this key: the partial unique index answers it.</summary>
    public static SqlQuery<Credential> FindCredential(NpgsqlConnection connection, string dialect, string lookupKey)
    {
        var command = connection.CreateCommand();
        command.Parameters.Put("d", dialect);
        command.Parameters.Put("l", lookupKey);
        return Credential(command, "dialect = @d AND lookup_key = @l AND revoked_at IS NULL");
    }

    public static SqlQuery<Credential> GetCredential(NpgsqlConnection connection, long id, bool revokedToo = false)
    {
        var command = connection.CreateCommand();
        command.Parameters.Put("id", id);
        return Credential(command, revokedToo ? "id = @id" : "id = @id AND revoked_at IS NULL");
    }

    private static SqlQuery<Credential> Credential(NpgsqlCommand command, string where)
    {
        command.CommandText =
            "SELECT id, account_id, dialect, lookup_key, secret_hash, sealed_secret, scopes, attributes, created_at, demo, revoked_at " +
            $"FROM credentials WHERE {where}";
        return new(command, r => new Credential(
                r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Sql.NullableString(r, 4), Sql.NullableString(r, 5),
                Sql.ReadJsonList(r.GetString(6)), Sql.ReadJson(r.GetString(7)), Sql.Time(r, 8))
            {
                Demo = r.GetBoolean(9),
                RevokedAt = Sql.NullableTime(r, 10),
            });
    }

    private static void AddFilter(StringBuilder where, NpgsqlParameterCollection p, string column, string? value)
    {
        if (value is not null)
        {
            where.Append($" AND {column} = @{column}");
            p.Put(column, value);
        }
    }
}
